"""Planning a casusoverleg, putting cases on its agenda and inviting partners per item. Each
change is atomic, refused with a Dutch message where it may not happen, and stamped with
who and why in the history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import AgendaItem, Invitation, Meeting
from pga.history import require_reason, save_with_history
from pga.locking import only_fields, save_edit

MEETING_FIELDS = ("kind", "starts_at", "location", "chair", "minute_taker", "youth_group")


@transaction.atomic
def plan_meeting(*, by, reason: str = "", **fields) -> Meeting:
    only_fields(fields, MEETING_FIELDS, "plan_meeting")
    meeting = Meeting(**fields)
    save_with_history(meeting, by=by, reason=reason or _("Casusoverleg gepland"))
    return meeting


def _refuse_if_final(meeting: Meeting):
    if meeting.is_final:
        raise ValidationError(_("Het verslag van dit overleg is definitief; de agenda ligt vast."))


@transaction.atomic
def add_agenda_item(meeting: Meeting, case, *, by, question: str, reason: str = "") -> AgendaItem:
    """Put ``case`` on the agenda, last, with the question for the table."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_if_final(meeting)
    if case.is_closed:
        raise ValidationError({"case": _("Deze casus is afgesloten.")})
    if meeting.items.filter(case=case).exists():
        raise ValidationError({"case": _("Deze casus staat al op de agenda.")})
    item = AgendaItem(
        meeting=meeting, case=case, question=question, position=meeting.items.count() + 1
    )
    save_with_history(item, by=by, reason=reason or _("Casus op de agenda gezet"))
    return item


@transaction.atomic
def invite_partner(item: AgendaItem, partner, *, by, reason: str = "") -> Invitation:
    """Invite ``partner`` for one item. Only a partner actively involved in the item's case
    may come to the table for it: the invitation shows them the case's question."""
    item = AgendaItem.objects.select_for_update().select_related("meeting", "case").get(pk=item.pk)
    _refuse_if_final(item.meeting)
    if not item.case.involvements.active().filter(partner=partner).exists():
        raise ValidationError(
            {"partner": _("%s is niet betrokken bij deze casus en kan niet worden uitgenodigd.")
             % partner}
        )  # fmt: skip
    if item.invitations.filter(partner=partner).exists():
        raise ValidationError({"partner": _("Deze partner is al uitgenodigd voor dit punt.")})
    invitation = Invitation(item=item, partner=partner)
    save_with_history(invitation, by=by, reason=reason or _("Uitgenodigd voor het agendapunt"))
    return invitation


@transaction.atomic
def record_minutes(
    item: AgendaItem, *, by, minutes: str, expected_version=None, reason: str = ""
) -> AgendaItem:
    """The verslag of one item. A draft until the meeting's verslag is final; after that it
    changes only with a reason."""
    if item.meeting.is_final:
        require_reason(reason)
    return save_edit(
        item,
        by=by,
        reason=reason or _("Verslag bijgewerkt"),
        expected_version=expected_version,
        fields={"minutes": minutes},
        allowed=("minutes",),
    )


@transaction.atomic
def finalise_meeting(meeting: Meeting, *, by, reason: str = "") -> Meeting:
    """Make the verslag final: the agenda is fixed, and a later change needs a reason."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_final:
        raise ValidationError(_("Het verslag van dit overleg is al definitief."))
    meeting.finalised_at = timezone.now()
    save_with_history(meeting, by=by, reason=reason or _("Verslag definitief gemaakt"))
    return meeting

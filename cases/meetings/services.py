"""Planning a casusoverleg, putting cases on its agenda and inviting partners per item. Each
change is atomic, refused with a Dutch message where it may not happen, and stamped with
who and why in the history. A cancelled (afgelast) meeting no longer changes at all."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.casefile.services import change_status, update_case
from cases.models import (
    AgendaItem,
    Case,
    CaseStatus,
    ClosureReason,
    Decision,
    DecisionKind,
    InformationLevel,
    Invitation,
    Meeting,
)
from cases.notifications import events
from pga.history import current_moment, require_reason, save_with_history
from pga.locking import only_fields, save_edit

MEETING_FIELDS = (
    "kind",
    "starts_at",
    "location",
    "chair",
    "minute_taker",
    "youth_group",
    "group_question",
)


@transaction.atomic
def plan_meeting(*, by, reason: str = "", **fields) -> Meeting:
    only_fields(fields, MEETING_FIELDS, "plan_meeting")
    meeting = Meeting(**fields)
    save_with_history(meeting, by=by, reason=reason or _("Casusoverleg gepland"))
    return meeting


@transaction.atomic
def update_meeting(
    meeting: Meeting, *, by, reason: str = "", expected_version=None, **fields
) -> Meeting:
    """Move or change a meeting (date, place, chair, minute-taker); not after its verslag
    is final or after it was cancelled."""
    _refuse_if_final(meeting)
    when_and_where = ("starts_at", "location")
    before = Meeting.objects.filter(pk=meeting.pk).values_list(*when_and_where).get()
    meeting = save_edit(
        meeting,
        by=by,
        reason=reason or _("Casusoverleg gewijzigd"),
        expected_version=expected_version,
        fields=fields,
        allowed=MEETING_FIELDS,
    )
    if tuple(getattr(meeting, name) for name in when_and_where) != before:
        events.meeting_moved(meeting, by=by)
    return meeting


def _refuse_if_final(meeting: Meeting):
    _refuse_if_cancelled(meeting)
    if meeting.is_final:
        raise ValidationError(_("Het verslag van dit overleg is definitief; de agenda ligt vast."))


def _refuse_if_cancelled(meeting: Meeting):
    if meeting.is_cancelled:
        raise ValidationError(
            _("Dit overleg is afgelast; de agenda, de uitnodigingen en het verslag liggen vast.")
        )


def cancel_refusal(meeting: Meeting, now=None) -> str | None:
    """Why ``meeting`` cannot be cancelled (a Dutch sentence), or None when it can: only a
    meeting that has not begun and whose verslag is not final is called off."""
    if meeting.is_cancelled:
        return _("Dit overleg is al afgelast.")
    if meeting.is_final:
        return _(
            "Het verslag van dit overleg is definitief; het overleg kan niet meer worden afgelast."
        )
    if meeting.starts_at <= (now or current_moment()):
        return _("Dit overleg is al begonnen of geweest en kan niet meer worden afgelast.")
    return None


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, by, reason: str) -> Meeting:
    """Call the meeting off (afgelasten), with why: the reason is shown to everyone who sees
    the meeting and is the reason in its history. Afterwards nothing on it changes."""
    require_reason(reason)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    now = current_moment()
    refusal = cancel_refusal(meeting, now)
    if refusal:
        raise ValidationError(refusal)
    meeting.cancelled_at = now
    meeting.cancel_reason = reason.strip()
    save_with_history(meeting, by=by, reason=meeting.cancel_reason)
    events.meeting_cancelled(meeting, by=by)
    return meeting


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
    if (
        not item.case.involvements.active()
        .filter(partner=partner, information_level=InformationLevel.WAT)
        .exists()
    ):
        # The casusoverleg discusses the case's content, which a 'dat' partner does not see.
        raise ValidationError(
            {"partner": _("%s heeft bij deze casus alleen dat-informatie. Verhoog eerst het "
                          "informatieniveau (tab Partners) als de partner mee moet praten.")
             % partner}
        )  # fmt: skip
    if item.invitations.filter(partner=partner).exists():
        raise ValidationError({"partner": _("Deze partner is al uitgenodigd voor dit punt.")})
    invitation = Invitation(item=item, partner=partner)
    save_with_history(invitation, by=by, reason=reason or _("Uitgenodigd voor het agendapunt"))
    events.partner_invited(invitation, by=by)
    return invitation


@transaction.atomic
def record_minutes(
    item: AgendaItem, *, by, minutes: str, expected_version=None, reason: str = ""
) -> AgendaItem:
    """The verslag of one item. A draft until the meeting's verslag is final; after that it
    changes only with a reason."""
    _refuse_if_cancelled(item.meeting)
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
def record_group_minutes(
    meeting: Meeting, *, by, group_minutes: str, expected_version=None, reason: str = ""
) -> Meeting:
    """The verslag of the group item of a groepsoverleg (the group as a whole); like an
    item's verslag, it changes after the meeting is final only with a reason."""
    if meeting.youth_group_id is None:
        raise ValidationError(_("Dit overleg gaat niet over een jeugdgroep."))
    _refuse_if_cancelled(meeting)
    if meeting.is_final:
        require_reason(reason)
    return save_edit(
        meeting,
        by=by,
        reason=reason or _("Verslag over de groep bijgewerkt"),
        expected_version=expected_version,
        fields={"group_minutes": group_minutes},
        allowed=("group_minutes",),
    )


@transaction.atomic
def finalise_meeting(meeting: Meeting, *, by, reason: str = "") -> Meeting:
    """Make the verslag final: the agenda is fixed, and a later change needs a reason."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_if_cancelled(meeting)
    if meeting.is_final:
        raise ValidationError(_("Het verslag van dit overleg is al definitief."))
    now = current_moment()
    if meeting.starts_at > now:
        raise ValidationError(
            _("Dit overleg is nog niet geweest; het verslag kan pas daarna definitief worden.")
        )
    meeting.finalised_at = now
    save_with_history(meeting, by=by, reason=reason or _("Verslag definitief gemaakt"))
    return meeting


@transaction.atomic
def record_attendance(item: AgendaItem, attendance: dict, *, by, reason: str = "") -> AgendaItem:
    """``attendance``: invitation id → Attendance value, for the partners at this item."""
    _refuse_if_cancelled(item.meeting)
    if item.meeting.is_final:
        require_reason(reason)
    for invitation in item.invitations.select_for_update():
        value = attendance.get(invitation.pk, invitation.attendance)
        if value != invitation.attendance:
            invitation.attendance = value
            save_with_history(invitation, by=by, reason=reason or _("Aanwezigheid vastgelegd"))
    return item


# A decision that moves the case needs the case in one of these statuses.
DECISION_NEEDS = {
    DecisionKind.INCLUSIE: (
        (CaseStatus.AANGEMELD, CaseStatus.SCREENING),
        gettext_lazy("De casus is al %(status)s en dus al opgenomen (of afgesloten); kies een ander besluit."),
    ),
    DecisionKind.NIET_OPNEMEN: (
        (CaseStatus.AANGEMELD, CaseStatus.SCREENING),
        gettext_lazy("Alleen een aangemelde casus of een casus in screening kan niet worden opgenomen; "
          "deze is %(status)s."),
    ),
    DecisionKind.AFSCHALEN: (
        (CaseStatus.ACTIEF,),
        gettext_lazy("Alleen een actieve casus kan worden afgeschaald naar nazorg; deze is %(status)s."),
    ),
}  # fmt: skip


@transaction.atomic
def record_decision(
    item: AgendaItem, *, by, kind: str, reason: str, new_priority=None, closure_reason: str = ""
) -> Decision:
    """A decision of the table with its reason (required). What it changes in the case goes
    through the case's own services in the same transaction, so the case's status and
    history follow; if that step is refused, nothing is saved."""
    require_reason(reason)
    _refuse_if_cancelled(item.meeting)
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": _("Kies een besluit.")})
    case = Case.objects.select_for_update().get(pk=item.case_id)
    refusal = DECISION_NEEDS.get(kind)
    if refusal and case.status not in refusal[0]:
        raise ValidationError({"kind": refusal[1] % {"status": case.get_status_display().lower()}})
    # The case's history says what the table decided; why stays on the decision, which
    # only those at the table for this item read (cases.permissions.visible_decisions).
    because = _("Besluit van het casusoverleg: %s") % DecisionKind(kind).label.lower()
    if kind == DecisionKind.PRIORITEIT:
        if new_priority is None:
            raise ValidationError({"new_priority": _("Kies de nieuwe prioriteit.")})
        if int(new_priority) == case.priority:
            raise ValidationError({"new_priority": _("De casus heeft deze prioriteit al.")})
        update_case(case, by=by, reason=because, priority=new_priority, priority_rationale=reason)
    else:
        new_priority = None
    if kind == DecisionKind.INCLUSIE:
        if case.status == CaseStatus.AANGEMELD:
            change_status(case, CaseStatus.SCREENING, by=by, reason=because)
        _step(case, CaseStatus.ACTIEF, by=by, reason=because)
    elif kind == DecisionKind.NIET_OPNEMEN:
        if not closure_reason:
            closure_reason = ClosureReason.NIET_PGA_WAARDIG
        if case.status == CaseStatus.AANGEMELD:
            change_status(case, CaseStatus.SCREENING, by=by, reason=because)
        _step(case, CaseStatus.NIET_OPGENOMEN, by=by, reason=because, closure_reason=closure_reason)
    elif kind == DecisionKind.AFSCHALEN:
        _step(case, CaseStatus.NAZORG, by=by, reason=because)
    decision = Decision(item=item, kind=kind, reason=reason, new_priority=new_priority)
    save_with_history(decision, by=by, reason=because)
    return decision


def _step(case, status, **kwargs):
    """A status step as a decision: the step's refusal is put on the decision's field."""
    try:
        change_status(case, status, **kwargs)
    except ValidationError as error:
        raise ValidationError({"kind": error.messages}) from error

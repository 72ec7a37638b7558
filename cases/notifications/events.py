"""The events of the casework that notify someone, called by the services that make them
(in the same transaction: an event that is rolled back tells nobody). Who is told: the
employees of the organisation concerned; for an agreement with an assignee, the assignee.
The one who caused the event is not told of it."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from cases.models import Invitation
from cases.notifications import kinds
from cases.notifications.calendar import meeting_calendar
from pga.notifications import notify


def employees(partner_ids, *, besides=None):
    """The active users working for these organisations."""
    users = get_user_model().objects.filter(
        is_active=True, membership__partner_id__in=partner_ids, membership__partner__is_active=True
    )
    if besides is not None and besides.pk:
        users = users.exclude(pk=besides.pk)
    return users.order_by("pk")


def agreement_url(agreement) -> str:
    if agreement.case_id:
        return reverse("cases:case_detail", args=[agreement.case_id]) + "?tab=afspraken"
    return reverse("cases:group_detail", args=[agreement.youth_group_id])


def agreement_people(agreement, *, besides=None):
    if agreement.assignee_id:
        people = get_user_model().objects.filter(pk=agreement.assignee_id, is_active=True)
        return people.exclude(pk=besides.pk) if besides is not None and besides.pk else people
    return employees([agreement.partner_id], besides=besides)


def partner_involved(involvement, *, by):
    notify(
        employees([involvement.partner_id], besides=by),
        kinds.INVOLVED.name,
        key=f"betrokken-{involvement.pk}",
        url=reverse("cases:case_detail", args=[involvement.case_id]),
    )


def agreement_made(agreement, *, by):
    notify(
        agreement_people(agreement, besides=by),
        kinds.AGREEMENT_NEW.name,
        key=f"afspraak-{agreement.pk}-nieuw",
        url=agreement_url(agreement),
    )


def invited_partner_ids(meeting) -> list:
    return list(
        Invitation.objects.filter(item__meeting=meeting).values_list("partner_id", flat=True)
    )


def meeting_url(meeting) -> str:
    return reverse("cases:meeting_detail", args=[meeting.pk])


def partner_invited(invitation, *, by):
    """One notification per meeting and organisation, however many of its items the
    organisation is invited for."""
    meeting = invitation.item.meeting
    notify(
        employees([invitation.partner_id], besides=by),
        kinds.MEETING_NEW.name,
        key=f"overleg-{meeting.pk}-uitgenodigd",
        url=meeting_url(meeting),
        calendar=meeting_calendar(meeting),
    )


def meeting_moved(meeting, *, by):
    """Its time or place changed: everyone invited, with the new calendar entry."""
    notify(
        employees(invited_partner_ids(meeting), besides=by),
        kinds.MEETING_CHANGED.name,
        key=f"overleg-{meeting.pk}-gewijzigd-{meeting.version}",
        url=meeting_url(meeting),
        calendar=meeting_calendar(meeting),
    )


def meeting_cancelled(meeting, *, by):
    notify(
        employees(invited_partner_ids(meeting), besides=by),
        kinds.MEETING_CANCELLED.name,
        key=f"overleg-{meeting.pk}-afgelast",
        url=meeting_url(meeting),
        calendar=meeting_calendar(meeting, cancelled=True),
    )

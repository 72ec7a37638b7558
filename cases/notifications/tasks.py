"""The daily reminders (the scheduler runs them early in the morning, before the daily
e-mails go out). Idempotent: each reminder has a key per object and date, so a second run,
or a run after a missed day, tells nobody twice."""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from cases.caseload.queries import filter_caseload
from cases.models import Agreement, Involvement
from cases.notifications import kinds
from cases.notifications.events import agreement_people, agreement_url, employees
from cases.permissions import visible_cases
from partners.permissions import coordinators
from pga.notifications import notify
from pga.tasks import RETRYING

DUE_WITHIN_DAYS = 3
ACCESS_WARNING_DAYS = 14
# An agreement overdue for longer than this when the reminders first run (a new deployment)
# is not announced: the coordinator's overview shows it.
OVERDUE_LOOKBACK_DAYS = 7
# What the coordinator's daily overview looks at in their own cases (the dashboard's tiles).
ATTENTION = {
    "review": {"review_overdue": "1"},
    "toets": {"toets_overdue": "1"},
    "agreement": {"agreement_overdue": "1"},
    "quiet": {"no_contact_days": 30},
    "ending": {"ending_within": 14},
}


def _open_agreements():
    """Open agreements whose organisation still takes part: in a case, still involved."""
    involved = Involvement.objects.active().filter(
        case=OuterRef("case"), partner=OuterRef("partner")
    )
    return Agreement.objects.open().filter(Q(case__isnull=True) | Exists(involved))


def remind_agreements(today) -> int:
    told = 0
    due = _open_agreements().filter(
        due_on__gte=today, due_on__lte=today + timedelta(days=DUE_WITHIN_DAYS)
    )
    for agreement in due.order_by("pk"):
        told += len(
            notify(
                agreement_people(agreement),
                kinds.AGREEMENT_DUE.name,
                key=f"afspraak-{agreement.pk}-bijna-{agreement.due_on:%Y%m%d}",
                url=agreement_url(agreement),
            )
        )
    overdue = _open_agreements().filter(
        due_on__lt=today, due_on__gte=today - timedelta(days=OVERDUE_LOOKBACK_DAYS)
    )
    for agreement in overdue.order_by("pk"):
        told += len(
            notify(
                agreement_people(agreement),
                kinds.AGREEMENT_OVERDUE.name,
                key=f"afspraak-{agreement.pk}-verlopen-{agreement.due_on:%Y%m%d}",
                url=agreement_url(agreement),
            )
        )
    return told


def remind_access_ending(today) -> int:
    """An organisation's access ends on its involvement's end date unless a coordinator
    renews it; its employees hear of it 14 days before (a renewal sets a new date: a new
    reminder before that one)."""
    told = 0
    ending = Involvement.objects.active(today).filter(
        expires_on__lte=today + timedelta(days=ACCESS_WARNING_DAYS)
    )
    for involvement in ending.order_by("pk"):
        told += len(
            notify(
                employees([involvement.partner_id]),
                kinds.ACCESS_ENDING.name,
                key=f"toegang-{involvement.pk}-{involvement.expires_on:%Y%m%d}",
                url=reverse("cases:case_detail", args=[involvement.case_id]),
            )
        )
    return told


def needs_attention(coordinator, today) -> bool:
    """Whether anything on the dashboard's list asks for attention in the coordinator's own
    cases: one query."""
    own = filter_caseload(coordinator, visible_cases(coordinator), {"coordinator": coordinator.pk})
    wanted = {
        name: Count(
            "pk",
            filter=Q(pk__in=filter_caseload(coordinator, own, params, today).values("pk")),
        )
        for name, params in ATTENTION.items()
    }
    return any(own.aggregate(**wanted).values())


def remind_coordinators(today) -> int:
    told = 0
    for coordinator in coordinators():
        if needs_attention(coordinator, today):
            told += len(
                notify(
                    [coordinator],
                    kinds.COORDINATOR_OVERVIEW.name,
                    key=f"dagoverzicht-{today:%Y%m%d}",
                    url=reverse("home"),
                )
            )
    return told


@transaction.atomic
def send_reminders(today=None) -> int:
    """All of the day's reminders in one transaction: the e-mails go once all are made."""
    today = today or timezone.localdate()
    return remind_agreements(today) + remind_access_ending(today) + remind_coordinators(today)


@shared_task(name="cases.send_reminders", **RETRYING)
def send_reminders_task():
    """Daily, early. Returns how many notifications it made (0 on a second run)."""
    return send_reminders()

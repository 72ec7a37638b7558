"""The monthly overviews as background work: the scheduler's monthly task fans out one task
per overview, so more workers on more machines make the batch faster. The command
``generate_monthly_overviews`` keeps working from the command line (its own processes).
"""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404

from cases.models import Case, MonthlyOverview, OverviewKind, YouthGroup
from cases.months import Month
from cases.overviews.batch import LOOKUP, Job, jobs_for, render_job, store
from pga.tasks import RETRYING

logger = logging.getLogger(__name__)
OWNERS = {
    OverviewKind.CASE: Case,
    OverviewKind.CASELOAD: get_user_model(),
    OverviewKind.GROUP: YouthGroup,
}


@shared_task(name="cases.generate_monthly_overviews", **RETRYING)
def generate_monthly_overviews(month: str = "") -> int:
    """Queue one task per overview of ``month`` (YYYY-MM; the previous month by default)
    not yet archived. Returns how many were queued; a second run queues only what is
    still missing."""
    period = Month.parse(month) if month else Month.previous()
    jobs = jobs_for(period)
    for job in jobs:
        make_monthly_overview.delay(str(job.kind), job.pk, job.month)
    return len(jobs)


@shared_task(name="cases.make_monthly_overview", **RETRYING)
def make_monthly_overview(kind: str, pk: int, month: str) -> bool:
    """Render and archive one overview. Idempotent: an overview already archived for that
    month (an earlier try, a redelivered message) is not made again. Returns whether it
    made one."""
    job = Job(kind, pk, month)
    try:
        first = Month.parse(month).first
    except Http404:
        raise ValueError("ongeldige maand") from None
    archived = MonthlyOverview.objects.filter(kind=kind, month=first, **{LOOKUP[kind]: pk})
    if archived.exists():
        return False
    rendered = render_job(job)
    if rendered.error is not None:
        logger.error("Maandoverzicht %s mislukt: %s", job.label, rendered.error)
        raise OverviewFailed(rendered.error.split(":", 1)[0])
    with transaction.atomic():
        # Two tasks for the same overview (a scheduler started twice) store it once: the
        # second waits for the first's lock on the owner, then finds it archived.
        OWNERS[kind].objects.select_for_update().filter(pk=pk).first()
        if archived.exists():
            return False
        store(job, rendered.pdf, by=None, listed=rendered.listed)
    return True


class OverviewFailed(Exception):
    """Rendering failed; the message is the kind of error only (the worker log has more)."""

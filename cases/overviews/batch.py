"""The monthly batch: render every active case's overview and each coordinator's caseload
overview for a month, archive them as MonthlyOverview records with their SHA-256.

Rendering happens in worker processes (WeasyPrint's memory grows over a long run, so the
workers are recycled); storing happens in the main process, one record at a time, with
who and why in the history. One failing overview does not stop the others. An archive is
never overwritten: making a month again (--force) adds a version next to the earlier ones.
"""

import hashlib
import multiprocessing
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone

from cases.groups.pdf import group_reader, render_group_overview
from cases.models import (
    Case,
    CaseStatus,
    GroupMembership,
    MonthlyOverview,
    OverviewKind,
    YouthGroup,
)
from cases.months import Month
from cases.overviews.pdf import render_case_overview_html, render_caseload_overview_pdf
from pga.history import stamp
from pga.pdf import render_pdf

RECYCLE_AFTER = 50  # overviews per worker process before it is replaced


@dataclass(frozen=True)
class Job:
    kind: str
    pk: int  # the case, or the coordinator of a caseload
    month: str  # YYYY-MM

    @property
    def label(self):
        return f"{OverviewKind(self.kind).label.lower()} {self.pk} {self.month}"


LOOKUP = {
    OverviewKind.CASE: "case_id",
    OverviewKind.CASELOAD: "coordinator_id",
    OverviewKind.GROUP: "youth_group_id",
}


def groups_active_in(month: Month):
    """Groups with a member during the month: each gets its monthly group overview."""
    members = GroupMembership.objects.filter(
        Q(since_on__isnull=True) | Q(since_on__lte=month.last),
        Q(until_on__isnull=True) | Q(until_on__gte=month.first),
    )
    return YouthGroup.objects.filter(pk__in=members.values("youth_group"))


def cases_active_in(month: Month):
    return (
        Case.objects.filter(registered_on__lte=month.last)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=month.first))
        .exclude(status=CaseStatus.NIET_OPGENOMEN, closed_on__lt=month.first)
    )


def jobs_for(month: Month, *, force=False) -> list[Job]:
    cases = cases_active_in(month)
    done_cases = set()
    done_coordinators = set()
    done_groups = set()
    if not force:
        done = MonthlyOverview.objects.filter(month=month.first)
        done_cases = set(done.filter(kind=OverviewKind.CASE).values_list("case_id", flat=True))
        done_coordinators = set(
            done.filter(kind=OverviewKind.CASELOAD).values_list("coordinator_id", flat=True)
        )
        done_groups = set(
            done.filter(kind=OverviewKind.GROUP).values_list("youth_group_id", flat=True)
        )
    jobs = [
        Job(OverviewKind.CASE, pk, str(month))
        for pk in cases.order_by("pk").values_list("pk", flat=True)
        if pk not in done_cases
    ]
    coordinators = sorted(set(cases.values_list("coordinator_id", flat=True)))
    jobs += [
        Job(OverviewKind.CASELOAD, pk, str(month))
        for pk in coordinators
        if pk not in done_coordinators
    ]
    jobs += [
        Job(OverviewKind.GROUP, pk, str(month))
        for pk in groups_active_in(month).order_by("pk").values_list("pk", flat=True)
        if pk not in done_groups
    ]
    return jobs


@dataclass(frozen=True)
class Rendered:
    job: Job
    pdf: bytes | None
    error: str | None = None
    listed: tuple = ()  # the cases a caseload overview lists


def render_job(job: Job) -> Rendered:
    """Render one overview as its coordinator sees it."""
    try:
        month = Month.parse(job.month)
        if job.kind == OverviewKind.CASE:
            case = Case.objects.select_related("youth", "coordinator").get(pk=job.pk)
            html, listed = render_case_overview_html(case.coordinator, case, month), ()
        elif job.kind == OverviewKind.GROUP:
            group = YouthGroup.objects.get(pk=job.pk)
            html, listed = render_group_overview(group_reader(group), group, month)
        else:
            coordinator = get_user_model().objects.get(pk=job.pk)
            pdf, listed = render_caseload_overview_pdf(
                coordinator, month, coordinator_user=coordinator
            )
            return Rendered(job, pdf, None, tuple(listed))
        return Rendered(job, render_pdf(html), None, tuple(listed))
    except Exception as error:  # noqa: BLE001 - one failure must not stop the batch
        return Rendered(job, None, f"{type(error).__name__}: {error}")


@transaction.atomic
def store(job: Job, pdf: bytes, *, by, listed=(), reason="") -> MonthlyOverview:
    """Archive ``pdf`` as a new version of the job's overview; earlier versions stay."""
    month = Month.parse(job.month)
    lookup = {LOOKUP[job.kind]: job.pk}
    earlier = MonthlyOverview.objects.filter(kind=job.kind, month=month.first, **lookup).count()
    if not reason:
        reason = (
            f"Maandoverzicht opnieuw gemaakt (versie {earlier + 1}; eerdere versies bewaard)"
            if earlier
            else "Maandoverzicht gemaakt"
        )
    overview = MonthlyOverview(kind=job.kind, month=month.first, **lookup)
    if job.kind == OverviewKind.CASE:
        name = f"{Case.objects.values_list('number', flat=True).get(pk=job.pk)}.pdf"
    elif job.kind == OverviewKind.GROUP:
        name = f"groep-{job.pk}.pdf"
    else:
        name = f"caseload-{get_user_model().objects.values_list('username', flat=True).get(pk=job.pk)}.pdf"
    overview.sha256 = hashlib.sha256(pdf).hexdigest()
    overview.size = len(pdf)
    overview.generated_by = by
    overview.generated_at = timezone.now()
    overview.file.save(name, ContentFile(pdf), save=False)
    stamp(overview, by=by, reason=reason)
    overview.save()
    overview.listed_cases.set(listed)
    return overview


def _close_connections():
    connections.close_all()


def run(jobs, *, workers=1, by=None, progress=None):
    """Render and store ``jobs``; returns (stored, failures as (job, error))."""
    stored, failures = [], []

    def handle(result: Rendered):
        if result.error is None:
            try:
                stored.append(store(result.job, result.pdf, by=by, listed=result.listed))
            except Exception as store_error:  # noqa: BLE001
                failures.append((result.job, f"{type(store_error).__name__}: {store_error}"))
        else:
            failures.append((result.job, result.error))
        if progress:
            progress(len(stored) + len(failures), len(jobs))

    if workers <= 1:
        for job in jobs:
            handle(render_job(job))
        return stored, failures
    # Forked workers each open their own database connection; ours must not be shared.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(
        workers, initializer=_close_connections, maxtasksperchild=RECYCLE_AFTER
    ) as pool:
        for result in pool.imap_unordered(render_job, jobs):
            handle(result)
    return stored, failures

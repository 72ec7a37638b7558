"""Long work with progress: a user asks, a worker does it, the user sees a progress bar
(htmx polls a small status view), may leave and come back, and downloads the result.

A kind of job (``JobKind``) is registered by the capability that knows the work
(``cases/*/jobs.py``): how to run it, and who may have its result. That check is asked again
at every look at the job and at the download (``partners.permissions.get_job_for_user``),
so a result whose subject the user may no longer see (access ended meanwhile) is not
delivered. A result is for the user who asked alone, stored with its SHA-256, and removed
``JOB_RESULT_HOURS`` after it was made.

A second request for the same work (same user, kind and parameters) while the first waits
or runs joins it. The job is saved before it is queued: when the broker is down, the
scheduler's sweep (``pga.queue_waiting_jobs``) queues it as soon as the broker is back.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from pga.models import Job, JobStatus
from pga.tasks import RETRYING, publish

# A job that waits this long without a worker taking it is queued again by the sweep.
REQUEUE_AFTER = timedelta(minutes=2)
# A job running this long without finishing was left by a worker that died.
ABANDONED_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class Result:
    content: bytes
    filename: str
    content_type: str


def pdf_result(make_html: Callable, filename: str, progress) -> Result:
    """A PDF job's two steps, the HTML and then the PDF, with their progress."""
    from pga.pdf import render_pdf  # WeasyPrint loads only where a PDF is made

    progress(0, 2)
    html = make_html()
    progress(1, 2)
    pdf = render_pdf(html)
    progress(2, 2)
    return Result(pdf, filename, "application/pdf")


@dataclass(frozen=True)
class JobKind:
    name: str
    title: str  # Dutch, e.g. "Caseloadoverzicht van het hele team (PDF)"
    # run(user, params, progress) -> Result; progress(done, total) may be called any time.
    run: Callable
    # allowed(user, params) -> bool: whether the user may (still) have this result.
    allowed: Callable
    back: Callable = lambda params: "/"  # where the job page links back to
    # On the user's Downloads page: not a job whose result a page shows itself.
    listed: bool = True


KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> JobKind:
    KINDS[kind.name] = kind
    return kind


def job_key(user, kind: str, params: dict) -> str:
    text = json.dumps([user.pk, kind, params], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def start_job(user, kind: str, params: dict) -> Job:
    """The open job for this work, or a new one, queued. The caller has checked that the
    user may have it (the same check as ``KINDS[kind].allowed``)."""
    key = job_key(user, kind, params)
    open_job = Job.objects.filter(key=key, status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
    joined = open_job.first()
    if joined is not None:
        return joined
    try:
        with transaction.atomic():
            job = Job.objects.create(user=user, kind=kind, params=params, key=key)
    except IntegrityError:  # another request made it a moment ago
        return open_job.get()
    queue(job)
    job.refresh_from_db()
    return job


def recent_job(user, kind: str, params: dict, within: timedelta) -> Job | None:
    """The user's newest finished job for this work, if it finished less than ``within``
    ago and its result is still there; else None."""
    return (
        Job.objects.filter(
            key=job_key(user, kind, params),
            status=JobStatus.DONE,
            finished_at__gte=timezone.now() - within,
            expires_at__gt=timezone.now(),
        )
        .exclude(file="")
        .order_by("-finished_at", "-pk")
        .first()
    )


def queue(job: Job) -> None:
    Job.objects.filter(pk=job.pk).update(queued_at=timezone.now())
    publish(run_job, job.pk)


def _progress(job_id):
    def report(done, total):
        Job.objects.filter(pk=job_id).update(done=done, total=total)

    return report


@shared_task(name="pga.run_job", bind=True, **RETRYING)
def run_job(self, job_id: int) -> str:
    """Do one job. Idempotent: a job that is done (or gone) is not done again; one that a
    dead worker left running is started again."""
    job = Job.objects.select_related("user").filter(pk=job_id).first()
    if job is None or not job.open:
        return "skipped"
    # Claim it: of two deliveries of the same job (the sweep queued it again), one runs.
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed and self.request.retries == 0:
        return "running elsewhere"
    kind = KINDS.get(job.kind)
    if kind is None or not kind.allowed(job.user, job.params):
        Job.objects.filter(pk=job_id).update(status=JobStatus.FAILED, finished_at=timezone.now())
        return "refused"
    try:
        result = kind.run(job.user, job.params, _progress(job_id))
    except Exception:
        if self.request.retries >= self.max_retries:
            Job.objects.filter(pk=job_id).update(
                status=JobStatus.FAILED, finished_at=timezone.now()
            )
        raise
    job.refresh_from_db()
    job.file.save(f"{job.pk}-{result.filename}", ContentFile(result.content), save=False)
    job.filename = result.filename
    job.content_type = result.content_type
    job.sha256 = hashlib.sha256(result.content).hexdigest()
    job.status = JobStatus.DONE
    job.finished_at = timezone.now()
    job.expires_at = job.finished_at + timedelta(hours=settings.JOB_RESULT_HOURS)
    job.save()
    return "done"


@shared_task(name="pga.queue_waiting_jobs", **RETRYING)
def queue_waiting_jobs() -> int:
    """Every minute: jobs that wait without a worker having taken them (the broker was
    down when they were asked for) are queued again. A job queued twice runs once."""
    now = timezone.now()
    # A job a worker took and never finished (the worker died) waits again too.
    Job.objects.filter(status=JobStatus.RUNNING, started_at__lt=now - ABANDONED_AFTER).update(
        status=JobStatus.QUEUED
    )
    waiting = Job.objects.filter(status=JobStatus.QUEUED, queued_at__lt=now - REQUEUE_AFTER)
    count = 0
    for job in waiting:
        queue(job)
        count += 1
    return count


@shared_task(name="pga.remove_expired_jobs", **RETRYING)
def remove_expired_jobs() -> int:
    """Hourly: results past their time are removed, file and all; so are failed jobs."""
    now = timezone.now()
    gone = Job.objects.filter(expires_at__lt=now) | Job.objects.filter(
        status=JobStatus.FAILED, finished_at__lt=now - timedelta(hours=settings.JOB_RESULT_HOURS)
    )
    count = 0
    for job in gone:
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count

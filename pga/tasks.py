"""Background work, the foundation: how a task is queued, retried and, when it keeps
failing, shown to functioneel beheer; and the access log's retention purge.

Every task here and in ``cases/*/tasks.py``:
* takes ids and plain values, never a model instance or a name (the broker's messages and a
  failed task's record hold no personal data);
* is idempotent: running it twice (a redelivery after a worker died, a retry) does the work
  once;
* retries with exponential back-off (``RETRYING``); after the last try the failure lands in
  ``FailedTask`` (``/beheer/``) with the kind of error and where, not its message (a message
  may quote a record), and the full traceback in the worker's own log.
"""

import logging
import traceback
from datetime import timedelta
from pathlib import Path

from celery import current_app, shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from pga.history import stamp
from pga.models import AccessAction, AccessLog, AccessResult, FailedTask

logger = logging.getLogger(__name__)

# Keyword arguments of every task's decorator: retry any error, with back-off (1 s, 2 s,
# 4 s, … up to 10 minutes, with jitter), five times.
RETRYING = {
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


def queued() -> bool:
    """Whether tasks go to a broker (a worker runs them) or run here and now."""
    return not current_app.conf.task_always_eager


def publish(task, *args, **kwargs) -> bool:
    """Queue ``task`` once the current transaction has committed (a worker must find what the
    request saved), or, with no broker, run it now. A broker that is down is not the user's
    problem: the work is recorded before it is queued (a job, a notification), and the
    scheduler's sweep queues it again when the broker is back. Returns whether it was queued
    (or ran)."""
    if not queued():
        task.apply(args=args, kwargs=kwargs)
        return True
    sent = {"ok": True}

    def send():
        try:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        except OperationalError:
            sent["ok"] = False
            logger.warning("Wachtrij niet bereikbaar; %s wacht op de volgende ronde.", task.name)

    transaction.on_commit(send)
    return sent["ok"]


def _where(einfo) -> str:
    """'cases/overviews/batch.py:123 in render_job': the innermost frame of our own code."""
    root = Path(settings.BASE_DIR)
    frames = traceback.extract_tb(einfo.tb) if einfo is not None and einfo.tb else []
    for frame in reversed(frames):
        path = Path(frame.filename)
        if root in path.parents and ".venv" not in path.parts:
            return f"{path.relative_to(root)}:{frame.lineno} in {frame.name}"
    return frames[-1].name if frames else ""


def record_failure(task, task_id, exception, einfo):
    """Called by Celery's task_failure signal: after the last retry, not before."""
    try:
        FailedTask.objects.create(
            task_name=getattr(task, "name", str(task))[:200],
            task_id=(task_id or "")[:64],
            error=type(exception).__name__[:100],
            location=_where(einfo)[:300],
        )
    except Exception:  # noqa: BLE001 - the failure is in the worker's log either way
        logger.exception("Mislukte taak kon niet worden vastgelegd")


def purge_expired_access_log() -> int:
    """Remove access-log rows past the retention period; the purge is itself logged."""
    days = settings.ACCESS_LOG_RETENTION_DAYS
    cutoff = timezone.now() - timedelta(days=days)
    count = AccessLog.objects.purge_before(cutoff)
    AccessLog.objects.create(
        action=AccessAction.PURGE,
        result=AccessResult.ALLOWED,
        route="purge_access_log",
        detail=f"{count} regel(s) van voor {cutoff:%Y-%m-%d %H:%M} verwijderd (bewaartermijn {days} dagen)",
    )
    return count


@shared_task(name="pga.purge_access_log", **RETRYING)
def purge_access_log():
    """Daily. Idempotent: a second run the same day finds nothing left to remove (it logs
    that it looked)."""
    return purge_expired_access_log()


def resolve_failed_tasks(failed, *, by) -> int:
    """Beheer marks failed tasks as handled; who and when are in their history."""
    count = 0
    for task in failed.filter(resolved_at__isnull=True):
        task.resolved_at = timezone.now()
        stamp(task, by=by, reason="Afgehandeld door functioneel beheer")
        task.save()
        count += 1
    return count

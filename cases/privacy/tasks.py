"""Daily: closed cases past their retention period are removed (the scheduler's task; the
command ``purge_expired_cases`` does the same by hand, with --dry-run to look first)."""

from celery import shared_task

from cases.privacy.retention import expired_cases, purge_case, purge_expired_sessions
from pga.tasks import RETRYING


@shared_task(name="cases.purge_expired_cases", **RETRYING)
def purge_expired_cases() -> int:
    """Idempotent: a purged case is gone, so a retry or a second run skips it."""
    purged = 0
    for case in expired_cases():
        purge_case(case)
        purged += 1
    purge_expired_sessions()
    return purged

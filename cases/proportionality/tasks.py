"""Daily: involvements past their end date are ended (the scheduler's task; the command
``expire_involvements`` does the same by hand)."""

from celery import shared_task

from cases.proportionality.services import expire_due
from pga.tasks import RETRYING


@shared_task(name="cases.expire_involvements", **RETRYING)
def expire_involvements() -> int:
    """Idempotent: a second run the same day finds nothing due."""
    return len(expire_due())

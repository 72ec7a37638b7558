"""The AVG export (inzageverzoek) of one youth is made in the background: all their cases,
contacts and history into a ZIP, which takes seconds for a long file (pga/jobs.py)."""

from django.http import Http404
from django.urls import reverse

from cases.permissions import get_youth_for_user
from cases.privacy.export import build_export
from partners.permissions import is_coordinator
from pga.jobs import JobKind, Result, register


def _allowed(user, params) -> bool:
    """Coordinators only, and only while the youth is there to see."""
    if not is_coordinator(user):
        return False
    try:
        get_youth_for_user(user, params["youth"])
    except Http404:
        return False
    return True


def _run(user, params, progress):
    progress(0, 1)
    content, filename = build_export(user, get_youth_for_user(user, params["youth"]))
    progress(1, 1)
    return Result(content, filename, "application/zip")


AVG_EXPORT = register(
    JobKind(
        name="avg_export",
        title="Inzage-export (AVG) van een jongere",
        run=_run,
        allowed=_allowed,
        back=lambda params: reverse("cases:youth_detail", args=[params["youth"]]),
    )
)

"""The whole team's caseload overview (hundreds of pages in a big city, a minute and more to
render) is made in the background, in parts of bounded memory: the coordinator sees its
progress and downloads it (pga/jobs.py)."""

from django.urls import reverse

from cases.months import Month
from cases.overviews.pdf import render_caseload_overview_pdf
from partners.permissions import is_coordinator
from pga.jobs import JobKind, Result, register


def _run(user, params, progress):
    """Part by part (cases.overviews.pdf.PART_ROWS rows each), with progress per part."""
    month = Month.parse(params["month"])
    progress(0, 1)
    pdf, _listed = render_caseload_overview_pdf(
        user, month, coordinator_user=None, progress=progress
    )
    return Result(pdf, f"maandoverzicht-caseload-team-{month}.pdf", "application/pdf")


TEAM_CASELOAD = register(
    JobKind(
        name="caseload_team_pdf",
        title="Caseloadoverzicht van het hele team (PDF)",
        run=_run,
        # Every case of the team: for coordinators, who see every case, and only while they
        # are one.
        allowed=lambda user, params: is_coordinator(user),
        back=lambda params: reverse("cases:case_list"),
    )
)

"""The whole team's caseload overview (dozens of pages in a big city, seconds to render) is
made in the background: the coordinator sees its progress and downloads it (pga/jobs.py)."""

from django.urls import reverse

from cases.months import Month
from cases.overviews.pdf import render_caseload_overview_html
from partners.permissions import is_coordinator
from pga.jobs import JobKind, pdf_result, register


def _run(user, params, progress):
    month = Month.parse(params["month"])
    return pdf_result(
        lambda: render_caseload_overview_html(user, month, coordinator_user=None),
        f"maandoverzicht-caseload-team-{month}.pdf",
        progress,
    )


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

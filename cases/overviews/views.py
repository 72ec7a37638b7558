"""Monthly overviews as PDF, on demand. Each download is in the access log (action download)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect

from cases.overviews.jobs import TEAM_CASELOAD
from cases.overviews.pdf import render_case_overview_html, render_caseload_overview_pdf
from cases.permissions import (
    ensure_case_user,
    get_content_case_for_user,
    get_monthly_overview_for_user,
)
from partners.permissions import is_coordinator
from pga.jobs import start_job
from pga.pdf import render_pdf


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def case_overview_pdf(request, case_id, month):
    # The monthly overview is the case's content: not for a partner at the 'dat' level.
    case = get_content_case_for_user(request.user, case_id)
    period = month.available()
    html = render_case_overview_html(request.user, case, period)
    return pdf_response(render_pdf(html), f"maandoverzicht-{case.number}-{period}.pdf")


@login_required
def caseload_overview_pdf(request, month):
    """A coordinator's own caseload, as in the monthly batch; with ?alle=1 every case the
    user sees (for a coordinator: the whole team, dozens of pages in a big city). A partner
    gets the cases its organisation is involved in."""
    ensure_case_user(request.user)
    period = month.available()
    if is_coordinator(request.user) and request.GET.get("alle"):
        # The whole team: made in the background, with progress (cases/overviews/jobs.py).
        job = start_job(request.user, TEAM_CASELOAD.name, {"month": str(period)})
        return redirect("job_detail", job_id=job.pk)
    own = is_coordinator(request.user)
    pdf, _listed = render_caseload_overview_pdf(
        request.user, period, coordinator_user=request.user if own else None
    )
    return pdf_response(pdf, f"maandoverzicht-caseload-{period}.pdf")


@login_required
def archived_overview(request, case_id, overview_id):
    overview = get_monthly_overview_for_user(request.user, overview_id, case_id=case_id)
    with overview.file.open("rb") as handle:
        content = handle.read()
    return pdf_response(
        content, f"maandoverzicht-{overview.case.number}-{overview.month:%Y-%m}.pdf"
    )

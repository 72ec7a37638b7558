"""Sturingsinformatie (/sturing/): figures for coordinators and management, never a person.
Which cases they count is ``cases.permissions.report_cases``' decision alone."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.permissions import report_cases
from cases.reports.charts import sections
from cases.reports.export import csv_response, xlsx_response
from cases.reports.forms import ReportFilterForm
from cases.reports.jobs import REPORT_PDF, figures_job, job_params, stored_tables
from cases.reports.queries import FIGURES
from pga.jobs import start_job
from pga.models import JobStatus
from pga.views import is_htmx


@login_required
def report(request):
    """The page: the filter, and the figures a worker counted for it (cases/reports/jobs.py).
    While they are being counted, the figures' part of the page asks again every two seconds
    (htmx) and is replaced by the tables when they are there."""
    report_cases(request.user)  # refuses anyone but coordinators and management
    form = ReportFilterForm(request.GET)
    period = form.period()
    context = {
        "form": form,
        "period": period,
        "min_cell": settings.REPORT_MIN_CELL,
        "query": period.query() if period else "",
    }
    if period is not None:
        again = bool(request.GET.get("opnieuw"))
        job = figures_job(request.user, period, again=again)
        if again:
            # Counting anew has begun; the address without "opnieuw", so that a reload of
            # the page shows these figures instead of counting once more.
            return redirect(reverse("cases:report") + "?" + period.query())
        context["job"] = job
        context["sections"] = sections(stored_tables(job)) if job.status == JobStatus.DONE else []
        if is_htmx(request):
            return render(request, "cases/reports/_figures.html", context)
    return render(request, "cases/reports/report.html", context)


def _bad_filter(request, form):
    """A download with a wrong filter: the page with the errors at the fields, as a 400."""
    return render(
        request,
        "cases/reports/report.html",
        {"form": form, "min_cell": settings.REPORT_MIN_CELL},
        status=400,
    )


def _export(request, table, write):
    """One table of the figures the page shows; while they are still being counted, the
    page (with their progress) instead."""
    report_cases(request.user)
    if table not in FIGURES:
        raise Http404("Deze tabel bestaat niet")
    form = ReportFilterForm(request.GET)
    period = form.period()
    if period is None:
        return _bad_filter(request, form)
    job = figures_job(request.user, period)
    if job.status != JobStatus.DONE:
        messages.info(
            request, _("De cijfers worden nog geteld. Download de tabel zodra ze er staan.")
        )
        return redirect(reverse("cases:report") + "?" + period.query())
    tables = {t.slug: t for t in stored_tables(job)}
    return write(tables[table], period)


@login_required
def report_csv(request, table):
    return _export(request, table, csv_response)


@login_required
def report_xlsx(request, table):
    return _export(request, table, xlsx_response)


@login_required
def report_pdf(request):
    """The whole page as a PDF report for the directorate, with the page's filter: a
    background job, whose page the user is sent to."""
    report_cases(request.user)
    form = ReportFilterForm(request.GET)
    period = form.period()
    if period is None:
        return _bad_filter(request, form)
    # Every case of the period: made in the background, with progress (cases/reports/jobs.py).
    job = start_job(request.user, REPORT_PDF.name, job_params(period))
    return redirect("job_detail", job_id=job.pk)

"""Sturingsinformatie (/sturing/): figures for coordinators and management, never a person.
Which cases they count is ``cases.permissions.report_cases``' decision alone."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from cases.permissions import report_cases
from cases.reports.charts import sections
from cases.reports.export import csv_response, xlsx_response
from cases.reports.forms import ReportFilterForm
from cases.reports.jobs import REPORT_PDF, job_params
from cases.reports.queries import FIGURES, report_table, report_tables
from pga.jobs import start_job


@login_required
def report(request):
    report_cases(request.user)  # refuses anyone but coordinators and management
    form = ReportFilterForm(request.GET)
    period = form.period()
    tables = report_tables(request.user, period) if period else []
    return render(
        request,
        "cases/reports/report.html",
        {
            "form": form,
            "period": period,
            "sections": sections(tables),
            "min_cell": settings.REPORT_MIN_CELL,
            "query": period.query() if period else "",
        },
    )


def _bad_filter(request, form):
    """A download with a wrong filter: the page with the errors at the fields, as a 400."""
    return render(
        request,
        "cases/reports/report.html",
        {"form": form, "min_cell": settings.REPORT_MIN_CELL},
        status=400,
    )


def _export(request, table, write):
    report_cases(request.user)
    if table not in FIGURES:
        raise Http404("Deze tabel bestaat niet")
    form = ReportFilterForm(request.GET)
    period = form.period()
    if period is None:
        return _bad_filter(request, form)
    return write(report_table(request.user, period, table), period)


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

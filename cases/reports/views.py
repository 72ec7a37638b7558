"""Sturingsinformatie (/sturing/): figures for coordinators and management, never a person.
Which cases they count is ``cases.permissions.report_cases``' decision alone."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from cases.overviews.views import pdf_response
from cases.permissions import report_cases
from cases.reports.charts import sections
from cases.reports.export import csv_response, xlsx_response
from cases.reports.forms import ReportFilterForm
from cases.reports.pdf import filename, report_pdf_html
from cases.reports.queries import FIGURES, report_table, report_tables
from pga.pdf import render_pdf


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
    """The whole page as a PDF report for the directorate, with the page's filter."""
    report_cases(request.user)
    form = ReportFilterForm(request.GET)
    period = form.period()
    if period is None:
        return _bad_filter(request, form)
    return pdf_response(render_pdf(report_pdf_html(request.user, period)), filename(period))

"""Sturingsinformatie (/sturing/): figures for coordinators and management, never a person.
Which cases they count is ``cases.permissions.report_cases``' decision alone."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from cases.permissions import report_cases
from cases.reports.charts import sections
from cases.reports.export import csv_response, xlsx_response
from cases.reports.forms import ReportFilterForm
from cases.reports.queries import FIGURES, report_table, report_tables


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


def _export(request, table, write):
    report_cases(request.user)
    if table not in FIGURES:
        raise Http404("Deze tabel bestaat niet")
    form = ReportFilterForm(request.GET)
    period = form.period()
    if period is None:  # the page shows the errors at the fields
        return render(
            request,
            "cases/reports/report.html",
            {"form": form, "min_cell": settings.REPORT_MIN_CELL},
            status=400,
        )
    return write(report_table(request.user, period, table), period)


@login_required
def report_csv(request, table):
    return _export(request, table, csv_response)


@login_required
def report_xlsx(request, table):
    return _export(request, table, xlsx_response)

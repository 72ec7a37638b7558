"""The whole Sturingsinformatie as a PDF counts every case of the period (the whole city:
thousands of cases, tens of thousands of agreements and interventions), so it is made in the
background like the team's caseload PDF: the user sees its progress and downloads it
(pga/jobs.py). Its parameters are the page's filter, checked again by the page's form."""

from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

from cases.permissions import may_read_reports
from cases.reports.forms import ReportFilterForm
from cases.reports.pdf import filename, report_pdf_html
from pga.jobs import JobKind, pdf_result, register


def job_params(period) -> dict:
    """The period as the job's parameters: the page's query string, in parts."""
    return QueryDict(period.query()).dict()


def _period(params):
    period = ReportFilterForm(QueryDict(urlencode(params))).period()
    if period is None:
        raise ValueError(f"Sturingsinformatie: ongeldige periode {params!r}")
    return period


def _run(user, params, progress):
    period = _period(params)
    return pdf_result(lambda: report_pdf_html(user, period), filename(period), progress)


REPORT_PDF = register(
    JobKind(
        name="report_pdf",
        title="Sturingsinformatie als PDF-rapport",
        run=_run,
        # Only while the user may see the figures (coordinators and management).
        allowed=lambda user, params: may_read_reports(user),
        back=lambda params: reverse("cases:report") + "?" + urlencode(params),
    )
)

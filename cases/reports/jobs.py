"""The Sturingsinformatie counts every case of its period (the whole city: thousands of
cases, tens of thousands of agreements and interventions), so its figures are counted in the
background and never in a web request (pga/jobs.py):

- ``report_figures``: the page's eight suppressed tables, stored as JSON. The page, its
  CSV/XLSX downloads and the API show the user's figures for that period if they were counted
  less than ``REPORT_FIGURES_MINUTES`` ago; else they ask a worker and the page shows its
  progress until the figures are there. Without a broker (the demo, the tests) the worker's
  work is done within the request, and the page shows the figures at once.
- ``report_pdf``: the whole report as a PDF for the directorate, downloaded from the job's
  page like the team's caseload PDF.

A job's parameters are the page's filter, checked again by the page's form when it runs."""

import json
from datetime import timedelta

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

from cases.permissions import may_read_reports
from cases.reports.forms import ReportFilterForm
from cases.reports.pdf import filename, report_pdf_html
from cases.reports.queries import FIGURES, counted_cases
from cases.reports.suppression import Column, Suppressed, Table, suppress
from pga.jobs import JobKind, Result, pdf_result, recent_job, register, start_job


def job_params(period) -> dict:
    """The period as the job's parameters: the page's query string, in parts."""
    return QueryDict(period.query()).dict()


def _period(params):
    period = ReportFilterForm(QueryDict(urlencode(params))).period()
    if period is None:
        raise ValueError(f"Sturingsinformatie: ongeldige periode {params!r}")
    return period


def _back(params) -> str:
    return reverse("cases:report") + "?" + urlencode(params)


def _allowed(user, params) -> bool:
    """Only while the user may see the figures (coordinators and management)."""
    return may_read_reports(user)


# The tables as JSON: a suppressed cell is {"kleiner_dan": 5}, its value is never stored.
def _cell_to_json(value):
    return {"kleiner_dan": value.minimum} if isinstance(value, Suppressed) else value


def _cell_from_json(value):
    return Suppressed(value["kleiner_dan"]) if isinstance(value, dict) else value


def tables_to_json(tables) -> bytes:
    return json.dumps(
        [
            {
                "slug": t.slug,
                "title": str(t.title),
                "row_header": str(t.row_header),
                "columns": [
                    {"label": str(c.label), "kind": c.kind, "over": c.over, "parts": c.parts}
                    for c in t.columns
                ],
                "rows": [[label, [_cell_to_json(v) for v in values]] for label, values in t.rows],
                "total_row": t.total_row,
                "note": str(t.note),
            }
            for t in tables
        ]
    ).encode()


def tables_from_json(content: bytes) -> list[Table]:
    return [
        Table(
            slug=t["slug"],
            title=t["title"],
            row_header=t["row_header"],
            columns=[
                Column(c["label"], c["kind"], c["over"], tuple(c["parts"])) for c in t["columns"]
            ],
            rows=[(label, [_cell_from_json(v) for v in values]) for label, values in t["rows"]],
            total_row=t["total_row"],
            note=t["note"],
        )
        for t in json.loads(content)
    ]


def _count_figures(user, params, progress):
    """Each figure, suppressed, with the progress bar moving per figure."""
    period = _period(params)
    cases = counted_cases(user, period)
    tables = []
    for done, figure in enumerate(FIGURES.values()):
        progress(done, len(FIGURES))
        tables.append(suppress(figure(cases, period)))
    progress(len(FIGURES), len(FIGURES))
    name = filename(period).removesuffix(".pdf") + ".json"
    return Result(tables_to_json(tables), name, "application/json")


REPORT_FIGURES = register(
    JobKind(
        name="report_figures",
        title="Sturingsinformatie: de cijfers tellen",
        run=_count_figures,
        allowed=_allowed,
        back=_back,
        listed=False,  # the page shows them; nothing to download
    )
)


def figures_job(user, period, *, again=False):
    """The user's figures for ``period``: the ones counted less than
    ``REPORT_FIGURES_MINUTES`` ago, or (none, or ``again``) a job that counts them now. The
    caller has checked that the user may read figures."""
    params = job_params(period)
    if not again:
        within = timedelta(minutes=settings.REPORT_FIGURES_MINUTES)
        recent = recent_job(user, REPORT_FIGURES.name, params, within)
        if recent is not None:
            return recent
    return start_job(user, REPORT_FIGURES.name, params)


def stored_tables(job) -> list[Table]:
    """The tables a finished figures job counted."""
    with job.file.open("rb") as handle:
        return tables_from_json(handle.read())


def _report_pdf(user, params, progress):
    period = _period(params)
    return pdf_result(lambda: report_pdf_html(user, period), filename(period), progress)


REPORT_PDF = register(
    JobKind(
        name="report_pdf",
        title="Sturingsinformatie als PDF-rapport",
        run=_report_pdf,
        allowed=_allowed,
        back=_back,
    )
)

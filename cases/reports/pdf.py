"""The whole Sturingsinformatie as one PDF for the directorate: the same suppressed tables
as the page (``report_tables``) and their charts, drawn from those tables; no number the
page hides reaches the paper."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from cases.reports.charts import sections
from cases.reports.queries import Period, report_tables


def report_pdf_html(user, period: Period) -> str:
    return render_to_string(
        "pdf/report.html",
        {
            "period": period,
            "organisation": settings.PGA_ORGANISATION,
            "min_cell": settings.REPORT_MIN_CELL,
            "sections": sections(report_tables(user, period), for_print=True),
            "generated_at": timezone.localtime(),
            "generated_by": user.get_full_name() or user.get_username(),
        },
    )


def filename(period: Period) -> str:
    where = f"-gebied-{period.district.pk}" if period.district else ""
    return f"sturingsinformatie-{period.first}-tm-{period.last}{where}.pdf"

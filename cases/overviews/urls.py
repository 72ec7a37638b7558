from django.urls import path, register_converter

from cases.months import MonthConverter
from cases.overviews import views

register_converter(MonthConverter, "month")

urlpatterns = [
    path(
        "casussen/<int:case_id>/maandoverzicht/<month:month>.pdf",
        views.case_overview_pdf,
        name="case_overview_pdf",
    ),
    path(
        "casussen/<int:case_id>/maandoverzichten/<int:overview_id>/",
        views.archived_overview,
        name="archived_overview",
    ),
    path(
        "maandoverzichten/<month:month>.pdf",
        views.caseload_overview_pdf,
        name="caseload_overview_pdf",
    ),
]

from django.urls import path, register_converter

from cases import contact_views, overview_views, people_views, registration, views


class MonthConverter:
    """<yyyy>-<mm> in a URL; whether the month is valid is the view's business (404)."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(MonthConverter, "month")

app_name = "cases"

# Id parameters are named <model>_id: the access-matrix test recognises them by name.
urlpatterns = [
    path("casussen/", views.case_list, name="case_list"),
    path("casussen/nieuw/", registration.case_create, name="case_create"),
    path("casussen/<int:case_id>/", views.case_detail, name="case_detail"),
    path("casussen/<int:case_id>/historie/", views.case_history, name="case_history"),
    path("casussen/<int:case_id>/bewerken/", views.case_edit, name="case_edit"),
    path("casussen/<int:case_id>/status/", views.case_status, name="case_status"),
    path(
        "casussen/<int:case_id>/partners/nieuw/",
        views.involvement_create,
        name="involvement_create",
    ),
    path(
        "casussen/<int:case_id>/partners/<int:involvement_id>/beeindigen/",
        views.involvement_end,
        name="involvement_end",
    ),
    path(
        "casussen/<int:case_id>/interventies/nieuw/",
        views.intervention_create,
        name="intervention_create",
    ),
    path(
        "casussen/<int:case_id>/interventies/<int:intervention_id>/",
        views.intervention_detail,
        name="intervention_detail",
    ),
    path(
        "casussen/<int:case_id>/interventies/<int:intervention_id>/bewerken/",
        views.intervention_edit,
        name="intervention_edit",
    ),
    path(
        "casussen/<int:case_id>/contacten/nieuw/",
        contact_views.contact_create,
        name="contact_create",
    ),
    path(
        "casussen/<int:case_id>/contacten/<int:contact_id>/",
        contact_views.contact_detail,
        name="contact_detail",
    ),
    path(
        "casussen/<int:case_id>/contacten/<int:contact_id>/bewerken/",
        contact_views.contact_edit,
        name="contact_edit",
    ),
    path("casussen/<int:case_id>/zrm/nieuw/", views.assessment_create, name="assessment_create"),
    path(
        "casussen/<int:case_id>/maandoverzicht/<month:month>.pdf",
        overview_views.case_overview_pdf,
        name="case_overview_pdf",
    ),
    path(
        "casussen/<int:case_id>/maandoverzichten/<int:overview_id>/",
        overview_views.archived_overview,
        name="archived_overview",
    ),
    path(
        "maandoverzichten/<month:month>.pdf",
        overview_views.caseload_overview_pdf,
        name="caseload_overview_pdf",
    ),
    path("jongeren/<int:youth_id>/", people_views.youth_detail, name="youth_detail"),
    path("jongeren/<int:youth_id>/bewerken/", people_views.youth_edit, name="youth_edit"),
    path("jongeren/<int:youth_id>/inzage-export/", people_views.youth_export, name="youth_export"),
    path("huishoudens/<int:household_id>/", people_views.household_detail, name="household_detail"),
    path(
        "huishoudens/<int:household_id>/bewerken/",
        people_views.household_edit,
        name="household_edit",
    ),
    path("groepen/<int:group_id>/", people_views.group_detail, name="group_detail"),
]

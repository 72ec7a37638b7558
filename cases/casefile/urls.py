from django.urls import path

from cases.casefile import views

# Id parameters are named <model>_id: the access-matrix test recognises them by name.
urlpatterns = [
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
        "casussen/<int:case_id>/partners/<int:involvement_id>/verlengen/",
        views.involvement_renew,
        name="involvement_renew",
    ),
    path(
        "casussen/<int:case_id>/partners/<int:involvement_id>/informatieniveau/",
        views.involvement_level,
        name="involvement_level",
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
    path("casussen/<int:case_id>/zrm/nieuw/", views.assessment_create, name="assessment_create"),
]

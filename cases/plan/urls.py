from django.urls import path

from cases.plan import views

urlpatterns = [
    path("afspraken/", views.agreement_list, name="agreement_list"),
    path("casussen/<int:case_id>/doelen/nieuw/", views.goal_create, name="goal_create"),
    path(
        "casussen/<int:case_id>/doelen/<int:goal_id>/bewerken/",
        views.goal_edit,
        name="goal_edit",
    ),
    path(
        "casussen/<int:case_id>/doelen/<int:goal_id>/evalueren/",
        views.goal_evaluate,
        name="goal_evaluate",
    ),
    path(
        "casussen/<int:case_id>/afspraken/nieuw/",
        views.agreement_create,
        name="agreement_create",
    ),
    path(
        "casussen/<int:case_id>/afspraken/<int:agreement_id>/bewerken/",
        views.agreement_edit,
        name="agreement_edit",
    ),
    path(
        "casussen/<int:case_id>/afspraken/<int:agreement_id>/afronden/",
        views.agreement_finish,
        name="agreement_finish",
    ),
]

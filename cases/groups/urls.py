from django.urls import path

from cases.groups import views

urlpatterns = [
    path("groepen/", views.group_list, name="group_list"),
    path("groepen/nieuw/", views.group_create, name="group_create"),
    path("groepen/<int:group_id>/", views.group_detail, name="group_detail"),
    path("groepen/<int:group_id>/bewerken/", views.group_edit, name="group_edit"),
    path("groepen/<int:group_id>/leden/nieuw/", views.group_member_add, name="group_member_add"),
    path(
        "groepen/<int:group_id>/leden/<int:group_membership_id>/rol/",
        views.group_member_role,
        name="group_member_role",
    ),
    path(
        "groepen/<int:group_id>/leden/<int:group_membership_id>/beeindigen/",
        views.group_member_end,
        name="group_member_end",
    ),
]

urlpatterns += [
    path("groepen/<int:group_id>/historie/", views.group_history, name="group_history"),
    path(
        "groepen/<int:group_id>/maandoverzicht/<month:month>.pdf",
        views.group_overview_pdf,
        name="group_overview_pdf",
    ),
    path(
        "groepen/<int:group_id>/afspraken/nieuw/",
        views.group_agreement_create,
        name="group_agreement_create",
    ),
    path(
        "groepen/<int:group_id>/afspraken/<int:agreement_id>/afronden/",
        views.group_agreement_finish,
        name="group_agreement_finish",
    ),
    path(
        "groepen/<int:group_id>/maandoverzichten/<int:overview_id>/",
        views.group_archived_overview,
        name="group_archived_overview",
    ),
    path(
        "casussen/<int:case_id>/inzichten/<int:insight_id>/intrekken/",
        views.case_insight_withdraw,
        name="case_insight_withdraw",
    ),
    path(
        "groepen/<int:group_id>/inzichten/<int:insight_id>/intrekken/",
        views.group_insight_withdraw,
        name="group_insight_withdraw",
    ),
    path("groepen/<int:group_id>/fase/", views.group_phase, name="group_phase"),
    path(
        "groepen/<int:group_id>/groepsduiding/nieuw/",
        views.group_reading_create,
        name="group_reading_create",
    ),
    path("groepen/<int:group_id>/relaties/nieuw/", views.relation_create, name="relation_create"),
    path(
        "groepen/<int:group_id>/relaties/<int:relation_id>/verwijderen/",
        views.relation_remove,
        name="relation_remove",
    ),
    path(
        "groepen/<int:group_id>/inzichten/nieuw/",
        views.group_insight_create,
        name="group_insight_create",
    ),
    path(
        "casussen/<int:case_id>/inzichten/nieuw/",
        views.case_insight_create,
        name="case_insight_create",
    ),
    path("groepen/<int:group_id>/doelen/nieuw/", views.group_goal_create, name="group_goal_create"),
    path(
        "groepen/<int:group_id>/doelen/<int:group_goal_id>/evalueren/",
        views.group_goal_evaluate,
        name="group_goal_evaluate",
    ),
    path(
        "groepen/<int:group_id>/interventies/nieuw/",
        views.group_intervention_create,
        name="group_intervention_create",
    ),
    path(
        "groepen/<int:group_id>/interventies/<int:group_intervention_id>/bewerken/",
        views.group_intervention_edit,
        name="group_intervention_edit",
    ),
]

from django.urls import path

from cases.people import views

urlpatterns = [
    path("jongeren/<int:youth_id>/", views.youth_detail, name="youth_detail"),
    path("jongeren/<int:youth_id>/bewerken/", views.youth_edit, name="youth_edit"),
    path("huishoudens/<int:household_id>/", views.household_detail, name="household_detail"),
    path(
        "huishoudens/<int:household_id>/bewerken/",
        views.household_edit,
        name="household_edit",
    ),
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

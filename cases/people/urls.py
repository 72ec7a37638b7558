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
]

from django.urls import path

from cases.choices import views

urlpatterns = [
    path("keuzes/coordinatoren/", views.coordinator_choices, name="choice_coordinators"),
    path("keuzes/partners/", views.partner_choices, name="choice_partners"),
    path("keuzes/jeugdgroepen/", views.youth_group_choices, name="choice_youth_groups"),
]

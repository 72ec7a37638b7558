from django.urls import path

from cases.choices import views

urlpatterns = [
    path("keuzes/coordinatoren/", views.coordinator_choices, name="choice_coordinators"),
    path("keuzes/partners/", views.partner_choices, name="choice_partners"),
    path("keuzes/actieve-partners/", views.active_partner_choices, name="choice_active_partners"),
    path("keuzes/contactpersonen/", views.contact_person_choices, name="choice_contact_persons"),
    path("keuzes/jeugdgroepen/", views.youth_group_choices, name="choice_youth_groups"),
]

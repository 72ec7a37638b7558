from django.urls import path

from cases.contacts import views

urlpatterns = [
    path(
        "casussen/<int:case_id>/contacten/nieuw/",
        views.contact_create,
        name="contact_create",
    ),
    path(
        "casussen/<int:case_id>/contacten/<int:contact_id>/",
        views.contact_detail,
        name="contact_detail",
    ),
    path(
        "casussen/<int:case_id>/contacten/<int:contact_id>/bewerken/",
        views.contact_edit,
        name="contact_edit",
    ),
]

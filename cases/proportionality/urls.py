from django.urls import path

from cases.proportionality import views

urlpatterns = [
    path("casussen/<int:case_id>/toets/nieuw/", views.toets_create, name="toets_create"),
]

"""The start page, outside the ``cases`` namespace: its name stays ``home``."""

from django.urls import path

from cases.caseload import views

urlpatterns = [
    path("", views.home, name="home"),
]

from django.urls import path

from cases.registration import views

urlpatterns = [
    path("casussen/nieuw/", views.case_create, name="case_create"),
]

from django.urls import path

from cases.caseload import views

# Id parameters are named <model>_id: the access-matrix test recognises them by name.
urlpatterns = [
    path("casussen/", views.case_list, name="case_list"),
]

from django.urls import path

from cases.caseload import views

# Id parameters are named <model>_id: the access-matrix test recognises them by name.
urlpatterns = [
    path("casussen/", views.case_list, name="case_list"),
    path("casussen/export.csv", views.case_list_csv, name="case_list_csv"),
    path("casussen/export.xlsx", views.case_list_xlsx, name="case_list_xlsx"),
    path("casussen/maandoverzichten/", views.caseload_months, name="caseload_months"),
]

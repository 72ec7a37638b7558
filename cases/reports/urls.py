from django.urls import path

from cases.reports import views

urlpatterns = [
    path("sturing/", views.report, name="report"),
    path("sturing/<slug:table>.csv", views.report_csv, name="report_csv"),
    path("sturing/<slug:table>.xlsx", views.report_xlsx, name="report_xlsx"),
]

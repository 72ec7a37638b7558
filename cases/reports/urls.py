from django.urls import path

from cases.reports import views

urlpatterns = [
    path("sturing/", views.report, name="report"),
    path("sturing/rapport.pdf", views.report_pdf, name="report_pdf"),
    path("sturing/<slug:table>.csv", views.report_csv, name="report_csv"),
    path("sturing/<slug:table>.xlsx", views.report_xlsx, name="report_xlsx"),
]

from django.urls import path

from cases.privacy import views

urlpatterns = [
    path("jongeren/<int:youth_id>/inzage-export/", views.youth_export, name="youth_export"),
]

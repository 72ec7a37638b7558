from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from cases.api import views

app_name = "api"

urlpatterns = [
    path("api/schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("api/v1/casussen/", views.CaseList.as_view(), name="case_list"),
    path("api/v1/casussen/<int:case_id>/", views.CaseRead.as_view(), name="case_detail"),
    path(
        "api/v1/casussen/<int:case_id>/contactmomenten/",
        views.ContactList.as_view(),
        name="case_contacts",
    ),
    path(
        "api/v1/casussen/<int:case_id>/interventies/",
        views.InterventionList.as_view(),
        name="case_interventions",
    ),
    path("api/v1/cijfers/", views.FigureList.as_view(), name="figures"),
    # Any other address under /api/: a problem-details 404, not the site's HTML page.
    re_path(r"^api/.+", views.not_found, name="not_found"),
]

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cases.api.docs import api_docs
from pga import job_views, notification_views, supervision, two_factor, views

urlpatterns = [
    path("", include("cases.caseload.home_urls")),
    # Browsers ask for it on pages that do not name their icon (the admin's, a PDF's).
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("tweestapsverificatie/", two_factor.verify, name="two_factor_verify"),
    path("tweestapsverificatie/instellen/", two_factor.setup, name="two_factor_setup"),
    path("toezicht/inzagelog/", supervision.access_log, name="supervision_access_log"),
    path("privacyverklaring/", views.privacy_statement, name="privacy_statement"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility_statement"),
    path("helpdesk/", views.helpdesk, name="helpdesk"),
    path("meldingen/", notification_views.notification_list, name="notification_list"),
    path(
        "meldingen/<int:notification_id>/",
        notification_views.notification_open,
        name="notification_open",
    ),
    path(
        "meldingen/gelezen/",
        notification_views.notification_read_all,
        name="notification_read_all",
    ),
    path(
        "meldingen/instellingen/",
        notification_views.notification_settings,
        name="notification_settings",
    ),
    path("taken/", job_views.job_list, name="job_list"),
    path("taken/<int:job_id>/", job_views.job_detail, name="job_detail"),
    path("taken/<int:job_id>/bestand/", job_views.job_download, name="job_download"),
    path("beheer/", admin.site.urls),
    path("api/", api_docs, name="api_docs"),
    path("", include("cases.api.urls")),
    path("", include("cases.urls")),
]

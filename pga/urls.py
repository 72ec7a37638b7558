from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import gettext_lazy as _

from pga import views

admin.site.site_header = _("PGA casusregie — functioneel beheer")
admin.site.site_title = _("PGA beheer")
admin.site.index_title = _("Beheer van partners, accounts en referentielijsten")

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("beheer/", admin.site.urls),
]

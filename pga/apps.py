from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PgaConfig(AppConfig):
    """The project package as an app: shared template tags and cross-cutting code."""

    name = "pga"
    verbose_name = "PGA casusregie"
    default = True

    def ready(self):
        from pga import (
            access_admin,  # noqa: F401 - registers the access log in beheer
            middleware,  # noqa: F401 - connects the login-time receiver
        )


class PGAAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site class (functioneel beheer, see pga.admin)."""

    default = False
    default_site = "pga.admin.PGAAdminSite"

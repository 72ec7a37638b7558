from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PgaConfig(AppConfig):
    """The project package as an app: shared template tags and cross-cutting code."""

    name = "pga"
    verbose_name = "PGA casusregie"
    default = True

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from pga import middleware  # noqa: F401 - connects the login-time receiver
        from pga.history import reuse_history_managers

        reuse_history_managers(apps.get_models(include_auto_created=True))

        post_migrate.connect(reinstall_access_log_guard, sender=self)


def reinstall_access_log_guard(sender, using="default", **kwargs):
    """After every migrate (run by the owner role), the database's guard on the access log
    holds the retention period of the current settings."""
    from django.db import connections

    from pga.access_log_guard import install

    install(connections[using])


class PGAAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site class (functioneel beheer, see pga.admin_site)."""

    default = False
    default_site = "pga.admin_site.PGAAdminSite"

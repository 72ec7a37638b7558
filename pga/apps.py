from django.contrib.admin.apps import AdminConfig


class PGAAdminConfig(AdminConfig):
    default_site = "pga.admin.PGAAdminSite"

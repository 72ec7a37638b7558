from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Ketenpartners")

    def ready(self):
        from partners.roles import ensure_role_groups

        # Role groups must exist on every database, including a fresh production one.
        post_migrate.connect(ensure_role_groups, dispatch_uid="partners.ensure_role_groups")

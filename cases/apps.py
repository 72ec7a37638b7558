from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Casussen")

    def ready(self):
        # The kinds of background job this app knows (pga/jobs.py).
        # The kinds of notification (pga/notifications.py).
        from cases.groups import jobs as group_jobs  # noqa: F401
        from cases.notifications import kinds  # noqa: F401
        from cases.overviews import jobs  # noqa: F401
        from cases.privacy import jobs as privacy_jobs  # noqa: F401
        from cases.reports import jobs as report_jobs  # noqa: F401

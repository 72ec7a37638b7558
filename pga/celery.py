"""The task queue: Celery with Redis, as Open Forms, Open Zaak and Signalen run it.

Configured from the settings (``CELERY_*``, read from the environment). With no broker
configured (the local demo, ``make run``) every task runs at once in the process that asks
for it, so the README's two commands need no Redis. ``make worker`` starts a worker with the
scheduler (beat) for a local setup that has Redis; production runs them as services (README).
"""

import os

from celery import Celery
from celery.signals import task_failure

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pga.settings")

app = Celery("pga")
app.config_from_object("django.conf:settings", namespace="CELERY")


@task_failure.connect
def _record_failure(sender=None, task_id=None, exception=None, einfo=None, **kwargs):
    """A task that failed for good (its retries used up) is shown to functioneel beheer."""
    from pga.tasks import record_failure

    record_failure(sender, task_id, exception, einfo)

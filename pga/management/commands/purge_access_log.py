from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from pga.models import AccessLog
from pga.tasks import purge_expired_access_log


class Command(BaseCommand):
    help = (
        "Verwijdert regels uit het inzagelog die ouder zijn dan de bewaartermijn "
        "(ACCESS_LOG_RETENTION_DAYS) en legt vast wat er is verwijderd."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen tellen, niets verwijderen."
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.ACCESS_LOG_RETENTION_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        if dry_run:
            count = AccessLog.objects.filter(at__lt=cutoff).count()
            self.stdout.write(
                f"{count} regel(s) ouder dan {cutoff:%d-%m-%Y} zouden worden verwijderd."
            )
            return
        count = purge_expired_access_log()
        self.stdout.write(
            self.style.SUCCESS(f"{count} regel(s) van voor {cutoff:%d-%m-%Y} verwijderd.")
        )

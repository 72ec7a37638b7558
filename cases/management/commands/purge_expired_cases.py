from django.conf import settings
from django.core.management.base import BaseCommand

from cases.privacy.retention import expired_cases, purge_case, purge_expired_sessions


class Command(BaseCommand):
    help = (
        "Verwijdert afgesloten casussen waarvan de bewaartermijn (CASE_RETENTION_YEARS na "
        "afsluiting) voorbij is, met alles wat alleen zij gebruiken en hun historie; laat een "
        "anonieme grafsteen en een regel in het inzagelog achter."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen tonen, niets verwijderen."
        )

    def handle(self, *args, dry_run=False, **options):
        cases = list(expired_cases())
        years = settings.CASE_RETENTION_YEARS
        self.stdout.write(f"{len(cases)} casus(sen) langer dan {years} jaar afgesloten.")
        for case in cases:
            closed = f"afgesloten {case.closed_on:%d-%m-%Y}"
            if dry_run:
                self.stdout.write(f"  zou verwijderen: casus {case.pk} ({closed})")
                continue
            purged = purge_case(case)
            self.stdout.write(
                f"  verwijderd: casus ({closed}); grafsteen {purged.tombstone.pk}"
                f"{'; jongere verwijderd' if purged.youth_removed else ''}"
                f"{'; huishouden verwijderd' if purged.household_removed else ''}"
                f"{f'; {purged.caseloads_remade} caseloadoverzicht(en) opnieuw gemaakt' if purged.caseloads_remade else ''}"
            )
        if dry_run:
            self.stdout.write("Niets verwijderd (--dry-run).")
            return
        purge_expired_sessions()

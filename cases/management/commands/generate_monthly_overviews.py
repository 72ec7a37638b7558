import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from cases.months import Month
from cases.overviews.batch import jobs_for, run


class Command(BaseCommand):
    help = (
        "Maakt de maandoverzichten (PDF) van alle casussen die in de maand liepen, plus het "
        "caseloadoverzicht per procescoördinator, en archiveert ze met hun SHA-256. "
        "Standaard de vorige maand; wat er al is wordt overgeslagen (behalve met --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="JJJJ-MM; standaard de vorige maand.")
        parser.add_argument(
            "--workers", type=int, default=1, help="Aantal werkprocessen (standaard 1)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Ook bestaande overzichten opnieuw maken."
        )
        parser.add_argument("--user", help="Gebruikersnaam die als maker wordt vastgelegd.")

    def handle(self, *args, month=None, workers=1, force=False, user=None, **options):
        try:
            period = Month.parse(month) if month else Month.previous()
        except Http404:
            raise CommandError(
                f"Ongeldige of toekomstige maand: {month!r} (gebruik JJJJ-MM)."
            ) from None
        by = get_user_model().objects.filter(username=user).first() if user else None
        if user and by is None:
            raise CommandError(f"Onbekende gebruiker: {user}")
        jobs = jobs_for(period, force=force)
        self.stdout.write(
            f"Maandoverzichten {period.label}: {len(jobs)} te maken, {max(workers, 1)} werkproces(sen)."
        )
        stored, failures = run(jobs, workers=max(workers, 1), by=by, progress=self.progress)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"{len(stored)} gemaakt."))
        if failures:
            for job, error in failures:
                self.stderr.write(f"MISLUKT {job.label}: {error}")
            raise CommandError(f"{len(failures)} maandoverzicht(en) mislukt; zie hierboven.")

    def progress(self, done, total):
        width = 30
        filled = width * done // max(total, 1)
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        if self.stdout.isatty():
            self.stdout.write("\r" + line, ending="")
        elif done == total or done % max(total // 10, 1) == 0:
            self.stdout.write(line)
        sys.stdout.flush()

from django.core.management.base import BaseCommand

from cases.proportionality.services import expire_due


class Command(BaseCommand):
    help = (
        "Beëindigt betrokkenheden waarvan de einddatum van de toegang voorbij is (dagelijks "
        "draaien). Toont wat er is beëindigd; een tweede run verandert niets."
    )

    def handle(self, *args, **options):
        ended = expire_due()
        self.stdout.write(f"{len(ended)} betrokkenheid/-heden verlopen en beëindigd.")
        for involvement in ended:
            self.stdout.write(
                f"  {involvement.case.number}: {involvement.partner} "
                f"(toegang tot en met {involvement.expires_on:%d-%m-%Y})"
            )

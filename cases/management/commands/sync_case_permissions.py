from django.core.management.base import BaseCommand
from django.db import transaction

from cases.permissions import sync_all_case_grants
from partners.services import sync_partner_groups


class Command(BaseCommand):
    help = (
        "Herbouwt alle rechten op casussen uit de actieve betrokkenheden en zet iedere "
        "medewerker in de groep van de eigen organisatie. Een tweede run wijzigt niets."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        changes = sync_partner_groups()
        changes += sync_all_case_grants(by=None, reason="Rechten herbouwd uit betrokkenheden")
        for line in changes:
            self.stdout.write(line)
        if changes:
            self.stdout.write(self.style.WARNING(f"{len(changes)} wijziging(en) doorgevoerd."))
        else:
            self.stdout.write(self.style.SUCCESS("Geen wijzigingen: alle rechten kloppen."))

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from partners.models import Partner, Right
from partners.services import change_rights_from_command_line

RIGHTS = ", ".join(value for value, _label in Right.choices)


class Command(BaseCommand):
    help = (
        "Kent een recht toe of trekt het in, vanaf de opdrachtregel van de server: voor de "
        "eerste beheerders bij de installatie, of in nood. Staat in het rechtenlog, met de "
        "opdrachtregel als voorsteller en beslisser; daarna gaat alles via /beheer/ (vier ogen). "
        f"Rechten: {RIGHTS}."
    )

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--toekennen", metavar="RECHT", choices=Right.values)
        what.add_argument("--intrekken", metavar="RECHT", choices=Right.values)
        parser.add_argument("--organisatie", help="Naam van de ketenpartner (bij 'organisatie').")
        parser.add_argument("--reden", required=True, help="Waarom; komt in het rechtenlog.")
        parser.add_argument(
            "--nieuw",
            action="store_true",
            help="Maak het account aan als het nog niet bestaat (zonder wachtwoord: zet dat "
            "daarna met 'manage.py changepassword').",
        )

    def handle(self, *args, gebruikersnaam, toekennen, intrekken, organisatie, reden, nieuw, **o):
        User = get_user_model()
        user = User.objects.filter(username=gebruikersnaam).first()
        if user is None and not nieuw:
            raise CommandError(f"Onbekend account: {gebruikersnaam} (gebruik --nieuw).")
        if user is None:
            user = User(username=gebruikersnaam)
            user.set_unusable_password()
            user._change_reason = "Account aangemaakt op de opdrachtregel"
            user.save()
            self.stdout.write(f"Account {gebruikersnaam} aangemaakt, nog zonder wachtwoord.")
        partner = None
        if organisatie:
            partner = Partner.objects.filter(name=organisatie).first()
            if partner is None:
                raise CommandError(f"Onbekende organisatie: {organisatie}")
        try:
            change = change_rights_from_command_line(
                user, toekennen or intrekken, grant=bool(toekennen), reason=reden, partner=partner
            )
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"In het rechtenlog (nr. {change.pk}): {change}."))

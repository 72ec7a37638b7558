from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.demo import (
    API_ACCOUNTS,
    DEMO_PASSWORD,
    NotADemoDatabase,
    demo_accounts,
    demo_api_key,
    load_demo,
)
from partners.models import ApiToken


class Command(BaseCommand):
    help = (
        "Laadt fictieve demogegevens (idempotent: een tweede keer voegt niets toe). Alleen met "
        "DEBUG aan of met --ik-weet-het-zeker, en nooit in een database met echte casussen: "
        "de demo maakt accounts met een bekend wachtwoord en bekende codes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--ik-weet-het-zeker",
            action="store_true",
            dest="sure",
            help="Ook laden als DEBUG uit staat (bijv. een testomgeving).",
        )
        parser.add_argument(
            "--poort", type=int, default=8000, help="De poort in het getoonde inlogadres."
        )

    def handle(self, *args, sure=False, poort=8000, **options):
        if not (settings.DEBUG or sure):
            raise CommandError(
                "De demo laadt alleen met DEBUG=true (lokaal), of met --ik-weet-het-zeker. "
                "Gebruik dit nooit in productie: de demo-accounts hebben een bekend wachtwoord."
            )
        try:
            loaded = load_demo()
        except NotADemoDatabase as refusal:
            raise CommandError(str(refusal)) from None
        if loaded:
            self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        else:
            self.stdout.write("Demogegevens waren al geladen; niets toegevoegd.")
        self.stdout.write("")
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD})")
        for username, name, organisation, role in demo_accounts():
            self.stdout.write(f"  {username:<8} {name:<16} {role:<30} {organisation}")
        self.stdout.write(
            f"Inloggen: http://127.0.0.1:{poort}/inloggen/ — beheer: /beheer/ (account 'beheer')"
        )
        self.stdout.write("")
        self.stdout.write(f"API (documentatie: http://127.0.0.1:{poort}/api/), systeemaccounts:")
        for username, system_name, _partner in API_ACCOUNTS:
            if not ApiToken.objects.filter(user__username=username).exists():
                continue  # a demo loaded before the API had no system accounts
            self.stdout.write(f"  {username:<14} {system_name}")
            self.stdout.write(f"  {'':<14} Authorization: Bearer {demo_api_key(username)}")
        self.stdout.write("")
        self.stdout.write(
            "Tweestapsverificatie: na het wachtwoord vraagt de app een code. Die toont, in een "
            "tweede terminal, `make code user=NAAM` (bijv. make code user=sanne)."
        )

from django.core.management.base import BaseCommand

from cases.demo import DEMO_PASSWORD, demo_accounts, load_demo


class Command(BaseCommand):
    help = "Laadt fictieve demogegevens (idempotent: een tweede keer voegt niets toe)."

    def handle(self, *args, **options):
        if load_demo():
            self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        else:
            self.stdout.write("Demogegevens waren al geladen; niets toegevoegd.")
        self.stdout.write("")
        self.stdout.write(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD})")
        for username, name, organisation, role in demo_accounts():
            self.stdout.write(f"  {username:<8} {name:<16} {role:<30} {organisation}")
        self.stdout.write(
            "Inloggen: http://127.0.0.1:8000/inloggen/ — beheer: /beheer/ (account 'beheer')"
        )

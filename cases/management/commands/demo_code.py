import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Toont de huidige tweestapscode van een demo-account (alleen met DEBUG aan)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="")

    def handle(self, *args, username="", **options):
        if not settings.DEBUG:
            # A command that prints second factors would undo them on a real installation.
            self.refuse("demo_code werkt alleen in de lokale demo (DEBUG aan, zoals bij make run).")
        if not username:
            self.refuse("Geef het account op, bijv.: make code user=sanne")
        user = get_user_model().objects.filter(username=username).first()
        device = TOTPDevice.objects.filter(user=user, confirmed=True, name="Demo-app").first()
        if device is None:
            self.refuse(f"Geen demo-account met een authenticator: {username}")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")

    def refuse(self, message: str):
        """One Dutch line on stderr and exit status 1: no traceback, no English usage text."""
        self.stderr.write(message)
        sys.exit(1)

"""Two-factor login (TOTP, with backup codes) for every account.

After the password, a session reaches only these pages and logout until a second factor is
verified: the first time it enrols (QR code, then ten single-use backup codes), after that it
verifies a code. django-otp refuses a TOTP code that was already used.
"""

import secrets
from binascii import unhexlify

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

SETUP_KEY = "pga_totp_setup_key"
OPEN_ROUTES = {
    "two_factor_verify",
    "two_factor_setup",
    "logout",
    "login",
    "admin:logout",
    "admin:login",
    # The footer's public pages: whoever is stuck at the second factor needs the helpdesk.
    "privacy_statement",
    "accessibility_statement",
    "helpdesk",
}
BACKUP_CODES = 10


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.TWO_FACTOR_REQUIRED
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
        ):
            match = request.resolver_match or _resolve(request)
            name = (
                f"{match.namespace}:{match.url_name}"
                if match and match.namespace
                else (match.url_name if match else "")
            )
            if name not in OPEN_ROUTES:
                target = "two_factor_verify" if user_has_device(user) else "two_factor_setup"
                return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


def _resolve(request):
    from django.urls import Resolver404, resolve

    try:
        return resolve(request.path_info)
    except Resolver404:
        return None


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy(
            "De zescijferige code uit uw authenticator-app, of een reservecode."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or "/"
    return (
        target
        if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        else "/"
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    if not user_has_device(request.user):
        return redirect(f"{reverse('two_factor_setup')}?next={_next(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            verified(request, device)
            return redirect(_next(request))
        form.add_error("token", _("Deze code klopt niet of is al gebruikt."))
    return render(request, "two_factor/verify.html", {"form": form, "next": _next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    if user_has_device(request.user):
        return redirect(f"{reverse('two_factor_verify')}?next={_next(request)}")
    key = request.session.get(SETUP_KEY) or secrets.token_hex(20)
    request.session[SETUP_KEY] = key
    device = TOTPDevice(user=request.user, name="Authenticator-app", key=key, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            device.confirmed = True
            device.save()
            codes = _backup_codes(request.user)
            del request.session[SETUP_KEY]
            verified(request, device)
            return render(
                request, "two_factor/backup_codes.html", {"codes": codes, "next": _next(request)}
            )
        form.add_error(
            "token",
            _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer het opnieuw."),
        )
    qr = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=_("QR-code voor uw authenticator-app")
    )
    secret = _base32(key)
    return render(
        request,
        "two_factor/setup.html",
        {"form": form, "qr": qr, "secret": secret, "next": _next(request)},
    )


def verified(request, device):
    """Mark the session verified, under a new session key: the key issued after the
    password alone (which may have been seen) must not become a fully verified session."""
    otp_login(request, device)
    request.session.cycle_key()


def _base32(hex_key):
    from base64 import b32encode

    return b32encode(unhexlify(hex_key)).decode()


def _backup_codes(user):
    device, _created = StaticDevice.objects.get_or_create(user=user, name="Reservecodes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    for code in codes:
        device.token_set.create(token=code)
    return codes

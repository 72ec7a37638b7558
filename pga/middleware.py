"""Cross-cutting request handling: session limits and security headers."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.utils.translation import gettext as _

LOGIN_AT = "pga_login_at"


@receiver(user_logged_in, dispatch_uid="pga.remember_login_time")
def remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = int(time.time())


TOUCHED_AT = "pga_touched_at"


class SessionLimitsMiddleware:
    """Logs out after SESSION_MAX_HOURS in any case. The idle limit is the session's own
    expiry (SESSION_COOKIE_AGE), renewed at most once every SESSION_RENEW_SECONDS: writing
    the session on every request would cost an UPDATE (and a transaction) on every page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            if started is None or time.time() - started > settings.SESSION_MAX_HOURS * 3600:
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
                return redirect(f"{settings.LOGIN_URL_PATH}?next={request.path}")
            now = int(time.time())
            if now - request.session.get(TOUCHED_AT, 0) >= settings.SESSION_RENEW_SECONDS:
                request.session[TOUCHED_AT] = now  # a changed session is saved, expiry renewed
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy (no inline scripts or styles), a Permissions-Policy,
    and no caching of any page shown to a logged-in user (they hold personal data)."""

    CSP = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.CSP)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or response.get(
            "Content-Type", ""
        ).startswith("application/pdf"):
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        return response

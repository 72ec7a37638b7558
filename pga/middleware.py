"""Cross-cutting request handling: session limits, odd input, and security headers."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import DataError
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

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


def refuse(request, message: str, status: int = 400):
    """The Dutch error page for a request that cannot be taken as it is; for the API the same
    words as problem details (cases/api/errors.py), the only kind of answer it gives."""
    if request.path.startswith("/api/"):
        body = {
            "type": "about:blank",
            "title": str(_("Ongeldige invoer") if status == 400 else _("Te groot")),
            "status": status,
            "detail": str(message),
            "instance": request.path,
        }
        return JsonResponse(body, status=status, content_type="application/problem+json")
    return render(request, "400.html", {"message": message}, status=status)


NUL = "\x00"
TOO_BIG = gettext_lazy(
    "De invoer is te groot om te verwerken. Maak de tekst korter en probeer het opnieuw."
)


def carries_nul(request) -> bool:
    if NUL in request.path:
        return True
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
    return False


class RefuseOddInputMiddleware:
    """No NUL byte, oversized body or out-of-range number reaches a view or the database.

    A NUL byte is never part of legitimate input here, and PostgreSQL refuses it in text
    (which would otherwise end in a server error, also while writing the access log).
    A body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused before it is read. A number a view
    passes to the database that does not fit its column (an id of twenty digits in the
    admin) raises DataError or OverflowError: that is the request's fault, answered with a
    400 like the rest. Sits inside the access log's middleware, so each refusal is logged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return refuse(request, TOO_BIG, status=413)
        try:
            nul = carries_nul(request)
        except RequestDataTooBig:
            return refuse(request, TOO_BIG, status=413)
        except TooManyFieldsSent:
            return refuse(request, _("Het formulier bevat te veel velden."))
        if nul:
            return refuse(
                request,
                _(
                    "De invoer bevat een onzichtbaar teken dat niet is toegestaan (NUL). "
                    "Ga terug, verwijder het en probeer het opnieuw."
                ),
            )
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError | DataError):
            logger.warning(
                "Ongeldige waarde in %s %s: %s",
                request.method,
                request.path[:200],
                type(exception).__name__,
                exc_info=True,
            )
            return refuse(request, _("De aanvraag bevat een waarde die niet kan bestaan."))
        return None


class DutchNotFoundMiddleware:
    """With DEBUG on (the demo, development) Django answers a 404 with its English technical
    page; users of the demo get the same Dutch page as production. Static files keep their
    plain 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not request.path.startswith(settings.STATIC_URL)
            and not getattr(response, "dutch", False)
        ):
            response = render(request, "404.html", status=404)
            response.dutch = True
        return response

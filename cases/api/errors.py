"""Every refusal of the API as RFC 9457 problem details (application/problem+json) with
Dutch text: what went wrong (title), why (detail), and per parameter what to change
(fouten). Never a stack trace, never a 500 for bad input."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import set_rollback

logger = logging.getLogger(__name__)

PROBLEM = "application/problem+json"

TITLES = {
    400: _("Ongeldige invoer"),
    401: _("Niet aangemeld"),
    403: _("Geen toegang"),
    404: _("Niet gevonden"),
    405: _("Methode niet toegestaan"),
    406: _("Formaat niet beschikbaar"),
    429: _("Te veel verzoeken"),
}
DETAILS = {
    exceptions.NotAuthenticated: _(
        "Geef een token mee: 'Authorization: Bearer <token>'. Functioneel beheer maakt tokens aan."
    ),
    exceptions.PermissionDenied: _("Dit systeemaccount mag dit niet lezen."),
    exceptions.NotFound: _("Dit bestaat niet, of dit systeemaccount mag het niet zien."),
    exceptions.MethodNotAllowed: _("De API kan alleen lezen: gebruik GET."),
    exceptions.NotAcceptable: _("De API antwoordt alleen in JSON (application/json)."),
}


class Problem(serializers.Serializer):
    """The body of every error answer (RFC 9457)."""

    type = serializers.CharField(help_text="Altijd 'about:blank': de status zegt de soort fout.")
    title = serializers.CharField(help_text="Korte omschrijving van de soort fout.")
    status = serializers.IntegerField(help_text="De HTTP-status.")
    detail = serializers.CharField(help_text="Wat er mis is, in gewone taal.")
    instance = serializers.CharField(help_text="Het gevraagde pad.")
    fouten = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Per parameter wat er mis is (alleen bij status 400).",
    )


def _text(detail) -> str:
    if isinstance(detail, list):
        return " ".join(_text(item) for item in detail)
    if isinstance(detail, dict):
        return " ".join(_text(item) for item in detail.values())
    return str(detail)


def problem_details(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a real server error: Django's 500 handling (and its log)
    status = exc.status_code
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status, _("Fout"))),
        "status": status,
        "detail": str(DETAILS.get(type(exc), "")) or _text(exc.detail),
        "instance": context["request"].path,
    }
    headers = {}
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"algemeen": exc.detail}
        body["fouten"] = {key: [str(m) for m in _as_list(value)] for key, value in errors.items()}
        body["detail"] = _("Een of meer parameters zijn ongeldig; zie 'fouten'.")
        logger.info("API: ongeldige invoer (%s)", ", ".join(body["fouten"]))
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        body["detail"] = _(
            "Dit systeemaccount vraagt te veel tegelijk; probeer het over %(s)s seconden opnieuw."
        ) % {"s": wait}
        headers["Retry-After"] = str(wait)
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        headers["WWW-Authenticate"] = auth_header
    set_rollback()
    return Response(body, status=status, headers=headers, content_type=PROBLEM)


def _as_list(value):
    return value if isinstance(value, list) else [value]

"""Token authentication for system accounts: ``Authorization: Bearer pga_…``. Which keys
open what, and why one does not, is ``partners.tokens``' decision."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from cases.api.throttling import RefusedPerAddress
from partners.tokens import TokenRefused, account_for_key


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header:
            return None  # no token: IsAuthenticated answers 401 with the problem body
        if header[0].decode("latin-1").lower() not in ("bearer", "token"):
            return None
        if len(header) != 2:
            refuse(request, _("Geef het token zo mee: 'Authorization: Bearer <token>'."))
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            refuse(request, _("Dit token is onbekend."))
        try:
            user, token = account_for_key(key)
        except TokenRefused as refusal:
            if refusal.token is not None:
                # Toezicht can tell which token was tried after it stopped working.
                account = refusal.token.user.get_username()
                request._request.access_log_note = (
                    f"token {refusal.token.prefix}… van {account} geweigerd: {refusal}"
                )
            refuse(request, str(refusal))
        return user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


def refuse(request, reason: str):
    """A key that opens nothing: counted per address (a 429 past the limit), then a 401."""
    limit = RefusedPerAddress()
    if not limit.allow_request(request, None):
        raise exceptions.Throttled(limit.wait())
    raise exceptions.AuthenticationFailed(reason)

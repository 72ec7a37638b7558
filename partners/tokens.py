"""API tokens of system accounts: proposed by one beheerder, approved by a second, withdrawn
at once by any; each step with who and why in the token's history.

A token is ``pga_<prefix>_<secret>``: 256 random bits, of which only the SHA-256 is kept.
Because the key is random and long, a plain hash suffices (nothing to guess from it) and the
lookup is one indexed equality. The key is returned once, by ``propose_api_token``.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import ApiToken, ApiTokenStatus
from partners.permissions import is_administrator, may_hold_api_token
from pga.history import stamp

User = get_user_model()
NO_REASON = _("Geef een reden op; die komt in de historie van het token.")


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def check_api_token_proposal(user, *, by, name, expires_on, reason, today=None) -> None:
    """Raise ValidationError (per field) when this token cannot be proposed."""
    today = today or timezone.localdate()
    errors = {}
    if not is_administrator(by):
        raise ValidationError(_("Alleen functioneel beheer kan API-tokens aanmaken."))
    if user is not None and not may_hold_api_token(user):
        errors["user"] = _(
            "Een token hoort bij een systeemaccount: een account zonder wachtwoord dat bij "
            "één ketenpartner werkt of alleen de rol management heeft, en verder geen rol."
        )
    if user is not None and user.pk == by.pk:
        errors["user"] = _("U kunt geen token voor uw eigen account aanmaken.")
    if not (name or "").strip():
        errors["name"] = _("Zeg welk systeem dit token gebruikt.")
    if expires_on is not None:
        longest = today + timedelta(days=settings.API_TOKEN_MAX_DAYS)
        if expires_on < today:
            errors["expires_on"] = _("Deze datum ligt in het verleden.")
        elif expires_on > longest:
            errors["expires_on"] = _(
                "Een token geldt hoogstens %(days)s dagen: uiterlijk tot en met %(date)s."
            ) % {"days": settings.API_TOKEN_MAX_DAYS, "date": longest.strftime("%d-%m-%Y")}
    if not (reason or "").strip():
        errors["reason"] = NO_REASON
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def propose_api_token(user, *, by, name: str, expires_on, reason: str) -> tuple[ApiToken, str]:
    """A beheerder proposes a token for a system account. Returns the token and its key,
    which is shown once and never stored; the token opens nothing until approved."""
    check_api_token_proposal(user, by=by, name=name, expires_on=expires_on, reason=reason)
    prefix = secrets.token_hex(4)
    key = f"pga_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=prefix,
        key_hash=key_hash(key),
        expires_on=expires_on,
        reason=reason.strip(),
        proposed_by=by,
    )
    stamp(token, by=by, reason=_("API-token voorgesteld: %(reason)s") % {"reason": token.reason})
    token.full_clean()
    token.save()
    return token, key


def _locked_open(token) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.status != ApiTokenStatus.PROPOSED:
        raise ValidationError(_("Over dit token is al besloten."))
    return token


@transaction.atomic
def approve_api_token(token, *, by, note: str = "") -> ApiToken:
    """A second beheerder approves; from then on the token opens what its account may see."""
    if not is_administrator(by):
        raise ValidationError(_("Alleen functioneel beheer kan een token goedkeuren."))
    token = _locked_open(token)
    if token.proposed_by_id == by.pk:
        raise ValidationError(
            _("U kunt uw eigen voorstel niet goedkeuren: dat doet een tweede beheerder.")
        )
    if token.user_id == by.pk:
        raise ValidationError(_("U kunt geen token van uw eigen account goedkeuren."))
    if not may_hold_api_token(User.objects.get(pk=token.user_id)):
        raise ValidationError(
            _("Het account is geen systeemaccount meer (het heeft een rol of een wachtwoord).")
        )
    _decide(token, by=by, note=note, status=ApiTokenStatus.ACTIVE)
    return token


@transaction.atomic
def reject_api_token(token, *, by, note: str) -> ApiToken:
    if not is_administrator(by):
        raise ValidationError(_("Alleen functioneel beheer kan een token afwijzen."))
    if not (note or "").strip():
        raise ValidationError({"note": NO_REASON})
    token = _locked_open(token)
    _decide(token, by=by, note=note, status=ApiTokenStatus.REJECTED)
    return token


@transaction.atomic
def revoke_api_token(token, *, by, reason: str) -> ApiToken:
    """Withdraw a token at once (one beheerder suffices: it only closes a door)."""
    if not is_administrator(by):
        raise ValidationError(_("Alleen functioneel beheer kan een token intrekken."))
    if not (reason or "").strip():
        raise ValidationError({"note": NO_REASON})
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.status in (ApiTokenStatus.REVOKED, ApiTokenStatus.REJECTED):
        raise ValidationError(_("Dit token opent al niets meer."))
    if token.status == ApiTokenStatus.PROPOSED:
        token.decided_at = timezone.now()  # withdrawn before anyone decided
    token.status = ApiTokenStatus.REVOKED
    token.revoked_by = by
    token.revoked_at = timezone.now()
    token.revoke_reason = reason.strip()
    stamp(token, by=by, reason=_("API-token ingetrokken: %(reason)s") % {"reason": reason.strip()})
    token.save()
    return token


def _decide(token, *, by, note, status):
    token.status = status
    token.decided_by = by
    token.decided_at = timezone.now()
    token.decision_note = (note or "").strip()
    stamp(token, by=by, reason=str(token.get_status_display()))
    token.save()


class TokenRefused(Exception):
    """Why a presented key opens nothing, in Dutch for the problem-details body; ``token``
    when the key is a known one (for the access log)."""

    def __init__(self, message, token=None):
        super().__init__(message)
        self.token = token


def account_for_key(key: str, today=None):
    """The system account a presented key reads as; TokenRefused says why not."""
    token = (
        ApiToken.objects.select_related("user", "user__membership__partner")
        .filter(key_hash=key_hash(key))
        .first()
    )
    if token is None:
        raise TokenRefused(_("Dit token is onbekend."))
    today = today or timezone.localdate()
    if token.status == ApiTokenStatus.PROPOSED:
        raise TokenRefused(_("Dit token is nog niet goedgekeurd door een tweede beheerder."), token)
    if token.status in (ApiTokenStatus.REVOKED, ApiTokenStatus.REJECTED):
        raise TokenRefused(_("Dit token is ingetrokken."), token)
    if token.expires_on < today:
        raise TokenRefused(
            _("Dit token is verlopen op %(date)s.")
            % {"date": token.expires_on.strftime("%d-%m-%Y")}
        )
    if not may_hold_api_token(token.user):
        raise TokenRefused(_("Het account van dit token is geen actief systeemaccount."), token)
    return token.user, token

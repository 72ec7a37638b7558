"""Every change to how long and how much a partner may see goes through these functions;
each records who and why in the history. Ending an involvement (by hand, by a toets or by
expiry) is ``cases.casefile.services.end_involvement``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.casefile.services import expire_involvement, expiry_errors
from cases.models import InformationLevel, Involvement
from pga.history import require_reason, save_with_history


def _lock_active(involvement: Involvement) -> Involvement:
    involvement = Involvement.objects.select_for_update().get(pk=involvement.pk)
    if not involvement.is_active:
        raise ValidationError(
            _("Deze betrokkenheid is beëindigd of verlopen; betrek de partner zo nodig opnieuw.")
        )
    return involvement


@transaction.atomic
def renew_involvement(involvement: Involvement, *, by, expires_on, reason: str) -> Involvement:
    """Give an active involvement a new end date (a renewal is the coordinator's decision,
    with a reason; at most the maximum ahead of today)."""
    require_reason(reason)
    involvement = _lock_active(involvement)
    errors = expiry_errors(expires_on, started_on=involvement.started_on)
    if errors:
        raise ValidationError(errors)
    involvement.expires_on = expires_on
    save_with_history(
        involvement,
        by=by,
        reason=_("Toegang verlengd tot en met %(day)s: %(reason)s")
        % {"day": f"{expires_on:%d-%m-%Y}", "reason": reason},
    )
    return involvement


@transaction.atomic
def change_information_level(
    involvement: Involvement, *, by, level: str, reason: str
) -> Involvement:
    """Raise or lower what an active involvement lets the partner read, with a reason (the
    reason of a 'wat' level is kept on the involvement; the history keeps every change)."""
    require_reason(reason)
    if level not in InformationLevel.values:
        raise ValidationError({"level": _("Kies een informatieniveau.")})
    involvement = _lock_active(involvement)
    if involvement.information_level == level:
        raise ValidationError({"level": _("De partner heeft dit informatieniveau al.")})
    involvement.information_level = level
    involvement.level_reason = reason
    label = InformationLevel(level).label
    save_with_history(
        involvement,
        by=by,
        reason=_("Informatieniveau gewijzigd naar %(level)s: %(reason)s")
        % {"level": label, "reason": reason},
    )
    return involvement


def expire_due(today=None) -> list[Involvement]:
    """End every involvement whose end date has passed (the daily job). Returns what it
    ended; a second run the same day ends nothing."""
    today = today or timezone.localdate()
    ended = []
    due = Involvement.objects.due_to_expire(today).select_related("case", "partner")
    for involvement in due.order_by("expires_on", "pk"):
        ended.append(expire_involvement(involvement))
    return ended

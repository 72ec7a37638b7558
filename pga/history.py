"""Helpers that make every state change leave a readable trace in django-simple-history."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def stamp(obj: models.Model, *, by, reason: str) -> None:
    """Attach the acting user and the reason to the next history row of ``obj``.

    Must be called *before* ``save()``/``delete()``: simple-history reads these attributes
    while it writes the row. Outside a request (commands, workers) nobody else knows the user.
    """
    obj._history_user = by
    obj._change_reason = reason


def save_with_history(obj: models.Model, *, by, reason: str, bump_version: bool = True) -> None:
    """Save ``obj`` with who and why in its history, raising its optimistic-lock version."""
    if bump_version and obj.pk is not None and hasattr(obj, "version"):
        obj.version += 1
    obj.full_clean()
    stamp(obj, by=by, reason=reason)
    obj.save()


def delete_with_history(obj: models.Model, *, by, reason: str) -> None:
    stamp(obj, by=by, reason=reason)
    obj.delete()


def require_reason(reason: str, field: str = "reason") -> None:
    """A change of rights, visibility or phase says why: refused without a reason."""
    if not (reason or "").strip():
        raise ValidationError({field: _("Geef een reden op.")})

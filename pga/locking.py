"""Optimistic locking: a form carries the version it was based on; saving on top of a newer
version is refused with what changed in between, instead of silently overwriting it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from pga.history import Change, display_value, save_with_history


class StaleEdit(ValidationError):
    """Someone else saved the record after this form was opened."""

    def __init__(self, *, current, changes: list[Change], changed_by: str, changed_at):
        self.current = current
        self.changes = changes
        self.changed_by = changed_by
        self.changed_at = changed_at
        super().__init__(
            _(
                "%(who)s heeft dit intussen gewijzigd (%(when)s). Uw invoer staat hieronder nog; "
                "controleer de wijzigingen en sla opnieuw op om ze te overschrijven."
            )
            % {
                "who": changed_by,
                "when": timezone.localtime(changed_at).strftime("%d-%m-%Y %H:%M"),
            },
            code="stale",
        )


def changes_since(obj: models.Model, version: int) -> tuple[list[Change], object]:
    """What changed in ``obj`` after ``version``, from its history."""
    rows = list(obj.history.filter(version__gte=version).order_by("history_date", "history_id"))
    base = next((row for row in rows if row.version == version), None)
    latest = rows[-1] if rows else None
    if base is None or latest is None or latest is base:
        return [], latest
    changes = []
    for change in latest.diff_against(base, foreign_keys_are_objs=False).changes:
        if change.field == "version":
            continue
        field = obj._meta.get_field(change.field)
        changes.append(
            Change(
                str(field.verbose_name),
                display_value(field, change.old),
                display_value(field, change.new),
            )
        )
    return changes, latest


def lock_for_update(obj: models.Model, expected_version) -> models.Model:
    """Lock ``obj``'s row; refuse when its version moved past ``expected_version``."""
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        changes, latest = changes_since(current, expected_version)
        who = latest.history_user if latest else None
        raise StaleEdit(
            current=current,
            changes=changes,
            changed_by=(who.get_full_name() or who.username) if who else _("Iemand anders"),
            changed_at=latest.history_date if latest else timezone.now(),
        )
    obj.version = current.version
    return current


def save_edit(obj: models.Model, *, by, reason: str, expected_version, fields: dict, allowed):
    """Save an edit of ``obj``: only the ``allowed`` fields (a service says what it may
    change; a status or an owner has its own service), on top of the version the user saw,
    with who and why in the history."""
    only_fields(fields, allowed, type(obj).__name__)
    lock_for_update(obj, expected_version)
    for name, value in fields.items():
        setattr(obj, name, value)
    save_with_history(obj, by=by, reason=reason)
    return obj


def only_fields(fields: dict, allowed, what: str) -> None:
    """A service sets only the fields it names; anything else is a programming error."""
    refused = set(fields) - set(allowed)
    if refused:
        raise TypeError(f"{what}: deze dienst wijzigt {sorted(refused)} niet")

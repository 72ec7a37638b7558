"""Helpers that make every state change leave a readable trace in django-simple-history."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.manager import HistoryDescriptor


class ReusedHistoryDescriptor(HistoryDescriptor):
    """``Model.history`` without building a class each time. django-simple-history's own
    descriptor calls ``manager.from_queryset(queryset)`` on every access, which copies the
    queryset's methods onto a new class with ``inspect.getmembers``: about 0.2 ms a time, and
    the Historie touches ``.history`` some sixty times a request. Built once, the same."""

    def __init__(self, model, manager, queryset):
        super().__init__(model, manager=manager, queryset=queryset)
        self.reused_manager = manager.from_queryset(queryset)

    def __get__(self, instance, owner):
        return self.reused_manager(self.model, instance)


def reuse_history_managers(models_to_patch) -> int:
    """Put a ReusedHistoryDescriptor wherever django-simple-history put its own (on each
    tracked model, and on history models for their many-to-many snapshots). Run once, from
    the pga app's ready(); returns how many it replaced."""
    replaced = 0
    for model in models_to_patch:
        for name, value in list(vars(model).items()):
            if type(value) is HistoryDescriptor:
                setattr(
                    model,
                    name,
                    ReusedHistoryDescriptor(value.model, value.manager_class, value.queryset_class),
                )
                replaced += 1
    return replaced


@dataclass
class Change:
    """One field's change, in words: its label, the old and the new value."""

    label: str
    old: str
    new: str


def display_value(field, value, *, name_of=None, max_text: int | None = None) -> str:
    """A stored value as people read it: choice labels, names instead of ids, Ja/Nee,
    Dutch dates. ``name_of(model, pk)`` names a related record (default: one query)."""
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        if name_of is not None:
            return name_of(field.related_model, value)
        related = field.related_model.objects.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    text = str(value)
    if max_text is not None and len(text) > max_text:
        return text[: max_text - 1] + "…"
    return text


# When history rows are dated in the past: a loader of earlier events (the demo) records each
# change at the moment it describes. Requests never set it: their rows carry the real time.
_recorded_at: ContextVar[datetime | None] = ContextVar("recorded_at", default=None)


@contextmanager
def recorded_at(moment: datetime):
    """History rows written inside this block are dated ``moment``."""
    token = _recorded_at.set(moment)
    try:
        yield
    finally:
        _recorded_at.reset(token)


def current_moment():
    """Now, or the moment a loader of earlier events is recording (``recorded_at``)."""
    return _recorded_at.get() or timezone.now()


def current_date():
    """Today, or the day a loader of earlier events is recording (``recorded_at``)."""
    moment = _recorded_at.get()
    return timezone.localdate(moment) if moment is not None else timezone.localdate()


def stamp(obj: models.Model, *, by, reason: str) -> None:
    """Attach the acting user and the reason to the next history row of ``obj``.

    Must be called *before* ``save()``/``delete()``: simple-history reads these attributes
    while it writes the row. Outside a request (commands, workers) nobody else knows the user.
    """
    obj._history_user = by
    obj._change_reason = reason
    if _recorded_at.get() is not None:
        obj._history_date = _recorded_at.get()


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


def set_many_with_history(obj: models.Model, **values) -> None:
    """Set many-to-many fields of ``obj`` right after it was saved with history: the
    snapshot of the new values goes onto the history row that save just wrote (the
    'aangemaakt' or 'gewijzigd' the user sees), not onto a row of its own per field."""
    obj.skip_history_when_saving = True
    try:
        for name, items in values.items():
            getattr(obj, name).set(items)
    finally:
        del obj.skip_history_when_saving
    row = obj.history.order_by("-history_date", "-history_id").first()
    for name in values:
        snapshot = getattr(row, name)  # the history row's m2m rows for this field
        snapshot.all().delete()
        through = getattr(type(obj), name).through
        copied = [f.name for f in through._meta.fields]
        snapshot.model.objects.bulk_create(
            snapshot.model(history=row, **{f: getattr(link, f) for f in copied})
            for link in through.objects.filter(**{type(obj)._meta.model_name: obj})
        )

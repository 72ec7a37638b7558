"""Form behaviour every screen shares: model errors always land on the form, and edits carry
the version they were based on (optimistic locking, see pga/locking.py)."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pga.locking import StaleEdit
from pga.widgets import dutch_temporal_fields


class ModelForm(forms.ModelForm):
    """A ModelForm whose model errors always find a place on the page.

    A model's ``clean()`` may name a field this form does not show (an old value that breaks
    a newer rule, or a rule between a shown and a hidden field). Django would raise
    ``ValueError`` for that, a server error that loses what was typed; here the message goes
    to the top of the form, with the field's name in front.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dutch_temporal_fields(self.fields)  # dd-mm-jjjj and uu:mm on every browser
        for field in self.fields.values():
            # Django's "---------" says nothing; a Dutch prompt does.
            if getattr(field, "empty_label", None) == "---------":
                field.empty_label = _("Kies…")
            elif getattr(field, "choices", None) and not hasattr(field, "queryset"):
                choices = list(field.choices)
                if choices and choices[0] == ("", "---------"):
                    field.choices = [("", _("Kies…")), *choices[1:]]

    def _post_clean(self):
        # Tell the model which fields the user changed: a rule between two of them puts
        # its error on the one they touched (cases/models/dates.py).
        self.instance._changed_fields = set(self.changed_data)
        super()._post_clean()

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            placed = {}
            for name, messages in errors.message_dict.items():
                if name == NON_FIELD_ERRORS or name in self.fields:
                    placed.setdefault(name, []).extend(messages)
                else:
                    label = self._label_of(name)
                    placed.setdefault(NON_FIELD_ERRORS, []).extend(
                        f"{label}: {message}" for message in messages
                    )
            errors = ValidationError(placed)
        super()._update_errors(errors)

    def _label_of(self, name):
        try:
            return capfirst(self._meta.model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name


VERSION_MISSING = _(
    "Dit formulier gaf niet mee welke versie u bewerkte, dus we kunnen niet controleren of "
    "iemand anders het intussen heeft gewijzigd. Uw invoer staat hieronder nog; controleer "
    "de gegevens en sla opnieuw op."
)


class VersionedForm(ModelForm):
    """Carries the record's version, so a save on top of someone else's change is refused
    (optimistic locking) instead of silently overwriting it. A post without a (valid)
    version is refused the same way: leaving the field out must not skip the check."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_version(self):
        raw = (self.cleaned_data.get("version") or "").strip()
        if not self.instance.pk:
            return None
        if raw.isascii() and raw.isdigit() and 0 < len(raw) <= 9:
            return int(raw)
        # Refused like a stale form: the input stays, and the form moves onto the current
        # version, so saving again is a deliberate choice.
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = self.instance.version
        raise ValidationError(VERSION_MISSING, code="stale")

    def clean(self):
        data = super().clean()
        if "version" in self.errors:
            # Shown at the top: the hidden field has no place of its own on the page.
            self.add_error(None, self.errors.pop("version"))
        return data


def call_service(form, service, *args, **kwargs):
    """Run ``service``; a ValidationError it raises goes onto ``form`` (at the field it
    names). Returns what the service returned, or None when it refused."""
    try:
        return service(*args, **kwargs)
    except ValidationError as error:
        form_errors_from(form, error)
        return None


def form_errors_from(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: at the field where it names one the
    form has, else at the top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def reason_field(*, max_length, required=False, label=None, help_text=None):
    """The reason a user gives for a change; it goes into the history (Historie tab).
    Optional where the change speaks for itself, required where rights or visibility change."""
    return forms.CharField(
        label=label or _("Reden van de wijziging"),
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text
        or (
            _("Waarom? Dit komt in de historie.")
            if required
            else _("Niet verplicht. Komt in de historie; zonder reden staat er wat er gebeurde.")
        ),
    )


def save_or_conflict(form, service, obj, user, **extra):
    """Run ``service`` with the form's data (and the reason the user gave, else the view's);
    on a stale version, put the conflict on the form (with what changed), keep the user's
    input and move the form onto the current version."""
    fields = {
        name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data
    }
    if form.cleaned_data.get("reason"):
        extra["reason"] = form.cleaned_data["reason"]
    try:
        service(obj, by=user, expected_version=form.cleaned_data.get("version"), **extra, **fields)
    except StaleEdit as conflict:
        form.conflict = conflict
        form.data = form.data.copy()
        form.data["version"] = conflict.current.version
        form.add_error(None, conflict)
        return False
    except ValidationError as error:
        form_errors_from(form, error)
        return False
    return True

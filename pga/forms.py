"""Form behaviour every screen shares: model errors always land on the form, and edits carry
the version they were based on (optimistic locking, see pga/locking.py)."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ModelForm(forms.ModelForm):
    """A ModelForm whose model errors always find a place on the page.

    A model's ``clean()`` may name a field this form does not show (an old value that breaks
    a newer rule, or a rule between a shown and a hidden field). Django would raise
    ``ValueError`` for that, a server error that loses what was typed; here the message goes
    to the top of the form, with the field's name in front.
    """

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

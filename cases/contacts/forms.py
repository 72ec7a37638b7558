"""Logging, correcting and filtering contacts."""

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.contacts.services import CONTACT_FIELDS
from cases.models import (
    Contact,
    ContactKind,
)
from cases.models.limits import REASON
from partners.models import Partner
from pga.forms import VersionedForm, reason_field
from pga.widgets import DateTimeInput


def now_to_the_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class ContactForm(VersionedForm):
    """Logging (or correcting) a contact: quick to fill in on a phone."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    reason = reason_field(
        max_length=REASON,
        help_text=_(
            "Waarom deze correctie? Verplicht als u wijzigt wie het contactmoment mag lezen. "
            "Komt in de historie."
        ),
    )

    class Meta:
        model = Contact
        fields = CONTACT_FIELDS
        widgets = {
            "occurred_at": DateTimeInput(),
            "visibility": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        for name in ("kind", "with_whom"):
            self.fields[name].choices = [("", _("Kies…"))] + list(self.fields[name].choices)[1:]
        if not self.instance.pk:
            del self.fields["reason"]  # logging a contact needs no reason; a correction may
        if not self.instance.pk and not self.is_bound:
            # The unsaved instance puts None here; a new contact defaults to now.
            self.initial["occurred_at"] = self.initial.get("occurred_at") or now_to_the_minute()
            self.initial["submission_key"] = uuid.uuid4()


class ContactFilterForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label=_("Alle"),
    )
    kind = forms.ChoiceField(
        label=_("Soort contact"),
        choices=[("", _("Alle"))] + list(ContactKind.choices),
        required=False,
    )
    # The months in which the user may see contacts (cases.months.Month), newest first: a
    # list in words, the same on every browser (a month input follows the browser's locale).
    month = forms.ChoiceField(label=_("Maand"), required=False)

    def __init__(self, *args, partners, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.months = {str(month): month for month in months}
        self.fields["month"].choices = [("", _("Alle"))] + [
            (key, month.label) for key, month in self.months.items()
        ]

    def clean_month(self):
        return self.months.get(self.cleaned_data["month"])

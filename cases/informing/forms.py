"""The duty to inform on the form that makes a case actief (the status form): while a case has
no date of informing, the coordinator records it there, or a reason not to inform yet with
the date to reconsider it, and each error lands next to the field it is about."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.informing.services import INFORMING_FIELDS, informing_errors
from cases.models import Case, CaseStatus
from cases.models.dates import date_errors_if
from pga.widgets import DateField


class InformingForm(forms.Form):
    """A form about ``self.case`` that may also record the case's informing. Call
    ``add_informing_fields()`` in ``__init__`` and ``clean_informing(data, status)`` in
    ``clean()``; ``informing()`` gives what the status service records."""

    case: Case

    def add_informing_fields(self) -> None:
        """The three fields, as the case model defines them (label, help text, limit), all
        optional, filled in with what the case holds. A case already informed needs none."""
        self.asks_informing = self.case.informed_on is None
        if not self.asks_informing:
            return
        for name in INFORMING_FIELDS:
            model_field = Case._meta.get_field(name)
            if name.endswith("_on"):  # a date
                field = model_field.formfield(form_class=DateField, required=False)
            else:
                field = model_field.formfield(
                    required=False, widget=forms.Textarea(attrs={"rows": 2})
                )
            field.initial = getattr(self.case, name)
            self.fields[name] = field
        self.fields["informed_on"].help_text = _(
            "Nodig om de casus actief te maken, tenzij u hieronder een reden invult."
        )

    def clean_informing(self, data: dict, status: str) -> None:
        if not self.asks_informing or any(name in self.errors for name in INFORMING_FIELDS):
            return
        informed_on = data.get("informed_on")
        reason = data.get("not_informed_reason") or ""
        review_on = data.get("inform_review_on")
        # Informing supersedes the reason recorded earlier (the form shows it filled in):
        # the reason stays in the history.
        if informed_on and reason and reason == self.case.not_informed_reason.strip():
            reason, review_on = "", None
        data["not_informed_reason"], data["inform_review_on"] = reason, review_on
        if status == CaseStatus.ACTIEF or informed_on or reason or review_on:
            for name, message in informing_errors(informed_on, reason, review_on).items():
                self.add_error(name, message)
        errors = date_errors_if(self.case, informed_on=informed_on, inform_review_on=review_on)
        for name in ("informed_on", "inform_review_on"):
            if name in errors and name not in self.errors:
                self.add_error(name, errors[name])
        moved = review_on != self.case.inform_review_on
        late = review_on and review_on < timezone.localdate()
        if late and moved and "inform_review_on" not in self.errors:
            self.add_error(
                "inform_review_on",
                _("De datum van heroverwegen ligt in het verleden; kies vandaag of later."),
            )

    def informing(self) -> dict | None:
        """The informing fields as cleaned (None when the form did not ask for them)."""
        if not self.asks_informing:
            return None
        return {name: self.cleaned_data.get(name) for name in INFORMING_FIELDS}

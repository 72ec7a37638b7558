"""The proportionaliteitstoets form: three yes/no questions, a decision with its reason per
active involvement, and the toets's reasoning. Every error stands next to its field and
names the partner it is about; what was typed stays."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import InformationLevel, InvolvementChoice, ProportionalityReview
from cases.models.dates import date_errors_if
from cases.proportionality.toetsing import (
    DECISION_REASON_LIMIT,
    REASON_LIMIT,
    choice_field,
    missing_reason,
    reason_field,
)
from pga.widgets import DateField

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


def yes_no(label, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "ja",
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Beantwoord deze vraag met ja of nee.")},
    )


class ToetsForm(forms.Form):
    reviewed_on = DateField(label=_("Datum van de toets"), initial=timezone.localdate)
    meets_criteria = yes_no(_("Voldoet de casus nog aan de inclusiecriteria van de PGA?"))
    adds_value = yes_no(_("Voegt de aanpak nog iets toe aan wat de partners zonder PGA doen?"))
    scale_down_possible = yes_no(
        _("Is afschalen mogelijk?"),
        _("Bijvoorbeeld naar nazorg, of naar de reguliere hulp zonder casusregie."),
    )
    reason = forms.CharField(
        label=_("Onderbouwing"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Waarom blijft de casus in de PGA, of waarom kan hij af? Ook als afschalen "
            "mogelijk is: wat maakt dat zo?"
        ),
        error_messages={"required": _("Onderbouw de toets.")},
    )

    def __init__(self, *args, case, involvements, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.involvements = involvements
        for involvement in involvements:
            partner = involvement.partner.name
            choices = [
                (value, label)
                for value, label in InvolvementChoice.choices
                # Only a 'wat' involvement can be lowered to 'dat'.
                if value != InvolvementChoice.LOWER
                or involvement.information_level == InformationLevel.WAT
            ]
            self.fields[choice_field(involvement)] = forms.ChoiceField(
                label=_("Besluit over %(partner)s") % {"partner": partner},
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies wat er met de betrokkenheid van %(partner)s gebeurt.")
                    % {"partner": partner},
                    "invalid_choice": (
                        _(
                            "%(partner)s krijgt al alleen dat-informatie: kies behouden of beëindigen."
                        )
                        if involvement.information_level != InformationLevel.WAT
                        else _("Kies een van de besluiten voor %(partner)s.")
                    )
                    % {"partner": partner},
                },
            )
            self.fields[reason_field(involvement)] = forms.CharField(
                label=_("Waarom (%(partner)s)") % {"partner": partner},
                max_length=DECISION_REASON_LIMIT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        """Per active involvement: the involvement and its two fields, for the template."""
        return [
            (involvement, self[choice_field(involvement)], self[reason_field(involvement)])
            for involvement in self.involvements
        ]

    def clean_reviewed_on(self):
        day = self.cleaned_data["reviewed_on"]
        errors = date_errors_if(ProportionalityReview(case=self.case), reviewed_on=day)
        if "reviewed_on" in errors:
            raise forms.ValidationError(errors["reviewed_on"])
        return day

    def clean(self):
        data = super().clean()
        # A missing reason is asked for in the words of the choice made ("waarom blijft…").
        for involvement in self.involvements:
            name = reason_field(involvement)
            if self.has_error(name, "required"):
                choice = data.get(choice_field(involvement), "")
                self.errors[name] = self.error_class(
                    [missing_reason(involvement.partner.name, choice)]
                )
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "reviewed_on": data["reviewed_on"],
            "meets_criteria": data["meets_criteria"],
            "adds_value": data["adds_value"],
            "scale_down_possible": data["scale_down_possible"],
            "reason": data["reason"],
            "decisions": {
                involvement: (data[choice_field(involvement)], data[reason_field(involvement)])
                for involvement in self.involvements
            },
        }

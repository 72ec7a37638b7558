"""The caseload's filter form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.caseload.queries import SORTS, WHOLE_TEAM
from cases.models import (
    CaseStatus,
    Priority,
)
from cases.search.queries import MIN_WORD_LENGTH, too_short
from pga.widgets import ComboBox, DateField, LongSelect

# Lists that grow with the city: past settings.COMBOBOX_THRESHOLD choices a search field
# that asks these routes (cases.choices), the same lists by the same permissions
# (cases.caseload.queries.filter_choices).
SEARCHED = {
    "coordinator": "cases:choice_coordinators",
    "partner": "cases:choice_partners",
    "youth_group": "cases:choice_youth_groups",
}


class CaseloadFilterForm(forms.Form):
    """The caseload's filters, all in the query string, so a filtered list can be shared."""

    q = forms.CharField(label=_("Zoek op naam of casusnummer"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        widget=LongSelect,
        choices=[("", _("Alle lopende")), ("alle", _("Alle, ook afgesloten"))]
        + list(CaseStatus.choices),
    )
    priority = forms.TypedChoiceField(
        label=_("Prioriteit"),
        required=False,
        widget=LongSelect,
        coerce=int,
        empty_value=None,
        choices=[("", _("Alle"))] + list(Priority.choices),
    )
    # Plain choices, filled in one query by cases.caseload.queries.filter_choices.
    district = forms.TypedChoiceField(
        label=_("Gebied"), required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    # Empty: the coordinator's own cases; "alle" (WHOLE_TEAM): the whole team's.
    coordinator = forms.ChoiceField(label=_("Procescoördinator"), required=False, widget=LongSelect)
    partner = forms.TypedChoiceField(
        label=_("Betrokken partner"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=LongSelect,
    )
    youth_group = forms.TypedChoiceField(
        label=_("Jeugdgroep"), required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    review_overdue = forms.BooleanField(label=_("Evaluatie verlopen"), required=False)
    inform_review_overdue = forms.BooleanField(
        label=_("Informeren: heroverweging verlopen"),
        required=False,
        help_text=_("Nog niet geïnformeerd, en de datum om de reden te heroverwegen is voorbij."),
    )
    # Coordinators only (the caseload template shows it to them; the query ignores it else).
    toets_overdue = forms.BooleanField(label=_("Proportionaliteitstoets verlopen"), required=False)
    agreement_overdue = forms.BooleanField(
        label=_("Afspraak verlopen"),
        required=False,
        help_text=_("Een open afspraak over de deadline, van welke organisatie ook."),
    )
    registered_from = DateField(label=_("Aangemeld vanaf"), required=False)
    closed_from = DateField(label=_("Afgesloten vanaf"), required=False)
    ending_within = forms.IntegerField(
        label=_("Interventie eindigt binnen (dagen)"), required=False, min_value=0, max_value=366
    )
    no_contact_days = forms.IntegerField(
        label=_("Geen contact in (dagen)"), required=False, min_value=1, max_value=3650
    )
    sort = forms.ChoiceField(
        label=_("Sorteer op"),
        required=False,
        choices=[(key, key) for key in SORTS] + [(f"-{key}", key) for key in SORTS],
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        for name, source in SEARCHED.items():
            # A long list is a search field; its field holds the chosen option alone
            # (filter_choices), so it validates that choice at no query of its own.
            if name in choices.get("long", ()):
                self.fields[name].widget = ComboBox(source, label=self.fields[name].label)
        for name in ("district", *SEARCHED):
            self.fields[name].choices = [("", _("Alle"))] + choices[name]
        self.fields["coordinator"].choices = [
            ("", _("Mijn eigen casussen")),
            (WHOLE_TEAM, _("Hele team")),
        ] + choices["coordinator"]

    def clean_q(self):
        # One letter, spaces or wildcards (%, _) alone would match (nearly) every case by a
        # scan of the whole table: say so at the field and search for nothing. The raw value,
        # because the field strips spaces before this sees them.
        if too_short(self.data.get("q", "")):
            raise forms.ValidationError(
                _("Typ minstens %(n)s letters of cijfers om te zoeken."),
                code="too_short",
                params={"n": MIN_WORD_LENGTH},
            )
        return self.cleaned_data["q"]

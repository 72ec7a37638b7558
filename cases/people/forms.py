"""Forms of youths, households and youth groups."""

from django import forms
from django.forms.utils import ErrorDict, ErrorList
from django.utils.translation import gettext_lazy as _

from cases.models import (
    District,
    Household,
    HouseholdMember,
    Youth,
)
from cases.models.limits import REASON
from cases.people.services import HOUSEHOLD_FIELDS, YOUTH_FIELDS
from pga.forms import ModelForm, VersionedForm, reason_field
from pga.widgets import date_widgets


class YouthForm(VersionedForm):
    # Room for the spaces and dots people type (123.456.782); clean_bsn keeps the digits and
    # the model field checks length and the 11-proef.
    bsn = forms.CharField(
        label=Youth._meta.get_field("bsn").verbose_name,
        help_text=Youth._meta.get_field("bsn").help_text,
        max_length=15,
        required=False,
        empty_value=None,
    )

    reason = reason_field(max_length=REASON)

    class Meta:
        model = Youth
        fields = YOUTH_FIELDS
        widgets = date_widgets("date_of_birth")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(is_active=True)
        self.fields["district"].help_text = _(
            "Het gebied van het eigen adres; leeg als dat buiten de gemeente ligt. Zonder eigen "
            "adres geldt het gebied van het huishouden."
        )
        if "household" in self.fields:
            # Two households may share a name: the address tells them apart.
            self.fields["household"].label_from_instance = lambda household: (
                f"{household}, {household.address}" if household.address else str(household)
            )

    def clean(self):
        """Next to a household, an own address is all of it or nothing: a street alone would
        move the youth out of the household's district without saying where they live. (A
        youth without a household may have what is known of their address.)"""
        data = super().clean()
        given = [name for name in ("street", "house_number", "postcode", "city") if data.get(name)]
        if given and data.get("household"):
            for name in ("street", "city"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(
                        name,
                        _("Vul ook dit deel van het eigen adres in, of laat het eigen adres leeg."),
                    )
        return data

    def clean_bsn(self):
        value = self.cleaned_data.get("bsn")
        if value:
            value = value.replace(" ", "").replace(".", "")
        return value or None


class HouseholdForm(VersionedForm):
    reason = reason_field(max_length=REASON)

    class Meta:
        model = Household
        fields = HOUSEHOLD_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(is_active=True)


class HouseholdMemberForm(ModelForm):
    class Meta:
        model = HouseholdMember
        fields = ["first_name", "last_name", "relation", "is_key_figure", "phone", "email"]

    @property
    def legend(self) -> str:
        """The row's heading on the household form: the member's name, or that it is new."""
        if self.instance.pk:
            return f"{self.instance.first_name} {self.instance.last_name}"
        return _("Nieuw gezinslid")


# As many household members as the family has: one blank row to start with, another with
# "Gezinslid toevoegen" (pga.js adds it in the page; without JavaScript the button posts the
# form, ADD_MEMBER, and the page comes back with one more row and everything typed kept).
# Only a member already saved can be removed: a new row left empty is skipped anyway, so
# it gets no "Verwijderen" (can_delete_extra).
MAX_MEMBERS = 30
ADD_MEMBER = "gezinslid_toevoegen"
MEMBER_ROWS = "gezinsleden"  # the formset's prefix on both forms
HouseholdMemberFormSet = forms.inlineformset_factory(
    Household,
    HouseholdMember,
    form=HouseholdMemberForm,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    max_num=MAX_MEMBERS,
    validate_max=True,
)


def member_rows(data):
    """(data, adding): the posted data, and whether the post only asked for one more
    household member row ("Gezinslid toevoegen" without JavaScript). When it did, the data
    has room for that row, and the page is shown again instead of saved. The registration
    and the household form both decide it here."""
    adding = data is not None and ADD_MEMBER in data
    if not adding:
        return data, False
    data = data.copy()
    key = f"{MEMBER_ROWS}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except ValueError:
        total = 0
    data[key] = str(min(max(total, 0) + 1, MAX_MEMBERS))
    return data, True


def without_errors(form_or_formset) -> None:
    """Mark a form (or a formset and its forms) as checked without errors, so the page shows
    what was typed without validating it."""
    if hasattr(form_or_formset, "forms"):
        form_or_formset._errors, form_or_formset._non_form_errors = [], ErrorList()
        for form in form_or_formset.forms:
            form._errors = ErrorDict()
    else:
        form_or_formset._errors = ErrorDict()

"""Registering a referral: youth (new, or an existing one found by name and date of birth),
household (new with its members, existing, or none), referral and priority.

A likely duplicate youth is shown before a new one is created; the coordinator picks the
existing youth or confirms that this is someone else. Nothing typed is lost on the way.
"""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Household, HouseholdMember, Youth
from cases.models.dates import date_errors_if
from cases.people.forms import (
    MAX_MEMBERS,
    MEMBER_ROWS,
    HouseholdForm,
    HouseholdMemberForm,
    YouthForm,
    member_rows,
    without_errors,
)
from cases.permissions import visible_households, visible_youths
from cases.registration.services import register_referral
from cases.search.keys import search_key, youth_search_name
from partners.models import Partner
from partners.permissions import coordinators
from pga.forms import ModelForm
from pga.widgets import date_widgets


class NewYouthForm(YouthForm):
    """The youth part of the registration form: the household is chosen separately, and
    the registration is the reason."""

    reason = None

    class Meta(YouthForm.Meta):
        fields = [f for f in YouthForm.Meta.fields if f != "household"]


class NewHouseholdForm(HouseholdForm):
    reason = None


# As many household members as the family has (cases.people.forms.MAX_MEMBERS): one blank
# row to start with, another with "Gezinslid toevoegen".
MemberFormSet = forms.inlineformset_factory(
    Household,
    HouseholdMember,
    form=HouseholdMemberForm,
    extra=1,
    can_delete=False,
    max_num=MAX_MEMBERS,
    validate_max=True,
)


class RegistrationChoicesForm(forms.Form):
    """How the registration finds its youth and household: new, or existing."""

    existing_youth = forms.ModelChoiceField(
        label=_("Bestaande jongere"),
        queryset=Youth.objects.none(),
        required=False,
        widget=forms.HiddenInput,
    )
    confirm_new_youth = forms.BooleanField(
        label=_("Geen van deze: toch een nieuwe jongere registreren"), required=False
    )
    household_choice = forms.ChoiceField(
        label=_("Huishouden"),
        choices=[
            ("bestaand", _("Bestaand huishouden")),
            ("nieuw", _("Nieuw huishouden")),
            ("geen", _("(Nog) geen huishouden")),
        ],
        initial="nieuw",
        widget=forms.RadioSelect,
    )
    existing_household = forms.ModelChoiceField(
        label=_("Kies het huishouden"),
        queryset=Household.objects.none(),
        required=False,
        empty_label=_("Kies een huishouden"),
    )

    def __init__(self, *args, youths, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["existing_youth"].queryset = youths
        self.fields["existing_household"].queryset = households

    def clean(self):
        data = super().clean()
        if data.get("household_choice") == "bestaand" and not data.get("existing_household"):
            self.add_error("existing_household", _("Kies een bestaand huishouden."))
        return data


class CaseReferralForm(ModelForm):
    class Meta:
        model = Case
        fields = [
            "registered_on",
            "referred_by",
            "referral_reason",
            "priority",
            "priority_rationale",
            "coordinator",
        ]
        widgets = date_widgets("registered_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators()
        self.fields["referred_by"].queryset = Partner.objects.active()
        self.fields["coordinator"].label_from_instance = lambda u: u.get_full_name() or u.username


def likely_duplicates(user, data: dict):
    """Youths who are probably the one being registered: same BSN, or same name, or same
    last name and date of birth. Names compare as search does (cases.search): 'Yilmaz' is
    'Yılmaz', 'El Idrissi' is 'el Idrissi'."""
    first, prefix, last = (data.get(key, "") for key in ("first_name", "name_prefix", "last_name"))
    match = Q(search_name=youth_search_name(first, prefix, last))
    if family := search_key(f"{prefix}{last}"):
        match |= Q(search_name__endswith=family, date_of_birth=data.get("date_of_birth"))
    if data.get("bsn"):
        match |= Q(bsn=data["bsn"])
    return visible_youths(user).filter(match).select_related("household", "district")


class Registration:
    """The four forms of the registration page, validated together."""

    def __init__(self, user, data=None):
        self.user = user
        data, self.adding_member = member_rows(data)
        self.youth = NewYouthForm(data, prefix="jongere")
        self.household = NewHouseholdForm(data, prefix="huishouden")
        self.members = MemberFormSet(data, instance=Household(), prefix=MEMBER_ROWS)
        self.members.row_label = _("Gezinslid")
        self.choices = RegistrationChoicesForm(
            data,
            youths=visible_youths(user),
            households=visible_households(user).order_by("name"),
        )
        self.referral = CaseReferralForm(
            data,
            prefix="aanmelding",
            initial={"coordinator": user, "registered_on": timezone.localdate()},
        )
        self.duplicates = []
        if self.adding_member:
            self.hold_errors()

    def hold_errors(self):
        """Adding a row is not submitting: the page comes back with what was typed and one
        more row, without errors for the fields the user has not reached yet."""
        for form in [self.choices, self.youth, self.household, self.referral, self.members]:
            without_errors(form)

    def is_valid(self) -> bool:
        if self.adding_member:
            return False
        valid = self.choices.is_valid() & self.referral.is_valid()
        existing_youth = self.choices.cleaned_data.get("existing_youth") if valid else None
        unchecked = []
        if existing_youth is None:
            valid &= self.youth.is_valid()
        else:
            unchecked.append(self.youth)
        if self.choices.cleaned_data.get("household_choice") == "nieuw" and existing_youth is None:
            valid &= self.household.is_valid() & self.members.is_valid()
        else:
            unchecked += [self.household, self.members]
        for form in unchecked:  # not part of this registration: no errors for it
            without_errors(form)
        if valid:
            valid = self.youth_age_is_plausible(existing_youth)
        if valid and existing_youth is None and not self.choices.cleaned_data["confirm_new_youth"]:
            self.duplicates = list(likely_duplicates(self.user, self.youth.cleaned_data))
            valid = not self.duplicates
        return valid

    def youth_age_is_plausible(self, existing_youth) -> bool:
        """The case's date rules on the youth's age at registration, shown at the field
        that is most likely wrong: the new youth's date of birth, or the registration date."""
        youth = existing_youth or Youth(**self.youth.cleaned_data)
        registered_on = self.referral.cleaned_data["registered_on"]
        errors = date_errors_if(Case(youth=youth), registered_on=registered_on)
        if "registered_on" not in errors:
            return True
        if existing_youth is None:
            self.youth.add_error("date_of_birth", errors["registered_on"])
        else:
            self.referral.add_error("registered_on", errors["registered_on"])
        return False

    def save(self):
        choices = self.choices.cleaned_data
        youth = choices.get("existing_youth")
        household, household_fields, members, youth_fields = None, None, [], None
        if youth is None:
            youth_fields = {k: v for k, v in self.youth.cleaned_data.items() if k != "version"}
            if choices["household_choice"] == "bestaand":
                household = choices["existing_household"]
            elif choices["household_choice"] == "nieuw":
                household_fields = {
                    k: v for k, v in self.household.cleaned_data.items() if k != "version"
                }
                members = [
                    {
                        k: v
                        for k, v in form.cleaned_data.items()
                        if k not in ("id", "DELETE", "household")
                    }
                    for form in self.members.forms
                    if form.has_changed()
                ]
        return register_referral(
            by=self.user,
            case_fields=self.referral.cleaned_data,
            youth=youth,
            youth_fields=youth_fields,
            household=household,
            household_fields=household_fields,
            members=members,
        )

"""Registering a referral: youth (new, or an existing one found by name and date of birth),
household (new with its members, existing, or none), referral and priority.

A likely duplicate youth is shown before a new one is created; the coordinator picks the
existing youth or confirms that this is someone else. Nothing typed is lost on the way.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases import services
from cases.forms import (
    CaseReferralForm,
    HouseholdForm,
    HouseholdMemberFormSet,
    NewYouthForm,
    RegistrationChoicesForm,
)
from cases.models import Case, Household, Youth
from cases.models.dates import date_errors_if
from cases.pages import call_service
from cases.permissions import ensure_coordinator, visible_households, visible_youths

ADDRESS_FIELDS = ("street", "house_number", "postcode", "city", "district")


def likely_duplicates(user, data: dict):
    """Youths who are probably the one being registered: same BSN, or same name, or same
    last name and date of birth."""
    same_name = Q(
        first_name__iexact=data.get("first_name", ""), last_name__iexact=data.get("last_name", "")
    )
    same_birth = Q(
        last_name__iexact=data.get("last_name", ""), date_of_birth=data.get("date_of_birth")
    )
    match = same_name | same_birth
    if data.get("bsn"):
        match |= Q(bsn=data["bsn"])
    return visible_youths(user).filter(match).select_related("household", "district")


class Registration:
    """The four forms of the registration page, validated together."""

    def __init__(self, user, data=None):
        self.user = user
        self.youth = NewYouthForm(data, prefix="jongere")
        self.household = HouseholdForm(data, prefix="huishouden")
        self.members = HouseholdMemberFormSet(data, instance=Household(), prefix="gezinsleden")
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

    def is_valid(self) -> bool:
        valid = self.choices.is_valid() & self.referral.is_valid()
        existing_youth = self.choices.cleaned_data.get("existing_youth") if valid else None
        if existing_youth is None:
            valid &= self.youth.is_valid()
        if self.choices.cleaned_data.get("household_choice") == "nieuw" and existing_youth is None:
            valid &= self.household.is_valid() & self.members.is_valid()
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
                    if form.has_changed() and not form.cleaned_data.get("DELETE")
                ]
            # The youth lives with the household unless the form says otherwise.
            if household is not None:
                address = {name: getattr(household, name) for name in ADDRESS_FIELDS}
            else:
                address = {name: (household_fields or {}).get(name) for name in ADDRESS_FIELDS}
            for name, value in address.items():
                if value and not youth_fields.get(name):
                    youth_fields[name] = value
        return services.register_referral(
            by=self.user,
            case_fields=self.referral.cleaned_data,
            youth=youth,
            youth_fields=youth_fields,
            household=household,
            household_fields=household_fields,
            members=members,
        )


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    ensure_coordinator(request.user)
    registration = Registration(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and registration.is_valid():
        case = call_service(registration.referral, registration.save)
        if case is not None:
            messages.success(request, _("Casus %s is geregistreerd.") % case.number)
            return redirect(case.get_absolute_url())
    return render(request, "cases/case_create.html", {"registration": registration})

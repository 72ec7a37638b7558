"""Forms of the coordinator's and partner's screens. Errors are Dutch and tied to their field;
a form that fails keeps everything the user typed."""

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from cases.caseload import SORTS
from cases.models import (
    CLOSED_STATUSES,
    TRANSITIONS,
    Assessment,
    Case,
    CaseStatus,
    ClosureReason,
    Contact,
    ContactKind,
    District,
    Household,
    HouseholdMember,
    Intervention,
    InterventionType,
    Involvement,
    Priority,
    Youth,
)
from cases.models.dates import date_errors_if
from cases.models.limits import REASON, limit
from partners.models import Partner
from partners.permissions import coordinators
from pga.forms import ModelForm, VersionedForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LongSelect(forms.Select):
    """A select for long, flat option lists (partners, youth groups, coordinators): the
    options are joined in Python instead of Django's two template includes per option, which
    cost the caseload's filter form 7 of its 30 ms at city scale."""

    template_name = "includes/widgets/long_select.html"

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)  # without optgroups()
        selected = set(context["widget"]["value"])
        context["widget"]["options"] = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in selected else "", label)
                for key, label in self.choices
            ),
        )
        return context


def _date_widgets(*names):
    return {name: DateInput() for name in names}


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

    class Meta:
        model = Youth
        fields = [
            "first_name",
            "name_prefix",
            "last_name",
            "date_of_birth",
            "bsn",
            "street",
            "house_number",
            "postcode",
            "city",
            "district",
            "phone",
            "daytime_activity",
            "household",
        ]
        widgets = _date_widgets("date_of_birth")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(is_active=True)

    def clean_bsn(self):
        value = self.cleaned_data.get("bsn")
        if value:
            value = value.replace(" ", "").replace(".", "")
        return value or None


class NewYouthForm(YouthForm):
    """The youth part of the registration form: the household is chosen separately."""

    class Meta(YouthForm.Meta):
        fields = [f for f in YouthForm.Meta.fields if f != "household"]


class HouseholdForm(VersionedForm):
    class Meta:
        model = Household
        fields = ["name", "street", "house_number", "postcode", "city", "district", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(is_active=True)


class HouseholdMemberForm(ModelForm):
    class Meta:
        model = HouseholdMember
        fields = ["first_name", "last_name", "relation", "is_key_figure", "phone", "email"]


HouseholdMemberFormSet = forms.inlineformset_factory(
    Household, HouseholdMember, form=HouseholdMemberForm, extra=2, can_delete=True
)


class RegistrationChoicesForm(forms.Form):
    """How the registration finds its youth and household: new, or existing."""

    YOUTH_NEW = "nieuw"
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
        label=_("Kies het huishouden"), queryset=Household.objects.none(), required=False
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
        widgets = _date_widgets("registered_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators()
        self.fields["referred_by"].queryset = Partner.objects.active()
        self.fields["coordinator"].label_from_instance = lambda u: u.get_full_name() or u.username


class CaseForm(VersionedForm):
    class Meta:
        model = Case
        fields = [
            "coordinator",
            "priority",
            "priority_rationale",
            "referred_by",
            "referral_reason",
            "registered_on",
            "next_review_on",
            "informed_on",
            "not_informed_reason",
            "drives",
            "motivations",
            "barriers",
            "peer_dynamics",
            "family_dynamics",
            "plan",
            "next_steps",
        ]
        widgets = _date_widgets("registered_on", "next_review_on", "informed_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators()
        self.fields["coordinator"].label_from_instance = lambda u: u.get_full_name() or u.username


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"))
    reason = forms.CharField(
        label=_("Reden"),
        max_length=REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom deze stap? Dit komt in de historie."),
    )
    on = forms.DateField(label=_("Datum"), widget=DateInput(), initial=timezone.localdate)
    closure_reason = forms.ChoiceField(
        label=_("Reden van afsluiting"),
        choices=[("", "—")] + list(ClosureReason.choices),
        required=False,
        help_text=_("Alleen bij afsluiten of niet opnemen."),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["status"].choices = [
            (status, CaseStatus(status).label) for status in TRANSITIONS[case.status]
        ]

    def clean(self):
        data = super().clean()
        status, on = data.get("status"), data.get("on")
        if status in CLOSED_STATUSES and not data.get("closure_reason"):
            self.add_error("closure_reason", _("Kies een reden van afsluiting."))
        if on:
            # The date becomes the case's start or closure date: the case's date rules say
            # whether it may (cases/models/dates.py).
            errors = date_errors_if(self.case, **stored_dates(self.case, status, on))
            for name in ("started_on", "closed_on"):
                if name in errors:
                    self.add_error("on", errors[name])
                    break
        return data


def stored_dates(case, status, on) -> dict:
    """Which of the case's dates a status step stores ``on`` in. A step that stores none
    (screening, nazorg) is still held to the rules of a start date."""
    if status in CLOSED_STATUSES:
        return {"closed_on": on}
    if status == CaseStatus.ACTIEF and case.started_on is not None:
        return {}
    return {"started_on": on}


class InvolvementForm(ModelForm):
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=REASON,
        help_text=_("Waarom is deze partner nodig? Dit komt in de historie."),
    )

    class Meta:
        model = Involvement
        fields = [
            "partner",
            "role",
            "contact_person",
            "legal_basis",
            "legal_basis_note",
            "started_on",
        ]
        widgets = _date_widgets("started_on")

    def __init__(self, *args, case: Case, **kwargs):
        # With its case, so that the involvement's date rules can compare with it.
        kwargs.setdefault("instance", Involvement(case=case))
        super().__init__(*args, **kwargs)
        self.case = case
        involved = case.involvements.active().values("partner")
        self.fields["partner"].queryset = Partner.objects.active().exclude(pk__in=involved)
        self.fields["contact_person"].queryset = (
            get_user_model()
            .objects.filter(membership__isnull=False, is_active=True)
            .select_related("membership__partner")
            .order_by("membership__partner__name", "first_name")
        )
        self.fields["contact_person"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.membership.partner})"
        )


class EndInvolvementForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van beëindigen"),
        max_length=REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    on = forms.DateField(
        label=_("Betrokken tot en met"), widget=DateInput(), initial=timezone.localdate
    )

    def __init__(self, *args, involvement: Involvement, **kwargs):
        super().__init__(*args, **kwargs)
        self.involvement = involvement

    def clean_on(self):
        on = self.cleaned_data["on"]
        errors = date_errors_if(self.involvement, ended_on=on)
        if "ended_on" in errors:
            raise forms.ValidationError(errors["ended_on"])
        return on


class InterventionForm(VersionedForm):
    class Meta:
        model = Intervention
        fields = [
            "intervention_type",
            "responsible_partner",
            "goal",
            "status",
            "started_on",
            "planned_end_on",
            "ended_on",
            "outcome",
        ]
        widgets = _date_widgets("started_on", "planned_end_on", "ended_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "intervention_type" in self.fields:  # not in the partner's variant
            self.fields["intervention_type"].queryset = InterventionType.objects.filter(
                is_active=True
            )
            self.fields["responsible_partner"].queryset = Partner.objects.active()


class PartnerInterventionForm(InterventionForm):
    """What a partner may update on its own organisation's intervention."""

    class Meta(InterventionForm.Meta):
        fields = ["status", "started_on", "planned_end_on", "ended_on", "outcome"]


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(
        label=_("Datum meting"), widget=DateInput(), initial=timezone.localdate
    )
    notes = forms.CharField(
        label=_("Toelichting"),
        max_length=limit("assessment", "notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    SCORE_CHOICES = [("", "—")] + [(str(n), str(n)) for n in range(1, 6)]

    def __init__(self, *args, case: Case, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.domains = list(domains)
        for domain in self.domains:
            self.fields[f"domain_{domain.pk}"] = forms.TypedChoiceField(
                label=domain.name,
                choices=self.SCORE_CHOICES,
                coerce=int,
                required=False,
                empty_value=None,
            )

    def domain_fields(self):
        return [self[f"domain_{domain.pk}"] for domain in self.domains]

    def scores(self):
        return {
            domain: self.cleaned_data[f"domain_{domain.pk}"]
            for domain in self.domains
            if self.cleaned_data.get(f"domain_{domain.pk}") is not None
        }

    def clean(self):
        data = super().clean()
        assessed_on = data.get("assessed_on")
        if assessed_on:
            errors = date_errors_if(Assessment(case=self.case), assessed_on=assessed_on)
            if "assessed_on" in errors:
                self.add_error("assessed_on", errors["assessed_on"])
        if not self.errors and not self.scores():
            raise forms.ValidationError(_("Vul voor minstens één domein een score in."))
        return data


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
    # Plain choices, filled in one query by cases.caseload.filter_choices.
    district = forms.TypedChoiceField(
        label=_("Gebied"), required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    coordinator = forms.TypedChoiceField(
        label=_("Procescoördinator"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=LongSelect,
    )
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
    registered_from = forms.DateField(
        label=_("Aangemeld vanaf"), required=False, widget=DateInput()
    )
    closed_from = forms.DateField(label=_("Afgesloten vanaf"), required=False, widget=DateInput())
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
        for name, options in choices.items():
            self.fields[name].choices = [("", _("Alle"))] + options


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def now_to_the_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class ContactForm(VersionedForm):
    """Logging (or correcting) a contact: quick to fill in on a phone."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Contact
        fields = ["occurred_at", "kind", "with_whom", "summary", "follow_up", "visibility"]
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
    month = forms.DateField(
        label=_("Maand"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners

"""Forms of the case file. Errors are Dutch and tied to their field; a form that fails keeps
everything the user typed."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.casefile.services import CASE_FIELDS, INTERVENTION_FIELDS, expiry_errors
from cases.informing.forms import InformingForm
from cases.models import (
    CLOSED_STATUSES,
    TRANSITIONS,
    Assessment,
    Case,
    CaseStatus,
    ClosureReason,
    Goal,
    InformationLevel,
    Intervention,
    InterventionType,
    Involvement,
    default_expires_on,
    latest_expires_on,
)
from cases.models.dates import date_errors_if
from cases.models.limits import REASON, limit
from cases.permissions import PARTNER_INTERVENTION_FIELDS
from partners.models import Partner
from partners.permissions import contact_persons, coordinators
from pga.forms import ModelForm, VersionedForm, reason_field
from pga.widgets import ComboBox, DateField, date_widgets


class CaseForm(VersionedForm):
    reason = reason_field(max_length=REASON)

    class Meta:
        model = Case
        fields = CASE_FIELDS
        widgets = date_widgets("registered_on", "next_review_on", "informed_on", "inform_review_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators()
        self.fields["coordinator"].label_from_instance = lambda u: u.get_full_name() or u.username


class StatusForm(InformingForm):
    """A status step with its reason; while the case is not informed, also the duty to
    inform (``cases.informing.forms``), which a step to actief needs."""

    status = forms.ChoiceField(label=_("Nieuwe status"))
    reason = forms.CharField(
        label=_("Reden"),
        max_length=REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom deze stap? Dit komt in de historie."),
    )
    on = DateField(label=_("Datum"), initial=timezone.localdate)
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
        self.add_informing_fields()

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
        self.clean_informing(data, status)
        return data


def stored_dates(case, status, on) -> dict:
    """Which of the case's dates a status step stores ``on`` in. A step that stores none
    (screening, nazorg) is still held to the rules of a start date."""
    if status in CLOSED_STATUSES:
        return {"closed_on": on}
    if status == CaseStatus.ACTIEF and case.started_on is not None:
        return {}
    return {"started_on": on}


def contact_person_label(user) -> str:
    return f"{user.get_full_name() or user.username} ({user.membership.partner})"


SEARCHED = {
    "partner": "cases:choice_active_partners",
    "contact_person": "cases:choice_contact_persons",
}


class InvolvementForm(ModelForm):
    reason = reason_field(
        max_length=REASON,
        required=True,
        label=_("Reden"),
        help_text=_(
            "Waarom is deze partner nodig? De medewerkers zien de casus daarna; dit komt in de "
            "historie."
        ),
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
            "expires_on",
            "information_level",
            "level_reason",
        ]
        widgets = {
            **date_widgets("started_on", "expires_on"),
            "information_level": forms.RadioSelect,
            "level_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "information_level": _(
                "Dat-informatie: de partner ziet dat de casus er is, wie er betrokken zijn en wat "
                "hij zelf vastlegt. Wat-informatie: ook de gedeelde inhoud. Gebruikelijk: wat bij "
                "het convenant of toestemming, anders dat."
            ),
            "level_reason": _(
                "Verplicht bij wat-informatie: waarom heeft de partner de inhoud nodig?"
            ),
        }

    def __init__(self, *args, case: Case, **kwargs):
        # With its case, so that the involvement's date rules can compare with it.
        kwargs.setdefault("instance", Involvement(case=case))
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "expires_on": default_expires_on(today),
                "information_level": settings.INVOLVEMENT_DEFAULT_LEVEL,
            },
        )
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["expires_on"].help_text = _(
            "Na deze datum vervalt de toegang vanzelf. Standaard %(default)s maanden, hoogstens "
            "%(max)s maanden vooruit (uiterlijk %(latest)s)."
        ) % {
            "default": settings.INVOLVEMENT_DEFAULT_MONTHS,
            "max": settings.INVOLVEMENT_MAX_MONTHS,
            "latest": f"{latest_expires_on(today):%d-%m-%Y}",
        }
        # The level follows the legal ground until the user picks one (static/js/pga.js).
        self.fields["legal_basis"].widget.attrs["data-level-bases"] = ",".join(
            settings.INVOLVEMENT_WAT_LEGAL_BASES
        )
        involved = case.involvements.active().values("partner")
        self.fields["partner"].queryset = Partner.objects.active().exclude(pk__in=involved)
        self.fields["contact_person"].queryset = contact_persons()
        self.fields["contact_person"].label_from_instance = contact_person_label
        # Lists that grow with the city become search fields (one count each to decide).
        for name, source in SEARCHED.items():
            if self.fields[name].queryset.count() > settings.COMBOBOX_THRESHOLD:
                # The contact person's options narrow to the organisation chosen above.
                attrs = {"data-narrow-by": "partner"} if name == "contact_person" else None
                self.fields[name].widget = ComboBox(
                    source, label=self.fields[name].label, attrs=attrs
                )
                self.fields[name].widget.choices = self.fields[name].choices
                self.fields[name].widget.is_required = self.fields[name].required

    def clean(self):
        data = super().clean()
        expires_on = data.get("expires_on")
        if expires_on and "expires_on" not in self.errors:
            for name, message in expiry_errors(expires_on).items():
                self.add_error(name, message)
        return data


class EndInvolvementForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van beëindigen"),
        max_length=REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    on = DateField(label=_("Betrokken tot en met"), initial=timezone.localdate)

    def __init__(self, *args, involvement: Involvement, **kwargs):
        super().__init__(*args, **kwargs)
        self.involvement = involvement

    def clean_on(self):
        on = self.cleaned_data["on"]
        errors = date_errors_if(self.involvement, ended_on=on)
        if "ended_on" in errors:
            raise forms.ValidationError(errors["ended_on"])
        return on


class RenewInvolvementForm(forms.Form):
    expires_on = DateField(label=_("Nieuwe einddatum van de toegang"))
    reason = forms.CharField(
        label=_("Reden van verlengen"),
        max_length=REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom heeft de partner de casus langer nodig? Dit komt in de historie."),
    )

    def __init__(self, *args, involvement: Involvement, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault("initial", {"expires_on": default_expires_on(today)})
        super().__init__(*args, **kwargs)
        self.involvement = involvement
        self.fields["expires_on"].help_text = _(
            "Nu: tot en met %(now)s. Hoogstens %(max)s maanden vooruit (uiterlijk %(latest)s)."
        ) % {
            "now": f"{involvement.expires_on:%d-%m-%Y}",
            "max": settings.INVOLVEMENT_MAX_MONTHS,
            "latest": f"{latest_expires_on(today):%d-%m-%Y}",
        }

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        errors = expiry_errors(expires_on, started_on=self.involvement.started_on)
        if errors:
            raise forms.ValidationError(errors["expires_on"])
        return expires_on


class InvolvementLevelForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Informatieniveau"),
        choices=InformationLevel.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reden"),
        max_length=REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Waarom heeft de partner (niet langer) de inhoud nodig? Dit komt in de historie."
        ),
    )

    def __init__(self, *args, involvement: Involvement, **kwargs):
        # The level the partner has now, as the page's "Nu: …" says: choosing the other one
        # is the change, not something the page did before anyone read it.
        kwargs.setdefault("initial", {"level": involvement.information_level})
        super().__init__(*args, **kwargs)


class InterventionForm(VersionedForm):
    reason = reason_field(max_length=REASON)

    class Meta:
        model = Intervention
        fields = INTERVENTION_FIELDS
        widgets = date_widgets("started_on", "planned_end_on", "ended_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "intervention_type" in self.fields:  # not in the partner's variant
            self.fields["intervention_type"].queryset = InterventionType.objects.filter(
                is_active=True
            )
            self.fields["responsible_partner"].queryset = Partner.objects.active()
            self.fields["plan_goal"].queryset = Goal.objects.filter(
                case_id=self.instance.case_id
            ).select_related("domain")
            self.fields["plan_goal"].help_text = _("Niet verplicht: het doel uit het plan.")


class PartnerInterventionForm(InterventionForm):
    """What a partner may update on its own organisation's intervention."""

    class Meta(InterventionForm.Meta):
        fields = PARTNER_INTERVENTION_FIELDS


class AssessmentForm(forms.Form):
    assessed_on = DateField(label=_("Datum meting"), initial=timezone.localdate)
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

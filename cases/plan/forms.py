"""Forms of the plan van aanpak: goals, their evaluations, and agreements."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Agreement,
    AgreementStatus,
    AssessmentDomain,
    Goal,
    GoalEvaluation,
    GoalOutcome,
)
from cases.models.limits import REASON, limit
from cases.plan.services import AGREEMENT_FIELDS, GOAL_FIELDS, check_partner_and_deadline
from partners.models import Partner
from pga.forms import VERSION_MISSING, ModelForm, VersionedForm, reason_field
from pga.widgets import DateInput, LongSelect


class GoalForm(VersionedForm):
    class Meta:
        model = Goal
        fields = GOAL_FIELDS
        widgets = {"target": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        domains = AssessmentDomain.objects.filter(is_active=True)
        if self.instance.pk:
            domains = AssessmentDomain.objects.filter(
                is_active=True
            ) | AssessmentDomain.objects.filter(pk=self.instance.domain_id)
        self.fields["domain"].queryset = domains.order_by("position", "name")


class GoalEvaluationForm(ModelForm):
    class Meta:
        model = GoalEvaluation
        fields = ["outcome", "evaluated_on", "note"]
        widgets = {
            "evaluated_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = GoalOutcome.choices  # a radio needs no "Kies…"
        self.fields["evaluated_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["outcome"].error_messages["required"] = _("Kies een uitkomst.")


class AgreementForm(VersionedForm):
    """What, which organisation (the involved ones), optionally which employee, by when,
    optionally for which goal."""

    reason = reason_field(max_length=REASON)

    class Meta:
        model = Agreement
        fields = AGREEMENT_FIELDS
        widgets = {
            "due_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, case, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["due_on"].widget.attrs["min"] = timezone.localdate().isoformat()
        involved = case.involvements.active().values("partner")
        partners = Partner.objects.filter(pk__in=involved)
        if self.instance.pk:
            partners = partners | Partner.objects.filter(pk=self.instance.partner_id)
        self.fields["partner"].queryset = partners.order_by("name")
        self.fields["partner"].help_text = _("Alleen organisaties die bij de casus betrokken zijn.")
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, membership__partner__in=partners)
            .select_related("membership__partner")
            .order_by("membership__partner__name", "first_name", "last_name")
        )
        self.fields["assignee"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.membership.partner})"
        )
        self.fields["assignee"].help_text = _("Niet verplicht: wie bij die organisatie het doet.")
        self.fields["goal"].queryset = case.goals.select_related("domain")
        self.fields["goal"].required = False
        if reason_required:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _(
                "Geef een reden: het verslag is al definitief."
            )
            self.fields["reason"].help_text = _(
                "Het verslag is definitief: zeg waarom dit later wordt vastgelegd."
            )
        elif not self.instance.pk:
            del self.fields["reason"]

    def clean(self):
        data = super().clean()
        errors = {}
        partner, due_on = data.get("partner"), data.get("due_on")
        check_partner_and_deadline(
            self.case,
            partner if partner is not None and partner.pk != self.instance.partner_id else None,
            due_on if due_on is not None and due_on != self.instance.due_on else None,
            errors,
        )
        for name, message in errors.items():
            self.add_error(name, message)
        return data


class FinishAgreementForm(forms.Form):
    """Done (one tap) or no longer needed, with a note; carries the version seen."""

    status = forms.ChoiceField(
        label=_("Afronden als"),
        choices=[
            (AgreementStatus.GEDAAN, _("Gedaan")),
            (AgreementStatus.VERVALLEN, _("Niet meer nodig")),
        ],
        initial=AgreementStatus.GEDAAN,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=limit("agreement", "status_note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Niet verplicht bij ‘gedaan’; wel bij ‘niet meer nodig’."),
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": VERSION_MISSING, "invalid": VERSION_MISSING},
    )
    terug = forms.ChoiceField(
        choices=[("", ""), ("lijst", "lijst"), ("casus", "casus"), ("groep", "groep")],
        required=False,
        widget=forms.HiddenInput,
    )

    def clean(self):
        data = super().clean()
        for hidden in ("version", "terug"):  # hidden: shown at the top, never silent
            if hidden in self.errors:
                self.add_error(None, self.errors.pop(hidden))
        if data.get("status") == AgreementStatus.VERVALLEN and not data.get("note", "").strip():
            self.add_error("note", _("Zeg waarom de afspraak niet meer nodig is."))
        return data


class AgreementFilterForm(forms.Form):
    """The coordinator's narrowing of the open agreements: one organisation, overdue only."""

    partner = forms.TypedChoiceField(
        label=_("Organisatie"), required=False, coerce=int, empty_value=None, widget=LongSelect
    )
    verlopen = forms.BooleanField(label=_("Alleen verlopen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [
            ("", _("Alle organisaties")),
            *Partner.objects.order_by("name").values_list("pk", "name"),
        ]

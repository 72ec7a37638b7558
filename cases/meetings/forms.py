"""Forms of the casusoverleg."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.groups.forms import NamesCheckMixin
from cases.meetings.services import MEETING_FIELDS
from cases.models import (
    AgendaItem,
    Attendance,
    Case,
    ClosureReason,
    DecisionKind,
    InformationLevel,
    Meeting,
    MeetingKind,
    Priority,
)
from cases.models.limits import REASON, limit
from partners.models import Partner
from partners.permissions import coordinators
from pga.forms import VersionedForm, reason_field
from pga.widgets import DateTimeInput

FINAL_REASON = _("Geef een reden: het verslag is al definitief.")


class MeetingForm(NamesCheckMixin, VersionedForm):
    checked_fields = ("group_question",)

    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        widgets = {
            "starts_at": DateTimeInput(),
            "group_question": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group_question"].help_text = _(
            "Alleen bij een groepsoverleg: wat de tafel over de groep als geheel bespreekt. "
            "Alle partners van de groep lezen dit."
        )
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.add_names_check(None)
        for name in ("chair", "minute_taker"):
            self.fields[name].queryset = coordinators()
            self.fields[name].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean(self):
        data = super().clean()
        if data.get("kind") == MeetingKind.GROEP and not data.get("youth_group"):
            self.add_error("youth_group", _("Kies de jeugdgroep van dit groepsoverleg."))
        self.group = data.get("youth_group")
        if self.group is not None:
            self.check_names()
        return data


class AgendaItemForm(forms.Form):
    case = forms.ModelChoiceField(
        label=_("Casus"), queryset=Case.objects.none(), empty_label=_("Kies…")
    )
    question = forms.CharField(
        label=_("Vraag aan de tafel"),
        max_length=limit("agendaitem", "question"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases.select_related("youth").order_by("number")
        self.fields["case"].label_from_instance = lambda case: f"{case.number} · {case.youth}"


class InvitationForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Ketenpartner"), queryset=Partner.objects.none(), empty_label=_("Kies…")
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        # Partners at the 'wat' level: the table discusses the case's content.
        involved = (
            item.case.involvements.active()
            .filter(information_level=InformationLevel.WAT)
            .values("partner")
        )
        invited = item.invitations.values("partner")
        self.fields["partner"].help_text = _(
            "Alleen partners met wat-informatie bij deze casus; een partner met dat-informatie "
            "krijgt eerst een hoger niveau (tab Partners)."
        )
        self.fields["partner"].queryset = (
            Partner.objects.filter(pk__in=involved).exclude(pk__in=invited).order_by("name")
        )


class MinutesForm(VersionedForm):
    """The verslag of one item; after the meeting's verslag is final, with a reason."""

    reason = reason_field(max_length=REASON)

    class Meta:
        model = AgendaItem
        fields = ["minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.meeting.is_final:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = FINAL_REASON
            self.fields["reason"].help_text = _(
                "Het verslag is definitief: zeg waarom het verandert. Dit komt in de historie."
            )


class GroupMinutesForm(NamesCheckMixin, VersionedForm):
    """The verslag of the group item of a groepsoverleg; after the verslag is final, with a
    reason. Every partner of the group reads it: a hidden member's name is warned about."""

    checked_fields = ("group_minutes", "reason")
    reason = reason_field(max_length=REASON)

    class Meta:
        model = Meeting
        fields = ["group_minutes"]
        widgets = {"group_minutes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group_minutes"].help_text = _(
            "Alle partners van de groep lezen dit: noem geen jongeren bij naam."
        )
        if self.instance.is_final:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = FINAL_REASON
        self.add_names_check(self.instance.youth_group)

    def clean(self):
        data = super().clean()
        self.check_names()
        return data


class FinaliseForm(forms.Form):
    """A button: make the verslag final."""


class CancelMeetingForm(forms.Form):
    """Why the meeting is called off: everyone who sees the meeting reads it."""

    reason = reason_field(
        max_length=limit("meeting", "cancel_reason"),
        required=True,
        label=_("Reden van afgelasten"),
        help_text=_(
            "Iedereen die het overleg ziet, ook de uitgenodigde partners, leest deze reden. "
            "Noem geen jongeren bij naam. Dit komt ook in de historie."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _(
            "Geef een reden op: de uitgenodigden lezen waarom het overleg niet doorgaat."
        )


class AttendanceForm(forms.Form):
    """One choice per partner invited for the item."""

    reason = reason_field(max_length=REASON)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitations = list(item.invitations.select_related("partner"))
        reason = self.fields.pop("reason")
        for invitation in self.invitations:
            self.fields[f"partner_{invitation.pk}"] = forms.ChoiceField(
                label=str(invitation.partner),
                choices=Attendance.choices,
                required=False,
                initial=invitation.attendance,
            )
        if item.meeting.is_final:
            reason.required = True
            reason.error_messages["required"] = FINAL_REASON
            reason.help_text = _("Het verslag is definitief: zeg waarom dit verandert.")
            self.fields["reason"] = reason

    def attendance(self) -> dict:
        return {
            invitation.pk: self.cleaned_data[f"partner_{invitation.pk}"]
            for invitation in self.invitations
        }


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Besluit"), choices=[("", _("Kies…")), *DecisionKind.choices])
    new_priority = forms.TypedChoiceField(
        label=_("Nieuwe prioriteit"),
        choices=[("", _("Kies…")), *Priority.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Alleen bij ‘prioriteit wijzigen’."),
    )
    closure_reason = forms.ChoiceField(
        label=_("Reden (bij niet opnemen)"),
        choices=[
            ("", _("Kies…")),
            *[
                (reason.value, reason.label)
                for reason in (
                    ClosureReason.NIET_PGA_WAARDIG,
                    ClosureReason.DOORVERWEZEN,
                    ClosureReason.GEEN_MEDEWERKING,
                    ClosureReason.VERHUISD,
                    ClosureReason.OVERIG,
                )
            ],
        ],
        required=False,
    )
    reason = forms.CharField(
        label=_("Onderbouwing"),
        max_length=limit("decision", "reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Waarom besluit de tafel dit? Dit staat bij het besluit in het verslag. Bij "
            "‘prioriteit wijzigen’ wordt het ook de onderbouwing van de prioriteit, die alle "
            "betrokken partners zien."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == DecisionKind.PRIORITEIT and not data.get("new_priority"):
            self.add_error("new_priority", _("Kies de nieuwe prioriteit."))
        return data

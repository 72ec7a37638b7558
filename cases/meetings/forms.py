"""Forms of the casusoverleg."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.meetings.services import MEETING_FIELDS
from cases.models import AgendaItem, Case, Meeting
from cases.models.limits import REASON, limit
from partners.models import Partner
from partners.permissions import coordinators
from pga.forms import ModelForm, VersionedForm, reason_field
from pga.widgets import DateTimeInput


class MeetingForm(ModelForm):
    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        widgets = {"starts_at": DateTimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        for name in ("chair", "minute_taker"):
            self.fields[name].queryset = coordinators()
            self.fields[name].label_from_instance = lambda u: u.get_full_name() or u.username


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
        involved = item.case.involvements.active().values("partner")
        invited = item.invitations.values("partner")
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
            self.fields["reason"].help_text = _(
                "Het verslag is definitief: zeg waarom het verandert. Dit komt in de historie."
            )


class FinaliseForm(forms.Form):
    """A button: make the verslag final."""

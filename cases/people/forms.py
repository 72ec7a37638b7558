"""Forms of youths, households and youth groups."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import (
    District,
    GroupMembership,
    GroupRole,
    Household,
    HouseholdMember,
    Youth,
    YouthGroup,
)
from cases.models.dates import date_errors_if
from cases.models.limits import REASON
from cases.people.services import GROUP_FIELDS, HOUSEHOLD_FIELDS, YOUTH_FIELDS
from pga.forms import ModelForm, VersionedForm, reason_field
from pga.widgets import DateInput, date_widgets


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


HouseholdMemberFormSet = forms.inlineformset_factory(
    Household, HouseholdMember, form=HouseholdMemberForm, extra=2, can_delete=True
)


class YouthGroupForm(VersionedForm):
    reason = reason_field(max_length=REASON)

    class Meta:
        model = YouthGroup
        fields = GROUP_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(is_active=True)
        if not self.instance.pk:
            self.fields["reason"].label = _("Aanleiding")
            self.fields["reason"].help_text = _(
                "Niet verplicht: waarom wordt deze groep gevolgd? Komt in de historie."
            )
        # Partners of every member's case read the group's page: names belong in the
        # member list, which shows each partner only the youths it may see.
        self.fields["description"].help_text = _(
            "Wat de groep bindt, waar en wanneer ze samenkomen, welke overlast of zorgen er "
            "zijn. Noem hier geen jongeren bij naam: de partners van elk groepslid lezen dit."
        )


class GroupMemberForm(forms.Form):
    """Adding a youth to a group: only youths the coordinator may see, with a reason."""

    youth = forms.ModelChoiceField(
        label=_("Jongere"), queryset=Youth.objects.none(), empty_label=_("Kies…")
    )
    role = forms.ChoiceField(
        label=_("Rol in de groep"),
        choices=[("", _("Kies…")), *GroupRole.choices],
        help_text=_("Kopstuk alleen waar dat blijkt; bij twijfel: onbekend."),
    )
    since_on = forms.DateField(
        label=_("Lid sinds"), widget=DateInput(), initial=timezone.localdate, required=False
    )
    reason = reason_field(
        max_length=REASON,
        required=True,
        label=_("Reden"),
        help_text=_("Waarop berust dit? Partners die de jongere zien, lezen het lidmaatschap."),
    )

    def __init__(self, *args, group: YouthGroup, youths, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        current = group.memberships.filter(until_on__isnull=True).values("youth")
        self.fields["youth"].queryset = youths.exclude(pk__in=current).order_by(
            "last_name", "first_name"
        )
        # Two youths may share a name: the date of birth tells them apart.
        self.fields["youth"].label_from_instance = lambda youth: (
            f"{youth} (geboren {youth.date_of_birth:%d-%m-%Y})"
        )

    def clean(self):
        data = super().clean()
        if data.get("youth") and data.get("since_on"):
            membership = GroupMembership(
                youth_group=self.group, youth=data["youth"], since_on=data["since_on"]
            )
            errors = date_errors_if(membership, since_on=data["since_on"])
            if "since_on" in errors:
                self.add_error("since_on", errors["since_on"])
        return data


class GroupRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Nieuwe rol in de groep"), choices=GroupRole.choices)
    reason = reason_field(max_length=REASON, required=True, label=_("Reden"))

    def __init__(self, *args, membership: GroupMembership, **kwargs):
        kwargs.setdefault("initial", {"role": membership.role})
        super().__init__(*args, **kwargs)


class EndGroupMembershipForm(forms.Form):
    until_on = forms.DateField(
        label=_("Lid tot en met"), widget=DateInput(), initial=timezone.localdate
    )
    reason = reason_field(max_length=REASON, required=True, label=_("Reden van beëindigen"))

    def __init__(self, *args, membership: GroupMembership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_until_on(self):
        until_on = self.cleaned_data["until_on"]
        errors = date_errors_if(self.membership, until_on=until_on)
        if "until_on" in errors:
            raise forms.ValidationError(errors["until_on"])
        return until_on

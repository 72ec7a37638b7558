"""Forms of the group workspace."""

from django import forms
from django.contrib.auth import get_user_model
from django.core import signing
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cases.groups.names import hidden_names_about_youth, hidden_names_in
from cases.groups.services import GROUP_FIELDS, GROUP_INTERVENTION_FIELDS, relation_errors
from cases.models import (
    Agreement,
    District,
    GoalOutcome,
    GroupIntervention,
    GroupMembership,
    GroupPhase,
    GroupPhaseStep,
    GroupReading,
    GroupRole,
    HouseholdMember,
    Insight,
    InsightKind,
    InsightSource,
    Involvement,
    PersonRelation,
    RelationKind,
    Theme,
    Youth,
    YouthGroup,
)
from cases.models.dates import date_errors_if
from cases.models.limits import REASON, limit
from cases.plan.services import GROUP_AGREEMENT_FIELDS
from partners.models import Partner
from pga.forms import ModelForm, VersionedForm, reason_field
from pga.widgets import DateField, DateInput


class NamesCheckMixin:
    """A text that partners read must not name a member (or a member's parent) that some of
    those partners may not see: the coordinator is warned, and saves only after ticking that
    the names were checked. The tickbox appears with the warning, and counts only for the
    names that warning showed (they travel signed in a hidden field), so ticking it in
    advance, or for other names, lets nothing through unread.
    ``checked_fields`` are the form's texts; ``names_found`` says which hidden names a text
    holds (by default: in a text of ``self.group``, read by its current members' partners).
    """

    checked_fields: tuple = ()
    readers_text = _("alle partners van de groep")
    NAMES_SALT = "cases.groups.names-warning"

    def add_names_check(self, group):
        self.group = group
        self.fields["names_seen"] = forms.CharField(required=False, widget=forms.HiddenInput)
        if self.is_bound and self.data.get("names_seen"):
            self._add_tickbox()

    def _add_tickbox(self):
        self.fields["names_checked"] = forms.BooleanField(
            label=_("Ik heb de namen gecontroleerd: iedereen die deze tekst leest, mag dit weten."),
            required=False,
        )

    def _names_seen(self) -> set:
        try:
            return set(signing.loads(self.data.get("names_seen", ""), salt=self.NAMES_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return set()

    def names_found(self, text):
        return hidden_names_in(self.group, text)

    def check_names(self):
        if self.errors:
            return
        text = " ".join(str(self.cleaned_data.get(name) or "") for name in self.checked_fields)
        names = self.names_found(text)
        if not names:
            return
        if self.cleaned_data.get("names_checked") and set(names) <= self._names_seen():
            return
        if "names_checked" not in self.fields:
            self._add_tickbox()
        self.data = self.data.copy()
        self.data["names_seen"] = signing.dumps(sorted(names), salt=self.NAMES_SALT)
        self.data.pop("names_checked", None)
        self.add_error(
            "names_checked",
            _(
                "U noemt %(names)s in een tekst die %(readers)s lezen, maar niet al die "
                "partners zijn betrokken bij de casus van %(whom)s. Haal de naam weg, of vink "
                "aan dat u dit bewust doet."
            )
            % {
                "names": ", ".join(f"‘{name}’" for name in names),
                "readers": self.readers_text,
                "whom": _("deze persoon") if len(names) == 1 else _("deze personen"),
            },
        )


class YouthGroupForm(NamesCheckMixin, VersionedForm):
    checked_fields = ("name", "meeting_places", "reason")
    readers_text = _("de partners van alle (ook eerdere) leden")
    reason = reason_field(max_length=REASON)

    class Meta:
        model = YouthGroup
        fields = GROUP_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(is_active=True)
        if self.instance.pk:
            self.add_names_check(self.instance)
        else:
            self.fields["reason"].label = _("Aanleiding")
            self.fields["reason"].help_text = _(
                "Niet verplicht: waarom wordt deze groep gevolgd? Komt in de historie."
            )

    def names_found(self, text):
        # Name and meeting places are read by the partners of every member, former ones too.
        readers = set(
            Involvement.objects.active()
            .filter(case__youth__group_memberships__youth_group=self.group)
            .values_list("partner_id", flat=True)
        )
        return hidden_names_in(self.group, text, readers=readers)

    def clean(self):
        data = super().clean()
        if "names_checked" in self.fields:
            self.check_names()
        return data


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
    since_on = DateField(label=_("Lid sinds"), initial=timezone.localdate, required=False)
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
    until_on = DateField(label=_("Lid tot en met"), initial=timezone.localdate)
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


class GroupPhaseForm(NamesCheckMixin, forms.Form):
    checked_fields = ("reason",)
    phase = forms.ChoiceField(label=_("Nieuwe fase"), choices=GroupPhase.choices)
    entered_on = DateField(label=_("Sinds"), initial=timezone.localdate)
    reason = reason_field(
        max_length=REASON,
        required=True,
        label=_("Reden"),
        help_text=_("Waarom gaat de groep naar deze fase? Partners van de groep lezen dit."),
    )

    def __init__(self, *args, group: YouthGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entered_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        # The next step is the likely one; any step may be chosen (back to analysis, stop).
        order = list(GroupPhase.values)
        if group.phase in order and order.index(group.phase) + 1 < len(order):
            self.fields["phase"].initial = order[order.index(group.phase) + 1]
        self.add_names_check(group)

    def clean(self):
        data = super().clean()
        self.check_names()
        return data

    def clean_entered_on(self):
        entered_on = self.cleaned_data["entered_on"]
        errors = date_errors_if(GroupPhaseStep(), entered_on=entered_on)
        if "entered_on" in errors:
            raise forms.ValidationError(errors["entered_on"])
        return entered_on


class GroupReadingForm(NamesCheckMixin, forms.Form):
    checked_fields = ("text",)

    written_on = DateField(label=_("Datum"), initial=timezone.localdate)
    text = forms.CharField(
        label=_("Groepsduiding"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=limit("groupreading", "text"),
        help_text=_(
            "Wat de groep bindt, waar en wanneer ze samenkomen, welke overlast of zorgen er "
            "zijn. De partners van elk groepslid lezen dit: noem geen jongeren bij naam."
        ),
    )

    def __init__(self, *args, group: YouthGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["written_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.add_names_check(group)

    def clean_written_on(self):
        written_on = self.cleaned_data["written_on"]
        errors = date_errors_if(GroupReading(), written_on=written_on)
        if "written_on" in errors:
            raise forms.ValidationError(errors["written_on"])
        return written_on

    def clean(self):
        data = super().clean()
        self.check_names()
        return data


class RelationForm(NamesCheckMixin, forms.Form):
    """A relation of a member to another member, to an adult of a member's household, or to
    someone outside (described in a few words)."""

    youth = forms.ModelChoiceField(
        label=_("Jongere"), queryset=Youth.objects.none(), empty_label=_("Kies…")
    )
    kind = forms.ChoiceField(
        label=_("Soort relatie"),
        choices=[("", _("Kies…")), *RelationKind.choices],
        help_text=_(
            "Tussen jongeren: broer, neef, vriend, rivaal, volgt, heeft invloed op (de "
            "jongere hierboven volgt of beïnvloedt de andere). Met een volwassene: wat die "
            "volwassene voor de jongere is."
        ),
    )
    other_youth = forms.ModelChoiceField(
        label=_("Andere jongere"),
        queryset=Youth.objects.none(),
        required=False,
        empty_label=_("—"),
    )
    adult = forms.ModelChoiceField(
        label=_("Of: volwassene uit een huishouden"),
        queryset=HouseholdMember.objects.none(),
        required=False,
        empty_label=_("—"),
    )
    other_person = forms.CharField(
        label=_("Of: iemand daarbuiten"),
        max_length=120,
        required=False,
        help_text=_("In een paar woorden, bijv. ‘Mo, kapper aan de Boergoensevliet’."),
    )
    note = forms.CharField(
        label=_("Toelichting"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    since_on = DateField(label=_("Sinds"), required=False)

    checked_fields = ("other_person", "note")
    readers_text = _("de partners van de jongeren")

    def __init__(self, *args, youths, adults, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_names_check(group)
        self.fields["youth"].queryset = youths
        self.fields["other_youth"].queryset = youths
        self.fields["adult"].queryset = adults
        self.fields["adult"].label_from_instance = lambda member: (
            f"{member.first_name} {member.last_name} "
            f"({member.get_relation_display().lower()}, {member.household})"
        )
        self.fields["since_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_since_on(self):
        since_on = self.cleaned_data["since_on"]
        if since_on is not None:
            errors = date_errors_if(PersonRelation(), since_on=since_on)
            if "since_on" in errors:
                raise forms.ValidationError(errors["since_on"])
        return since_on

    def clean(self):
        data = super().clean()
        youth = data.get("youth")
        if youth is not None and data.get("kind"):
            errors = relation_errors(
                youth, data["kind"], data.get("other_youth"), data.get("adult"),
                data.get("other_person"),
            )  # fmt: skip
            for name, message in errors.items():
                self.add_error(name, message)
        self.check_names()
        return data

    def names_found(self, text):
        # Read by who sees the youth's case (and the other youth's): check as for the youth.
        youth = self.cleaned_data.get("youth")
        case = youth and youth.cases.order_by("-registered_on", "-pk").first()
        if case is None:
            return []
        return hidden_names_about_youth(case, text)


class RemoveRelationForm(forms.Form):
    reason = reason_field(max_length=REASON, required=True, label=_("Reden van verwijderen"))


class WithdrawInsightForm(forms.Form):
    reason = reason_field(
        max_length=REASON,
        required=True,
        label=_("Reden van intrekken"),
        help_text=_("Bijv. ‘bleek onjuist’. Het inzicht blijft in de historie staan."),
    )


class ThemesField(forms.ModelMultipleChoiceField):
    """The themes beheer keeps: only those in use are offered; one retired while the form
    was open reaches the service, which says so in Dutch."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Theme.objects.all(), label=_("Thema's"), required=False, **kwargs)

    def offer(self, keep=()):
        keep = {theme.pk for theme in keep}
        self.widget.choices = [
            (theme.pk, theme.name)
            for theme in Theme.objects.all()
            if theme.is_active or theme.pk in keep
        ]


class InsightForm(NamesCheckMixin, forms.Form):
    """An insight: what kind, about whom, from which source, on which date, with themes.
    ``subjects``: (value, label) pairs of whom it may be about: 'groep', 'y<id>' (a youth),
    'm<member id>-<youth id>' (a key figure, known through that youth's case)."""

    checked_fields = ("statement",)

    about = forms.ChoiceField(label=_("Over"))
    kind = forms.ChoiceField(
        label=_("Soort inzicht"),
        choices=[
            ("", _("Kies…")),
            *[c for c in InsightKind.choices if c[0] != InsightKind.DYNAMIEK],
        ],
    )
    statement = forms.CharField(
        label=_("Inzicht"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=limit("insight", "statement"),
        help_text=_(
            "Eén uitspraak, zo concreet mogelijk, bijv. ‘Wil gezien worden als iemand die geld verdient’."
        ),
    )
    source = forms.ChoiceField(
        label=_("Bron"),
        choices=[
            ("", _("Kies…")),
            *[c for c in InsightSource.choices if c[0] != InsightSource.OVERGEZET],
        ],
    )
    noted_on = DateField(label=_("Datum"), initial=timezone.localdate)
    themes = ThemesField()

    def __init__(self, *args, subjects, group=None, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["about"].choices = subjects
        if len(subjects) == 1:
            self.fields["about"].initial = subjects[0][0]
        self.fields["kind"].error_messages["required"] = _("Kies wat voor inzicht het is.")
        self.fields["source"].error_messages["required"] = _("Kies de bron van het inzicht.")
        self.fields["statement"].error_messages["required"] = _("Schrijf het inzicht op.")
        self.fields["noted_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["themes"].offer()
        self.add_names_check(group)

    def clean_noted_on(self):
        noted_on = self.cleaned_data["noted_on"]
        errors = date_errors_if(Insight(), noted_on=noted_on)
        if "noted_on" in errors:
            raise forms.ValidationError(errors["noted_on"])
        return noted_on

    def names_found(self, text):
        about = self.cleaned_data.get("about") or ""
        if about == "groep":
            return hidden_names_in(self.group, text)
        self.readers_text = _("de partners van de casus van de jongere")
        # About a youth or key figure: read by the partners of the youth's case.
        case = self.case
        if case is None:
            youth_id = about[1:] if about.startswith("y") else about.partition("-")[2]
            youth = Youth.objects.filter(pk=youth_id).first()
            case = youth and youth.cases.order_by("-registered_on", "-pk").first()
        return hidden_names_about_youth(case, text) if case is not None else []

    def clean(self):
        data = super().clean()
        self.check_names()
        return data


class GroupGoalForm(NamesCheckMixin, forms.Form):
    checked_fields = ("target",)

    target = forms.CharField(
        label=_("Doel"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=limit("groupgoal", "target"),
        help_text=_("Wat moet er in de groep anders zijn? Concreet en toetsbaar."),
    )
    themes = ThemesField()
    insights = forms.ModelMultipleChoiceField(
        label=_("Inzichten waar dit doel op ingaat"),
        queryset=Insight.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, group, insights, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].offer()
        self.fields["insights"].queryset = insights
        self.fields["insights"].label_from_instance = insight_label
        self.add_names_check(group)

    def clean(self):
        data = super().clean()
        self.check_names()
        return data


def insight_label(insight) -> str:
    return (
        f"{insight.get_kind_display()} — {insight.about}: {Truncator(insight.statement).chars(90)}"
    )


class GroupGoalEvaluationForm(NamesCheckMixin, forms.Form):
    checked_fields = ("outcome_note",)

    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=GoalOutcome.choices, widget=forms.RadioSelect
    )
    outcome_note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=limit("groupgoal", "outcome_note"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].error_messages["required"] = _("Kies een uitkomst.")
        self.add_names_check(group)

    def clean(self):
        data = super().clean()
        self.check_names()
        return data


class GroupInterventionForm(NamesCheckMixin, VersionedForm):
    checked_fields = ("description", "outcome", "reason")

    themes = ThemesField()
    insights = forms.ModelMultipleChoiceField(
        label=_("Inzichten waar deze interventie op ingaat"),
        queryset=Insight.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = reason_field(max_length=REASON)

    class Meta:
        model = GroupIntervention
        fields = GROUP_INTERVENTION_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "started_on": DateInput(),
            "ended_on": DateInput(),
        }

    def __init__(self, *args, group, insights, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = group.goals.all()
        self.fields["responsible_partner"].queryset = Partner.objects.filter(is_active=True)
        keep = list(self.instance.themes.all()) if self.instance.pk else []
        self.fields["themes"].offer(keep)
        if self.instance.pk:
            self.fields["themes"].initial = keep
            self.fields["insights"].initial = list(self.instance.insights.all())
        self.fields["insights"].queryset = insights
        self.fields["insights"].label_from_instance = insight_label
        self.fields["ended_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        if not self.instance.pk:
            del self.fields["reason"]
        self.add_names_check(group)

    def clean(self):
        data = super().clean()
        self.check_names()
        return data


class GroupAgreementForm(NamesCheckMixin, ModelForm):
    """An agreement about the group as a whole: what, which organisation (involved in a
    current member's case), optionally which employee, by when."""

    checked_fields = ("description",)

    class Meta:
        model = Agreement
        fields = GROUP_AGREEMENT_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        partners = Partner.objects.filter(
            pk__in=Involvement.objects.active()
            .filter(
                case__youth__group_memberships__youth_group=group,
                case__youth__group_memberships__until_on__isnull=True,
            )
            .values("partner")
        ).order_by("name")
        self.fields["partner"].queryset = partners
        self.fields["partner"].help_text = _(
            "Alleen organisaties die betrokken zijn bij de casus van een huidig groepslid."
        )
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, membership__partner__in=partners)
            .select_related("membership__partner")
            .order_by("membership__partner__name", "first_name", "last_name")
        )
        self.fields["assignee"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.membership.partner})"
        )
        self.fields["due_on"].widget.attrs["min"] = timezone.localdate().isoformat()
        self.add_names_check(group)

    def clean(self):
        data = super().clean()
        self.check_names()
        return data

"""The opschalen form: to whom, on which ground and why, and what goes in. Each error stands
next to its field; what was typed and ticked stays."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import SECTIONS, ContactPeriod, Handover, HandoverGround
from cases.models.limits import limit

DEFAULT_RECIPIENT = "Zorg- en Veiligheidshuis Rijnmond"
# Ticked when the form opens: who it is about, who is involved and the plan. The rest (the
# household, contacts) the coordinator adds on purpose.
DEFAULT_SECTIONS = ["includes_summary", "includes_partners", "includes_plan"]


class HandoverForm(forms.Form):
    recipient = forms.CharField(
        label=_("Ontvanger"),
        max_length=Handover._meta.get_field("recipient").max_length,
        initial=DEFAULT_RECIPIENT,
        help_text=_("De organisatie (en zo nodig de afdeling) die het dossier ontvangt."),
        error_messages={"required": _("Vul in aan wie u het dossier stuurt.")},
    )
    legal_ground = forms.ChoiceField(
        label=_("Grondslag"),
        choices=[("", _("Kies…")), *HandoverGround.choices],
        error_messages={
            "required": _("Kies de grondslag waarop u de gegevens deelt."),
            "invalid_choice": _("Kies een van de grondslagen uit de lijst."),
        },
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        max_length=limit("handover", "explanation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Waarom schaalt u op, en waarom heeft de ontvanger deze gegevens nodig? "
            "Dit komt in het dossier en in de historie."
        ),
        error_messages={
            "required": _("Licht toe waarom u opschaalt en waarom deze gegevens nodig zijn.")
        },
    )
    sections = forms.MultipleChoiceField(
        label=_("Wat gaat er mee"),
        choices=[(field, label) for field, (_key, label) in SECTIONS.items()],
        initial=DEFAULT_SECTIONS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Naam en geboortedatum van de jongere staan altijd in het dossier. Deel niet meer "
            "dan de ontvanger nodig heeft."
        ),
        error_messages={
            "required": _("Kies wat er in het dossier komt."),
            "invalid_choice": _("Kies onderdelen uit de lijst."),
        },
    )
    contacts_months = forms.TypedChoiceField(
        label=_("Contactmomenten uit"),
        choices=ContactPeriod.choices,
        coerce=int,
        initial=ContactPeriod.THREE,
        help_text=_(
            "Alleen als u de contactmomenten meestuurt. Alleen gedeelde contactmomenten gaan "
            "mee, nooit die welke alleen voor de eigen organisatie zijn."
        ),
        error_messages={"invalid_choice": _("Kies een van de perioden.")},
    )
    include_bsn = forms.BooleanField(
        label=_("BSN van de jongere meesturen"),
        required=False,
        help_text=_("Alleen als de ontvanger de jongere anders niet kan identificeren."),
    )

    def start_from(self, decision) -> None:
        """Fill the explanation in with what the casusoverleg decided (an unbound form)."""
        when = timezone.localtime(decision.item.meeting.starts_at)
        text = _("Besluit casusoverleg van %(day)s: %(reason)s") % {
            "day": f"{when:%d-%m-%Y}",
            "reason": decision.reason,
        }
        self.initial["explanation"] = text[: self.fields["explanation"].max_length]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "recipient": data["recipient"],
            "legal_ground": data["legal_ground"],
            "explanation": data["explanation"],
            "sections": data["sections"],
            "contacts_months": data["contacts_months"],
            "include_bsn": data["include_bsn"],
        }

"""Opschalen: the coordinator hands a case over to the Zorg- en Veiligheidshuis (ZVH) with
an opschalingsdossier, a PDF and a JSON file of the parts of the case the coordinator chose.

A handover is the record of what left the PGA: to whom, on which legal ground and why, which
parts, and the two files exactly as they were sent (with their SHA-256). It is never edited
and never made again from the case: the case changes, what was sent does not. Retention
removes it with its case (``cases.privacy.retention``); the AVG export lists it as a
recipient (``cases.privacy.export``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.case import Case
from cases.models.constraints import CheckedInPython
from cases.models.limits import limit, text_constraints


class HandoverGround(models.TextChoices):
    """The legal grounds a municipal PGA team names when it shares a case with the ZVH."""

    CONVENANT = (
        "convenant_zvh",
        _("Convenant Zorg- en Veiligheidshuis: taak van algemeen belang (art. 6 lid 1 sub e AVG)"),
    )
    WGS = "wgs", _("Wet gegevensverwerking door samenwerkingsverbanden (Wgs)")
    WPG = "wpg_20", _("Wet politiegegevens, art. 20 (samenwerkingsverband)")
    WJSG = "wjsg_39f", _("Wet justitiële en strafvorderlijke gegevens, art. 39f")
    VITAAL_BELANG = "vitaal_belang", _("Vitaal belang van de jongere (art. 6 lid 1 sub d AVG)")
    TOESTEMMING = "toestemming", _("Toestemming van jongere/ouders (art. 6 lid 1 sub a AVG)")


class ContactPeriod(models.IntegerChoices):
    """How far back the dossier's shared contacts go, in months."""

    ONE = 1, _("De laatste maand")
    THREE = 3, _("De laatste 3 maanden")
    SIX = 6, _("De laatste 6 maanden")
    TWELVE = 12, _("Het laatste jaar")


# The parts a coordinator chooses: field on Handover → (key in the JSON, label). The youth's
# name and date of birth are always in the dossier (the ZVH must know who it is about); the
# BSN only when ticked on its own (``includes_bsn``).
SECTIONS = {
    "includes_summary": ("casus", _("Samenvatting van de casus")),
    "includes_household": ("huishouden", _("Huishouden en gezinsleden")),
    "includes_partners": ("betrokken_partners", _("Betrokken partners en contactpersonen")),
    "includes_plan": ("plan_en_doelen", _("Plan van aanpak en doelen")),
    "includes_agreements": ("afspraken", _("Afspraken")),
    "includes_interventions": ("interventies", _("Interventies")),
    "includes_contacts": ("contactmomenten", _("Recente gedeelde contactmomenten")),
}


def handover_path(handover, filename):
    return f"opschalingen/{handover.created_at:%Y-%m}/{filename}"


class Handover(CheckedInPython, models.Model):
    """One opschalingsdossier as it was sent: recipient, legal ground with its explanation,
    the parts chosen, and the PDF and JSON with their SHA-256."""

    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="handovers"
    )
    recipient = models.CharField(_("ontvanger"), max_length=200)
    legal_ground = models.CharField(_("grondslag"), max_length=20, choices=HandoverGround.choices)
    explanation = models.TextField(
        _("toelichting op de grondslag en de reden van opschalen"),
        max_length=limit("handover", "explanation"),
    )
    includes_summary = models.BooleanField(_("samenvatting van de casus in het dossier"))
    includes_household = models.BooleanField(_("huishouden in het dossier"))
    includes_partners = models.BooleanField(_("betrokken partners in het dossier"))
    includes_plan = models.BooleanField(_("plan van aanpak en doelen in het dossier"))
    includes_agreements = models.BooleanField(_("afspraken in het dossier"))
    includes_interventions = models.BooleanField(_("interventies in het dossier"))
    includes_contacts = models.BooleanField(_("contactmomenten in het dossier"))
    contacts_months = models.PositiveSmallIntegerField(
        _("periode van de contactmomenten"),
        choices=ContactPeriod.choices,
        default=ContactPeriod.THREE,
    )
    includes_bsn = models.BooleanField(_("BSN in het dossier"), default=False)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    pdf = models.FileField(_("dossier (PDF)"), upload_to=handover_path)
    pdf_sha256 = models.CharField(_("SHA-256 van de PDF"), max_length=64)
    json = models.FileField(_("dossier (JSON)"), upload_to=handover_path)
    json_sha256 = models.CharField(_("SHA-256 van de JSON"), max_length=64)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opschalingsdossier")
        verbose_name_plural = _("opschalingsdossiers")
        ordering = ["case", "-created_at", "-pk"]
        constraints = [
            *text_constraints("handover"),
            models.CheckConstraint(condition=~Q(recipient=""), name="handover_names_its_recipient"),
            models.CheckConstraint(
                condition=~Q(explanation=""), name="handover_explains_its_legal_ground"
            ),
            models.CheckConstraint(
                condition=Q(includes_summary=True)
                | Q(includes_household=True)
                | Q(includes_partners=True)
                | Q(includes_plan=True)
                | Q(includes_agreements=True)
                | Q(includes_interventions=True)
                | Q(includes_contacts=True),
                name="handover_holds_at_least_one_section",
            ),
        ]

    def __str__(self):
        return f"Opschaling {self.case.number} naar {self.recipient} ({self.created_at:%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse("cases:handover_detail", args=[self.case_id, self.pk])

    @property
    def sections(self) -> list[str]:
        """The JSON keys of the parts chosen, in the dossier's order."""
        return [key for field, (key, _label) in SECTIONS.items() if getattr(self, field)]

    @property
    def section_labels(self) -> list[str]:
        return [str(label) for field, (_key, label) in SECTIONS.items() if getattr(self, field)]

"""Partner organisations (ketenpartners) and the people who work for them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.models import HistoricalRecords


class PartnerKind(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    POLITIE = "politie", _("Politie")
    OM = "om", _("Openbaar Ministerie")
    RAAD_KINDERBESCHERMING = "raad_kinderbescherming", _("Raad voor de Kinderbescherming")
    JEUGDBESCHERMING = "jeugdbescherming", _("Jeugdbescherming / jeugdreclassering")
    RECLASSERING = "reclassering", _("Reclassering")
    WIJKTEAM = "wijkteam", _("Wijkteam")
    LEERPLICHT = "leerplicht", _("Leerplicht / RMC")
    JONGERENWERK = "jongerenwerk", _("Jongerenwerk")
    SCHOOL = "school", _("School")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    GGD = "ggd", _("GGD")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    HALT = "halt", _("Halt")
    ZORGAANBIEDER = "zorgaanbieder", _("Zorgaanbieder")
    OVERIG = "overig", _("Overig")


class PartnerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Partner(models.Model):
    """A chain partner organisation (ketenpartner) that can be involved in cases.

    Each partner owns exactly one auth ``Group``; object permissions on cases are granted
    to that group while the partner has an active involvement. The group is created and
    renamed by :func:`partners.services.save_partner`, never by hand.
    """

    name = models.CharField(_("naam"), max_length=120, unique=True)
    kind = models.CharField(_("soort organisatie"), max_length=32, choices=PartnerKind.choices)
    group = models.OneToOneField(
        Group,
        verbose_name=_("autorisatiegroep"),
        on_delete=models.PROTECT,
        related_name="partner",
        editable=False,
    )
    email = models.EmailField(_("algemeen e-mailadres"), blank=True)
    phone = models.CharField(_("algemeen telefoonnummer"), max_length=30, blank=True)
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Een inactieve partner kan niet meer bij nieuwe casussen betrokken worden."),
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()
    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("ketenpartner")
        verbose_name_plural = _("ketenpartners")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MembershipRole(models.TextChoices):
    MEDEWERKER = "medewerker", _("Medewerker")
    CONTACTPERSOON = "contactpersoon", _("Vaste contactpersoon")
    LEIDINGGEVENDE = "leidinggevende", _("Leidinggevende")


class Membership(models.Model):
    """Which organisation a user works for (one per user) and in what role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEDEWERKER
    )
    job_title = models.CharField(
        _("functie"),
        max_length=100,
        blank=True,
        help_text=_("Bijv. wijkagent, leerplichtambtenaar."),
    )
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["partner__name", "user__last_name"]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.partner})"


# Accounts are part of the audit trail too: who deactivated or promoted whom, and when.
# Password hashes stay out of it: old hashes in a history table are an offline attack surface.
register(
    get_user_model(),
    app="partners",
    table_name="partners_historicaluser",
    excluded_fields=["password", "last_login"],
)

"""Partner organisations (ketenpartners) and the people who work for them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
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


class Right(models.TextChoices):
    """What a rights change grants or withdraws. Each opens something: case data (the
    coordinator role, an organisation's cases, an account that holds either), the keys to
    all of that (beheer, superuser), the access log (toezicht), or aggregated figures with
    small numbers suppressed (management)."""

    COORDINATOR = "procescoordinator", _("Rol procescoördinator (alle casussen)")
    ORGANISATION = "organisatie", _("Medewerker van een ketenpartner (haar casussen)")
    BEHEER = "beheer", _("Rol functioneel beheer (/beheer/)")
    TOEZICHT = "toezicht", _("Rol toezicht / privacyfunctionaris (inzagelog)")
    MANAGEMENT = "management", _("Rol management (alleen geaggregeerde cijfers)")
    SUPERUSER = "superuser", _("Superuser (technisch beheer)")
    ACCOUNT = "account", _("Account actief")


class RightsChangeStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("Voorgesteld, wacht op een tweede beheerder")
    APPLIED = "doorgevoerd", _("Doorgevoerd")
    REJECTED = "afgewezen", _("Afgewezen of ingetrokken")


class RightsChange(models.Model):
    """A change of someone's rights (rechtenwijziging), the rechtenlog's line.

    Granting takes two people: one beheerder proposes, another approves, and only then
    does it take effect; nobody approves their own proposal or a change of their own
    rights. Withdrawing takes effect at once (it can only close doors). Changed only by the
    services in ``partners/services.py``; the history holds every step.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="rights_changes",
    )
    right = models.CharField(_("recht"), max_length=20, choices=Right.choices)
    grant = models.BooleanField(
        _("toekennen"), help_text=_("Aan: toekennen (vier ogen). Uit: intrekken (direct).")
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Alleen bij 'medewerker van een ketenpartner'."),
    )
    reason = models.TextField(_("reden"), max_length=1000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RightsChangeStatus.choices,
        default=RightsChangeStatus.PROPOSED,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg: vastgelegd op de opdrachtregel van de server (beheer van de server)."),
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decision_note = models.TextField(_("toelichting bij het besluit"), max_length=1000, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rechtenwijziging")
        verbose_name_plural = _("rechtenwijzigingen (rechtenlog)")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(right="organisatie", grant=True) | Q(partner__isnull=False),
                name="rights_change_organisation_grant_names_the_organisation",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | Q(proposed_by__isnull=True)
                | ~Q(decided_by=F("proposed_by"))
                | Q(grant=False),
                name="rights_change_grant_is_approved_by_another_person",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("user")) | Q(grant=False),
                name="rights_change_nobody_approves_their_own_rights",
            ),
            models.CheckConstraint(
                condition=Q(status="voorgesteld", decided_at__isnull=True)
                | (~Q(status="voorgesteld") & Q(decided_at__isnull=False)),
                name="rights_change_decided_when_no_longer_proposed",
            ),
            models.UniqueConstraint(
                fields=["user", "right"],
                condition=Q(status="voorgesteld"),
                name="one_open_proposal_per_account_and_right",
            ),
        ]

    def __str__(self):
        verb = _("toekennen") if self.grant else _("intrekken")
        return f"{self.get_right_display()} {verb}: {self.user}"

    @property
    def is_open(self):
        return self.status == RightsChangeStatus.PROPOSED


class ApiTokenStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("Voorgesteld, wacht op een tweede beheerder")
    ACTIVE = "actief", _("Actief")
    REJECTED = "afgewezen", _("Afgewezen")
    REVOKED = "ingetrokken", _("Ingetrokken")


class ApiToken(models.Model):
    """A key with which a system (a Zorg- en Veiligheidshuis's case system, the city's data
    warehouse) reads the API as its system account (``partners.tokens``).

    Only the SHA-256 of the key is stored; the key itself is shown once, to the beheerder
    who proposed it. It opens nothing until a second beheerder approves it, and nothing
    after its expiry date or its withdrawal. The system account sees what its organisation's
    employees see, or, for the management role, the suppressed figures only.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("systeemaccount"),
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("omschrijving"),
        max_length=120,
        help_text=_("Welk systeem dit token gebruikt, bijv. 'Casussysteem ZVH Rijnmond'."),
    )
    prefix = models.CharField(_("begin van het token"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(
        _("SHA-256 van het token"), max_length=64, unique=True, editable=False
    )
    expires_on = models.DateField(_("geldig tot en met"))
    reason = models.TextField(_("reden"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=20, choices=ApiTokenStatus.choices, default=ApiTokenStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decision_note = models.TextField(_("toelichting bij het besluit"), max_length=1000, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingetrokken door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoke_reason = models.TextField(_("reden van intrekken"), max_length=1000, blank=True)

    history = HistoricalRecords(excluded_fields=["key_hash"])

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("proposed_by")),
                name="api_token_approved_by_another_person",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("user")),
                name="api_token_not_decided_by_its_own_account",
            ),
            models.CheckConstraint(
                condition=Q(status="voorgesteld", decided_at__isnull=True)
                | (~Q(status="voorgesteld") & Q(decided_at__isnull=False)),
                name="api_token_decided_when_no_longer_proposed",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == ApiTokenStatus.ACTIVE and self.expires_on >= today


# Accounts are part of the audit trail too: who deactivated or promoted whom, and when, and
# (m2m_fields) which role groups they were in at every step. Password hashes stay out of
# it: old hashes in a history table are an offline attack surface.
register(
    get_user_model(),
    app="partners",
    table_name="partners_historicaluser",
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups"],
)

"""Youths, their households and groups, and the cases the PGA team runs for them.

Dates are ``*_on``, datetimes ``*_at``. Invariants that the database can hold live in
``Meta.constraints`` and are named as sentences; rules that need other tables or the clock
live in ``clean()`` and in the services (``cases/services.py``), which also record who
changed what and why in the history.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast, Length, Substr
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from cases.validators import BSN_WEIGHTS, validate_bsn, validate_postcode
from partners.models import Partner


def _not_before(later: str, earlier: str) -> Q:
    """``later`` is empty or on/after ``earlier`` (an end never before its start)."""
    return Q(**{f"{later}__isnull": True}) | Q(**{f"{later}__gte": F(earlier)})


def _bsn_eleven_test() -> Q:
    # The 11-proef in SQL, so that no import or script can store a BSN the forms would refuse.
    # NULL (no BSN) makes the expression NULL, which a CHECK accepts.
    weighted = sum(
        Cast(Substr("bsn", position, 1), models.IntegerField()) * weight
        for position, weight in enumerate(BSN_WEIGHTS, start=1)
    )
    return Q(Exact(Length("bsn"), 9)) & Q(Exact(weighted % 11, 0)) & ~Q(bsn="000000000")


# Reference lists ---------------------------------------------------------------------------


class District(models.Model):
    """An area of the city (gebied/wijk). Seeded with Rotterdam's areas; another city
    replaces the list in the admin."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    is_active = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Track(models.TextChoices):
    ZORG = "zorg", _("Zorg")
    DRANG = "drang", _("Drang")
    STRAF = "straf", _("Straf")
    BESTUURLIJK = "bestuurlijk", _("Bestuurlijk")
    CIVIEL = "civiel", _("Civiel")
    ONDERWIJS = "onderwijs", _("Onderwijs")


class InterventionType(models.Model):
    """Reference list of interventions, per track (jeugdhulp, Halt, gebiedsverbod, OTS, …)."""

    track = models.CharField(_("spoor"), max_length=20, choices=Track.choices)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("toelichting"), blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("soort interventie")
        verbose_name_plural = _("soorten interventies")
        ordering = ["track", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "name"], name="intervention_type_name_unique_per_track"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_track_display()})"


class AssessmentDomain(models.Model):
    """A life domain of the ZRM. Only the names ship with the product: the ZRM texts
    themselves are licensed, and versions differ, so the list is reference data."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ZRM-domein")
        verbose_name_plural = _("ZRM-domeinen")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


# People ------------------------------------------------------------------------------------


class Household(models.Model):
    """A household (huishouden): the family system around one or more youths."""

    name = models.CharField(
        _("naam"), max_length=150, help_text=_("Bijv. ‘Huishouden Bakker’."), db_index=True
    )
    street = models.CharField(_("straat"), max_length=150, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("gebied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="households",
    )
    notes = models.TextField(_("bijzonderheden"), blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cases:household_detail", args=[self.pk])

    @property
    def address(self):
        line = " ".join(part for part in (self.street, self.house_number) if part)
        place = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (line, place) if part)


class Relation(models.TextChoices):
    MOEDER = "moeder", _("Moeder")
    VADER = "vader", _("Vader")
    STIEFOUDER = "stiefouder", _("Stiefouder")
    BROER = "broer", _("Broer")
    ZUS = "zus", _("Zus")
    GROOTOUDER = "grootouder", _("Grootouder")
    VOOGD = "voogd", _("Voogd")
    OVERIG = "overig", _("Overig")


class HouseholdMember(models.Model):
    """A member of the household who is not (necessarily) a youth in the PGA.

    Siblings who are themselves youths in the PGA are linked through ``Youth.household``.
    """

    household = models.ForeignKey(
        Household, verbose_name=_("huishouden"), on_delete=models.CASCADE, related_name="members"
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    relation = models.CharField(
        _("relatie tot de jongere"), max_length=20, choices=Relation.choices
    )
    is_key_figure = models.BooleanField(
        _("sleutelfiguur"),
        default=False,
        help_text=_("Iemand met invloed in het gezin, via wie de aanpak loopt (vaak de moeder)."),
    )
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    notes = models.TextField(_("bijzonderheden"), blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")
        ordering = ["-is_key_figure", "relation", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.get_relation_display().lower()})"


class Youth(models.Model):
    """A young person (jongere) in the PGA. The BSN is shown to coordinators only."""

    first_name = models.CharField(_("voornaam"), max_length=100)
    name_prefix = models.CharField(
        _("tussenvoegsel"), max_length=20, blank=True, help_text=_("Bijv. ‘van’, ‘de’, ‘el’.")
    )
    last_name = models.CharField(_("achternaam"), max_length=150, db_index=True)
    date_of_birth = models.DateField(_("geboortedatum"))
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_bsn],
        help_text=_("Burgerservicenummer, 9 cijfers. Alleen zichtbaar voor procescoördinatoren."),
    )
    street = models.CharField(_("straat"), max_length=150, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("gebied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="youths",
    )
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    daytime_activity = models.CharField(
        _("school of dagbesteding"),
        max_length=200,
        blank=True,
        help_text=_("School en klas, werk, of ‘geen’."),
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("huishouden"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="youths",
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jongere")
        verbose_name_plural = _("jongeren")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=_bsn_eleven_test(), name="youth_bsn_passes_eleven_test"
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("cases:youth_detail", args=[self.pk])

    @property
    def full_name(self):
        return " ".join(
            part for part in (self.first_name, self.name_prefix, self.last_name) if part
        )

    def age_on(self, day: date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    def clean(self):
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            raise ValidationError(
                {"date_of_birth": _("De geboortedatum kan niet in de toekomst liggen.")}
            )


class YouthGroup(models.Model):
    """A peer group (jeugdgroep), e.g. a group of boys in one neighbourhood."""

    name = models.CharField(_("werknaam"), max_length=150, unique=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("gebied"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="youth_groups",
    )
    meeting_places = models.CharField(_("ontmoetingsplekken"), max_length=250, blank=True)
    description = models.TextField(_("groepsduiding"), blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jeugdgroep")
        verbose_name_plural = _("jeugdgroepen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cases:group_detail", args=[self.pk])


class GroupRole(models.TextChoices):
    KOPSTUK = "kopstuk", _("Kopstuk")
    MEELOPER = "meeloper", _("Meeloper")
    RANDFIGUUR = "randfiguur", _("Randfiguur")
    ONBEKEND = "onbekend", _("Onbekend")


class GroupMembership(models.Model):
    youth_group = models.ForeignKey(
        YouthGroup,
        verbose_name=_("jeugdgroep"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    youth = models.ForeignKey(
        Youth,
        verbose_name=_("jongere"),
        on_delete=models.CASCADE,
        related_name="group_memberships",
    )
    role = models.CharField(
        _("rol in de groep"), max_length=20, choices=GroupRole.choices, default=GroupRole.ONBEKEND
    )
    since_on = models.DateField(_("sinds"), null=True, blank=True)
    until_on = models.DateField(_("tot en met"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("groepslidmaatschap")
        verbose_name_plural = _("groepslidmaatschappen")
        ordering = ["youth_group", "youth__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=_not_before("until_on", "since_on"),
                name="group_membership_until_on_not_before_since_on",
            ),
            models.UniqueConstraint(
                fields=["youth_group", "youth"],
                condition=Q(until_on__isnull=True),
                name="one_current_membership_per_youth_and_group",
            ),
        ]

    def __str__(self):
        return f"{self.youth} in {self.youth_group}"


# Cases -------------------------------------------------------------------------------------


class CaseStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    SCREENING = "screening", _("Screening")
    ACTIEF = "actief", _("Actief")
    NAZORG = "nazorg", _("Nazorg")
    AFGESLOTEN = "afgesloten", _("Afgesloten")
    NIET_OPGENOMEN = "niet_opgenomen", _("Niet opgenomen")


# A case in one of these statuses has ended: it carries a closure date and reason.
CLOSED_STATUSES = (CaseStatus.AFGESLOTEN, CaseStatus.NIET_OPGENOMEN)

# Which status may follow which. A screening that does not lead to a case ends in
# niet_opgenomen; nazorg can fall back to actief when things go wrong again.
TRANSITIONS = {
    CaseStatus.AANGEMELD: (CaseStatus.SCREENING,),
    CaseStatus.SCREENING: (CaseStatus.ACTIEF, CaseStatus.NIET_OPGENOMEN),
    CaseStatus.ACTIEF: (CaseStatus.NAZORG, CaseStatus.AFGESLOTEN),
    CaseStatus.NAZORG: (CaseStatus.ACTIEF, CaseStatus.AFGESLOTEN),
    CaseStatus.AFGESLOTEN: (),
    CaseStatus.NIET_OPGENOMEN: (),
}


class Priority(models.IntegerChoices):
    HOOG = 1, _("Hoog")
    MIDDEN = 2, _("Midden")
    LAAG = 3, _("Laag")


class ClosureReason(models.TextChoices):
    DOELEN_BEREIKT = "doelen_bereikt", _("Doelen bereikt")
    AFGESCHAALD = "afgeschaald", _("Afgeschaald naar reguliere hulp")
    VERHUISD = "verhuisd", _("Verhuisd buiten de gemeente")
    DETENTIE = "detentie", _("Langdurige detentie of plaatsing")
    GEEN_MEDEWERKING = "geen_medewerking", _("Geen medewerking, geen drang of dwang mogelijk")
    NIET_PGA_WAARDIG = "niet_pga_waardig", _("Voldoet niet aan de PGA-criteria")
    DOORVERWEZEN = "doorverwezen", _("Doorverwezen (advies aan aanmelder)")
    OVERIG = "overig", _("Overig")


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def closed(self):
        return self.filter(status__in=CLOSED_STATUSES)

    def review_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(next_review_on__lt=today)


class Case(models.Model):
    """A PGA case (casus): one youth, one coordinator, the partners around them, and the plan.

    Status flow: aangemeld → screening → actief → nazorg → afgesloten; a screening can end
    in niet_opgenomen. Transitions go through ``cases.services.change_status``.
    """

    number = models.CharField(_("casusnummer"), max_length=20, unique=True, editable=False)
    youth = models.ForeignKey(
        Youth, verbose_name=_("jongere"), on_delete=models.PROTECT, related_name="cases"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("procescoördinator"),
        on_delete=models.PROTECT,
        related_name="coordinated_cases",
        limit_choices_to={"groups__name": settings.COORDINATORS_GROUP},
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.AANGEMELD
    )
    priority = models.PositiveSmallIntegerField(
        _("prioriteit"), choices=Priority.choices, default=Priority.MIDDEN
    )
    priority_rationale = models.TextField(
        _("onderbouwing prioriteit"),
        help_text=_("Waarom deze prioriteit? Een menselijke, gemotiveerde afweging."),
    )
    referred_by = models.ForeignKey(
        Partner,
        verbose_name=_("aanmelder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_cases",
    )
    referral_reason = models.TextField(_("reden van aanmelding"))
    registered_on = models.DateField(_("aangemeld op"), default=timezone.localdate)
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    next_review_on = models.DateField(_("volgende evaluatie"), null=True, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    closure_reason = models.CharField(
        _("reden van afsluiting"), max_length=30, choices=ClosureReason.choices, blank=True
    )
    informed_on = models.DateField(
        _("jongere/ouders geïnformeerd op"),
        null=True,
        blank=True,
        help_text=_("Informatieplicht: wanneer de jongere en/of ouders zijn geïnformeerd."),
    )
    not_informed_reason = models.TextField(
        _("reden om (nog) niet te informeren"),
        blank=True,
        help_text=_(
            "Bijv. zwaarwegende veiligheidsbelangen of een lopend strafrechtelijk onderzoek."
        ),
    )
    drives = models.TextField(_("drijfveren"), blank=True)
    motivations = models.TextField(_("motivaties"), blank=True)
    barriers = models.TextField(_("barrières"), blank=True)
    peer_dynamics = models.TextField(_("dynamiek vriendengroep"), blank=True)
    family_dynamics = models.TextField(_("dynamiek gezin"), blank=True)
    plan = models.TextField(_("plan van aanpak"), blank=True)
    next_steps = models.TextField(_("volgende stappen"), blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()
    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-registered_on", "-number"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=CLOSED_STATUSES)
                | (Q(closed_on__isnull=False) & ~Q(closure_reason="")),
                name="case_closed_has_closure_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CLOSED_STATUSES)
                | Q(closed_on__isnull=True, closure_reason=""),
                name="case_open_has_no_closure_date_or_reason",
            ),
            models.CheckConstraint(
                condition=_not_before("started_on", "registered_on"),
                name="case_started_on_not_before_registered_on",
            ),
            models.CheckConstraint(
                condition=_not_before("closed_on", "registered_on"),
                name="case_closed_on_not_before_registered_on",
            ),
            models.CheckConstraint(
                condition=Q(priority__gte=Priority.HOOG, priority__lte=Priority.LAAG),
                name="case_priority_in_range",
            ),
            models.CheckConstraint(
                condition=Q(informed_on__isnull=True) | Q(not_informed_reason=""),
                name="case_informed_or_reason_not_both",
            ),
        ]
        indexes = [models.Index(fields=["status", "priority"], name="case_status_priority_idx")]
        permissions = [("log_contact", _("Mag contactmomenten vastleggen bij de casus"))]

    def __str__(self):
        return f"{self.number} {self.youth}"

    def get_absolute_url(self):
        return reverse("cases:case_detail", args=[self.pk])

    @property
    def is_closed(self):
        return self.status in CLOSED_STATUSES

    @property
    def review_is_overdue(self):
        return (
            not self.is_closed
            and self.next_review_on is not None
            and self.next_review_on < timezone.localdate()
        )

    def clean(self):
        errors = {}
        if self.started_on and self.registered_on and self.started_on < self.registered_on:
            errors["started_on"] = _("De startdatum kan niet voor de aanmelddatum liggen.")
        if self.closed_on and self.registered_on and self.closed_on < self.registered_on:
            errors["closed_on"] = _("De afsluitdatum kan niet voor de aanmelddatum liggen.")
        if self.informed_on and self.not_informed_reason:
            errors["not_informed_reason"] = _(
                "Vul óf een datum van informeren óf een reden om niet te informeren in, niet allebei."
            )
        if self.registered_on and self.registered_on > timezone.localdate():
            errors["registered_on"] = _("De aanmelddatum kan niet in de toekomst liggen.")
        if errors:
            raise ValidationError(errors)


class InvolvementRole(models.TextChoices):
    CASUSREGISSEUR = "casusregisseur", _("Casusregisseur")
    BETROKKEN = "betrokken_partner", _("Betrokken partner")
    INFORMATIE = "informatiepartner", _("Informatiepartner")


class LegalBasis(models.TextChoices):
    CONVENANT = "convenant", _("Convenant Zorg- en Veiligheidshuis / PGA")
    WETTELIJKE_TAAK = "wettelijke_taak", _("Wettelijke taak (o.a. Jeugdwet, Wpg, Wjsg)")
    JEUGDBESCHERMINGSMAATREGEL = (
        "maatregel",
        _("Jeugdbeschermingsmaatregel of strafrechtelijk kader"),
    )
    TOESTEMMING = "toestemming", _("Toestemming van jongere/ouders")
    OVERIG = "overig", _("Overig (toelichting verplicht)")


class InvolvementQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_on__isnull=True)


class Involvement(models.Model):
    """A partner's involvement (betrokkenheid) in a case.

    Only an *active* involvement (no end date) gives the partner's employees access to the
    case. Created and ended through the services, which also grant and revoke access.
    """

    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="involvements"
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("ketenpartner"),
        on_delete=models.PROTECT,
        related_name="involvements",
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=InvolvementRole.choices, default=InvolvementRole.BETROKKEN
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contactpersoon"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for_involvements",
    )
    legal_basis = models.CharField(_("grondslag"), max_length=20, choices=LegalBasis.choices)
    legal_basis_note = models.CharField(_("toelichting grondslag"), max_length=250, blank=True)
    started_on = models.DateField(_("betrokken sinds"), default=timezone.localdate)
    ended_on = models.DateField(_("betrokken tot en met"), null=True, blank=True)
    end_reason = models.TextField(_("reden van beëindigen"), blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()
    objects = InvolvementQuerySet.as_manager()

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        ordering = ["case", "partner__name"]
        constraints = [
            models.CheckConstraint(
                condition=_not_before("ended_on", "started_on"),
                name="involvement_ended_on_not_before_started_on",
            ),
            models.UniqueConstraint(
                fields=["case", "partner"],
                condition=Q(ended_on__isnull=True),
                name="one_active_involvement_per_case_and_partner",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | ~Q(end_reason=""),
                name="involvement_ended_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.partner} bij {self.case.number}"

    @property
    def is_active(self):
        return self.ended_on is None

    def clean(self):
        errors = {}
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("De einddatum kan niet voor de startdatum liggen.")
        if self.legal_basis == LegalBasis.OVERIG and not self.legal_basis_note:
            errors["legal_basis_note"] = _("Licht de grondslag toe.")
        if (
            self.contact_person_id
            and self.partner_id
            and not Partner.objects.filter(
                pk=self.partner_id, memberships__user_id=self.contact_person_id
            ).exists()
        ):
            errors["contact_person"] = _("De contactpersoon werkt niet bij deze ketenpartner.")
        if errors:
            raise ValidationError(errors)


class InterventionStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    LOPEND = "lopend", _("Lopend")
    AFGEROND = "afgerond", _("Afgerond")
    GESTOPT = "gestopt", _("Gestopt")


FINISHED_INTERVENTION_STATUSES = (InterventionStatus.AFGEROND, InterventionStatus.GESTOPT)


class Intervention(models.Model):
    """An intervention in the plan: a measure or form of help carried out by one partner."""

    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="interventions"
    )
    intervention_type = models.ForeignKey(
        InterventionType,
        verbose_name=_("interventie"),
        on_delete=models.PROTECT,
        related_name="interventions",
    )
    responsible_partner = models.ForeignKey(
        Partner,
        verbose_name=_("verantwoordelijke partner"),
        on_delete=models.PROTECT,
        related_name="interventions",
    )
    goal = models.TextField(_("doel"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InterventionStatus.choices,
        default=InterventionStatus.VOORGESTELD,
    )
    started_on = models.DateField(_("startdatum"), null=True, blank=True)
    planned_end_on = models.DateField(_("geplande einddatum"), null=True, blank=True)
    ended_on = models.DateField(_("einddatum"), null=True, blank=True)
    outcome = models.TextField(_("resultaat"), blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        ordering = ["case", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=_not_before("ended_on", "started_on"),
                name="intervention_ended_on_not_before_started_on",
            ),
            models.CheckConstraint(
                condition=_not_before("planned_end_on", "started_on"),
                name="intervention_planned_end_on_not_before_started_on",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=FINISHED_INTERVENTION_STATUSES) | Q(ended_on__isnull=False),
                name="intervention_finished_has_end_date",
            ),
            models.CheckConstraint(
                condition=Q(status__in=FINISHED_INTERVENTION_STATUSES) | Q(ended_on__isnull=True),
                name="intervention_unfinished_has_no_end_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=InterventionStatus.LOPEND) | Q(started_on__isnull=False),
                name="intervention_running_has_start_date",
            ),
        ]

    def __str__(self):
        return f"{self.intervention_type.name} ({self.case.number})"

    @property
    def track(self):
        return self.intervention_type.track

    def clean(self):
        errors = {}
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("De einddatum kan niet voor de startdatum liggen.")
        if self.planned_end_on and self.started_on and self.planned_end_on < self.started_on:
            errors["planned_end_on"] = _(
                "De geplande einddatum kan niet voor de startdatum liggen."
            )
        if self.status in FINISHED_INTERVENTION_STATUSES and not self.ended_on:
            errors["ended_on"] = _("Vul de einddatum in van een afgeronde of gestopte interventie.")
        if self.status not in FINISHED_INTERVENTION_STATUSES and self.ended_on:
            errors["ended_on"] = _(
                "Alleen een afgeronde of gestopte interventie heeft een einddatum."
            )
        if self.status == InterventionStatus.LOPEND and not self.started_on:
            errors["started_on"] = _("Vul de startdatum in van een lopende interventie.")
        if errors:
            raise ValidationError(errors)


class ContactKind(models.TextChoices):
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    GESPREK = "gesprek", _("Gesprek")
    TELEFONISCH = "telefonisch", _("Telefonisch")
    STRAATCONTACT = "straatcontact", _("Straatcontact")
    GESPREK_OUDERS = "gesprek_ouders", _("Gesprek met ouders")
    OVERLEG = "overleg", _("Overleg")
    SCHOOLBEZOEK = "schoolbezoek", _("Schoolbezoek")
    DETENTIEBEZOEK = "detentiebezoek", _("Detentiebezoek")


class ContactWith(models.TextChoices):
    JONGERE = "jongere", _("Jongere")
    MOEDER = "moeder", _("Moeder")
    VADER = "vader", _("Vader")
    BROER_ZUS = "broer_zus", _("Broer of zus")
    SCHOOL = "school", _("School")
    PARTNER = "partner", _("Ketenpartner")
    OVERIG = "overig", _("Overig")


class ContactVisibility(models.TextChoices):
    SHARED = "gedeeld", _("Alle betrokken partners")
    RESTRICTED = "eigen_organisatie", _("Alleen eigen organisatie en coördinator")


class Contact(models.Model):
    """A contact moment (contactmoment) logged by a partner employee or coordinator."""

    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="contacts"
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="contacts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.PROTECT,
        related_name="authored_contacts",
    )
    occurred_at = models.DateTimeField(_("datum en tijd"))
    kind = models.CharField(_("soort contact"), max_length=20, choices=ContactKind.choices)
    with_whom = models.CharField(_("met wie"), max_length=20, choices=ContactWith.choices)
    summary = models.TextField(_("samenvatting"))
    follow_up = models.TextField(_("vervolgafspraken"), blank=True)
    visibility = models.CharField(
        _("zichtbaarheid"),
        max_length=20,
        choices=ContactVisibility.choices,
        default=ContactVisibility.SHARED,
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now, editable=False)
    submission_key = models.UUIDField(
        _("verzendsleutel"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_(
            "Eén sleutel per ingevuld formulier: dubbel verzenden levert één contactmoment op."
        ),
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["case", "-occurred_at"], name="contact_case_occurred_idx")]

    def __str__(self):
        when = timezone.localtime(self.occurred_at).strftime("%d-%m-%Y %H:%M")
        return f"{self.get_kind_display()} {when} ({self.partner})"

    def clean(self):
        if self.occurred_at and self.occurred_at > timezone.now():
            raise ValidationError(
                {"occurred_at": _("Een contactmoment kan niet in de toekomst liggen.")}
            )
        if (
            self.occurred_at
            and self.case_id
            and timezone.localdate(self.occurred_at) < self.case.registered_on
        ):
            raise ValidationError(
                {"occurred_at": _("Het contactmoment ligt voor de aanmelding van de casus.")}
            )


class Assessment(models.Model):
    """A ZRM measurement (ZRM-meting) of a case on one day: a score per life domain."""

    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="assessments"
    )
    assessed_on = models.DateField(_("datum meting"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgenomen door"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    notes = models.TextField(_("toelichting"), blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ZRM-meting")
        verbose_name_plural = _("ZRM-metingen")
        ordering = ["case", "assessed_on"]

    def __str__(self):
        return f"ZRM {self.assessed_on:%d-%m-%Y} ({self.case.number})"


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("ZRM-meting"), on_delete=models.CASCADE, related_name="scores"
    )
    domain = models.ForeignKey(
        AssessmentDomain, verbose_name=_("domein"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = acute problematiek … 5 = volledig zelfredzaam."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ZRM-score")
        verbose_name_plural = _("ZRM-scores")
        ordering = ["assessment", "domain__position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="assessment_score_between_1_and_5"
            ),
            models.UniqueConstraint(
                fields=["assessment", "domain"], name="one_score_per_domain_per_assessment"
            ),
        ]

    def __str__(self):
        return f"{self.domain}: {self.score}"


# Object permissions on cases ----------------------------------------------------------------


class CaseUserObjectPermission(UserObjectPermissionBase):
    """A grant on one case to one user, as a real foreign key (cascades with the case).

    The product grants to partner groups only; ``sync_case_permissions`` removes any user
    grant, because no involvement backs it.
    """

    content_object = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="user_grants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE
    )
    permission = models.ForeignKey(Permission, verbose_name=_("recht"), on_delete=models.CASCADE)

    history = HistoricalRecords()

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("recht van gebruiker op casus")
        verbose_name_plural = _("rechten van gebruikers op casussen")


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    """A grant on one case to a partner's group, kept in step with its active involvement by
    ``involve_partner`` / ``end_involvement`` (never by a signal)."""

    content_object = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="group_grants"
    )
    group = models.ForeignKey(Group, verbose_name=_("groep"), on_delete=models.CASCADE)
    permission = models.ForeignKey(Permission, verbose_name=_("recht"), on_delete=models.CASCADE)

    history = HistoricalRecords()

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("recht van ketenpartner op casus")
        verbose_name_plural = _("rechten van ketenpartners op casussen")


class OverviewKind(models.TextChoices):
    CASE = "casus", _("Casus")
    CASELOAD = "caseload", _("Caseload")


def overview_path(overview, filename):
    return f"maandoverzichten/{overview.month:%Y-%m}/{filename}"


class MonthlyOverview(models.Model):
    """An archived monthly overview (maandoverzicht): the PDF, its SHA-256, and who made it.

    Archived overviews are rendered with the coordinator's view of the case, so only
    coordinators may download them.
    """

    kind = models.CharField(_("soort"), max_length=10, choices=OverviewKind.choices)
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    case = models.ForeignKey(
        Case,
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="monthly_overviews",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("procescoördinator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload_overviews",
    )
    file = models.FileField(_("bestand"), upload_to=overview_path)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    generated_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("maandoverzicht")
        verbose_name_plural = _("maandoverzichten")
        ordering = ["-month", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="casus", case__isnull=False, coordinator__isnull=True)
                | Q(kind="caseload", case__isnull=True, coordinator__isnull=False),
                name="monthly_overview_is_of_a_case_or_of_a_caseload",
            ),
            models.UniqueConstraint(
                fields=["case", "month"],
                condition=Q(kind="casus"),
                name="one_overview_per_case_and_month",
            ),
            models.UniqueConstraint(
                fields=["coordinator", "month"],
                condition=Q(kind="caseload"),
                name="one_caseload_overview_per_coordinator_and_month",
            ),
        ]

    def __str__(self):
        subject = self.case.number if self.case_id else self.coordinator
        return f"Maandoverzicht {self.month:%Y-%m} {subject}"


class PurgedCase(models.Model):
    """The anonymous tombstone of a case removed after its retention period: no names, no
    numbers, only what the team's statistics need."""

    closed_month = models.DateField(
        _("maand van afsluiting"), help_text=_("De eerste dag van de maand.")
    )
    closure_reason = models.CharField(
        _("reden van afsluiting"), max_length=30, choices=ClosureReason.choices, blank=True
    )
    status = models.CharField(_("eindstatus"), max_length=20, choices=CaseStatus.choices)
    contacts = models.PositiveIntegerField(_("aantal contactmomenten"))
    interventions = models.PositiveIntegerField(_("aantal interventies"))
    involvements = models.PositiveIntegerField(_("aantal betrokkenheden"))
    assessments = models.PositiveIntegerField(_("aantal ZRM-metingen"))
    purged_at = models.DateTimeField(_("verwijderd op"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verwijderde casus (grafsteen)")
        verbose_name_plural = _("verwijderde casussen (grafstenen)")
        ordering = ["-purged_at"]

    def __str__(self):
        return f"Casus afgesloten {self.closed_month:%m-%Y}, verwijderd {self.purged_at:%d-%m-%Y}"

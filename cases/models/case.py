"""Cases, their status flow, partner involvements and the object permissions on them."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from cases.models.dates import DateRulesMixin, date_constraints
from cases.models.limits import limit, text_constraints
from cases.models.people import Youth
from partners.models import Partner


class CaseNumberCounter(models.Model):
    """The last case number handed out per year (PGA-<year>-<n>).

    Registering a case locks this row (SELECT … FOR UPDATE) before taking the next number,
    so two registrations at the same moment get consecutive numbers instead of the same
    MAX()+1 and an IntegrityError. Changed only by ``cases.services.next_case_number``.
    """

    year = models.PositiveIntegerField(_("jaar"), unique=True)
    last = models.PositiveIntegerField(_("laatste volgnummer"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("teller casusnummers")
        verbose_name_plural = _("tellers casusnummers")
        ordering = ["-year"]

    def __str__(self):
        return f"PGA-{self.year}: {self.last}"


class CaseStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    SCREENING = "screening", _("Screening")
    ACTIEF = "actief", _("Actief")
    NAZORG = "nazorg", _("Nazorg")
    AFGESLOTEN = "afgesloten", _("Afgesloten")
    NIET_OPGENOMEN = "niet_opgenomen", _("Niet opgenomen")


# A case in one of these statuses has ended: it carries a closure date and reason.
CLOSED_STATUSES = (CaseStatus.AFGESLOTEN, CaseStatus.NIET_OPGENOMEN)
# The condition of CaseQuerySet.open(), as partial indexes state it: PostgreSQL uses such an
# index only for a query whose WHERE holds the same condition.
OPEN = ~Q(status__in=CLOSED_STATUSES)


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

    def review_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(next_review_on__lt=today)

    def inform_review_overdue(self, today=None):
        """Open cases whose youth was not informed yet and whose date to reconsider the
        reason for that has passed (the duty to inform, ``cases.informing``)."""
        today = today or timezone.localdate()
        return self.open().filter(informed_on__isnull=True, inform_review_on__lt=today)


class Case(DateRulesMixin, models.Model):
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
        max_length=limit("case", "priority_rationale"),
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
    referral_reason = models.TextField(
        _("reden van aanmelding"), max_length=limit("case", "referral_reason")
    )
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
        max_length=limit("case", "not_informed_reason"),
        blank=True,
        help_text=_(
            "Bijv. zwaarwegende veiligheidsbelangen of een lopend strafrechtelijk onderzoek."
        ),
    )
    inform_review_on = models.DateField(
        _("reden om niet te informeren heroverwegen op"),
        null=True,
        blank=True,
        help_text=_(
            "Wanneer u opnieuw bekijkt of de jongere/ouders nu wel kunnen worden geïnformeerd."
        ),
    )
    next_toets_on = models.DateField(
        _("volgende proportionaliteitstoets"),
        null=True,
        blank=True,
        editable=False,
    )
    plan = models.TextField(
        _("samenvatting plan van aanpak"),
        blank=True,
        max_length=limit("case", "plan"),
        help_text=_("De lijn van het plan in een paar zinnen; de doelen staan per leefgebied."),
    )
    next_steps = models.TextField(
        _("volgende stappen"), blank=True, max_length=limit("case", "next_steps")
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    # Not the case's content but a derived copy, kept by Contact.save() (as Youth keeps
    # search_name): the moment of its latest contact, any organisation's. A coordinator,
    # who sees every contact, sorts and filters the whole team's caseload on it from an
    # index; a partner's "last contact of its own organisation" is still asked of its own
    # contacts. Left out of the history: it is no change anyone made to the case.
    latest_contact_at = models.DateTimeField(
        _("laatste contactmoment"), null=True, blank=True, editable=False
    )

    # The same kind of derived copy, kept by Agreement.save() and delete(): the earliest
    # deadline of the case's open agreements. "Casussen met een verlopen afspraak" on a
    # coordinator's dashboard and caseload is then a range of an index, not a look into
    # the agreements per open case.
    open_agreement_due_on = models.DateField(
        _("eerste deadline van een open afspraak"), null=True, blank=True, editable=False
    )

    # And the youth's area (gebied) by name, kept by Youth.save(), Household.save(),
    # District.save() and Case.save() (cases.models.people.refresh_area_name): the
    # caseload's "gebied" sort reads it from an index instead of joining every open case to
    # its youth, household and districts.
    # NULL, not "": a case whose youth has no area sorts last either way, as before.
    area_name = models.CharField(  # noqa: DJ001
        _("gebied (afgeleid)"), max_length=100, null=True, blank=True, editable=False
    )

    history = HistoricalRecords(
        excluded_fields=["latest_contact_at", "open_agreement_due_on", "area_name"]
    )
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
            *date_constraints("case"),
            *text_constraints("case"),
            models.CheckConstraint(
                condition=Q(priority__gte=Priority.HOOG, priority__lte=Priority.LAAG),
                name="case_priority_in_range",
            ),
            models.CheckConstraint(
                condition=Q(informed_on__isnull=True) | Q(not_informed_reason=""),
                name="case_informed_or_reason_not_both",
            ),
            models.CheckConstraint(
                condition=Q(not_informed_reason="") | Q(inform_review_on__isnull=False),
                name="case_not_informed_has_review_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "priority"], name="case_status_priority_idx"),
            # The caseload's sorts (cases.caseload.queries.ordering, ties broken by -number):
            # an index in the sort's order lets the whole team's page be read with a LIMIT
            # instead of sorting every open case (EXPLAIN in the README). Read backwards,
            # the default order's index also serves "aangemeld" ascending (an incremental
            # sort within a day). One coordinator's own cases are few: PostgreSQL sorts
            # them from the coordinator index, and an index per coordinator went unused.
            models.Index(fields=["-registered_on", "-number"], name="case_registered_idx"),
            models.Index(fields=["priority", "-number"], name="case_priority_number_idx"),
            models.Index(fields=["status", "-number"], name="case_status_number_idx"),
            models.Index(fields=["next_review_on", "-number"], name="case_review_number_idx"),
            # PostgreSQL only (SQLite has no NULLS LAST in an index), so made by migrations
            # 0032 and 0033 and not declared here: "evaluatie" descending and "contact" both
            # ways, each with the cases without a date last.
            # The dashboard's figures (cases.caseload.dashboard), each counted from the index
            # of the rows it counts: the open cases (of every case ever registered), those
            # closed by date, and the open ones by the date of their toets or of the
            # reconsidered reason not to inform.
            models.Index(fields=["id"], condition=OPEN, name="case_open_idx"),
            models.Index(
                fields=["closed_on"], condition=Q(closed_on__isnull=False), name="case_closed_idx"
            ),
            models.Index(fields=["next_toets_on"], condition=OPEN, name="case_open_toets_idx"),
            # "geen contact in 30 dagen": the open cases by their latest contact.
            models.Index(
                fields=["latest_contact_at"], condition=OPEN, name="case_open_contact_idx"
            ),
            # "casussen met een verlopen afspraak": the open cases by their first deadline.
            models.Index(
                fields=["open_agreement_due_on"], condition=OPEN, name="case_open_due_idx"
            ),
            # The dashboard's status × priority of the open cases, without the closed ones.
            models.Index(
                fields=["status", "priority"], condition=OPEN, name="case_open_status_prio_idx"
            ),
            models.Index(
                fields=["inform_review_on"],
                condition=OPEN & Q(informed_on__isnull=True),
                name="case_open_inform_review_idx",
            ),
        ]
        permissions = [("log_contact", _("Mag contactmomenten vastleggen bij de casus"))]

    def __str__(self):
        return f"{self.number} {self.youth}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None:
            # A whole save wrote this object's copy of the area, which may be older than
            # the row's (a youth saved since it was read): the row gets it anew.
            from cases.models.people import refresh_area_name

            refresh_area_name(Q(pk=self.pk))

    def get_absolute_url(self):
        return reverse("cases:case_detail", args=[self.pk])

    @property
    def is_closed(self):
        return self.status in CLOSED_STATUSES

    @property
    def toets_is_due(self):
        return (
            not self.is_closed
            and self.next_toets_on is not None
            and self.next_toets_on < timezone.localdate()
        )

    @property
    def toets_is_long_overdue(self):
        days = settings.PROPORTIONALITY_LONG_OVERDUE_DAYS
        return self.toets_is_due and self.next_toets_on < timezone.localdate() - timedelta(
            days=days
        )

    @property
    def review_is_overdue(self):
        return (
            not self.is_closed
            and self.next_review_on is not None
            and self.next_review_on < timezone.localdate()
        )

    @property
    def inform_review_is_overdue(self):
        return (
            not self.is_closed
            and self.informed_on is None
            and self.inform_review_on is not None
            and self.inform_review_on < timezone.localdate()
        )

    def clean(self):
        errors = self.date_errors()
        if self.informed_on and self.not_informed_reason:
            errors["not_informed_reason"] = _(
                "Vul óf een datum van informeren óf een reden om niet te informeren in, niet allebei."
            )
        if self.not_informed_reason and not self.inform_review_on:
            errors["inform_review_on"] = _(
                "Kies wanneer u de reden om niet te informeren opnieuw bekijkt."
            )
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


class InformationLevel(models.TextChoices):
    """What an involvement lets the partner read (DESIGN §5, docs/privacy.md)."""

    DAT = "dat", _("Dat-informatie: dat de casus er is en wie betrokken is")
    WAT = "wat", _("Wat-informatie: ook de gedeelde inhoud")


def months_after(day, months: int):
    """The same day ``months`` months later (the month's last day where it has fewer)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has 28 days


def default_expires_on(started_on):
    """A new involvement's end date unless the coordinator chooses one."""
    return months_after(started_on, settings.INVOLVEMENT_DEFAULT_MONTHS)


def latest_expires_on(from_day):
    """The furthest end date an involvement may get when made or renewed on ``from_day``."""
    return months_after(from_day, settings.INVOLVEMENT_MAX_MONTHS)


def default_information_level(legal_basis: str) -> str:
    """'wat' for the legal grounds the setting names (the convenant, consent), else the
    default level (DESIGN §5, docs/privacy.md)."""
    if legal_basis in settings.INVOLVEMENT_WAT_LEGAL_BASES:
        return InformationLevel.WAT
    return settings.INVOLVEMENT_DEFAULT_LEVEL


class InvolvementQuerySet(models.QuerySet):
    def active(self, today=None):
        """Involvements that give access today: not ended, and not past their end date
        (also before the daily expiry job has ended them)."""
        today = today or timezone.localdate()
        return self.filter(ended_on__isnull=True, expires_on__gte=today)

    def open(self):
        """Not ended by anyone yet, whether or not the end date has passed: what the
        expiry job and the one-active-involvement rule look at."""
        return self.filter(ended_on__isnull=True)

    def due_to_expire(self, today=None):
        """Open involvements whose end date has passed: the expiry job ends them."""
        today = today or timezone.localdate()
        return self.open().filter(expires_on__lt=today)


class Involvement(DateRulesMixin, models.Model):
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
    end_reason = models.TextField(
        _("reden van beëindigen"), blank=True, max_length=limit("involvement", "end_reason")
    )
    expires_on = models.DateField(
        _("toegang tot en met"),
        help_text=_("Na deze datum vervalt de toegang vanzelf; verlengen kan met een reden."),
    )
    ended_by_expiry = models.BooleanField(_("beëindigd door verlopen"), default=False)
    information_level = models.CharField(
        _("informatieniveau"),
        max_length=3,
        choices=InformationLevel.choices,
        default=InformationLevel.DAT,
    )
    level_reason = models.TextField(
        _("reden informatieniveau"),
        blank=True,
        max_length=limit("involvement", "level_reason"),
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()
    objects = InvolvementQuerySet.as_manager()

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        ordering = ["case", "partner__name"]
        constraints = [
            *date_constraints("involvement"),
            *text_constraints("involvement"),
            models.UniqueConstraint(
                fields=["case", "partner"],
                condition=Q(ended_on__isnull=True),
                name="one_active_involvement_per_case_and_partner",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | ~Q(end_reason=""),
                name="involvement_ended_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(information_level=InformationLevel.WAT) | ~Q(level_reason=""),
                name="involvement_wat_level_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(information_level__in=InformationLevel.values),
                name="involvement_information_level_known",
            ),
        ]
        indexes = [
            # The dashboard's access that ends soon: the open involvements by end date.
            models.Index(
                fields=["expires_on"],
                condition=Q(ended_on__isnull=True),
                name="involvement_open_expires_idx",
            ),
            # The partner's side of every visibility query: its open involvements, with the
            # end date and level they are filtered on, so the partner's cases are read from
            # the index alone (PostgreSQL; SQLite builds it without the included columns).
            models.Index(
                fields=["partner", "case"],
                include=["expires_on", "information_level"],
                condition=Q(ended_on__isnull=True),
                name="involvement_open_partner_idx",
            ),
        ]

    def __str__(self):
        return f"{self.partner} bij {self.case.number}"

    @property
    def is_active(self):
        """Gives access today: not ended and not past its end date."""
        return self.ended_on is None and self.expires_on >= timezone.localdate()

    @property
    def is_open(self):
        return self.ended_on is None

    @property
    def shows_content(self):
        return self.information_level == InformationLevel.WAT

    @property
    def expires_soon(self):
        days = settings.INVOLVEMENT_EXPIRY_WARNING_DAYS
        return self.is_active and self.expires_on <= timezone.localdate() + timedelta(days=days)

    def clean(self):
        errors = self.date_errors()
        if self.information_level == InformationLevel.WAT and not self.level_reason.strip():
            errors["level_reason"] = _(
                "Leg uit waarom deze partner de inhoud van de casus moet kunnen lezen."
            )
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

"""What happens in a case: interventions, contacts and ZRM measurements."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.case import Case
from cases.models.dates import DateRulesMixin, date_constraints
from cases.models.limits import limit, text_constraints
from cases.models.reference import AssessmentDomain, InterventionType
from partners.models import Partner


class InterventionStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    LOPEND = "lopend", _("Lopend")
    AFGEROND = "afgerond", _("Afgerond")
    GESTOPT = "gestopt", _("Gestopt")


FINISHED_INTERVENTION_STATUSES = (InterventionStatus.AFGEROND, InterventionStatus.GESTOPT)


class Intervention(DateRulesMixin, models.Model):
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
    goal = models.TextField(_("doel"), max_length=limit("intervention", "goal"))
    plan_goal = models.ForeignKey(
        "cases.Goal",
        verbose_name=_("dient doel van het plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interventions",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InterventionStatus.choices,
        default=InterventionStatus.VOORGESTELD,
    )
    started_on = models.DateField(_("startdatum"), null=True, blank=True)
    planned_end_on = models.DateField(_("geplande einddatum"), null=True, blank=True)
    ended_on = models.DateField(_("einddatum"), null=True, blank=True)
    outcome = models.TextField(
        _("resultaat"), blank=True, max_length=limit("intervention", "outcome")
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        ordering = ["case", "-started_on"]
        constraints = [
            *date_constraints("intervention"),
            *text_constraints("intervention"),
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
        indexes = [
            # The running interventions by planned end (the dashboard's "ends within 14 days"
            # and its caseload filter), without reading the finished ones.
            models.Index(
                fields=["planned_end_on", "case"],
                condition=Q(status="lopend"),
                name="intervention_running_end_idx",
            ),
        ]

    def __str__(self):
        return f"{self.intervention_type.name} ({self.case.number})"

    @property
    def track(self):
        return self.intervention_type.track

    def clean(self):
        errors = self.date_errors()
        if self.status in FINISHED_INTERVENTION_STATUSES and not self.ended_on:
            errors["ended_on"] = _("Vul de einddatum in van een afgeronde of gestopte interventie.")
        if self.status not in FINISHED_INTERVENTION_STATUSES and self.ended_on:
            errors["ended_on"] = _(
                "Alleen een afgeronde of gestopte interventie heeft een einddatum."
            )
        if self.plan_goal_id and self.case_id and self.plan_goal.case_id != self.case_id:
            errors["plan_goal"] = _("Dit doel hoort bij een andere casus.")
        if self.status == InterventionStatus.LOPEND and not self.started_on:
            errors["started_on"] = _("Vul de startdatum in van een lopende interventie.")
        if (
            self.status != InterventionStatus.VOORGESTELD
            and self.started_on
            and self.started_on > timezone.localdate()
        ):
            errors.setdefault(
                "started_on",
                _("Een lopende of beëindigde interventie kan niet in de toekomst beginnen."),
            )
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


class Contact(DateRulesMixin, models.Model):
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
    summary = models.TextField(_("samenvatting"), max_length=limit("contact", "summary"))
    follow_up = models.TextField(
        _("vervolgafspraken"), blank=True, max_length=limit("contact", "follow_up")
    )
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
        constraints = [*date_constraints("contact"), *text_constraints("contact")]
        indexes = [
            models.Index(fields=["case", "-occurred_at"], name="contact_case_occurred_idx"),
            # A partner's caseload shows its own last contact per case.
            models.Index(
                fields=["case", "partner", "-occurred_at"], name="contact_case_partner_idx"
            ),
        ]

    def __str__(self):
        when = timezone.localtime(self.occurred_at).strftime("%d-%m-%Y %H:%M")
        return f"{self.get_kind_display()} {when} ({self.partner})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        refresh_latest_contact(self.case_id)

    def clean(self):
        errors = self.date_errors()
        if errors:
            raise ValidationError(errors)


class Assessment(DateRulesMixin, models.Model):
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
    notes = models.TextField(_("toelichting"), blank=True, max_length=limit("assessment", "notes"))
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ZRM-meting")
        verbose_name_plural = _("ZRM-metingen")
        ordering = ["case", "assessed_on"]
        constraints = [*date_constraints("assessment"), *text_constraints("assessment")]

    def __str__(self):
        return f"ZRM {self.assessed_on:%d-%m-%Y} ({self.case.number})"

    def clean(self):
        errors = self.date_errors()
        if errors:
            raise ValidationError(errors)


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


def refresh_latest_contact(case_id=None) -> None:
    """Case.latest_contact_at from the case's contacts (every case's without ``case_id``,
    after a bulk insert): after every contact written (a correction may move it back). An
    update of that one column: no history row, no new version of the case (a coordinator
    editing it meanwhile is not told of a conflict)."""
    latest = (
        Contact.objects.filter(case=OuterRef("pk")).order_by("-occurred_at").values("occurred_at")
    )
    cases = Case.objects.all() if case_id is None else Case.objects.filter(pk=case_id)
    cases.update(latest_contact_at=Subquery(latest[:1]))

"""The group approach (groepsaanpak): a youth group's phases and dated groepsduiding, the
relations between people that the sociogram draws, leefwereld insights as facts with themes,
and the group plan (goals and group interventions). Who sees what is decided in
``cases.permissions``; changes go through ``cases.groups.services``."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.constraints import CheckedInPython
from cases.models.dates import DateRulesMixin, date_constraints
from cases.models.limits import limit, text_constraints
from cases.models.people import GroupPhase, HouseholdMember, Youth, YouthGroup
from cases.models.work import InterventionStatus
from partners.models import Partner


class Theme(models.Model):
    """A theme of the leefwereld (status en respect, geld, school, …), kept by functioneel
    beheer. A retired theme stays on what it was given to, but is not offered again."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_("Een ingetrokken thema blijft bij bestaande inzichten staan."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class GroupPhaseStep(DateRulesMixin, models.Model):
    """The group entered a phase on a date, for a reason (like a case's status step)."""

    youth_group = models.ForeignKey(
        YouthGroup, verbose_name=_("jeugdgroep"), on_delete=models.CASCADE, related_name="phases"
    )
    phase = models.CharField(_("fase"), max_length=20, choices=GroupPhase.choices)
    entered_on = models.DateField(_("sinds"))
    reason = models.TextField(_("reden"), max_length=limit("groupphasestep", "reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fase van een jeugdgroep")
        verbose_name_plural = _("fasen van jeugdgroepen")
        ordering = ["youth_group", "-entered_on", "-pk"]
        constraints = [
            *date_constraints("groupphasestep", "group_phase_step"),
            *text_constraints("groupphasestep", "group_phase_step"),
        ]

    def __str__(self):
        return f"{self.get_phase_display()} sinds {self.entered_on:%d-%m-%Y}"

    def clean(self):
        errors = self.date_errors()
        if errors:
            raise ValidationError(errors)


class GroupReading(DateRulesMixin, models.Model):
    """One dated entry of the group's groepsduiding: what the table makes of the group at
    that moment. Entries are added, not overwritten, so the reading over time stays."""

    youth_group = models.ForeignKey(
        YouthGroup, verbose_name=_("jeugdgroep"), on_delete=models.CASCADE, related_name="readings"
    )
    written_on = models.DateField(_("datum"))
    text = models.TextField(_("groepsduiding"), max_length=limit("groupreading", "text"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("groepsduiding")
        verbose_name_plural = _("groepsduidingen")
        ordering = ["youth_group", "-written_on", "-pk"]
        constraints = [
            *date_constraints("groupreading", "group_reading"),
            *text_constraints("groupreading", "group_reading"),
        ]

    def __str__(self):
        return f"Groepsduiding van {self.written_on:%d-%m-%Y}"

    def clean(self):
        errors = self.date_errors()
        if errors:
            raise ValidationError(errors)


class RelationKind(models.TextChoices):
    # Between two youths. ``volgt`` and ``invloed`` have a direction (from → to).
    BROER = "broer", _("Broer")
    NEEF = "neef", _("Neef")
    VRIEND = "vriend", _("Vriend")
    RIVAAL = "rivaal", _("Rivaal")
    VOLGT = "volgt", _("Volgt")
    INVLOED = "invloed", _("Heeft invloed op")
    # A youth and an adult: the adult's place in the youth's life.
    MOEDER = "moeder", _("Moeder")
    VADER = "vader", _("Vader")
    OUDERE_BROER = "oudere_broer", _("Oudere broer")
    BUURTFIGUUR = "buurtfiguur", _("Buurtfiguur")
    OVERIG = "overig", _("Andere volwassene")


YOUTH_KINDS = {"broer", "neef", "vriend", "rivaal", "volgt", "invloed"}
DIRECTED_KINDS = {"volgt", "invloed"}
ADULT_KINDS = {"moeder", "vader", "oudere_broer", "buurtfiguur", "overig"}


class PersonRelation(DateRulesMixin, models.Model):
    """A relation of a youth to another youth, to an adult of a household, or to someone
    outside any household (a buurtfiguur, named in a few words). Exactly one is set."""

    youth = models.ForeignKey(
        Youth, verbose_name=_("jongere"), on_delete=models.CASCADE, related_name="relations"
    )
    kind = models.CharField(_("soort relatie"), max_length=20, choices=RelationKind.choices)
    other_youth = models.ForeignKey(
        Youth,
        verbose_name=_("andere jongere"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="relations_to",
    )
    adult = models.ForeignKey(
        HouseholdMember,
        verbose_name=_("volwassene uit een huishouden"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="relations",
    )
    other_person = models.CharField(
        _("andere volwassene"),
        max_length=120,
        blank=True,
        help_text=_("Iemand buiten het huishouden, in een paar woorden (bijv. ‘Mo, kapper’)."),
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    since_on = models.DateField(_("sinds"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relatie")
        verbose_name_plural = _("relaties")
        ordering = ["youth__last_name", "youth__first_name", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(other_youth__isnull=False, adult__isnull=True, other_person="")
                    | Q(other_youth__isnull=True, adult__isnull=False, other_person="")
                    | (Q(other_youth__isnull=True, adult__isnull=True) & ~Q(other_person=""))
                ),
                name="relation_has_exactly_one_other_person",
            ),
            models.CheckConstraint(
                condition=~Q(other_youth=F("youth")), name="relation_is_not_to_oneself"
            ),
            models.UniqueConstraint(
                fields=["youth", "other_youth", "kind"],
                condition=Q(other_youth__isnull=False),
                name="relation_between_two_youths_recorded_once",
            ),
            models.UniqueConstraint(
                fields=["youth", "adult", "kind"],
                condition=Q(adult__isnull=False),
                name="relation_to_an_adult_recorded_once",
            ),
            *date_constraints("personrelation", "relation"),
        ]
        indexes = [models.Index(fields=["other_youth"], name="relation_other_youth_idx")]

    def __str__(self):
        return f"{self.youth} — {self.get_kind_display().lower()} — {self.other_label}"

    @property
    def other_label(self) -> str:
        if self.other_youth_id:
            return str(self.other_youth)
        if self.adult_id:
            return f"{self.adult.first_name} {self.adult.last_name}"
        return self.other_person

    @property
    def is_directed(self) -> bool:
        return self.kind in DIRECTED_KINDS

    def clean(self):
        errors = self.date_errors()
        if errors:
            raise ValidationError(errors)


class InsightKind(models.TextChoices):
    DRIJFVEER = "drijfveer", _("Drijfveer")
    MOTIVATIE = "motivatie", _("Motivatie")
    BARRIERE = "barriere", _("Barrière")
    BEHOEFTE = "behoefte", _("Behoefte")
    GEMIS = "gemis", _("Gemis")
    # What the case's former 'dynamiek vriendengroep/gezin' fields held; kept as a kind
    # so that nothing written there is lost or forced into a kind it is not.
    DYNAMIEK = "dynamiek", _("Dynamiek")


class InsightSource(models.TextChoices):
    GESPREK = "gesprek", _("Gesprek")
    OBSERVATIE = "observatie", _("Observatie")
    ONDERZOEK = "onderzoek", _("Social-marketingonderzoek")
    PARTNER = "partner", _("Partnerinformatie")
    # Only for what came over from the case's former free-text fields.
    OVERGEZET = "overgezet", _("Overgezet uit het dossier")


class Insight(DateRulesMixin, models.Model):
    """An inzicht: a dated statement of one kind about a youth, a key figure of a youth's
    household, or a group as a whole. One about a youth or key figure belongs to the case
    through which it is known, and is seen by who sees that case; one about the group by
    who may read the group's own texts."""

    kind = models.CharField(_("soort"), max_length=20, choices=InsightKind.choices)
    statement = models.TextField(_("inzicht"), max_length=limit("insight", "statement"))
    source = models.CharField(_("bron"), max_length=20, choices=InsightSource.choices)
    noted_on = models.DateField(_("datum"))
    youth = models.ForeignKey(
        Youth,
        verbose_name=_("jongere"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="insights",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="insights",
        help_text=_("De casus waarin het inzicht over de jongere of sleutelfiguur is opgedaan."),
    )
    household_member = models.ForeignKey(
        HouseholdMember,
        verbose_name=_("sleutelfiguur"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="insights",
    )
    youth_group = models.ForeignKey(
        YouthGroup,
        verbose_name=_("jeugdgroep"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="insights",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), related_name="insights", blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        verbose_name = _("inzicht")
        verbose_name_plural = _("inzichten")
        ordering = ["-noted_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(youth_group__isnull=True, youth__isnull=False, case__isnull=False)
                    | Q(
                        youth_group__isnull=False,
                        youth__isnull=True,
                        household_member__isnull=True,
                        case__isnull=True,
                    )
                ),
                name="insight_is_about_a_youth_a_key_figure_or_a_group",
            ),
            *date_constraints("insight"),
            *text_constraints("insight"),
        ]
        indexes = [
            models.Index(fields=["youth", "kind"], name="insight_youth_kind_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {Truncator(self.statement).words(10)}"

    @property
    def about(self) -> str:
        if self.youth_group_id:
            return str(_("de groep"))
        if self.household_member_id:
            member = self.household_member
            return (
                f"{member.first_name} {member.last_name} ({member.get_relation_display().lower()})"
            )
        return str(self.youth)

    def clean(self):
        errors = self.date_errors()
        if errors:
            raise ValidationError(errors)


class GroupGoal(CheckedInPython, models.Model):
    """A goal of the group plan, with the insights it answers."""

    youth_group = models.ForeignKey(
        YouthGroup, verbose_name=_("jeugdgroep"), on_delete=models.CASCADE, related_name="goals"
    )
    target = models.TextField(_("doel"), max_length=limit("groupgoal", "target"))
    insights = models.ManyToManyField(
        Insight, verbose_name=_("inzichten"), related_name="group_goals", blank=True
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), related_name="group_goals", blank=True
    )
    outcome = models.CharField(
        _("uitkomst"),
        max_length=20,
        blank=True,
        choices=[
            ("behaald", _("Behaald")),
            ("deels", _("Deels behaald")),
            ("niet", _("Niet behaald")),
            ("vervallen", _("Vervallen")),
        ],
    )
    outcome_note = models.TextField(
        _("toelichting uitkomst"), blank=True, max_length=limit("groupgoal", "outcome_note")
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[insights, themes])

    class Meta:
        verbose_name = _("groepsdoel")
        verbose_name_plural = _("groepsdoelen")
        ordering = ["youth_group", "pk"]
        constraints = text_constraints("groupgoal")

    def __str__(self):
        return Truncator(self.target).words(12)


class GroupInterventionKind(models.TextChoices):
    GROEPSVERBOD = "groepsverbod", _("Groepsverbod")
    JONGERENWERK = "jongerenwerk", _("Activiteit jongerenwerk")
    SKETCHES = "sketches", _("Sketches (situaties naspelen)")
    STORYTELLING = "storytelling", _("Storytelling")
    MOEDERS = "moeders", _("Bijeenkomst voor moeders")
    OVERIG = "overig", _("Overig")


class GroupIntervention(DateRulesMixin, models.Model):
    """A group intervention: what is done with the group, by which partner, when, with what
    outcome, and which insights and themes it answers."""

    youth_group = models.ForeignKey(
        YouthGroup,
        verbose_name=_("jeugdgroep"),
        on_delete=models.CASCADE,
        related_name="interventions",
    )
    kind = models.CharField(_("soort"), max_length=20, choices=GroupInterventionKind.choices)
    description = models.TextField(
        _("omschrijving"), max_length=limit("groupintervention", "description")
    )
    goal = models.ForeignKey(
        GroupGoal,
        verbose_name=_("groepsdoel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interventions",
    )
    responsible_partner = models.ForeignKey(
        Partner,
        verbose_name=_("verantwoordelijke partner"),
        on_delete=models.PROTECT,
        related_name="group_interventions",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InterventionStatus.choices,
        default=InterventionStatus.VOORGESTELD,
    )
    started_on = models.DateField(_("startdatum"), null=True, blank=True)
    ended_on = models.DateField(_("einddatum"), null=True, blank=True)
    outcome = models.TextField(
        _("resultaat"), blank=True, max_length=limit("groupintervention", "outcome")
    )
    insights = models.ManyToManyField(
        Insight, verbose_name=_("inzichten"), related_name="group_interventions", blank=True
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), related_name="group_interventions", blank=True
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[insights, themes])

    class Meta:
        verbose_name = _("groepsinterventie")
        verbose_name_plural = _("groepsinterventies")
        ordering = ["youth_group", "-started_on", "pk"]
        constraints = [
            *date_constraints("groupintervention", "group_intervention"),
            *text_constraints("groupintervention", "group_intervention"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {Truncator(self.description).words(8)}"

    def clean(self):
        errors = self.date_errors()
        if errors:
            raise ValidationError(errors)

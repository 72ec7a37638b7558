"""The plan van aanpak as goals: a goal per life domain with a target, evaluated at each
review; and the agreements (afspraken) the table makes: who does what by when. Who sees and
changes them is decided in ``cases.permissions``."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.case import Case
from cases.models.constraints import CheckedInPython
from cases.models.dates import DateRulesMixin, date_constraints
from cases.models.limits import limit, text_constraints
from cases.models.meetings import AgendaItem
from cases.models.people import YouthGroup
from cases.models.reference import AssessmentDomain
from partners.models import Partner


class Goal(CheckedInPython, models.Model):
    """A goal of the plan: a target in one life domain (the ZRM domains)."""

    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="goals"
    )
    domain = models.ForeignKey(
        AssessmentDomain,
        verbose_name=_("leefgebied"),
        on_delete=models.PROTECT,
        related_name="goals",
    )
    target = models.TextField(
        _("doel"),
        max_length=limit("goal", "target"),
        help_text=_("Wat moet er over een half jaar anders zijn? Concreet en toetsbaar."),
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["case", "domain__position", "domain__name", "pk"]
        constraints = text_constraints("goal")

    def __str__(self):
        return f"{self.domain}: {Truncator(self.target).words(12)}"


class GoalOutcome(models.TextChoices):
    BEHAALD = "behaald", _("Behaald")
    DEELS = "deels", _("Deels behaald")
    NIET = "niet", _("Niet behaald")
    VERVALLEN = "vervallen", _("Vervallen")


class GoalEvaluation(DateRulesMixin, models.Model):
    """How far a goal was reached at a review, with a note; optionally at which meeting."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("doel"), on_delete=models.CASCADE, related_name="evaluations"
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=GoalOutcome.choices)
    note = models.TextField(
        _("toelichting"), blank=True, max_length=limit("goalevaluation", "note")
    )
    evaluated_on = models.DateField(_("geëvalueerd op"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agendapunt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goal_evaluations",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluatie van een doel")
        verbose_name_plural = _("evaluaties van doelen")
        ordering = ["goal", "-evaluated_on", "-pk"]
        constraints = [*date_constraints("goalevaluation"), *text_constraints("goalevaluation")]

    def __str__(self):
        return f"{self.get_outcome_display()} op {self.evaluated_on:%d-%m-%Y}"

    def clean(self):
        errors = self.date_errors()
        if errors:
            raise ValidationError(errors)


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEDAAN = "gedaan", _("Gedaan")
    VERVALLEN = "vervallen", _("Niet meer nodig")


class AgreementQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=AgreementStatus.OPEN)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


class Agreement(DateRulesMixin, models.Model):
    """An afspraak: what one organisation (optionally one of its employees) does in a case,
    or for a youth group as a whole, by when. Made at a meeting or between meetings; marked
    done or no longer needed with a note and the date (``cases.plan.services``)."""

    case = models.ForeignKey(
        Case,
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        related_name="agreements",
        null=True,
        blank=True,
    )
    youth_group = models.ForeignKey(
        YouthGroup,
        verbose_name=_("jeugdgroep"),
        on_delete=models.CASCADE,
        related_name="agreements",
        null=True,
        blank=True,
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("gemaakt in agendapunt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("doel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    description = models.TextField(_("wat"), max_length=limit("agreement", "description"))
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    due_on = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    status_note = models.TextField(
        _("toelichting"), blank=True, max_length=limit("agreement", "status_note")
    )
    status_on = models.DateField(_("afgerond op"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()
    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["due_on", "pk"]
        constraints = [
            *date_constraints("agreement"),
            *text_constraints("agreement"),
            models.CheckConstraint(
                condition=Q(case__isnull=False, youth_group__isnull=True)
                | Q(case__isnull=True, youth_group__isnull=False),
                name="agreement_is_of_a_case_or_of_a_group",
            ),
            models.CheckConstraint(
                condition=Q(status=AgreementStatus.OPEN, status_on__isnull=True)
                | (~Q(status=AgreementStatus.OPEN) & Q(status_on__isnull=False)),
                name="agreement_finished_has_a_date_and_open_has_none",
            ),
        ]
        indexes = [
            # An organisation's open agreements in the cases it sees (Mijn afspraken): per
            # granted case, only its open ones are read.
            models.Index(
                fields=["case", "partner"],
                condition=Q(status="open"),
                name="agreement_open_case_idx",
            ),
            # The open agreements, nearest deadline first (lists, dashboard): a few hundred of
            # tens of thousands, read without scanning the finished ones.
            models.Index(
                fields=["due_on", "id"],
                condition=Q(status="open"),
                name="agreement_open_due_idx",
            ),
            # The dashboard's overdue agreements per organisation and per case, counted from
            # the index alone.
            models.Index(
                fields=["due_on", "case", "partner"],
                condition=Q(status="open"),
                name="agreement_open_due_case_idx",
            ),
        ]

    def __str__(self):
        return f"{self.description[:60]} ({self.partner}, {self.due_on:%d-%m-%Y})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        refresh_open_agreement_due(self.case_id)

    def delete(self, *args, **kwargs):
        case_id = self.case_id
        result = super().delete(*args, **kwargs)
        refresh_open_agreement_due(case_id)
        return result

    @property
    def is_open(self) -> bool:
        return self.status == AgreementStatus.OPEN

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_on < today

    def clean(self):
        errors = self.date_errors()
        if self.status == AgreementStatus.VERVALLEN and not self.status_note.strip():
            errors["status_note"] = _("Zeg waarom de afspraak niet meer nodig is.")
        if (
            self.assignee_id
            and self.partner_id
            and not Partner.objects.filter(
                pk=self.partner_id, memberships__user_id=self.assignee_id
            ).exists()
        ):
            errors["assignee"] = _("Deze medewerker werkt niet bij de gekozen organisatie.")
        if self.goal_id and self.case_id and self.goal.case_id != self.case_id:
            errors["goal"] = _("Dit doel hoort bij een andere casus.")
        if errors:
            raise ValidationError(errors)


def refresh_open_agreement_due(case_id, *, every=False) -> None:
    """Case.open_agreement_due_on, the earliest deadline of the case's open agreements, from
    its agreements: after every agreement written or removed (``every=True``: every case's,
    after a bulk insert). An update of that one column, as for latest_contact_at: no history
    row, no new version of the case. A group's agreement (no case) changes none."""
    if every:
        cases = Case.objects.all()
    elif case_id is None:
        return
    else:
        cases = Case.objects.filter(pk=case_id)
    earliest = (
        Agreement.objects.open().filter(case=OuterRef("pk")).order_by("due_on").values("due_on")[:1]
    )
    cases.update(open_agreement_due_on=Subquery(earliest))

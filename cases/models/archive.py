"""Archived monthly overviews, and tombstones of cases removed after retention."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.case import Case, CaseStatus, ClosureReason
from cases.models.people import YouthGroup


class OverviewKind(models.TextChoices):
    CASE = "casus", _("Casus")
    CASELOAD = "caseload", _("Caseload")
    GROUP = "groep", _("Jeugdgroep")


def overview_path(overview, filename):
    return f"maandoverzichten/{overview.month:%Y-%m}/{filename}"


class MonthlyOverviewQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-month", "-generated_at", "-pk")


class MonthlyOverview(models.Model):
    """An archived monthly overview (maandoverzicht): the PDF, its SHA-256, and who made it.

    An archive is never overwritten: making the same month again adds a version, and the
    newest is the one shown. Only retention removes one (``cases.retention``): a case's
    own overviews with the case, and every caseload overview that lists it (those are made
    again without it). Archived overviews are rendered with the coordinator's view of the
    case, so only coordinators may download them.
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
    youth_group = models.ForeignKey(
        YouthGroup,
        verbose_name=_("jeugdgroep"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="monthly_overviews",
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
    listed_cases = models.ManyToManyField(
        Case,
        verbose_name=_("casussen in dit overzicht"),
        blank=True,
        related_name="listed_in_overviews",
        help_text=_(
            "Welke casussen een caseload- of groepsoverzicht noemt (voor de bewaartermijn)."
        ),
    )

    history = HistoricalRecords()
    objects = MonthlyOverviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("maandoverzicht")
        verbose_name_plural = _("maandoverzichten")
        ordering = ["-month", "kind", "-generated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind="casus",
                    case__isnull=False,
                    coordinator__isnull=True,
                    youth_group__isnull=True,
                )
                | Q(
                    kind="caseload",
                    case__isnull=True,
                    coordinator__isnull=False,
                    youth_group__isnull=True,
                )
                | Q(
                    kind="groep",
                    case__isnull=True,
                    coordinator__isnull=True,
                    youth_group__isnull=False,
                ),
                name="monthly_overview_is_of_a_case_a_caseload_or_a_group",
            ),
        ]

    def __str__(self):
        subject = self.case.number if self.case_id else self.youth_group or self.coordinator
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

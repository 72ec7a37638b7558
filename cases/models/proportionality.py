"""The proportionaliteitstoets: at a set interval (and at every review) the coordinator
records whether a case still belongs in the PGA and which partners still need what. The
rules (who sees a toets, what it may change) live in ``cases.permissions`` and
``cases.proportionality.services``."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.case import Case, Involvement
from cases.models.dates import DateRulesMixin, date_constraints
from cases.models.limits import limit, text_constraints


def next_toets_due(from_day, next_review_on=None):
    """When the next proportionaliteitstoets falls due after ``from_day`` (a toets, or the
    day a case became active): the set interval later, or at the case's review if that
    comes first ("and at every review"). A review on or before ``from_day`` is past and
    moves nothing."""
    due = from_day + timedelta(days=settings.PROPORTIONALITY_INTERVAL_DAYS)
    if next_review_on is not None and from_day < next_review_on < due:
        return next_review_on
    return due


class ProportionalityReview(DateRulesMixin, models.Model):
    """One proportionaliteitstoets of a case. Made once, never edited: a later toets
    supersedes it."""

    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="toetsen"
    )
    reviewed_on = models.DateField(_("datum van de toets"), default=timezone.localdate)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("getoetst door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    meets_criteria = models.BooleanField(_("voldoet nog aan de inclusiecriteria"))
    adds_value = models.BooleanField(_("de aanpak voegt nog iets toe"))
    scale_down_possible = models.BooleanField(_("afschalen is mogelijk"))
    reason = models.TextField(
        _("onderbouwing"), max_length=limit("proportionalityreview", "reason")
    )
    next_due_on = models.DateField(_("volgende toets"))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proportionaliteitstoets")
        verbose_name_plural = _("proportionaliteitstoetsen")
        ordering = ["case", "-reviewed_on", "-pk"]
        constraints = [
            *date_constraints("proportionalityreview"),
            *text_constraints("proportionalityreview"),
            models.CheckConstraint(
                condition=~Q(reason=""), name="proportionalityreview_has_reason"
            ),
        ]

    def __str__(self):
        return f"Proportionaliteitstoets {self.case.number} {self.reviewed_on:%d-%m-%Y}"


class InvolvementChoice(models.TextChoices):
    KEEP = "behouden", _("Blijft nodig")
    LOWER = "verlagen", _("Alleen nog dat-informatie")
    END = "beeindigen", _("Niet meer nodig: beëindigen")


class InvolvementDecision(models.Model):
    """What a toets decided about one involvement, and why."""

    review = models.ForeignKey(
        ProportionalityReview,
        verbose_name=_("toets"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    involvement = models.ForeignKey(
        Involvement,
        verbose_name=_("betrokkenheid"),
        on_delete=models.CASCADE,
        related_name="toets_decisions",
    )
    choice = models.CharField(_("besluit"), max_length=10, choices=InvolvementChoice.choices)
    reason = models.TextField(_("reden"), max_length=limit("involvementdecision", "reason"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit over een betrokkenheid")
        verbose_name_plural = _("besluiten over betrokkenheden")
        ordering = ["review", "involvement__partner__name"]
        constraints = [
            *text_constraints("involvementdecision"),
            models.CheckConstraint(condition=~Q(reason=""), name="involvementdecision_has_reason"),
            models.UniqueConstraint(
                fields=["review", "involvement"], name="one_decision_per_involvement_per_toets"
            ),
        ]

    def __str__(self):
        return f"{self.involvement.partner}: {self.get_choice_display()}"

    def clean(self):
        if not self.reason.strip():
            raise ValidationError({"reason": _("Geef een reden.")})

"""Reference lists: districts, intervention types per track, ZRM domains."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.constraints import CheckedInPython
from cases.models.limits import limit, text_constraints


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

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # A renamed area: the cases of its youths sort on the new name (Case.area_name).
        from cases.models.people import refresh_area_name

        refresh_area_name(Q(youth__district_id=self.pk) | Q(youth__household__district_id=self.pk))


class Track(models.TextChoices):
    ZORG = "zorg", _("Zorg")
    DRANG = "drang", _("Drang")
    STRAF = "straf", _("Straf")
    BESTUURLIJK = "bestuurlijk", _("Bestuurlijk")
    CIVIEL = "civiel", _("Civiel")
    ONDERWIJS = "onderwijs", _("Onderwijs")


class InterventionType(CheckedInPython, models.Model):
    """Reference list of interventions, per track (jeugdhulp, Halt, gebiedsverbod, OTS, …)."""

    track = models.CharField(_("spoor"), max_length=20, choices=Track.choices)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(
        _("toelichting"), blank=True, max_length=limit("interventiontype", "description")
    )
    is_active = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("soort interventie")
        verbose_name_plural = _("soorten interventies")
        ordering = ["track", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "name"], name="intervention_type_name_unique_per_track"
            ),
            *text_constraints("interventiontype", "intervention_type"),
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

"""Youths, their households and members, and youth groups."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.constraints import CheckedInPython, _bsn_eleven_test
from cases.models.dates import DateRulesMixin, date_constraints
from cases.models.limits import limit, text_constraints
from cases.models.reference import District
from cases.search.keys import youth_search_name
from cases.validators import validate_bsn, validate_postcode

# Where someone lives. A youth lives in their household, whose address holds; a youth has an
# address of their own only where it differs (a youth institution, supported housing).
# The youth's district (gebied) may be set on its own: the area the approach works in.
OWN_ADDRESS_LINES = ("street", "house_number", "postcode", "city")
OWN_ADDRESS_HELP = _(
    "Alleen invullen als de jongere niet bij het huishouden woont (bijv. in een "
    "jeugdinstelling); anders geldt het adres van het huishouden."
)


NAME_FIELDS = frozenset({"first_name", "name_prefix", "last_name"})
# What the youth's area (gebied) depends on: its own district, else its household's.
AREA_FIELDS = frozenset({"district", "district_id", "household", "household_id"})


def address_line(holder) -> str:
    line = " ".join(part for part in (holder.street, holder.house_number) if part)
    place = " ".join(part for part in (holder.postcode, holder.city) if part)
    return ", ".join(part for part in (line, place) if part)


def youth_in_district(district, prefix: str = "") -> Q:
    """Youths (through ``prefix``, e.g. 'youth__') whose area is ``district``: their own
    district; without one and without an own address, their household's."""
    at_home = Q(
        **{f"{prefix}{name}": "" for name in OWN_ADDRESS_LINES},
        **{f"{prefix}district__isnull": True},
    )
    return Q(**{f"{prefix}district": district}) | (
        at_home & Q(**{f"{prefix}household__district": district})
    )


def refresh_area_name(which: Q) -> None:
    """Case.area_name of the cases ``which`` selects (``Q()``: every case's, after a bulk
    insert): the name of the youth's own district, else of the household's, as the caseload
    sorts on it. An update of that one column, as for latest_contact_at: no history row,
    no new version of the case. Kept by Youth.save(), Household.save(), District.save() and
    Case.save()."""
    from cases.models.case import Case  # the case refers to the youth: imported late

    area = (
        Youth.objects.filter(pk=OuterRef("youth_id"))
        .annotate(area=Coalesce("district__name", "household__district__name"))
        .values("area")[:1]
    )
    Case.objects.filter(which).update(area_name=Subquery(area))


class Household(CheckedInPython, models.Model):
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
    notes = models.TextField(
        _("bijzonderheden"), blank=True, max_length=limit("household", "notes")
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")
        ordering = ["name"]
        constraints = text_constraints("household")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"district", "district_id"} & set(update_fields):
            refresh_area_name(Q(youth__household_id=self.pk))

    def get_absolute_url(self):
        return reverse("cases:household_detail", args=[self.pk])

    @property
    def address(self) -> str:
        return address_line(self)


class Relation(models.TextChoices):
    MOEDER = "moeder", _("Moeder")
    VADER = "vader", _("Vader")
    STIEFOUDER = "stiefouder", _("Stiefouder")
    BROER = "broer", _("Broer")
    ZUS = "zus", _("Zus")
    GROOTOUDER = "grootouder", _("Grootouder")
    VOOGD = "voogd", _("Voogd")
    OVERIG = "overig", _("Overig")


class HouseholdMember(DateRulesMixin, models.Model):
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
    notes = models.TextField(
        _("bijzonderheden"), blank=True, max_length=limit("householdmember", "notes")
    )
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")
        ordering = ["-is_key_figure", "relation", "first_name"]
        constraints = [
            *date_constraints("householdmember", "household_member"),
            *text_constraints("householdmember", "household_member"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.get_relation_display().lower()})"

    def clean(self):
        errors = self.date_errors()
        if errors:
            raise ValidationError(errors)


class Youth(DateRulesMixin, models.Model):
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
    street = models.CharField(
        _("straat (eigen adres)"), max_length=150, blank=True, help_text=OWN_ADDRESS_HELP
    )
    house_number = models.CharField(_("huisnummer (eigen adres)"), max_length=20, blank=True)
    postcode = models.CharField(
        _("postcode (eigen adres)"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("plaats (eigen adres)"), max_length=100, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("gebied (eigen adres)"),
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
    # Derived from the name by save(), for search (cases/search): no history of its own.
    search_name = models.CharField(_("zoeknaam"), max_length=300, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_name"])

    class Meta:
        verbose_name = _("jongere")
        verbose_name_plural = _("jongeren")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=_bsn_eleven_test(), name="youth_bsn_passes_eleven_test"
            ),
            *date_constraints("youth"),
        ]
        # The caseload's "leeftijd" sort: at 10× the city the youths are walked in age order
        # to the first page's open cases instead of sorting every open case.
        indexes = [models.Index(fields=["date_of_birth"], name="youth_birth_idx")]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # Not a business rule but a derived copy: kept here, every writer of a name (forms,
        # services, the admin, the demo, the factories) keeps it in step without knowing.
        self.search_name = youth_search_name(self.first_name, self.name_prefix, self.last_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and NAME_FIELDS & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)
        if update_fields is None or AREA_FIELDS & set(update_fields):
            refresh_area_name(Q(youth_id=self.pk))

    def get_absolute_url(self):
        return reverse("cases:youth_detail", args=[self.pk])

    @property
    def full_name(self):
        return " ".join(
            part for part in (self.first_name, self.name_prefix, self.last_name) if part
        )

    @property
    def has_own_address(self) -> bool:
        return any(getattr(self, name) for name in OWN_ADDRESS_LINES)

    @property
    def home(self):
        """What holds the youth's address: the youth where it has an own one (or no
        household), else the household."""
        if self.has_own_address or self.household_id is None:
            return self
        return self.household

    @property
    def address(self) -> str:
        return address_line(self.home)

    @property
    def area(self):
        """The youth's district (gebied): their own, else that of where they live."""
        return self.district or self.home.district

    def age_on(self, day: date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    def clean(self):
        errors = self.date_errors()
        if errors:
            raise ValidationError(errors)


class GroupPhase(models.TextChoices):
    """The steps of the jeugdgroepen approach, in order."""

    SIGNALEN = "signalen", _("Signalen delen")
    INFORMATIE = "informatie", _("Informatie verzamelen")
    DUIDING = "duiding", _("Groepsduiding")
    ANALYSE = "analyse", _("Probleemanalyse en advies")
    PLAN = "plan", _("Integraal plan van aanpak")
    UITVOERING = "uitvoering", _("Uitvoering en monitoring")
    AFSCHALEN = "afschalen", _("Afschalen of stoppen")


class YouthGroup(CheckedInPython, models.Model):
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
    phase = models.CharField(
        _("fase"), max_length=20, choices=GroupPhase.choices, default=GroupPhase.SIGNALEN
    )
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


class GroupMembership(DateRulesMixin, models.Model):
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
            *date_constraints("groupmembership", "group_membership"),
            models.UniqueConstraint(
                fields=["youth_group", "youth"],
                condition=Q(until_on__isnull=True),
                name="one_current_membership_per_youth_and_group",
            ),
        ]

    def __str__(self):
        return f"{self.youth} in {self.youth_group}"

    def clean(self):
        errors = self.date_errors()
        if errors:
            raise ValidationError(errors)

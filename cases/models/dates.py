"""The rules for dates, in one place.

- Dates of what happened (registered, started, closed, informed, born, a contact, a
  measurement, an end) are not in the future.
- Nothing lies before the earliest date the product holds (``EARLIEST_DATE``), before the
  case's registration (contacts, measurements, involvements, interventions, status dates), or
  before the youth's birth.
- An end is never before its start.
- Dates that plan ahead (the next review, a planned end) lie at most ``PLAN_YEARS_AHEAD``
  years ahead.
- A youth in a PGA is between ``YOUTH_AGE_AT_REGISTRATION`` years old when the case is
  registered (the target group is roughly 12 to 23; the margin is for the exceptions).

Each model's ``clean()`` asks ``date_errors(self)``; a form shows each error next to the
field the user can change (the rule knows both of its fields). The rules that must always
hold, whatever writes the row (order and the earliest date), are also database constraints,
made by ``date_constraints(model_name)`` from the same table.
"""

import copy
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cases.models.constraints import CheckedInPython, _not_before, checked_in_python

EARLIEST_DATE = date(2000, 1, 1)  # no PGA case, contact or measurement is older
EARLIEST_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)  # the same, for datetimes
EARLIEST_BIRTH = date(1900, 1, 1)  # a grandparent in a household
EARLIEST_YOUTH_BIRTH = date(1970, 1, 1)  # 27 at most in 2000, the earliest registration
YOUTH_AGE_AT_REGISTRATION = (10, 27)
PLAN_YEARS_AHEAD = 5


def _as_date(value):
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _nl(value) -> str:
    return value.strftime("%d-%m-%Y")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class NotFuture:
    """``field`` (a date or datetime of something that happened) is not after today/now."""

    field: str
    noun: str

    def errors(self, obj, present, changed=()):
        value = getattr(obj, self.field)
        if value is None:
            return {}
        now = timezone.now() if isinstance(value, datetime) else timezone.localdate()
        if value > now:
            return {self.field: f"{_capital(self.noun)} kan niet in de toekomst liggen."}
        return {}


@dataclass(frozen=True)
class NotBeforeDate:
    """``field`` is not before a fixed date (also a database constraint)."""

    field: str
    noun: str
    floor: date | datetime

    def errors(self, obj, present, changed=()):
        value, floor = _as_date(getattr(obj, self.field)), _as_date(self.floor)
        if value is not None and value < floor:
            return {self.field: f"{_capital(self.noun)} kan niet voor {_nl(floor)} liggen."}
        return {}

    def constraint(self, prefix):
        return checked_in_python(
            models.CheckConstraint(
                condition=Q(**{f"{self.field}__isnull": True})
                | Q(**{f"{self.field}__gte": self.floor}),
                name=f"{prefix}_{self.field}_not_before_{self.floor:%Y}",
            )
        )


@dataclass(frozen=True)
class NotBefore:
    """``later`` is not before ``earlier`` (two fields of the same row; also a database
    constraint). The error goes to whichever of the two the form lets the user change."""

    later: str
    earlier: str
    later_noun: str
    earlier_noun: str

    def errors(self, obj, present, changed=()):
        later, earlier = getattr(obj, self.later), getattr(obj, self.earlier)
        if later is None or earlier is None or _as_date(later) >= _as_date(earlier):
            return {}
        # At the field the user can change, and of those the one they did change.
        editable = [f for f in (self.later, self.earlier) if present is None or f in present]
        target = ([f for f in editable if f in changed] or editable or [self.later])[0]
        if target == self.earlier:
            return {
                self.earlier: f"{_capital(self.earlier_noun)} kan niet na "
                f"{self.later_noun} ({_nl(_as_date(later))}) liggen."
            }
        return {
            self.later: f"{_capital(self.later_noun)} kan niet voor "
            f"{self.earlier_noun} ({_nl(_as_date(earlier))}) liggen."
        }

    def constraint(self, prefix):
        return checked_in_python(
            models.CheckConstraint(
                condition=_not_before(self.later, self.earlier),
                name=f"{prefix}_{self.later}_not_before_{self.earlier}",
            )
        )


@dataclass(frozen=True)
class NotBeforeRelated:
    """``field`` is not before a date of a related record (``path``: e.g.
    ``case.registered_on``); checked in ``clean()`` only, as it needs the other row."""

    field: str
    noun: str
    path: str
    other_noun: str

    def errors(self, obj, present, changed=()):
        value = _as_date(getattr(obj, self.field))
        relation, _, other_field = self.path.partition(".")
        if value is None or getattr(obj, f"{relation}_id", None) is None:
            return {}
        other = getattr(getattr(obj, relation), other_field)
        if other is not None and value < other:
            return {
                self.field: f"{_capital(self.noun)} kan niet voor {self.other_noun} "
                f"({_nl(other)}) liggen."
            }
        return {}


@dataclass(frozen=True)
class AtMostYearsAhead:
    """``field`` plans ahead, but not more than ``years`` years."""

    field: str
    noun: str
    years: int = PLAN_YEARS_AHEAD

    def errors(self, obj, present, changed=()):
        value = getattr(obj, self.field)
        today = timezone.localdate()
        if value is not None and value > _years_after(today, self.years):
            return {self.field: f"{_capital(self.noun)} ligt meer dan {self.years} jaar vooruit."}
        return {}


@dataclass(frozen=True)
class YouthAgeAt:
    """The youth's age on ``field`` (the case's registration) is plausible for a PGA."""

    field: str

    def errors(self, obj, present, changed=()):
        day = getattr(obj, self.field)
        try:
            youth = obj.youth  # also an unsaved youth, as at registration
        except ObjectDoesNotExist:
            return {}
        if day is None or youth is None or youth.date_of_birth is None:
            return {}
        message = self.message_for(youth, day)
        return {self.field: message} if message else {}

    @staticmethod
    def message_for(youth, day) -> str:
        low, high = YOUTH_AGE_AT_REGISTRATION
        age = youth.age_on(day)
        if low <= age <= high:
            return ""
        return (
            f"Op de aanmelddatum ({_nl(day)}) is {youth} {age} jaar; de PGA is voor jongeren "
            f"van {low} tot en met {high} jaar. Controleer de aanmelddatum en de geboortedatum."
        )


@dataclass(frozen=True)
class YouthAgeAtTheirCases:
    """A changed date of birth keeps the youth's age plausible at each of their cases'
    registrations (the same rule as ``YouthAgeAt``, seen from the youth)."""

    field: str = "date_of_birth"

    def errors(self, obj, present, changed=()):
        if obj.pk is None or getattr(obj, self.field) is None:
            return {}
        for registered_on in obj.cases.values_list("registered_on", flat=True):
            message = YouthAgeAt.message_for(obj, registered_on)
            if message:
                return {self.field: message}
        return {}


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# model name → its rules. The prefix names the database constraints.
RULES = {
    "case": [
        NotFuture("registered_on", "de aanmelddatum"),
        NotFuture("started_on", "de startdatum"),
        NotFuture("closed_on", "de afsluitdatum"),
        NotFuture("informed_on", "de datum van informeren"),
        NotBeforeDate("registered_on", "de aanmelddatum", EARLIEST_DATE),
        NotBefore("started_on", "registered_on", "de startdatum", "de aanmelddatum"),
        NotBefore("closed_on", "registered_on", "de afsluitdatum", "de aanmelddatum"),
        NotBefore("closed_on", "started_on", "de afsluitdatum", "de startdatum"),
        NotBefore("informed_on", "registered_on", "de datum van informeren", "de aanmelddatum"),
        NotBefore("next_review_on", "registered_on", "de volgende evaluatie", "de aanmelddatum"),
        AtMostYearsAhead("next_review_on", "de volgende evaluatie"),
        NotBefore(
            "inform_review_on", "registered_on", "de datum van heroverwegen", "de aanmelddatum"
        ),
        AtMostYearsAhead("inform_review_on", "de datum van heroverwegen", years=1),
        YouthAgeAt("registered_on"),
    ],
    "youth": [
        NotFuture("date_of_birth", "de geboortedatum"),
        NotBeforeDate("date_of_birth", "de geboortedatum", EARLIEST_YOUTH_BIRTH),
        YouthAgeAtTheirCases(),
    ],
    "householdmember": [
        NotFuture("date_of_birth", "de geboortedatum"),
        NotBeforeDate("date_of_birth", "de geboortedatum", EARLIEST_BIRTH),
    ],
    "groupmembership": [
        NotFuture("since_on", "de datum 'sinds'"),
        NotFuture("until_on", "de datum 'tot en met'"),
        NotBeforeDate("since_on", "de datum 'sinds'", EARLIEST_DATE),
        NotBefore("until_on", "since_on", "de datum 'tot en met'", "de datum 'sinds'"),
        NotBeforeRelated("since_on", "de datum 'sinds'", "youth.date_of_birth", "de geboorte"),
    ],
    "groupphasestep": [
        NotFuture("entered_on", "de datum van de fase"),
        NotBeforeDate("entered_on", "de datum van de fase", EARLIEST_DATE),
    ],
    "groupreading": [
        NotFuture("written_on", "de datum van de groepsduiding"),
        NotBeforeDate("written_on", "de datum van de groepsduiding", EARLIEST_DATE),
    ],
    "personrelation": [
        NotFuture("since_on", "de datum 'sinds'"),
        NotBeforeDate("since_on", "de datum 'sinds'", EARLIEST_DATE),
    ],
    "insight": [
        NotFuture("noted_on", "de datum van het inzicht"),
        NotBeforeDate("noted_on", "de datum van het inzicht", EARLIEST_DATE),
    ],
    "groupintervention": [
        NotFuture("ended_on", "de einddatum"),
        NotBeforeDate("started_on", "de startdatum", EARLIEST_DATE),
        NotBefore("ended_on", "started_on", "de einddatum", "de startdatum"),
        AtMostYearsAhead("started_on", "de startdatum", years=1),
    ],
    "involvement": [
        NotFuture("started_on", "de startdatum"),
        NotFuture("ended_on", "de einddatum"),
        NotBeforeDate("started_on", "de startdatum", EARLIEST_DATE),
        NotBefore("ended_on", "started_on", "de einddatum", "de startdatum"),
        NotBefore("expires_on", "started_on", "de einddatum van de toegang", "de startdatum"),
        NotBeforeRelated("started_on", "de startdatum", "case.registered_on", "de aanmelddatum"),
    ],
    "proportionalityreview": [
        NotFuture("reviewed_on", "de datum van de toets"),
        NotBeforeDate("reviewed_on", "de datum van de toets", EARLIEST_DATE),
        NotBeforeRelated(
            "reviewed_on", "de datum van de toets", "case.registered_on", "de aanmelddatum"
        ),
    ],
    "intervention": [
        NotFuture("ended_on", "de einddatum"),
        NotBeforeDate("started_on", "de startdatum", EARLIEST_DATE),
        NotBefore("ended_on", "started_on", "de einddatum", "de startdatum"),
        NotBefore("planned_end_on", "started_on", "de geplande einddatum", "de startdatum"),
        NotBeforeRelated("started_on", "de startdatum", "case.registered_on", "de aanmelddatum"),
        AtMostYearsAhead("started_on", "de startdatum", years=1),
        AtMostYearsAhead("planned_end_on", "de geplande einddatum"),
    ],
    "contact": [
        NotFuture("occurred_at", "een contactmoment"),
        NotBeforeDate("occurred_at", "een contactmoment", EARLIEST_MOMENT),
        NotBeforeRelated(
            "occurred_at", "het contactmoment", "case.registered_on", "de aanmelddatum"
        ),
    ],
    "meeting": [
        NotBeforeDate("starts_at", "het overleg", EARLIEST_MOMENT),
    ],
    "agreement": [
        NotBeforeDate("due_on", "de deadline", EARLIEST_DATE),
        AtMostYearsAhead("due_on", "de deadline", years=2),
        NotFuture("status_on", "de datum van afronden"),
    ],
    "goalevaluation": [
        NotFuture("evaluated_on", "de evaluatie"),
        NotBeforeDate("evaluated_on", "de evaluatie", EARLIEST_DATE),
    ],
    "assessment": [
        NotFuture("assessed_on", "een meting"),
        NotBeforeDate("assessed_on", "de meting", EARLIEST_DATE),
        NotBeforeRelated("assessed_on", "de meting", "case.registered_on", "de aanmelddatum"),
    ],
}


class DateRulesMixin(CheckedInPython):
    """For models with date rules: ``self.date_errors()`` in ``clean()`` puts each error on
    a field the form edits. ModelForm tells the model which fields those are only through
    ``full_clean(exclude=...)``, so that is where we note them."""

    def full_clean(self, exclude=None, *args, **kwargs):
        if exclude is not None:
            excluded = set(exclude)
            self._editable_date_fields = {
                f.name for f in self._meta.concrete_fields if f.name not in excluded
            }
        try:
            return super().full_clean(exclude, *args, **kwargs)
        finally:
            self.__dict__.pop("_editable_date_fields", None)

    def date_errors(self) -> dict[str, str]:
        return date_errors(
            self,
            getattr(self, "_editable_date_fields", None),
            getattr(self, "_changed_fields", ()),
        )


def date_errors(obj, present=None, changed=()) -> dict[str, str]:
    """field → Dutch message for every date rule ``obj`` breaks (the first per field).
    ``present``: the fields the user can change (a form's); ``changed``: those they did
    change. A rule between two fields puts its error on the one the user changed."""
    errors = {}
    for rule in RULES.get(obj._meta.model_name, []):
        for name, message in rule.errors(obj, present, changed).items():
            errors.setdefault(name, message)
    return errors


def date_errors_if(obj, **values) -> dict[str, str]:
    """The date errors ``obj`` would have with ``values`` set (``obj`` is not changed): for
    forms whose field becomes one of the record's dates (a status step's date)."""
    trial = copy.copy(obj)
    for name, value in values.items():
        setattr(trial, name, value)
    return date_errors(trial, present=set(values), changed=set(values))


def date_constraints(model_name: str, prefix: str | None = None) -> list:
    """The database constraints of ``model_name``'s rules that must always hold."""
    prefix = prefix or model_name
    return [rule.constraint(prefix) for rule in RULES[model_name] if hasattr(rule, "constraint")]

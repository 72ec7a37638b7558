"""Expressions shared by the models' database constraints, and the mixin for the rules that
Python checks first."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast, Length, Substr
from django.db.models.lookups import Exact

from cases.validators import BSN_WEIGHTS


def _not_before(later: str, earlier: str) -> Q:
    """``later`` is empty or on/after ``earlier`` (an end never before its start)."""
    return Q(**{f"{later}__isnull": True}) | Q(**{f"{later}__gte": F(earlier)})


# Names of the constraints whose rule clean() or the field checks already (Django's model
# options clone constraints, so a mark on the object itself would not survive).
CHECKED_IN_PYTHON = set()


def checked_in_python(constraint):
    """Mark a constraint whose rule ``clean()`` or the field checks already, with a Dutch
    message at the field (cases/models/dates.py, limits.py): ``CheckedInPython`` skips
    Django's own check of it, a query per constraint on every save. The database still
    holds it."""
    CHECKED_IN_PYTHON.add(constraint.name)
    return constraint


class CheckedInPython:
    """For models whose date and length rules are database constraints made from a rule
    table: Python checks each rule once, without a query, and the database backs it."""

    def get_constraints(self):
        return [
            (model, [c for c in constraints if c.name not in CHECKED_IN_PYTHON])
            for model, constraints in super().get_constraints()
        ]

    def clean_fields(self, exclude=None):
        # Django checks a TextField's max_length only in forms; a service writing past it
        # gets the same Dutch message here instead of the database's refusal.
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.TextField) or not field.max_length:
                continue
            if exclude and field.name in exclude or field.name in errors:
                continue
            value = getattr(self, field.attname) or ""
            if len(value) > field.max_length:
                errors[field.name] = [
                    f"Maximaal {field.max_length} tekens; dit zijn er {len(value)}."
                ]
        if errors:
            raise ValidationError(errors)


def _bsn_eleven_test() -> Q:
    # The 11-proef in SQL, so that no import or script can store a BSN the forms would refuse.
    # NULL (no BSN) makes the expression NULL, which a CHECK accepts.
    weighted = sum(
        Cast(Substr("bsn", position, 1), models.IntegerField()) * weight
        for position, weight in enumerate(BSN_WEIGHTS, start=1)
    )
    return Q(Exact(Length("bsn"), 9)) & Q(Exact(weighted % 11, 0)) & ~Q(bsn="000000000")

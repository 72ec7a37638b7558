"""Expressions shared by the models' database constraints."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast, Length, Substr
from django.db.models.lookups import Exact

from cases.validators import BSN_WEIGHTS


def _not_before(later: str, earlier: str) -> Q:
    """``later`` is empty or on/after ``earlier`` (an end never before its start)."""
    return Q(**{f"{later}__isnull": True}) | Q(**{f"{later}__gte": F(earlier)})


def _bsn_eleven_test() -> Q:
    # The 11-proef in SQL, so that no import or script can store a BSN the forms would refuse.
    # NULL (no BSN) makes the expression NULL, which a CHECK accepts.
    weighted = sum(
        Cast(Substr("bsn", position, 1), models.IntegerField()) * weight
        for position, weight in enumerate(BSN_WEIGHTS, start=1)
    )
    return Q(Exact(Length("bsn"), 9)) & Q(Exact(weighted % 11, 0)) & ~Q(bsn="000000000")

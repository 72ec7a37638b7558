"""Registering referrals and numbering cases. Atomic, validated with Dutch messages, and
stamped with who and why in the history."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cases.models import (
    Case,
    CaseNumberCounter,
    CaseStatus,
    Household,
    HouseholdMember,
    Youth,
)
from pga.history import save_with_history


def next_case_number(year: int, *, by=None) -> str:
    """The next number of ``year``, from its counter row, locked until the registration's
    transaction ends (call inside one). The first registration of a year makes the row,
    starting from the highest number already used; two doing that at once meet on the
    row's unique year, and the loser takes the winner's row."""
    prefix = f"PGA-{year}-"
    counters = CaseNumberCounter.objects.select_for_update()
    counter = counters.filter(year=year).first()
    if counter is None:
        last = Case.objects.filter(number__startswith=prefix).aggregate(last=Max("number"))
        start = int(last["last"].removeprefix(prefix)) if last["last"] else 0
        try:
            with transaction.atomic():
                counter = CaseNumberCounter.objects.create(year=year, last=start)
        except IntegrityError:
            pass
        counter = counters.get(year=year)
    counter.last += 1
    save_with_history(counter, by=by, reason=_("Casusnummer uitgegeven"))
    return f"{prefix}{counter.last:04d}"


@transaction.atomic
def register_case(*, youth, coordinator, by, reason: str = "", **fields) -> Case:
    """Register a referral as a new case in status *aangemeld*."""
    case = Case(youth=youth, coordinator=coordinator, status=CaseStatus.AANGEMELD, **fields)
    case.number = next_case_number(case.registered_on.year, by=by)
    save_with_history(case, by=by, reason=reason or _("Casus aangemeld"))
    return case


@transaction.atomic
def register_referral(
    *,
    by,
    case_fields: dict,
    youth: Youth | None = None,
    youth_fields: dict | None = None,
    household: Household | None = None,
    household_fields: dict | None = None,
    members: list[dict] = (),
) -> Case:
    """Register a referral: a new or existing youth, a new, existing or no household (with
    its members), and the case itself, all at once or not at all."""
    reason = _("Aanmelding geregistreerd")
    if household is None and household_fields:
        household = Household(**household_fields)
        save_with_history(household, by=by, reason=reason)
    for member_fields in members:
        save_with_history(
            HouseholdMember(household=household, **member_fields), by=by, reason=reason
        )
    if youth is None:
        youth = Youth(household=household, **youth_fields)
        save_with_history(youth, by=by, reason=reason)
    elif household is not None and youth.household_id is None:
        youth.household = household
        save_with_history(youth, by=by, reason=_("Huishouden gekoppeld bij aanmelding"))
    return register_case(youth=youth, by=by, reason=reason, **case_fields)

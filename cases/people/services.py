"""Changes to youths and households, each with who and why in the history."""

from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Household, Youth
from pga.history import delete_with_history, save_with_history
from pga.locking import save_edit

YOUTH_FIELDS = (
    "first_name",
    "name_prefix",
    "last_name",
    "date_of_birth",
    "bsn",
    "street",
    "house_number",
    "postcode",
    "city",
    "district",
    "phone",
    "daytime_activity",
    "household",
)
HOUSEHOLD_FIELDS = ("name", "street", "house_number", "postcode", "city", "district", "notes")


@transaction.atomic
def update_youth(youth: Youth, *, by, reason: str = "", expected_version=None, **fields) -> Youth:
    return save_edit(
        youth,
        by=by,
        reason=reason or _("Jongere gewijzigd"),
        expected_version=expected_version,
        fields=fields,
        allowed=YOUTH_FIELDS,
    )


@transaction.atomic
def update_household(
    household: Household,
    *,
    by,
    reason: str = "",
    expected_version=None,
    members=(),
    removed=(),
    **fields,
) -> Household:
    """Update a household and its members (``members``: new or changed HouseholdMember
    instances; ``removed``: members to delete), in one go."""
    reason = reason or _("Huishouden gewijzigd")
    save_edit(
        household,
        by=by,
        reason=reason,
        expected_version=expected_version,
        fields=fields,
        allowed=HOUSEHOLD_FIELDS,
    )
    for member in members:
        member.household = household
        save_with_history(member, by=by, reason=reason)
    for member in removed:
        delete_with_history(member, by=by, reason=reason)
    return household

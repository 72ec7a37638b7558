"""Changes to youths, households and youth groups, each with who and why in the history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import GroupMembership, Household, Youth, YouthGroup
from pga.history import delete_with_history, require_reason, save_with_history
from pga.locking import only_fields, save_edit

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


GROUP_FIELDS = ("name", "district", "meeting_places", "description")


@transaction.atomic
def create_youth_group(*, by, reason: str = "", **fields) -> YouthGroup:
    """A new youth group (jeugdgroep) with its working name, district, meeting places and
    groepsduiding."""
    only_fields(fields, GROUP_FIELDS, "create_youth_group")
    group = YouthGroup(**fields)
    save_with_history(group, by=by, reason=reason or _("Jeugdgroep aangemaakt"))
    return group


@transaction.atomic
def update_youth_group(
    group: YouthGroup, *, by, reason: str = "", expected_version=None, **fields
) -> YouthGroup:
    return save_edit(
        group,
        by=by,
        reason=reason or _("Jeugdgroep gewijzigd"),
        expected_version=expected_version,
        fields=fields,
        allowed=GROUP_FIELDS,
    )


@transaction.atomic
def add_group_member(group: YouthGroup, youth: Youth, *, by, role, since_on, reason: str):
    """Count ``youth`` as a member of ``group``. Naming a minor as part of a group (and as
    its kopstuk or meeloper) says something about them that partners read: it needs a
    reason."""
    require_reason(reason)
    # Serialise per group, so two requests cannot both pass the duplicate check.
    YouthGroup.objects.select_for_update().filter(pk=group.pk).first()
    if group.memberships.filter(youth=youth, until_on__isnull=True).exists():
        raise ValidationError({"youth": _("Deze jongere is al lid van de groep.")})
    membership = GroupMembership(youth_group=group, youth=youth, role=role, since_on=since_on)
    save_with_history(membership, by=by, reason=reason)
    return membership


@transaction.atomic
def change_group_role(membership: GroupMembership, *, by, role, reason: str):
    require_reason(reason)
    membership = GroupMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.until_on is not None:
        raise ValidationError(_("Dit lidmaatschap is beëindigd; de rol ligt vast."))
    if membership.role == role:
        raise ValidationError({"role": _("Dit is al de rol van de jongere in de groep.")})
    membership.role = role
    save_with_history(membership, by=by, reason=reason)
    return membership


@transaction.atomic
def end_group_membership(membership: GroupMembership, *, by, until_on, reason: str):
    require_reason(reason)
    membership = GroupMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.until_on is not None:
        raise ValidationError(_("Dit lidmaatschap is al beëindigd."))
    membership.until_on = until_on
    save_with_history(membership, by=by, reason=reason)
    return membership

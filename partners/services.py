"""State changes of partner organisations and their members; each records who and why."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from partners.models import Membership, Partner
from pga.history import save_with_history

User = get_user_model()


def group_name_for(partner_name: str) -> str:
    return f"Ketenpartner: {partner_name}"


@transaction.atomic
def save_partner(partner: Partner, *, by, reason: str) -> Partner:
    """Create or update a partner and keep its one auth Group in step (created, renamed).

    The group carries the partner's object permissions on cases, so it is never made or
    renamed by hand.
    """
    wanted = group_name_for(partner.name)
    if partner.group_id is None:
        partner.group, _ = Group.objects.get_or_create(name=wanted)
    elif partner.group.name != wanted:
        partner.group.name = wanted
        partner.group.save(update_fields=["name"])
    save_with_history(partner, by=by, reason=reason)
    return partner


@transaction.atomic
def set_membership(user, partner: Partner, *, by, reason: str, **fields) -> Membership:
    """Make ``user`` an employee of ``partner`` (one organisation per user), and keep the
    user's partner-group membership in step, so guardian's own checks agree with ours."""
    membership = Membership.objects.filter(user=user).first() or Membership(user=user)
    membership.partner = partner
    for name, value in fields.items():
        setattr(membership, name, value)
    save_with_history(membership, by=by, reason=reason)
    sync_partner_groups(users=[user])
    return membership


def sync_partner_groups(users=None) -> list[str]:
    """Put every user in exactly the group of their own organisation. Returns what changed."""
    changes = []
    partner_groups = {p.group_id: p for p in Partner.objects.select_related("group")}
    memberships = Membership.objects.select_related("user", "partner")
    if users is not None:
        memberships = memberships.filter(user__in=users)
    wanted = {m.user_id: m.partner.group_id for m in memberships}
    through = User.groups.through
    held = through.objects.filter(group_id__in=partner_groups)
    if users is not None:
        held = held.filter(user_id__in=[u.pk for u in users])
    for row in held.select_related("user", "group"):
        if wanted.get(row.user_id) != row.group_id:
            changes.append(f"- {row.user.username} uit groep {row.group.name}")
            row.delete()
    have = set(held.values_list("user_id", "group_id"))
    for membership in memberships:
        if (membership.user_id, membership.partner.group_id) not in have:
            membership.user.groups.add(membership.partner.group_id)
            changes.append(f"+ {membership.user.username} in groep {membership.partner.group.name}")
    return changes

"""State changes of partner organisations and their members; each records who and why."""

from django.contrib.auth.models import Group
from django.db import transaction

from partners.models import Membership, Partner
from pga.history import save_with_history


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
    """Make ``user`` an employee of ``partner`` (one organisation per user)."""
    membership = Membership.objects.filter(user=user).first() or Membership(user=user)
    membership.partner = partner
    for name, value in fields.items():
        setattr(membership, name, value)
    save_with_history(membership, by=by, reason=reason)
    return membership

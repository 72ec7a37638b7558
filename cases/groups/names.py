"""Which names a group-level text must not carry: the partners of every current member
read the group's texts, so a member whose case one of those partners is not involved in (or
an adult of that member's household) is hidden from that partner, and so is their name."""

import re
from collections import defaultdict

from cases.models import GroupMembership, HouseholdMember, Involvement, YouthGroup

MIN_NAME_LENGTH = 3  # 'Mo' or 'Li' would match too much ordinary text


def hidden_people(group: YouthGroup) -> list[str]:
    """The names (first names, last names) of current members, and of the adults of their
    households, that at least one partner reading the group's texts may not see."""
    members = list(
        GroupMembership.objects.filter(youth_group=group, until_on__isnull=True).values_list(
            "youth_id", "youth__first_name", "youth__last_name", "youth__household_id"
        )
    )
    partners_of = defaultdict(set)
    for youth_id, partner_id in (
        Involvement.objects.active()
        .filter(case__youth_id__in=[m[0] for m in members])
        .values_list("case__youth_id", "partner_id")
    ):
        partners_of[youth_id].add(partner_id)
    readers = set().union(*partners_of.values()) if partners_of else set()
    hidden = [m for m in members if readers - partners_of[m[0]]]
    names = []
    for _youth_id, first_name, last_name, _household in hidden:
        names += [first_name, last_name]
    households = {m[3] for m in hidden if m[3] is not None}
    for first_name, last_name in HouseholdMember.objects.filter(
        household_id__in=households
    ).values_list("first_name", "last_name"):
        names += [first_name, last_name]
    return sorted({n.strip() for n in names if len(n.strip()) >= MIN_NAME_LENGTH})


def hidden_names_in(group: YouthGroup, text: str) -> list[str]:
    """The hidden names that ``text`` contains as whole words (case-insensitive)."""
    if not text.strip():
        return []
    return [
        name
        for name in hidden_people(group)
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
    ]

"""Which names a text must not carry. The partners of every current member read a group's
own texts; the partners of a youth's case read what is written about that youth. A group
member (current or former) whose case one of those readers is not involved in, or an adult
of that member's household, is hidden from that reader, and so is their name.

Names are matched as people write them: capitalised (so 'de visser' in a sentence is not
'Visser'), also in the possessive ('Bilals', 'Mo's'), with or without accents ('Eylul' for
'Eylül'), each part of a double first name on its own."""

import re
import unicodedata
from collections import defaultdict

from cases.models import GroupMembership, HouseholdMember, Involvement, YouthGroup

MIN_NAME_LENGTH = 2


def _fold(text: str) -> str:
    """Without accents: 'Eylül' → 'Eylul', 'Öztürk' → 'Ozturk'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _parts(*names: str) -> set[str]:
    """The words of ``names`` worth looking for (each part of 'Jan-Willem', whole 'van Dijk'
    and its capitalised parts)."""
    found = set()
    for name in names:
        name = (name or "").strip()
        if not name:
            continue
        found.add(name)
        for part in re.split(r"[\s\-]+", name):
            if len(part) >= MIN_NAME_LENGTH and part[:1].isupper():
                found.add(part)
    return {n for n in found if len(n) >= MIN_NAME_LENGTH}


def readers_of_group(group: YouthGroup) -> set[int]:
    """The partners that read the group's own texts: involved in a current member's case."""
    return set(
        Involvement.objects.active()
        .filter(
            case__youth__group_memberships__youth_group=group,
            case__youth__group_memberships__until_on__isnull=True,
        )
        .values_list("partner_id", flat=True)
    )


def readers_of_case(case) -> set[int]:
    return set(case.involvements.active().values_list("partner_id", flat=True))


def hidden_people(group: YouthGroup, readers: set[int], *, except_youth=None) -> list[str]:
    """Name parts of the group's members (current and former) and the adults of their
    households that at least one of ``readers`` may not see."""
    members = list(
        GroupMembership.objects.filter(youth_group=group)
        .exclude(youth_id=except_youth)
        .values_list("youth_id", "youth__first_name", "youth__last_name", "youth__household_id")
        .distinct()
    )
    partners_of = defaultdict(set)
    for youth_id, partner_id in (
        Involvement.objects.active()
        .filter(case__youth_id__in=[m[0] for m in members])
        .values_list("case__youth_id", "partner_id")
    ):
        partners_of[youth_id].add(partner_id)
    hidden = [m for m in members if readers - partners_of[m[0]]]
    names = set()
    for _youth_id, first_name, last_name, _household in hidden:
        names |= _parts(first_name, last_name)
    households = {m[3] for m in hidden if m[3] is not None}
    for first_name, last_name in HouseholdMember.objects.filter(
        household_id__in=households
    ).values_list("first_name", "last_name"):
        names |= _parts(first_name, last_name)
    return sorted(names)


def names_in(names, text: str) -> list[str]:
    """The ``names`` that ``text`` contains as a capitalised word, possibly possessive,
    accents ignored."""
    folded = _fold(text)
    found = []
    for name in names:
        word = re.escape(_fold(name))
        if re.search(rf"(?<!\w){word}(?:'?s)?(?!\w)", folded):
            found.append(name)
    return found


def hidden_names_in(group: YouthGroup, text: str, *, readers=None, except_youth=None) -> list:
    """Hidden names in a text of ``group`` (read by ``readers``, default: the partners of
    its current members)."""
    if not text.strip():
        return []
    readers = readers_of_group(group) if readers is None else readers
    return names_in(hidden_people(group, readers, except_youth=except_youth), text)


def hidden_names_about_youth(case, text: str) -> list[str]:
    """Hidden names in a text about ``case``'s youth (an insight): checked against every
    group the youth is in, as read by the partners of the case."""
    if not text.strip():
        return []
    readers = readers_of_case(case)
    found = set()
    for group in YouthGroup.objects.filter(memberships__youth=case.youth_id).distinct():
        found |= set(hidden_names_in(group, text, readers=readers, except_youth=case.youth_id))
    return sorted(found)

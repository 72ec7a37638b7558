"""Searching cases by the youth's name or the case number. Narrows a queryset the caller
already limited to what the user may see (``cases.permissions``); it never widens one."""

import re

from django.db.models import Q, QuerySet

from cases.search.keys import NUMBER_KEY, search_key, typed_case_number

# A search needs one word of at least this many letters or digits: a shorter one matches
# nearly every case by a scan of the whole table (no index serves LIKE '%a%').
MIN_WORD_LENGTH = 2
# The folded words a case number's key (pga<year><number>) can contain: a piece of "pga",
# or digits after the end of it. Any other word can only be in the youth's name.
NUMBER_PIECE = re.compile(r"p|pg|g|(?:pga|ga|a)?\d*")
# A case number typed whole from its prefix: pga, the year, then the number's digits.
PREFIXED_NUMBER = re.compile(r"pga(\d{4})(\d+)")


def search_words(text: str) -> list[str]:
    """The words of a search, folded; punctuation and wildcards (%, _) alone are none."""
    return [key for key in (search_key(word) for word in text.split()) if key]


def too_short(text: str) -> bool:
    """Whether ``text`` is a search without a word of MIN_WORD_LENGTH letters or digits:
    one letter, spaces, or wildcards (%, _) alone."""
    return bool(text) and max(map(len, search_words(text)), default=0) < MIN_WORD_LENGTH


def search_cases(cases: QuerySet, text: str) -> QuerySet:
    """Text that reads as a case number ('2026 0012', 'PGA-2026-12', 'pga20260012') finds
    that case (and numbers containing it as typed); otherwise every word must be in the
    youth's name or the case number. Case, accents, spaces and dashes never matter."""
    words = search_words(text)
    if not words:
        return cases
    whole = "".join(words)
    typed = typed_case_number(whole)
    if typed and (prefixed := PREFIXED_NUMBER.fullmatch(whole)):
        # 'PGA-2026-0042' as typed or folded: 'pga' occurs only at the start of a number's
        # key, so "contains" is "starts with", on the stored number (PGA-<year>-<n>): the
        # unique index and its LIKE 'PGA-2026-0042%' twin answer without reading every case.
        year, digits = prefixed.groups()
        return cases.filter(
            Q(number=f"PGA-{year}-{typed[7:]}") | Q(number__startswith=f"PGA-{year}-{digits}")
        )
    cases = cases.alias(number_key=NUMBER_KEY)
    if typed:
        # Not word by word: '2026 12' must not find every 2026 number with a 12 in it.
        return cases.filter(Q(number_key=typed) | Q(number_key__contains=whole))
    every_word = Q()
    for word in words:
        in_name = Q(youth__search_name__contains=word)
        # A word that cannot be in a number asks only the name: one table, so PostgreSQL
        # can use the name's trigram index (migration 0028) instead of scanning the join.
        every_word &= (
            in_name | Q(number_key__contains=word) if NUMBER_PIECE.fullmatch(word) else in_name
        )
    return cases.filter(every_word)

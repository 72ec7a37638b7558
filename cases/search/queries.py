"""Searching cases by the youth's name or the case number. Narrows a queryset the caller
already limited to what the user may see (``cases.permissions``); it never widens one."""

from django.db.models import Q, QuerySet

from cases.search.keys import NUMBER_KEY, search_key, typed_case_number


def search_cases(cases: QuerySet, text: str) -> QuerySet:
    """Text that reads as a case number ('2026 0012', 'PGA-2026-12', 'pga20260012') finds
    that case (and numbers containing it as typed); otherwise every word must be in the
    youth's name or the case number. Case, accents, spaces and dashes never matter."""
    words = [key for key in (search_key(word) for word in text.split()) if key]
    if not words:
        return cases
    whole = "".join(words)
    cases = cases.alias(number_key=NUMBER_KEY)
    if typed := typed_case_number(whole):
        # Not word by word: '2026 12' must not find every 2026 number with a 12 in it.
        return cases.filter(Q(number_key=typed) | Q(number_key__contains=whole))
    every_word = Q()
    for word in words:
        every_word &= Q(youth__search_name__contains=word) | Q(number_key__contains=word)
    return cases.filter(every_word)

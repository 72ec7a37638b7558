"""The one normalising function of search, and the keys built with it. Pure Python: models,
migrations, the benchmark's seeder and the queries all fold text the same way."""

import re
import unicodedata

from django.db.models import F, Value
from django.db.models.functions import Lower, Replace

# Letters that Unicode does not decompose into a base letter and an accent.
UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "þ": "th"}
    | {"æ": "ae", "œ": "oe", "ŀ": "l"}
)
# A case number as people type it: PGA optional, the year, then the number without its
# leading zeros (PGA-2026-12), once folded (pga202612).
TYPED_NUMBER = re.compile(r"^(?:pga)?(\d{4})(\d{1,6})$")
# The case number's key in SQL: the number is ASCII (PGA-<year>-<nnnn>), so lower case
# without dashes equals search_key(number) on both databases.
NUMBER_KEY = Replace(Lower(F("number")), Value("-"), Value(""))


def search_key(text: str) -> str:
    """``text`` folded for search: lower case, accents off, only letters and digits.
    'Öztürk' → 'ozturk', 'Yılmaz' → 'yilmaz', "el Idrissi" → 'elidrissi', 'İlhan' → 'ilhan'."""
    folded = unicodedata.normalize("NFKD", text.casefold()).translate(UNDECOMPOSED)
    return "".join(ch for ch in folded if ch.isalnum())


def youth_search_name(first_name: str, name_prefix: str, last_name: str) -> str:
    """What ``Youth.search_name`` holds: the whole name as one key, so that a prefix typed
    apart ('el idrissi') or together ('elidrissi') both match."""
    return search_key(f"{first_name}{name_prefix}{last_name}")


def typed_case_number(key: str) -> str | None:
    """The number key a folded query means when it reads as a case number without its
    leading zeros: 'pga202612' and '202612' → 'pga20260012'."""
    match = TYPED_NUMBER.match(key)
    if match is None:
        return None
    year, number = match.groups()
    return f"pga{year}{int(number):04d}"

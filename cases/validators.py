"""Validators for Dutch identifiers used in case records."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
POSTCODE_RE = re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")


def bsn_passes_eleven_test(value: str) -> bool:
    """The 11-proef: nine digits whose weighted sum (9..2, -1) is a non-zero multiple of 11."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(value, BSN_WEIGHTS, strict=True))
    return total != 0 and total % 11 == 0


def validate_bsn(value):
    if not value:
        return
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("Een BSN bestaat uit precies 9 cijfers."), code="bsn_format", params={"value": value}
        )
    if not bsn_passes_eleven_test(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: het voldoet niet aan de elfproef."),
            code="bsn_eleven_test",
        )


def validate_postcode(value):
    if value and not POSTCODE_RE.match(value):
        raise ValidationError(
            _("Vul een Nederlandse postcode in, bijvoorbeeld 3083 AB."), code="postcode"
        )

"""What no e-mail may hold: any name, username, BSN, case number or organisation in the
database, or anything that looks like a BSN or a case number."""

import re

from django.contrib.auth import get_user_model

from cases.models import Case, Youth
from partners.models import Partner


def personal_data() -> set:
    words = set()
    for user in get_user_model().objects.all():
        words |= {user.first_name, user.last_name, user.username}
    for youth in Youth.objects.all():
        words |= {youth.first_name, youth.last_name, youth.bsn}
    words |= set(Case.objects.values_list("number", flat=True))
    words |= set(Partner.objects.values_list("name", flat=True))
    return {w for w in words if w and len(w) > 2}


def assert_says_nothing_personal(text: str):
    for word in personal_data():
        assert word not in text, word
    assert not re.search(r"\b\d{9}\b", text), "a BSN-like number"
    assert not re.search(r"\b[A-Z]+-\d{4}-\d{3,}\b", text), "a case-number-like string"

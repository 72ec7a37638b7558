"""pga.counting.count_each: several counts in one query, each equal to .count()."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case
from pga.counting import count_each
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_each_count_is_that_querysets_count_in_one_query():
    today = timezone.localdate()
    for days in (0, 10, 40, 400):
        CaseFactory(registered_on=today - timedelta(days=days))
    querysets = {
        "all": Case.objects.all(),
        "recent": Case.objects.filter(registered_on__gte=today - timedelta(days=30)),
        "ordered": Case.objects.order_by("-number").filter(number__startswith="PGA"),
        "none_match": Case.objects.filter(number="bestaat niet"),
        "empty": Case.objects.none(),
        "empty_list": Case.objects.filter(pk__in=[]),
    }
    expected = {name: queryset.count() for name, queryset in querysets.items()}
    assert expected["recent"] == 2 and expected["all"] == 4
    with CaptureQueriesContext(connection) as queries:
        assert count_each(**querysets) == expected
    assert len(queries) == 1
    assert count_each() == {}

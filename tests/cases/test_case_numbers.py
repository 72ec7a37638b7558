"""Case numbers: PGA-<year>-<n>, consecutive per year, and two registrations at the same
moment on two database connections both succeed with their own number."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from cases.models import Case, CaseNumberCounter
from cases.registration.services import register_case
from tests.factories import CaseFactory, YouthFactory

pytestmark = pytest.mark.django_db


def register(coordinator, youth):
    return register_case(
        youth=youth,
        coordinator=coordinator,
        by=coordinator,
        priority_rationale="Zorgen",
        referral_reason="Overlast",
    )


def test_numbers_follow_each_other_per_year_and_continue_after_existing_ones(coordinator):
    year = timezone.localdate().year
    CaseFactory(number=f"PGA-{year}-0041")
    first = register(coordinator, YouthFactory())
    second = register(coordinator, YouthFactory())
    assert (first.number, second.number) == (f"PGA-{year}-0042", f"PGA-{year}-0043")
    counter = CaseNumberCounter.objects.get(year=year)
    assert counter.last == 43
    assert counter.history.first().history_user == coordinator


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks (CI)")
@pytest.mark.django_db(transaction=True)
def test_two_registrations_at_the_same_moment_both_get_a_number(coordinator):
    youths = [YouthFactory(), YouthFactory(), YouthFactory(), YouthFactory()]
    barrier = threading.Barrier(len(youths))
    outcomes = {}

    def registration(youth):
        from django.db import connection as own_connection  # one per thread

        try:
            barrier.wait(timeout=10)
            outcomes[youth.pk] = register(coordinator, youth).number
        except Exception as error:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[youth.pk] = error
        finally:
            own_connection.close()

    threads = [threading.Thread(target=registration, args=(youth,)) for youth in youths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    year = timezone.localdate().year
    assert [o for o in outcomes.values() if not isinstance(o, str)] == []
    assert sorted(outcomes.values()) == [f"PGA-{year}-{n:04d}" for n in range(1, 5)]
    assert Case.objects.filter(number__startswith=f"PGA-{year}-").count() == 4

"""No lost updates: two people saving the same record at the same moment, on two real
database connections. Exactly one wins; the other gets the conflict; nothing is silently
overwritten. (PostgreSQL, as in production and CI: SQLite serialises whole databases.)"""

import threading

import pytest
from django.db import connection

from cases.casefile.services import update_case, update_intervention
from cases.models import Case, Intervention, InterventionStatus
from pga.locking import StaleEdit
from tests.factories import InterventionFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks (CI)"),
    pytest.mark.django_db(transaction=True),
]


def race(service, model, pk, user, changes):
    """Load the record in two threads, then save both edits at once. Returns the outcomes."""
    barrier = threading.Barrier(len(changes))
    outcomes = {}

    def edit(name, fields):
        from django.db import connection as own_connection  # one per thread

        try:
            obj = model.objects.get(pk=pk)
            version = obj.version
            barrier.wait(timeout=10)
            service(obj, by=user, reason=f"Bewerkt door {name}", expected_version=version, **fields)
            outcomes[name] = "opgeslagen"
        except StaleEdit as conflict:
            outcomes[name] = conflict
        finally:
            own_connection.close()

    threads = [threading.Thread(target=edit, args=item) for item in changes.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_simultaneous_case_edits_one_wins_the_other_gets_the_conflict(personas, case_a):
    outcomes = race(
        update_case,
        Case,
        case_a.pk,
        personas.coordinator,
        {"anne": {"plan": "Plan van Anne"}, "bert": {"plan": "Plan van Bert"}},
    )
    winners = [name for name, outcome in outcomes.items() if outcome == "opgeslagen"]
    losers = [outcome for outcome in outcomes.values() if isinstance(outcome, StaleEdit)]
    assert len(winners) == 1 and len(losers) == 1
    case = Case.objects.get(pk=case_a.pk)
    assert case.plan == f"Plan van {winners[0].capitalize()}"
    assert case.version == 2
    assert [change.label for change in losers[0].changes] == ["samenvatting plan van aanpak"]
    assert case.history.filter(history_change_reason__startswith="Bewerkt door").count() == 1


def test_two_simultaneous_intervention_edits_lose_nothing(personas, case_a):
    intervention = InterventionFactory(
        case=case_a, status=InterventionStatus.LOPEND, started_on=case_a.registered_on
    )
    outcomes = race(
        update_intervention,
        Intervention,
        intervention.pk,
        personas.coordinator,
        {"anne": {"outcome": "Resultaat A"}, "bert": {"outcome": "Resultaat B"}},
    )
    assert sorted(type(o).__name__ if not isinstance(o, str) else o for o in outcomes.values()) == [
        "StaleEdit",
        "opgeslagen",
    ]
    intervention.refresh_from_db()
    assert intervention.outcome in ("Resultaat A", "Resultaat B") and intervention.version == 2

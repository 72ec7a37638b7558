"""The figures of the Sturingsinformatie are right on a small hand-made world (suppression
off: a threshold of 1 hides nothing), and cost the same number of queries for 1 case as
for 30."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import AgreementStatus, CaseStatus, InterventionStatus, ProportionalityReview
from cases.months import Month
from cases.reports.queries import Period, report_tables
from partners.models import PartnerKind
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    InterventionFactory,
    PartnerFactory,
    YouthGroupFactory,
    district,
    intervention_type,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nothing_suppressed(settings):
    settings.REPORT_MIN_CELL = 1


PERIOD = Period(Month(2025, 1), Month(2025, 6))


def closed(registered, started, closed_on, reason="doelen_bereikt", **fields):
    return CaseFactory(
        registered_on=registered, started_on=started, closed_on=closed_on,
        status=CaseStatus.AFGESLOTEN, closure_reason=reason, **fields,
    )  # fmt: skip


def values(tables, slug):
    table = next(t for t in tables if t.slug == slug)
    return {label: [str(v) if v is not None else None for v in row] for label, row in table.rows}


@pytest.fixture
def world(marloes):
    a = CaseFactory(registered_on=date(2025, 1, 10), started_on=date(2025, 1, 20))  # 10 days
    b = closed(date(2025, 2, 1), date(2025, 2, 21), date(2025, 3, 23))  # 20 days, 30 days
    c = closed(date(2024, 11, 1), date(2024, 11, 5), date(2025, 3, 10), reason="verhuisd")
    CaseFactory(registered_on=date(2025, 7, 1), started_on=None, status=CaseStatus.AANGEMELD)
    InterventionFactory(case=a, started_on=date(2025, 2, 1), status=InterventionStatus.LOPEND)
    InterventionFactory(
        case=b, started_on=date(2025, 2, 22), ended_on=date(2025, 3, 20),
        status=InterventionStatus.GESTOPT,
    )  # fmt: skip
    politie = PartnerFactory(kind=PartnerKind.POLITIE)
    AgreementFactory(case=a, partner=politie, due_on=date(2025, 3, 1),
                     status=AgreementStatus.GEDAAN, status_on=date(2025, 2, 27))  # fmt: skip
    AgreementFactory(case=a, partner=politie, due_on=date(2025, 3, 1),
                     status=AgreementStatus.GEDAAN, status_on=date(2025, 3, 5))  # fmt: skip
    AgreementFactory(case=b, partner=politie, due_on=date(2025, 3, 1))  # open, overdue
    ProportionalityReview.objects.create(
        case=a, reviewed_on=date(2025, 4, 1), reviewed_by=a.coordinator, meets_criteria=True,
        adds_value=True, scale_down_possible=False, reason="x", next_due_on=date(2025, 6, 1),
    )  # fmt: skip
    ProportionalityReview.objects.create(
        case=a, reviewed_on=date(2025, 6, 15), reviewed_by=a.coordinator, meets_criteria=True,
        adds_value=True, scale_down_possible=False, reason="x", next_due_on=date(2025, 9, 1),
    )  # fmt: skip
    return a, b, c


def test_inflow_and_outflow_per_month(world, marloes):
    flow = values(report_tables(marloes, PERIOD), "instroom")
    assert flow["jan 25"] == ["1", "0"] and flow["feb 25"] == ["1", "0"]
    assert flow["mrt 25"] == ["0", "2"]
    assert flow["Totaal over de periode"] == ["2", "2"]


def test_open_cases_at_the_end_by_status_and_priority(world, marloes):
    status = values(report_tables(marloes, PERIOD), "status")
    assert status["Actief"][-1] == "1"  # a; the July registration is after the period
    assert status["Totaal"][-1] == "1"


def test_closure_reasons_durations_and_informing(world, marloes):
    tables = report_tables(marloes, PERIOD)
    assert values(tables, "afsluiting")["Verhuisd buiten de gemeente"] == ["1"]
    durations = list(values(tables, "doorlooptijd").values())
    assert durations[0][:2] == ["2", "15"]  # started in the period: 10 and 20 days
    assert durations[1][:2] == ["2", "78"]  # closed in it: 30 and 125 days
    informing = values(tables, "informeren")["Gestart in de periode"]
    assert informing == ["2", "0", "0", "2", "100"]


def test_interventions_agreements_and_toetsen(world, marloes):
    tables = report_tables(marloes, PERIOD)
    rows = values(tables, "interventies")
    assert rows["Totaal"] == ["2", "0", "1", "1"]
    assert values(tables, "afspraken")["Politie"] == ["1", "1", "1", "0", "3"]
    # a's first toets: due 91 days after 20 January (on time); the second after 1 June.
    assert values(tables, "toetsen")["Gehouden in de periode"] == ["1", "1", "2"]


def test_a_district_counts_only_its_youths(world, marloes):
    a, _b, _c = world
    elsewhere = district("Delfshaven")
    a.youth.district = elsewhere
    a.youth.save()
    flow = values(report_tables(marloes, Period(PERIOD.first, PERIOD.last, elsewhere)), "instroom")
    assert flow["Totaal over de periode"] == ["1", "0"]


def test_the_city_counts_agreements_of_cases_only_and_a_district_its_own_records(world, marloes):
    """The whole city skips the join with the cases (``_of``): a group's agreement must still
    stay out, and a district must still narrow the records under its cases."""
    a, _b, _c = world
    politie = a.agreements.first().partner
    AgreementFactory(case=None, youth_group=YouthGroupFactory(), partner=politie,
                     due_on=date(2025, 3, 1))  # fmt: skip
    assert values(report_tables(marloes, PERIOD), "afspraken")["Politie"][-1] == "3"
    elsewhere = district("Delfshaven")
    a.youth.district = elsewhere
    a.youth.save()
    tables = report_tables(marloes, Period(PERIOD.first, PERIOD.last, elsewhere))
    assert values(tables, "afspraken")["Politie"] == ["1", "1", "0", "0", "2"]
    assert values(tables, "interventies")["Totaal"] == ["1", "0", "0", "1"]
    assert values(tables, "toetsen")["Gehouden in de periode"] == ["1", "1", "2"]


def count_queries(user):
    with CaptureQueriesContext(connection) as queries:
        report_tables(user, PERIOD)
    return len(queries)


def test_the_figures_cost_the_same_queries_for_one_case_as_for_thirty(marloes):
    kind = intervention_type()
    CaseFactory(registered_on=date(2025, 2, 1), started_on=date(2025, 2, 10))
    count_queries(marloes)  # the first asks for the user's role groups (then cached)
    few = count_queries(marloes)
    for day in range(1, 30):
        case = closed(date(2025, 1, day), date(2025, 3, day), date(2025, 5, day))
        InterventionFactory(case=case, intervention_type=kind, started_on=date(2025, 3, day))
        AgreementFactory(case=case, due_on=date(2025, 4, day))
    assert count_queries(marloes) == few <= 10

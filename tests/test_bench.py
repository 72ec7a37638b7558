"""The benchmark's own code, at a tiny scale: the seed must be data the product itself could
have written (history rows, grants that match the involvements, valid periods), and every
page the benchmark times must answer. No timings are asserted here: speed goals belong in
``make bench``."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from bench import measure
from bench.load import summarise
from bench.seed import Scale, seed
from cases.casefile.history import sources
from cases.models import (
    AgendaItem,
    Agreement,
    Assessment,
    AssessmentScore,
    Case,
    CaseGroupObjectPermission,
    Contact,
    Decision,
    Goal,
    GoalEvaluation,
    Household,
    Intervention,
    Invitation,
    Involvement,
    Meeting,
    Youth,
)
from cases.permissions import sync_all_case_grants, visible_cases
from partners.models import Membership, Partner

pytestmark = pytest.mark.django_db

TINY = Scale(
    cases=40,
    partners=16,
    users=40,
    contacts=900,
    interventions=120,
    assessments=40,
    coordinators=4,
    large_case_history=250,
    large_case_contacts=60,
)


@pytest.fixture
def seeded():
    return seed(TINY, quiet=True)


def test_the_seed_makes_the_numbers_asked_for(seeded):
    assert Case.objects.count() == TINY.cases
    assert Partner.objects.count() == TINY.partners
    assert Contact.objects.count() == TINY.contacts
    assert Intervention.objects.count() == TINY.interventions
    assert Assessment.objects.count() == TINY.assessments


@pytest.mark.parametrize(
    "model",
    [Case, Youth, Household, Involvement, Intervention, Contact, Assessment, AssessmentScore,
     Meeting, AgendaItem, Invitation, Decision, Goal, GoalEvaluation, Agreement,
     CaseGroupObjectPermission, Partner, Membership, get_user_model()],
)  # fmt: skip
def test_every_seeded_record_has_its_creation_in_the_history(seeded, model):
    created = set(model.history.filter(history_type="+").values_list("id", flat=True))
    assert created == set(model.objects.values_list("pk", flat=True))
    if model is not get_user_model():
        assert not model.history.filter(history_type="+", history_user__isnull=True).exists()


def test_the_seeded_grants_are_exactly_those_of_the_active_involvements(seeded):
    assert CaseGroupObjectPermission.objects.exists()
    assert sync_all_case_grants(by=None, reason="check") == []


def test_a_seeded_partner_employee_sees_only_the_cases_of_its_involvements(seeded):
    employee = Membership.objects.exclude(partner__kind="gemeente").first().user
    involved = set(
        Involvement.objects.active()
        .filter(partner=employee.membership.partner)
        .values_list("case_id", flat=True)
    )
    assert set(visible_cases(employee).values_list("pk", flat=True)) == involved


def test_seeded_contacts_lie_within_their_case_and_not_in_the_future(seeded):
    now = timezone.now()
    for contact in Contact.objects.select_related("case"):
        assert contact.occurred_at <= now and contact.created_at <= now
        assert timezone.localdate(contact.occurred_at) >= contact.case.registered_on
        if contact.case.closed_on:
            assert timezone.localdate(contact.occurred_at) <= contact.case.closed_on


def test_the_large_case_has_exactly_the_history_asked_for(seeded):
    large = Case.objects.get(pk=seeded.large_case_id)
    coordinator = large.coordinator
    entries = sum(m.history.filter(f).count() for _k, m, f, _s in sources(coordinator, large))
    assert entries == TINY.large_case_history


def test_every_page_the_benchmark_times_answers(seeded):
    result = measure.measure_pages(seeded.large_case_id, runs=1, progress=lambda _text: None)
    assert {t["status"] for t in result["timings"]} == {200}
    assert result["people"]["large_case_history_entries"] == TINY.large_case_history
    names = {t["name"] for t in result["timings"]}
    assert {"Dashboard", "Mijn casussen (partner)", "Casus, tab Historie"} <= names
    assert "Contactmoment opslaan (htmx)" in names


def test_the_worst_case_pdf_answers_and_leaves_the_data_as_it_was(seeded, settings):
    settings.TWO_FACTOR_REQUIRED = True
    large = Case.objects.get(pk=seeded.large_case_id)
    before = (Contact.objects.count(), large.plan)
    client = measure.logged_in(large.coordinator)
    timing = measure.worst_case_pdf(client, large, large.coordinator, runs=1)
    assert timing.status == 200 and "maximale inhoud" in timing.name
    large.refresh_from_db()
    assert (Contact.objects.count(), large.plan) == before


def test_a_goal_missed_is_reported_as_a_miss():
    timing = measure.Timing("x", "lijst", 40.0, 90.0, 12, 200, goal=measure.LIST).check()
    assert timing.misses == ["p50 40 > 30", "queries 12 > 10"]


def test_the_load_summary_counts_every_failure_and_leaves_logins_out_of_the_mix():
    samples = [
        ["inloggen", 500.0, False, 0.0],
        ["caseload", 20.0, False, 1.0],
        ["caseload", 30.0, True, 2.0],
        ["casus, tabblad", 10.0, False, 3.0],
    ]
    summary = summarise(samples, users=1, seconds=3)
    assert (summary["requests"], summary["failures"], summary["login_requests"]) == (3, 1, 1)
    assert summary["p50_ms"] == 20.0 and summary["requests_per_second"] == 1.5

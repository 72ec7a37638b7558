"""The benchmark's own code, at a tiny scale: the seed must be data the product itself could
have written (history rows, grants that match the involvements, valid periods), and every
page the benchmark times must answer. No timings are asserted here: speed goals belong in
``make bench``."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from bench import measure
from bench.load import summarise
from bench.seed import LARGE_GROUP_NAME, SMALL_GROUP_NAME, Scale, seed
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
    GroupGoal,
    GroupIntervention,
    GroupMembership,
    GroupPhaseStep,
    GroupReading,
    Household,
    Insight,
    Intervention,
    Invitation,
    Involvement,
    Meeting,
    PersonRelation,
    Youth,
    YouthGroup,
)
from cases.months import Month
from cases.permissions import sync_all_case_grants, visible_cases, visible_group_members
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
    group_members=8,
    group_relations=20,
    group_insights=60,
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
     YouthGroup, GroupMembership, GroupPhaseStep, GroupReading, PersonRelation, Insight,
     GroupGoal, GroupIntervention, CaseGroupObjectPermission, Partner, Membership,
     get_user_model()],
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


def test_the_large_group_has_the_size_asked_for_and_a_partner_sees_part_of_it(seeded):
    large = YouthGroup.objects.get(pk=seeded.large_group_id)
    assert large.name == LARGE_GROUP_NAME
    current = large.memberships.filter(until_on__isnull=True)
    assert current.count() == TINY.group_members
    assert large.memberships.filter(until_on__isnull=False).exists()
    youths = current.values("youth_id")
    assert PersonRelation.objects.filter(youth_id__in=youths).count() == TINY.group_relations
    assert {"volgt", "invloed", "vriend", "moeder"} <= set(
        PersonRelation.objects.filter(youth_id__in=youths).values_list("kind", flat=True)
    )
    insights = Insight.objects.filter(youth_id__in=youths) | large.insights.all()
    assert insights.count() == TINY.group_insights
    assert insights.filter(household_member__isnull=False).exists()
    assert not insights.filter(themes__isnull=True).exists()
    assert (large.goals.count(), large.interventions.count()) == (3, 4)
    # Every member has a case; the partner the benchmark times sees some members, not all.
    with_case = Case.objects.filter(youth_id__in=youths).values("youth_id").distinct()
    assert with_case.count() == TINY.group_members
    employee = Membership.objects.filter(partner_id=seeded.group_partner_id).first().user
    seen = visible_group_members(employee, large).filter(until_on__isnull=True).count()
    assert 0 < seen < TINY.group_members
    assert measure.pick_groups()["partner_id"] == seeded.group_partner_id


def test_the_small_group_has_something_of_every_kind_all_seen_by_the_partner(seeded):
    small = YouthGroup.objects.get(pk=seeded.small_group_id)
    assert small.name == SMALL_GROUP_NAME
    youths = small.memberships.values("youth_id")
    relations = PersonRelation.objects.filter(youth_id__in=youths)
    assert relations.filter(other_youth__isnull=False).exists()
    assert relations.filter(adult__isnull=False).exists()
    insights = Insight.objects.filter(youth_id__in=youths)
    assert insights.filter(household_member__isnull=False).exists()
    assert insights.filter(household_member__isnull=True).exists()
    assert small.insights.exists() and small.phases.exists() and small.readings.exists()
    assert small.goals.filter(insights__isnull=False, themes__isnull=False).exists()
    assert small.interventions.filter(insights__isnull=False, themes__isnull=False).exists()
    employee = Membership.objects.filter(partner_id=seeded.group_partner_id).first().user
    assert visible_group_members(employee, small).count() == small.memberships.count()


@pytest.mark.parametrize(
    "model, name",
    [(Insight, "themes"), (GroupGoal, "themes"), (GroupGoal, "insights"),
     (GroupIntervention, "themes"), (GroupIntervention, "insights")],
)  # fmt: skip
def test_every_seeded_history_row_holds_the_links_of_its_record(seeded, model, name):
    rows = model.history.all()
    assert rows.exists()
    for row in rows:
        linked = set(getattr(model.objects.get(pk=row.id), name).values_list("pk", flat=True))
        snapshot = getattr(row, name).values_list(f"{name.removesuffix('s')}_id", flat=True)
        assert set(snapshot) == linked and linked


def test_every_page_the_benchmark_times_answers(seeded):
    result = measure.measure_pages(seeded.large_case_id, runs=1, progress=lambda _text: None)
    assert {t["status"] for t in result["timings"]} == {200}
    assert result["people"]["large_case_history_entries"] == TINY.large_case_history
    names = {t["name"] for t in result["timings"]}
    assert {"Dashboard", "Mijn casussen (partner)", "Casus, tab Historie"} <= names
    assert "Contactmoment opslaan (htmx)" in names
    assert {"Groep, Historie", "Groep, Historie als partner"} <= names
    assert sum(name.startswith("Groepspagina") for name in names) == 2
    assert set(result["same_query_count_group_pages"]) == {
        "groepspagina, coördinator", "groepspagina, partner", "Historie, coördinator",
        "Historie, partner",
    }  # fmt: skip
    # The Sturingsinformatie (issue 21): the whole city over a year costs the queries one
    # district over one month does, for a coordinator and for management; counting the
    # figures (a worker's job, issue 22) as well as showing the ones counted.
    report = result["same_query_count_sets"]["sturing"]["counts"]
    assert len(report) == 4 and {n for n in names if n.startswith("Sturingsinformatie")} == set(
        report
    )
    assert all(large == small for large, small in report.values()), report
    # The API (issue 21): a page of 100 costs the queries a page of one does.
    api = result["same_query_count_sets"]["api"]["counts"]
    assert len(api) == 2 and all(large == small for large, small in api.values()), api


def test_the_management_account_reads_only_the_sturingsinformatie(seeded):
    from partners.permissions import is_coordinator, is_management

    user = measure.management_user()
    assert is_management(user) and not is_coordinator(user)
    assert not Membership.objects.filter(user=user).exists()  # no organisation, no case


def test_the_report_pdf_answers(seeded):
    timing = measure.report_pdf(measure.logged_in(measure.management_user()), runs=1)
    assert timing.status == 200


def test_the_worst_case_pdf_answers_and_leaves_the_data_as_it_was(seeded, settings):
    settings.TWO_FACTOR_REQUIRED = True
    large = Case.objects.get(pk=seeded.large_case_id)
    before = (Contact.objects.count(), large.plan)
    client = measure.logged_in(large.coordinator)
    timing = measure.worst_case_pdf(client, large, large.coordinator, runs=1)
    assert timing.status == 200 and "maximale inhoud" in timing.name
    large.refresh_from_db()
    assert (Contact.objects.count(), large.plan) == before


def test_the_group_pdf_answers(seeded):
    large = YouthGroup.objects.get(pk=seeded.large_group_id)
    client = measure.logged_in(Case.objects.get(pk=seeded.large_case_id).coordinator)
    timing = measure.group_pdf(client, large, Month.previous(), runs=1)
    assert timing.status == 200 and f"{TINY.group_members} leden" in timing.name


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


def test_ten_times_the_city_is_what_issue_22_measured():
    from bench.seed import CITY

    ten = CITY.times(10)
    assert (ten.cases, ten.partners, ten.users, ten.contacts, ten.interventions) == (
        30_000, 300, 3_000, 1_500_000, 120_000,
    )  # fmt: skip
    assert ten.large_case_history == CITY.large_case_history  # the pages show the same
    assert CITY.times(1) == CITY
    with pytest.raises(ValueError):
        CITY.times(0)


def test_each_scale_has_its_own_database(monkeypatch):
    from bench.database import bench_database_url

    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pga")
    monkeypatch.delenv("BENCH_DATABASE_NAME", raising=False)
    monkeypatch.setenv("BENCH_SCALE", "10")
    assert bench_database_url().endswith("/pga_bench_x10")
    monkeypatch.setenv("BENCH_SCALE", "1")
    assert bench_database_url().endswith("/pga_bench")


def test_the_two_scales_side_by_side_with_the_ratio():
    from bench.report import side_by_side

    def run(factor, p50, queries):
        timing = {"name": "Dashboard", "p50_ms": p50, "queries": queries}
        return {"seeding": {"factor": factor}, "timings": [timing]}

    lines = side_by_side(run(1, 30.0, 12), run(10, 99.0, 12)).splitlines()
    assert "p50 1×" in lines[0] and "p50 10×" in lines[0]
    assert lines[1].split()[1:] == ["30.0", "99.0", "3.30", "12", "12"]
    assert "ANDERE QUERIES" in side_by_side(run(1, 30.0, 12), run(10, 30.0, 13))

"""Retention: five years after closure a case goes, with everything only it uses and all
their history; an anonymous tombstone and an access-log record stay."""

from datetime import date, datetime, time
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.casefile.services import change_status, record_assessment
from cases.models import (
    Assessment,
    AssessmentScore,
    Case,
    CaseGroupObjectPermission,
    CaseStatus,
    ClosureReason,
    Contact,
    GroupMembership,
    Household,
    HouseholdMember,
    Intervention,
    Involvement,
    MonthlyOverview,
    OverviewKind,
    PurgedCase,
    Youth,
)
from cases.overviews.batch import Job, store
from pga.models import AccessLog
from tests.base import involve
from tests.factories import (
    CaseFactory,
    ContactFactory,
    GroupMembershipFactory,
    HouseholdMemberFactory,
    InterventionFactory,
    assessment_domains,
)

pytestmark = pytest.mark.django_db
CLOSED_ON = date(2020, 3, 10)  # retention ends 2025-03-10


def frozen(day):
    moment = timezone.make_aware(datetime.combine(day, time(12, 0)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def closed_case(personas):
    case = CaseFactory(
        coordinator=personas.coordinator,
        registered_on=date(2019, 1, 7),
        started_on=date(2019, 1, 20),
    )
    involve(case, personas.politie, by=personas.coordinator, contact_person=personas.petra)
    ContactFactory(case=case, partner=personas.politie, author=personas.petra)
    InterventionFactory(
        case=case, status="afgerond", started_on=date(2019, 2, 1), ended_on=date(2019, 9, 1)
    )
    record_assessment(
        case,
        by=personas.coordinator,
        assessed_on=date(2019, 2, 1),
        scores={assessment_domains()[0]: 2},
    )
    HouseholdMemberFactory(household=case.youth.household)
    GroupMembershipFactory(youth=case.youth)
    store(Job(OverviewKind.CASE, case.pk, "2019-06"), b"%PDF-1.7 archief", by=personas.coordinator)
    change_status(
        case,
        CaseStatus.AFGESLOTEN,
        by=personas.coordinator,
        reason="Doelen bereikt",
        on=CLOSED_ON,
        closure_reason=ClosureReason.DOELEN_BEREIKT,
    )
    return case


def purge():
    out = StringIO()
    call_command("purge_expired_cases", stdout=out)
    return out.getvalue()


def everything_about(case, youth_id, household_id):
    """Every row, live or historical, about the case and what only it used."""
    assessment_ids = list(Assessment.history.filter(case_id=case.pk).values_list("id", flat=True))
    counts = {
        "case": Case.objects.filter(pk=case.pk).count() + Case.history.filter(id=case.pk).count(),
        "youth": Youth.objects.filter(pk=youth_id).count()
        + Youth.history.filter(id=youth_id).count(),
        "household": Household.objects.filter(pk=household_id).count()
        + Household.history.filter(id=household_id).count(),
        "members": HouseholdMember.history.filter(household_id=household_id).count()
        + HouseholdMember.objects.filter(household_id=household_id).count(),
        "groups": GroupMembership.history.filter(youth_id=youth_id).count(),
        "scores": AssessmentScore.history.filter(assessment_id__in=assessment_ids).count(),
        "grants": CaseGroupObjectPermission.history.filter(content_object_id=case.pk).count(),
    }
    for model in (Contact, Intervention, Involvement, Assessment, MonthlyOverview):
        counts[model.__name__] = (
            model.objects.filter(case_id=case.pk).count()
            + model.history.filter(case_id=case.pk).count()
        )
    return counts


def test_present_one_day_before_the_end_of_retention_and_gone_one_day_after(closed_case):
    youth_id, household_id = closed_case.youth_id, closed_case.youth.household_id
    pdf = MonthlyOverview.objects.get(case=closed_case).file.name
    from django.core.files.storage import default_storage

    with frozen(date(2025, 3, 9)):
        assert "0 casus(sen)" in purge()
    before = everything_about(closed_case, youth_id, household_id)
    assert all(before.values()), before

    with frozen(date(2025, 3, 11)):
        out = purge()
    after = everything_about(closed_case, youth_id, household_id)
    assert not any(after.values()), after
    assert not default_storage.exists(pdf)
    assert "verwijderd: casus (afgesloten 10-03-2020)" in out

    tombstone = PurgedCase.objects.get()
    assert (
        tombstone.closed_month,
        tombstone.contacts,
        tombstone.interventions,
        tombstone.involvements,
        tombstone.assessments,
    ) == (
        date(2020, 3, 1),
        1,
        1,
        1,
        1,
    )
    record = AccessLog.objects.get(action="purge")
    assert record.object_id == str(tombstone.pk) and "bewaartermijn van 5 jaar" in record.detail
    assert str(closed_case.youth) not in record.detail and closed_case.number not in record.detail


def test_a_youth_with_another_case_and_their_household_are_kept(closed_case, personas):
    other = CaseFactory(youth=closed_case.youth, coordinator=personas.coordinator)
    with frozen(date(2025, 3, 11)):
        purge()
    assert Youth.objects.filter(pk=closed_case.youth_id).exists()
    assert (
        Case.objects.filter(pk=other.pk).exists()
        and not Case.objects.filter(pk=closed_case.pk).exists()
    )


def test_open_cases_are_never_purged(personas):
    case = CaseFactory(registered_on=date(2010, 1, 1), started_on=date(2010, 2, 1))
    with frozen(date(2025, 3, 11)):
        purge()
    assert Case.objects.filter(pk=case.pk).exists()


def test_a_dry_run_removes_nothing(closed_case):
    with frozen(date(2025, 3, 11)):
        out = StringIO()
        call_command("purge_expired_cases", "--dry-run", stdout=out)
    assert "zou verwijderen" in out.getvalue()
    assert Case.objects.filter(pk=closed_case.pk).exists() and not PurgedCase.objects.exists()

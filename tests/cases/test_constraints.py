"""Each invariant is held by the database itself: saving past the forms is refused."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.models import (
    Assessment,
    AssessmentScore,
    CaseStatus,
    ClosureReason,
    GroupMembership,
    InterventionStatus,
    Priority,
)
from tests.factories import (
    CaseFactory,
    GroupMembershipFactory,
    InterventionFactory,
    InvolvementFactory,
    MeetingFactory,
    UserFactory,
    YouthFactory,
    assessment_domains,
)

pytestmark = pytest.mark.django_db


def refused(**kwargs):
    return pytest.raises(IntegrityError, **kwargs)


def save_refused(obj, name, sqlite_columns=""):
    """Saving ``obj`` violates constraint ``name``. SQLite reports a unique violation by its
    columns rather than by name, so unique constraints pass those columns too."""
    pattern = name + (f"|UNIQUE constraint failed: {sqlite_columns}$" if sqlite_columns else "")
    with refused(match=pattern), transaction.atomic():
        obj.save()


# Case -------------------------------------------------------------------------------------


def test_a_closed_case_without_closure_date_is_refused():
    case = CaseFactory()
    case.status = CaseStatus.AFGESLOTEN
    case.closure_reason = ClosureReason.DOELEN_BEREIKT
    save_refused(case, "case_closed_has_closure_date_and_reason")


def test_a_closed_case_without_closure_reason_is_refused():
    case = CaseFactory()
    case.status = CaseStatus.AFGESLOTEN
    case.closed_on = case.registered_on + timedelta(days=30)
    save_refused(case, "case_closed_has_closure_date_and_reason")


def test_a_closed_case_with_date_and_reason_is_accepted():
    case = CaseFactory()
    case.status = CaseStatus.AFGESLOTEN
    case.closed_on = case.registered_on + timedelta(days=30)
    case.closure_reason = ClosureReason.DOELEN_BEREIKT
    case.save()
    assert case.is_closed


def test_an_open_case_with_a_closure_date_is_refused():
    case = CaseFactory(status=CaseStatus.ACTIEF)
    case.closed_on = case.started_on  # a date in order: only the open-case rule is broken
    save_refused(case, "case_open_has_no_closure_date_or_reason")


def test_an_open_case_with_a_closure_reason_is_refused():
    case = CaseFactory(status=CaseStatus.NAZORG)
    case.closure_reason = ClosureReason.OVERIG
    save_refused(case, "case_open_has_no_closure_date_or_reason")


def test_a_not_admitted_case_needs_closure_fields_too():
    case = CaseFactory(status=CaseStatus.SCREENING, started_on=None)
    case.status = CaseStatus.NIET_OPGENOMEN
    save_refused(case, "case_closed_has_closure_date_and_reason")


def test_a_case_cannot_start_before_it_was_registered():
    case = CaseFactory()
    case.started_on = case.registered_on - timedelta(days=1)
    save_refused(case, "case_started_on_not_before_registered_on")


def test_a_case_cannot_close_before_it_was_registered():
    case = CaseFactory()
    case.status = CaseStatus.AFGESLOTEN
    case.closure_reason = ClosureReason.OVERIG
    case.closed_on = case.registered_on - timedelta(days=1)
    save_refused(case, "case_closed_on_not_before_registered_on")


@pytest.mark.parametrize("priority", [0, 4])
def test_priority_stays_in_range(priority):
    case = CaseFactory()
    case.priority = priority
    save_refused(case, "case_priority_in_range")


def test_priorities_in_range_are_accepted():
    for priority in Priority.values:
        assert CaseFactory(priority=priority).priority == priority


def test_informed_and_a_reason_not_to_inform_exclude_each_other():
    case = CaseFactory()
    case.informed_on = case.registered_on
    case.not_informed_reason = "Lopend strafrechtelijk onderzoek"
    save_refused(case, "case_informed_or_reason_not_both")


# Involvement ------------------------------------------------------------------------------


def test_an_involvement_cannot_end_before_it_started():
    involvement = InvolvementFactory()
    involvement.ended_on = involvement.started_on - timedelta(days=1)
    involvement.end_reason = "Klaar"
    save_refused(involvement, "involvement_ended_on_not_before_started_on")


def test_a_second_active_involvement_of_the_same_partner_is_refused():
    first = InvolvementFactory()
    second = InvolvementFactory.build(case=first.case, partner=first.partner)
    save_refused(
        second,
        "one_active_involvement_per_case_and_partner",
        "cases_involvement.case_id, cases_involvement.partner_id",
    )


def test_a_partner_can_be_involved_again_after_its_involvement_ended():
    first = InvolvementFactory()
    first.ended_on = first.started_on
    first.end_reason = "Taak afgerond"
    first.save()
    again = InvolvementFactory(case=first.case, partner=first.partner)
    assert first.case.involvements.count() == 2 and again.is_active


def test_an_ended_involvement_needs_a_reason():
    involvement = InvolvementFactory()
    involvement.ended_on = involvement.started_on
    save_refused(involvement, "involvement_ended_has_reason")


# Intervention -----------------------------------------------------------------------------


def test_an_intervention_cannot_end_before_it_started():
    intervention = InterventionFactory(status=InterventionStatus.LOPEND, started_on="2026-03-01")
    intervention.status = InterventionStatus.AFGEROND
    intervention.ended_on = "2026-02-28"
    save_refused(intervention, "intervention_ended_on_not_before_started_on")


def test_an_intervention_cannot_be_planned_to_end_before_it_started():
    intervention = InterventionFactory(status=InterventionStatus.LOPEND, started_on="2026-03-01")
    intervention.planned_end_on = "2026-01-01"
    save_refused(intervention, "intervention_planned_end_on_not_before_started_on")


def test_a_finished_intervention_needs_an_end_date():
    intervention = InterventionFactory(status=InterventionStatus.LOPEND, started_on="2026-03-01")
    intervention.status = InterventionStatus.GESTOPT
    save_refused(intervention, "intervention_finished_has_end_date")


def test_an_unfinished_intervention_has_no_end_date():
    intervention = InterventionFactory(status=InterventionStatus.LOPEND, started_on="2026-03-01")
    intervention.ended_on = "2026-04-01"
    save_refused(intervention, "intervention_unfinished_has_no_end_date")


def test_a_running_intervention_needs_a_start_date():
    intervention = InterventionFactory(status=InterventionStatus.VOORGESTELD)
    intervention.status = InterventionStatus.LOPEND
    save_refused(intervention, "intervention_running_has_start_date")


# Youth group ------------------------------------------------------------------------------


def test_a_group_membership_cannot_end_before_it_began():
    membership = GroupMembershipFactory(since_on="2026-01-10")
    membership.until_on = "2026-01-09"
    save_refused(membership, "group_membership_until_on_not_before_since_on")


def test_a_youth_is_a_current_member_of_a_group_only_once():
    membership = GroupMembershipFactory()
    duplicate = GroupMembership(youth_group=membership.youth_group, youth=membership.youth)
    save_refused(
        duplicate,
        "one_current_membership_per_youth_and_group",
        "cases_groupmembership.youth_group_id, cases_groupmembership.youth_id",
    )


# Meeting ----------------------------------------------------------------------------------


def test_a_cancelled_meeting_without_a_reason_is_refused():
    meeting = MeetingFactory()
    meeting.cancelled_at = timezone.now()
    save_refused(meeting, "meeting_cancel_reason_given_when_cancelled")
    meeting.cancel_reason = "Voorzitter ziek"
    meeting.save()


# Youth BSN --------------------------------------------------------------------------------


@pytest.mark.parametrize("bsn", ["123456789", "111111112", "000000000"])
def test_a_bsn_failing_the_eleven_test_is_refused_by_the_database(bsn):
    youth = YouthFactory(bsn=None)
    youth.bsn = bsn
    save_refused(youth, "youth_bsn_passes_eleven_test")


@pytest.mark.parametrize("bsn", ["111222333", "123456782", None])
def test_a_valid_or_absent_bsn_is_accepted_by_the_database(bsn):
    assert YouthFactory(bsn=bsn).pk


def test_two_youths_never_share_a_bsn():
    YouthFactory(bsn="111222333")
    with refused(), transaction.atomic():
        YouthFactory(bsn="111222333")


# ZRM scores -------------------------------------------------------------------------------


@pytest.mark.parametrize("score", [0, 6])
def test_zrm_scores_stay_between_1_and_5(score):
    assessment = Assessment.objects.create(
        case=CaseFactory(), assessed_on="2026-05-01", assessed_by=UserFactory()
    )
    row = AssessmentScore(assessment=assessment, domain=assessment_domains()[0], score=score)
    save_refused(row, "assessment_score_between_1_and_5")


def test_one_score_per_domain_per_assessment():
    assessment = Assessment.objects.create(
        case=CaseFactory(), assessed_on="2026-05-01", assessed_by=UserFactory()
    )
    domain = assessment_domains()[0]
    AssessmentScore.objects.create(assessment=assessment, domain=domain, score=3)
    save_refused(
        AssessmentScore(assessment=assessment, domain=domain, score=4),
        "one_score_per_domain_per_assessment",
        "cases_assessmentscore.assessment_id, cases_assessmentscore.domain_id",
    )

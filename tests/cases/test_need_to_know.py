"""DESIGN §5: a partner sees a case only while its organisation is actively involved."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases import permissions
from cases.casefile.services import end_involvement
from cases.models import ContactVisibility, InterventionStatus
from partners.permissions import can_see_bsn
from tests.base import involve
from tests.factories import (
    CaseFactory,
    ContactFactory,
    GroupMembershipFactory,
    InterventionFactory,
    MembershipFactory,
    PartnerFactory,
    UserFactory,
    YouthGroupFactory,
)

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as the next request would load it (no cached permissions)."""
    return get_user_model().objects.get(pk=user.pk)


def test_a_coordinator_sees_every_case(coordinator, case_a):
    case_b = CaseFactory()
    assert set(permissions.visible_cases(coordinator)) == {case_a, case_b}


def test_a_partner_sees_only_the_cases_its_organisation_is_involved_in(petra, case_a):
    CaseFactory()
    assert list(permissions.visible_cases(petra)) == [case_a]
    assert permissions.get_case_for_user(petra, case_a.pk) == case_a


def test_an_uninvolved_partner_gets_404_exactly_like_a_missing_case(wim, case_a):
    with pytest.raises(Http404):
        permissions.get_case_for_user(wim, case_a.pk)
    with pytest.raises(Http404):
        permissions.get_case_for_user(wim, 987654)
    with pytest.raises(Http404):
        permissions.get_case_for_user(wim, "not-a-number")
    assert not permissions.visible_cases(wim).exists()


def test_a_user_with_no_membership_and_no_role_sees_nothing(case_a):
    nobody = UserFactory(username="nobody")
    assert not permissions.visible_cases(nobody).exists()
    assert not permissions.visible_youths(nobody).exists()
    assert not permissions.visible_contacts(nobody).exists()


def test_a_superuser_is_not_a_coordinator(case_a):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert not permissions.visible_cases(root).exists()


def test_a_partner_may_not_change_the_case_but_may_log_contacts(petra, case_a):
    with pytest.raises(Http404):
        permissions.get_case_for_user(petra, case_a.pk, "cases.change_case")
    assert permissions.get_case_for_user(petra, case_a.pk, "cases.log_contact") == case_a


def test_ending_the_involvement_removes_access_on_the_very_next_request(personas):
    petra, case_a = personas.petra, personas.case_a
    assert fresh(petra).has_perm("cases.view_case", case_a)  # guardian agrees with us
    end_involvement(case_a.involvements.get(), by=personas.coordinator, reason="Taak afgerond")
    assert not permissions.visible_cases(fresh(petra)).exists()
    assert not fresh(petra).has_perm("cases.view_case", case_a)
    with pytest.raises(Http404):
        permissions.get_case_for_user(fresh(petra), case_a.pk)


def test_employees_of_a_deactivated_partner_see_nothing(personas):
    personas.politie.is_active = False
    personas.politie.save()
    assert not permissions.visible_cases(fresh(personas.petra)).exists()


def test_a_deactivated_account_sees_nothing(petra):
    petra.is_active = False
    petra.save()
    assert not permissions.visible_cases(fresh(petra)).exists()


def test_only_coordinators_see_the_bsn(coordinator, petra, beheer):
    assert can_see_bsn(coordinator)
    assert not can_see_bsn(petra)
    assert not can_see_bsn(beheer)


# Related records ---------------------------------------------------------------------------


def test_youth_and_household_are_reached_through_a_visible_case(petra, wim, case_a):
    assert permissions.get_youth_for_user(petra, case_a.youth_id) == case_a.youth
    assert permissions.get_household_for_user(petra, case_a.youth.household_id)
    for getter, pk in (
        (permissions.get_youth_for_user, case_a.youth_id),
        (permissions.get_household_for_user, case_a.youth.household_id),
    ):
        with pytest.raises(Http404):
            getter(wim, pk)


def test_a_group_page_shows_a_partner_only_members_of_its_cases(personas):
    group = YouthGroupFactory()
    own = GroupMembershipFactory(youth_group=group, youth=personas.case_a.youth)
    other = GroupMembershipFactory(youth_group=group, youth=CaseFactory().youth)
    petra = personas.petra
    assert permissions.get_youth_group_for_user(petra, group.pk) == group
    assert list(permissions.visible_group_members(petra, group)) == [own]
    assert set(permissions.visible_group_members(personas.coordinator, group)) == {own, other}
    with pytest.raises(Http404):
        permissions.get_youth_group_for_user(personas.wim, group.pk)


def test_restricted_contacts_are_seen_by_their_own_organisation_and_coordinators_only(personas):
    case_a, coordinator = personas.case_a, personas.coordinator
    wijkteam = PartnerFactory(name="Wijkteam")
    involve(case_a, wijkteam, by=coordinator)
    lotte = MembershipFactory(partner=wijkteam).user
    restricted = ContactFactory(
        case=case_a, partner=wijkteam, author=lotte, visibility=ContactVisibility.RESTRICTED
    )
    shared = ContactFactory(case=case_a, partner=wijkteam, author=lotte)
    assert set(permissions.visible_contacts(lotte, case_a)) == {restricted, shared}
    assert set(permissions.visible_contacts(coordinator, case_a)) == {restricted, shared}
    assert list(permissions.visible_contacts(personas.petra, case_a)) == [shared]
    assert permissions.visible_contacts(personas.petra, case_a).count() == 1  # not even counted
    with pytest.raises(Http404):
        permissions.get_contact_for_user(personas.petra, restricted.pk)


def test_a_partner_updates_only_its_own_organisations_interventions(personas):
    case_a, petra = personas.case_a, personas.petra
    own = InterventionFactory(case=case_a, responsible_partner=personas.politie)
    others = InterventionFactory(case=case_a, status=InterventionStatus.VOORGESTELD)
    assert set(permissions.visible_interventions(petra, case_a)) == {own, others}
    assert permissions.get_intervention_for_user(petra, own.pk, "cases.change_intervention") == own
    with pytest.raises(Http404):
        permissions.get_intervention_for_user(petra, others.pk, "cases.change_intervention")
    with pytest.raises(Http404):
        permissions.get_intervention_for_user(personas.wim, own.pk)
    coordinator = personas.coordinator
    assert permissions.get_intervention_for_user(
        coordinator, others.pk, "cases.change_intervention"
    )


def test_only_the_author_corrects_a_contact_and_only_for_24_hours(personas):
    petra = personas.petra
    contact = ContactFactory(case=personas.case_a, partner=personas.politie, author=petra)
    assert permissions.get_contact_for_user(petra, contact.pk, "cases.change_contact") == contact
    with pytest.raises(Http404):
        permissions.get_contact_for_user(personas.coordinator, contact.pk, "cases.change_contact")
    later = timezone.now() + timedelta(hours=24, minutes=1)
    assert not permissions.can_change_contact(petra, contact, now=later)


# The query -----------------------------------------------------------------------------------


def test_visible_cases_is_one_sql_statement_without_duplicates(personas):
    petra = personas.petra
    for _ in range(3):
        involve(CaseFactory(), personas.politie, by=personas.coordinator)
    permissions.is_coordinator(petra)  # the role is looked up once per request
    with CaptureQueriesContext(connection) as queries:
        cases = list(permissions.visible_cases(petra))
    assert len(queries) == 1
    assert len(cases) == len({case.pk for case in cases}) == 4


def list_queries(user):
    with CaptureQueriesContext(connection) as queries:
        rows = [
            (case.number, case.youth.full_name, case.coordinator.get_full_name())
            for case in permissions.visible_cases(fresh(user)).select_related(
                "youth", "coordinator"
            )
        ]
    return len(queries), len(rows)


def test_a_partners_list_costs_the_same_queries_for_1_and_50_cases(personas):
    petra = personas.petra
    one = list_queries(petra)
    for _ in range(49):
        involve(CaseFactory(), personas.politie, by=personas.coordinator)
    fifty = list_queries(petra)
    assert (one[1], fifty[1]) == (1, 50)
    assert one[0] == fifty[0]

"""Case.area_name: the youth's area (gebied) by name, a derived copy on the case that the
caseload's "gebied" sort reads from an index (issue 22). It must say what Youth.area says,
whoever changes the youth, the household or the district, and never change the case's
history or version."""

import pytest

from cases.caseload.queries import caseload_ids
from cases.models import Case, District
from cases.people.services import update_household, update_youth
from tests.factories import CaseFactory, HouseholdFactory, YouthFactory

pytestmark = pytest.mark.django_db


def area(case):
    return Case.objects.values_list("area_name", flat=True).get(pk=case.pk)


def test_a_new_case_has_its_youths_area_own_or_the_households():
    own = CaseFactory(youth=YouthFactory(district=District.objects.get(name="Delfshaven")))
    household = HouseholdFactory(district=District.objects.get(name="Feijenoord"))
    at_home = CaseFactory(youth=YouthFactory(district=None, household=household))
    nowhere = CaseFactory(youth=YouthFactory(district=None, household=None))
    assert area(own) == own.youth.area.name == "Delfshaven"
    assert area(at_home) == at_home.youth.area.name == "Feijenoord"
    assert area(nowhere) is None


def test_it_follows_the_youth_the_household_and_a_renamed_district(coordinator):
    household = HouseholdFactory(district=District.objects.get(name="Feijenoord"))
    case = CaseFactory(youth=YouthFactory(district=None, household=household))
    versions = (case.history.count(), Case.objects.get(pk=case.pk).version)
    update_household(household, by=coordinator, district=District.objects.get(name="IJsselmonde"))
    assert area(case) == "IJsselmonde"
    youth = case.youth
    youth.refresh_from_db()
    update_youth(youth, by=coordinator, district=District.objects.get(name="Noord"))
    assert area(case) == "Noord"
    noord = District.objects.get(name="Noord")
    noord.name = "Rotterdam-Noord"
    noord.save()
    assert area(case) == "Rotterdam-Noord"
    # A derived copy: no history row, no new version of the case.
    assert (case.history.count(), Case.objects.get(pk=case.pk).version) == versions


def test_saving_a_case_read_before_the_youth_changed_keeps_the_new_area(coordinator):
    case = CaseFactory(youth=YouthFactory(district=District.objects.get(name="Delfshaven")))
    stale = Case.objects.get(pk=case.pk)
    youth = case.youth
    update_youth(youth, by=coordinator, district=District.objects.get(name="Noord"))
    stale.next_steps = "Gesprek op school"
    stale.save()
    assert area(case) == "Noord"


def test_the_whole_teams_caseload_sorts_on_the_kept_area_with_no_area_last(coordinator):
    names = ["IJsselmonde", "Charlois", "Feijenoord"]
    cases = [CaseFactory(youth=YouthFactory(district=District.objects.get(name=n))) for n in names]
    cases.append(CaseFactory(youth=YouthFactory(district=None, household=None)))
    ids = list(caseload_ids(coordinator, {"coordinator": "alle", "sort": "gebied"}))
    mine = [pk for pk in ids if pk in {c.pk for c in cases}]
    assert [area(Case(pk=pk)) for pk in mine] == ["Charlois", "Feijenoord", "IJsselmonde", None]
    backwards = list(caseload_ids(coordinator, {"coordinator": "alle", "sort": "-gebied"}))
    mine = [pk for pk in backwards if pk in {c.pk for c in cases}]
    assert [area(Case(pk=pk)) for pk in mine] == ["IJsselmonde", "Feijenoord", "Charlois", None]

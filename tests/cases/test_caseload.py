from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import CaseStatus, ClosureReason, InterventionStatus, Priority
from tests.base import involve, page_queries
from tests.factories import (
    CaseFactory,
    ContactFactory,
    GroupMembershipFactory,
    InterventionFactory,
    PartnerFactory,
    YouthFactory,
    district,
)

pytestmark = pytest.mark.django_db


def rows(client, **params):
    """The case numbers listed; the whole team's unless ``coordinator`` says otherwise (the
    factories give each case a coordinator of its own)."""
    response = client.get("/casussen/", {"coordinator": "alle", **params})
    assert response.status_code == 200
    return [case.number for case in response.context["page"].object_list]


@pytest.fixture
def sanne(client, coordinator):
    client.force_login(coordinator)
    return client


def test_it_lists_open_cases_by_default_and_closed_on_request(sanne, case_a):
    closed = CaseFactory(
        status=CaseStatus.AFGESLOTEN,
        closed_on=timezone.localdate(),
        closure_reason=ClosureReason.DOELEN_BEREIKT,
    )
    assert rows(sanne) == [case_a.number]
    assert set(rows(sanne, status="alle")) == {case_a.number, closed.number}
    assert rows(sanne, status="afgesloten") == [closed.number]


def test_search_finds_a_case_by_full_name_or_number(sanne, case_a):
    other = CaseFactory(
        youth=YouthFactory(first_name="Ayoub", name_prefix="el", last_name="Idrissi")
    )
    assert rows(sanne, q="ayoub el idrissi") == [other.number]
    assert rows(sanne, q=case_a.number) == [case_a.number]
    assert rows(sanne, q="niemand") == []


def test_filters_on_priority_district_coordinator_partner_and_group(sanne, personas, case_a):
    other = CaseFactory(priority=Priority.HOOG, youth=YouthFactory(district=district("Delfshaven")))
    member = GroupMembershipFactory(youth=other.youth)
    assert rows(sanne, priority=1) == [other.number]
    assert rows(sanne, district=district("Delfshaven").pk) == [other.number]
    assert rows(sanne, coordinator=personas.coordinator.pk) == [case_a.number]
    assert rows(sanne, partner=personas.politie.pk) == [case_a.number]
    assert rows(sanne, youth_group=member.youth_group.pk) == [other.number]


def test_dashboard_filters_overdue_ending_and_silent_cases(sanne, case_a):
    today = timezone.localdate()
    overdue = CaseFactory(next_review_on=today - timedelta(days=1))
    ending = CaseFactory()
    InterventionFactory(
        case=ending,
        status=InterventionStatus.LOPEND,
        started_on=ending.registered_on,
        planned_end_on=today + timedelta(days=10),
    )
    ContactFactory(case=case_a)
    ContactFactory(case=overdue)
    ContactFactory(case=ending)
    silent = CaseFactory()
    assert rows(sanne, review_overdue="on") == [overdue.number]
    assert rows(sanne, ending_within=14) == [ending.number]
    assert rows(sanne, no_contact_days=30) == [silent.number]


def test_sorting_on_a_column_and_back(sanne, case_a):
    a = CaseFactory(youth=YouthFactory(last_name="Aalbers"))
    z = CaseFactory(youth=YouthFactory(last_name="Zwart"))
    assert rows(sanne, sort="naam") == [a.number, case_a.number, z.number]  # Testpersoon
    assert rows(sanne, sort="-naam") == [z.number, case_a.number, a.number]


def test_it_paginates_by_25(sanne, case_a):
    for _ in range(26):
        CaseFactory()
    assert len(rows(sanne)) == 25
    assert len(rows(sanne, pagina=2)) == 2


def test_an_htmx_request_gets_only_the_table(sanne, case_a):
    response = sanne.get("/casussen/", {"q": case_a.number}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert case_a.number in page
    assert "<html" not in page and 'class="filters"' not in page


def test_a_malformed_filter_is_ignored_not_a_500(sanne, case_a):
    assert rows(sanne, priority="x", registered_from="31-02-2026", sort="hack") == [case_a.number]


def test_the_caseload_costs_the_same_queries_with_1_and_30_rows(sanne, case_a):
    ContactFactory(case=case_a)
    one = page_queries(sanne, "/casussen/?coordinator=alle")
    for _ in range(29):
        ContactFactory(case=CaseFactory())
    thirty = page_queries(sanne, "/casussen/?coordinator=alle")
    assert (one[1], thirty[1]) == (1, 25)  # a full page
    assert one[0] == thirty[0]


def test_a_partner_sees_only_its_cases_and_no_coordinator_filters(client, personas, case_a):
    CaseFactory()
    involve(CaseFactory(), PartnerFactory(), by=personas.coordinator)
    client.force_login(personas.petra)
    assert rows(client) == [case_a.number]
    page = client.get("/casussen/").content.decode()
    assert "Mijn casussen" in page
    assert 'name="coordinator"' not in page


def test_a_partner_sees_its_own_last_contact_not_a_restricted_one_of_others(
    client, personas, case_a
):
    other = PartnerFactory()
    involve(case_a, other, by=personas.coordinator)
    ContactFactory(
        case=case_a, partner=personas.politie, occurred_at=timezone.now() - timedelta(days=5)
    )
    ContactFactory(case=case_a, partner=other, visibility="eigen_organisatie")
    client.force_login(personas.petra)
    case = client.get("/casussen/").context["page"].object_list[0]
    assert timezone.now() - case.last_contact_at > timedelta(days=4)


def test_the_long_filter_lists_render_as_djangos_select_would_escaped():
    """LongSelect joins its options in Python; what the browser gets must match forms.Select."""
    import re

    from django import forms

    from pga.widgets import LongSelect

    choices = [("", "Alle"), (3, "Politie"), (12, 'Wijkteam <script>"x"</script> & co')]

    def options(html):
        return re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)

    for value in (None, 12, "12", "3"):
        ours = LongSelect(choices=choices).render("partner", value, attrs={"id": "id_partner"})
        django = forms.Select(choices=choices).render("partner", value, attrs={"id": "id_partner"})
        assert options(ours) == options(django) and len(options(ours)) == 3, value
        assert ours.startswith('<select name="partner" id="id_partner">')
    assert "&lt;script&gt;" in ours and "<script>" not in ours
    assert options(LongSelect(choices=choices).render("p", 12))[2][1] == " selected"


def test_the_district_filter_follows_the_household_unless_the_youth_lives_elsewhere(sanne, case_a):
    other = district("Delfshaven")
    case_a.youth.district = None
    case_a.youth.save()
    at_home = case_a  # the household is in Charlois
    elsewhere = CaseFactory()
    elsewhere.youth.district = other  # an address of their own, in another district
    elsewhere.youth.street = "Instellingslaan"
    elsewhere.youth.save()
    charlois = at_home.youth.household.district
    assert rows(sanne, district=charlois.pk) == [at_home.number]
    assert rows(sanne, district=other.pk) == [elsewhere.number]


def test_the_tables_caption_says_the_order_in_words(sanne, case_a):
    page = sanne.get("/casussen/").content.decode()
    assert "Casussen, gesorteerd op aanmelddatum, aflopend" in page
    page = sanne.get("/casussen/", {"sort": "naam"}).content.decode()
    assert "Casussen, gesorteerd op achternaam, oplopend" in page
    assert "-aangemeld" not in page

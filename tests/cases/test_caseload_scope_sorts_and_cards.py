"""The caseload a coordinator wants and a partner's phone (issue 19, points 4 and 6): own cases
first, the team one click away, every column sorting, the youth linked where its content may be
read, clean shareable URLs, the earlier months' overviews and a partner's cases as cards."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cases.casefile.services import end_involvement
from cases.caseload.queries import CONTENT_SORTS, SORTS
from cases.models import Case, CaseStatus, Priority
from cases.months import Month
from cases.overviews.pdf import caseload_overview_context, earlier_months
from tests.base import involve, page_queries
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    ContactFactory,
    CoordinatorFactory,
    PartnerFactory,
    YouthFactory,
    district,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def listed(client, url="/casussen/", **params):
    response = client.get(url, params)
    assert response.status_code == 200, response
    return [case.number for case in response.context["page"].object_list]


@pytest.fixture
def sanne(client, coordinator):
    client.force_login(coordinator)
    return client


# Own cases and the whole team ---------------------------------------------------------------


def test_a_coordinators_caseload_opens_on_their_own_cases(sanne, case_a):
    CaseFactory()  # another coordinator's
    response = sanne.get("/casussen/")
    assert [case.number for case in response.context["page"].object_list] == [case_a.number]
    assert re.search(r'<a href="\?"[^>]*aria-current="page">Mijn casussen</a>', response.text)
    chosen = sanne.get("/casussen/", {"coordinator": case_a.coordinator_id})
    assert chosen.context["own_cases"] and chosen.context["page"].paginator.count == 1


def test_coordinator_alle_in_the_url_shows_the_whole_team_and_the_link_keeps_the_filters(
    sanne, case_a
):
    other = CaseFactory()
    assert set(listed(sanne, coordinator="alle")) == {case_a.number, other.number}
    page = sanne.get("/casussen/", {"status": "alle", "sort": "naam"}).text
    assert 'href="?status=alle&amp;sort=naam&amp;coordinator=alle"' in page
    team = sanne.get("/casussen/?status=alle&coordinator=alle").text
    assert re.search(r'aria-current="page">Hele team</a>', team)


def test_another_coordinators_caseload_is_one_choice_in_the_filter(sanne, case_a):
    colleague = CoordinatorFactory()
    theirs = CaseFactory(coordinator=colleague)
    assert listed(sanne, coordinator=colleague.pk) == [theirs.number]


def test_the_dashboards_figures_link_to_the_whole_teams_caseload(sanne, case_a):
    CaseFactory(status=CaseStatus.SCREENING)
    matrix = sanne.get("/").context["matrix"]
    screening = next(row for row in matrix if row["status"] == CaseStatus.SCREENING)
    assert "coordinator=alle" in screening["url"]
    assert sanne.get(screening["url"]).context["page"].paginator.count == 1


# Sorting ------------------------------------------------------------------------------------


@pytest.fixture
def low_and_high(case_a):
    """Two cases of other coordinators, the first lower than the second in every column."""
    low = CaseFactory(
        number="PGA-1999-0001",
        coordinator=CoordinatorFactory(first_name="Anna", last_name="Aalders"),
        youth=YouthFactory(
            last_name="Aa", date_of_birth=TODAY - timedelta(days=13 * 365),
            district=district("Charlois"), street="Eigen straat",
        ),
        status=CaseStatus.ACTIEF, priority=Priority.HOOG,
        registered_on=TODAY - timedelta(days=90), next_review_on=TODAY + timedelta(days=5),
    )  # fmt: skip
    high = CaseFactory(
        number="PGA-1999-9999",
        coordinator=CoordinatorFactory(first_name="Zeno", last_name="Zwart"),
        youth=YouthFactory(
            last_name="Zz", date_of_birth=TODAY - timedelta(days=20 * 365),
            district=district("Delfshaven"), street="Eigen straat",
        ),
        status=CaseStatus.SCREENING, priority=Priority.LAAG,
        registered_on=TODAY - timedelta(days=30), next_review_on=TODAY + timedelta(days=50),
    )  # fmt: skip
    ContactFactory(case=low, occurred_at=timezone.now() - timedelta(days=9))
    ContactFactory(case=high, occurred_at=timezone.now() - timedelta(days=1))
    return low.number, high.number


@pytest.mark.parametrize("key", sorted(set(SORTS) - {"toegang"}))
def test_every_column_of_the_coordinators_table_sorts_both_ways(sanne, low_and_high, key):
    filters = {"coordinator": "alle", "q": "PGA-1999-", "status": "alle"}
    ascending = [n for n in listed(sanne, **filters, sort=key) if n in low_and_high]
    descending = [n for n in listed(sanne, **filters, sort=f"-{key}") if n in low_and_high]
    assert ascending == list(low_and_high)
    assert descending == list(reversed(low_and_high))


def test_every_header_sorts_keeps_the_filters_and_only_the_sorted_one_has_aria_sort(sanne, case_a):
    response = sanne.get("/casussen/?status=alle&coordinator=alle&sort=-naam&pagina=1")
    headers = response.context["headers"]
    assert len(headers) == 10 == response.text.count('<th scope="col"')
    for header in headers:
        assert "status=alle" in header["url"] and "coordinator=alle" in header["url"]
        assert "pagina" not in header["url"]
    assert [h["aria_sort"] for h in headers if h["aria_sort"]] == ["descending"]
    assert response.text.count("aria-sort=") == 1
    naam = next(h for h in headers if h["label"] == "Jongere")
    assert "sort=naam" in naam["url"]  # descending now: the next click sorts ascending


def test_a_partner_sorts_on_its_own_access_and_a_coordinator_cannot(client, personas, case_a):
    later = CaseFactory()
    involve(later, personas.politie, by=personas.coordinator,
            expires_on=TODAY + timedelta(days=200))  # fmt: skip
    client.force_login(personas.petra)
    assert listed(client, sort="toegang") == [case_a.number, later.number]
    assert listed(client, sort="-toegang") == [later.number, case_a.number]
    client.force_login(personas.coordinator)
    response = client.get("/casussen/", {"sort": "toegang"})
    assert response.context["sort_description"] == "aanmelddatum, aflopend"


@pytest.mark.parametrize("key", sorted(CONTENT_SORTS))
def test_a_content_sort_leaves_a_dat_row_last_both_ways(client, personas, key):
    """Its place must not tell the partner the priority, area or review date it may not see."""
    wat = personas.case_a
    Case.objects.filter(pk=wat.pk).update(priority=Priority.LAAG, next_review_on=TODAY)
    dat = CaseFactory(priority=Priority.HOOG, next_review_on=TODAY + timedelta(days=1))
    involve(dat, personas.politie, by=personas.coordinator, information_level="dat")
    client.force_login(personas.petra)
    assert listed(client, sort=key)[-1] == dat.number
    assert listed(client, sort=f"-{key}")[-1] == dat.number
    assert wat.number in listed(client, sort=key)


# The youth's name ---------------------------------------------------------------------------


def test_the_youths_name_links_to_the_youth_for_wat_and_not_for_dat(client, personas):
    wat = personas.case_a
    dat = CaseFactory()
    involve(dat, personas.politie, by=personas.coordinator, information_level="dat")
    client.force_login(personas.petra)
    page = client.get("/casussen/").text
    assert f'href="/jongeren/{wat.youth_id}/">{wat.youth}</a>' in page
    assert str(dat.youth) in page and f"/jongeren/{dat.youth_id}/" not in page
    assert client.get(f"/jongeren/{dat.youth_id}/").status_code == 404


def test_a_coordinator_sees_every_youth_linked(sanne, case_a):
    assert f'href="/jongeren/{case_a.youth_id}/"' in sanne.get("/casussen/").text


# The shareable URL --------------------------------------------------------------------------


def test_empty_filters_are_redirected_away_and_the_set_ones_kept(sanne, case_a):
    response = sanne.get("/casussen/?q=Bakker&status=&priority=&review_overdue=on&sort=")
    assert response.status_code == 302
    assert response.url == "/casussen/?q=Bakker&review_overdue=on"
    assert sanne.get("/casussen/?q=&status=").url == "/casussen/"


def test_an_htmx_request_with_empty_filters_is_redirected_too(sanne, case_a):
    response = sanne.get("/casussen/?status=&coordinator=alle", HTTP_HX_REQUEST="true")
    assert (response.status_code, response.url) == (302, "/casussen/?coordinator=alle")


def test_a_url_without_empty_filters_is_served_as_it_is(sanne, case_a):
    assert sanne.get("/casussen/?status=alle&coordinator=alle").status_code == 200


# Earlier months' overviews ------------------------------------------------------------------


def test_a_coordinator_gets_the_earlier_months_of_own_and_team_cases(sanne, coordinator):
    CaseFactory(coordinator=coordinator, registered_on=TODAY - timedelta(days=40))
    CaseFactory(registered_on=TODAY - timedelta(days=100))  # a colleague's
    months = earlier_months(coordinator)
    previous = Month.previous()
    assert months[0]["month"] == previous and months[0]["own"] and months[0]["team"]
    assert not months[-1]["own"] and months[-1]["team"]
    assert Month.current() not in [row["month"] for row in months]
    # The caseload loads its months after itself; opened as a page, the same list.
    assert 'hx-get="/casussen/maandoverzichten/"' in sanne.get("/casussen/").text
    page = sanne.get("/casussen/maandoverzichten/", headers={"HX-Request": "true"}).text
    assert f'href="/maandoverzichten/{previous}.pdf"' in page
    whole = sanne.get("/casussen/maandoverzichten/").text
    assert "<h1" in whole and f'href="/maandoverzichten/{previous}.pdf"' in whole
    assert f'href="/maandoverzichten/{months[-1]["month"]}.pdf?alle=1"' in page


def test_a_partner_is_not_offered_a_month_of_a_case_it_no_longer_sees(client, personas):
    gone = CaseFactory(registered_on=TODAY - timedelta(days=200))
    involvement = involve(gone, personas.woningcorporatie, by=personas.coordinator)
    end_involvement(involvement, by=personas.coordinator, reason="Taak afgerond")
    assert earlier_months(personas.wim) == []
    client.force_login(personas.wim)
    assert ".pdf" not in client.get("/casussen/maandoverzichten/").text
    month = Month.previous()
    assert caseload_overview_context(personas.wim, month)["rows"] == []


def test_a_partner_gets_the_months_of_the_cases_it_sees_now(client, personas):
    registered = TODAY - timedelta(days=60)
    months = earlier_months(personas.petra)  # case A, registered 60 days ago
    assert months[-1]["month"] == Month(registered.year, registered.month)
    assert all(not row["own"] for row in months)
    client.force_login(personas.petra)
    page = client.get("/casussen/maandoverzichten/", headers={"HX-Request": "true"}).text
    assert f'href="/maandoverzichten/{Month.previous()}.pdf">onze casussen<' in page
    assert "alle=1" not in page


# A partner's phone: cards -------------------------------------------------------------------


def card(page: str, number: str) -> str:
    start = page.index('<li class="case-card">', page.index("case-cards"))
    cards = page[start : page.index("</ul>", start)]
    return next(c for c in cards.split('<li class="case-card">') if number in c)


def test_a_partners_card_shows_its_own_last_contact_and_open_agreements(client, personas):
    case = personas.case_a
    other = PartnerFactory()
    involve(case, other, by=personas.coordinator)
    ContactFactory(case=case, partner=personas.politie,
                   occurred_at=timezone.now() - timedelta(days=5))  # fmt: skip
    ContactFactory(case=case, partner=other, visibility="eigen_organisatie")  # today
    AgreementFactory(case=case, partner=personas.politie)
    AgreementFactory(case=case, partner=personas.politie, status="gedaan", status_on=TODAY)
    AgreementFactory(case=case, partner=other)
    client.force_login(personas.petra)
    shown = card(client.get("/casussen/").text, case.number)
    assert f"{TODAY - timedelta(days=5):%d-%m-%Y}" in shown
    assert f"{TODAY:%d-%m-%Y}" not in shown.split("Uw toegang")[0]
    assert re.search(r"Open afspraken eigen organisatie</dt><dd>1</dd>", shown)
    assert "Actief" in shown


def test_a_partners_search_and_filters_fold_away_unless_a_filter_is_set(client, personas):
    client.force_login(personas.petra)
    assert '<details class="caseload-filters" data-open-wide>' in client.get("/casussen/").text
    assert "<summary" in client.get("/casussen/").text
    filtered = client.get("/casussen/?q=Testpersoon").text
    assert '<details class="caseload-filters" data-open-wide open>' in filtered
    assert (
        '<details class="caseload-filters" data-open-wide>'
        in client.get("/casussen/?sort=naam").text
    )


def test_a_coordinator_gets_no_cards(sanne, case_a):
    assert "case-card" not in sanne.get("/casussen/").text


def test_a_partners_cases_cost_the_same_queries_with_1_and_30_rows(client, personas):
    AgreementFactory(case=personas.case_a, partner=personas.politie)
    client.force_login(personas.petra)
    one = page_queries(client, "/casussen/")
    for _ in range(29):
        case = CaseFactory()
        involve(case, personas.politie, by=personas.coordinator)
        ContactFactory(case=case, partner=personas.politie)
        AgreementFactory(case=case, partner=personas.politie)
    thirty = page_queries(client, "/casussen/")
    assert (one[1], thirty[1]) == (1, 25)
    assert one[0] == thirty[0]


def test_a_coordinators_own_cases_cost_the_same_queries_with_1_and_30_rows(sanne, coordinator):
    one = page_queries(sanne, "/casussen/")
    for _ in range(29):
        ContactFactory(case=CaseFactory(coordinator=coordinator))
    thirty = page_queries(sanne, "/casussen/")
    assert (one[1], thirty[1]) == (1, 25)
    assert one[0] == thirty[0]

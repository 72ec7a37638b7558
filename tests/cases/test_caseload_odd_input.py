"""Odd input on the caseload gets a sensible answer quickly (issue 22): a search too short to
mean anything says so and searches nothing, a full case number is looked up by its index,
a page past the end or not a number and an unknown sort fall back, never a 500 or a scan of
every case."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.caseload.queries import caseload
from cases.models import Case
from tests.factories import CaseFactory, YouthFactory

pytestmark = pytest.mark.django_db

TOO_SHORT = "Typ minstens 2 letters of cijfers om te zoeken."


@pytest.fixture
def sanne(client, coordinator):
    client.force_login(coordinator)
    return client


def team(client, headers=None, **params):
    query = {"coordinator": "alle", "status": "alle", **params}
    return client.get("/casussen/", query, headers=headers)


def numbers(response):
    assert response.status_code == 200
    return [case.number for case in response.context["page"].object_list]


def likes_on_cases(queries) -> list[str]:
    return [
        query["sql"]
        for query in queries
        if "cases_case" in query["sql"] and " LIKE " in query["sql"].upper()
    ]


@pytest.mark.parametrize("text", ["a", "%", "%%", "_", "   ", "% _", "a %", "é", "- '"])
def test_a_search_without_two_letters_says_so_and_runs_no_like_on_cases(sanne, case_a, text):
    CaseFactory(youth=YouthFactory(last_name="Aalbers"))
    with CaptureQueriesContext(connection) as queries:
        response = team(sanne, q=text)
    assert TOO_SHORT in response.content.decode()
    assert likes_on_cases(queries) == []
    assert numbers(response) == numbers(team(sanne))  # the list as without a search


def test_two_letters_do_search(sanne, case_a):
    found = CaseFactory(youth=YouthFactory(first_name="Li", last_name="Aalbers"))
    response = team(sanne, q="aa")
    assert TOO_SHORT not in response.content.decode()
    assert numbers(response) == [found.number]


def test_the_htmx_swap_of_the_list_says_it_too(sanne, case_a):
    response = team(sanne, q="a", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert 'class="filters"' not in page
    assert f'<p class="search-note" role="status">{TOO_SHORT}</p>' in page


@pytest.mark.parametrize("typed", ["PGA-2026-0012", "pga 2026 0012", "PGA20260012", "PGA-2026-12"])
def test_a_full_case_number_is_looked_up_without_a_leading_wildcard(sanne, typed):
    case = CaseFactory(number="PGA-2026-0012")
    CaseFactory(number="PGA-2026-0120")
    CaseFactory(number="PGA-2025-0012")
    with CaptureQueriesContext(connection) as queries:
        response = team(sanne, q=typed)
    assert numbers(response) == [case.number]
    assert [sql for sql in likes_on_cases(queries) if "LIKE '%" in sql] == []


def test_a_number_typed_whole_still_finds_the_longer_numbers_that_start_with_it(sanne):
    """As the contains-search did: 'pga' is only ever at the start of a number's key."""
    short = CaseFactory(number="PGA-2026-1234")
    long = CaseFactory(number="PGA-2026-12345")
    assert set(numbers(team(sanne, q="PGA-2026-1234"))) == {short.number, long.number}


def test_a_page_past_the_end_shows_the_last_page(sanne, case_a):
    for _ in range(26):
        CaseFactory()
    last = numbers(team(sanne, pagina=2))
    assert len(last) == 2
    for page in ("3", "99999999999999999999", "-1", "0"):
        assert numbers(team(sanne, pagina=page)) == last, page


def test_a_page_that_is_not_a_number_shows_the_first(sanne, case_a):
    for _ in range(26):
        CaseFactory()
    first = numbers(team(sanne))
    for page in ("x", "1.5", "1e3", "%", "pagina"):
        assert numbers(team(sanne, pagina=page)) == first, page


def test_an_unknown_sort_falls_back_to_the_default_order(sanne, case_a):
    CaseFactory(youth=YouthFactory(last_name="Aalbers"))
    default = numbers(team(sanne))
    for sort in ("onbekend", "-", "--naam", "toegang", "registered_on"):
        response = team(sanne, sort=sort)
        assert numbers(response) == default, sort
        assert "gesorteerd op aanmelddatum, aflopend" in response.content.decode()


def test_the_default_order_is_the_order_of_an_index(coordinator):
    """PostgreSQL uses an index for ORDER BY only with the same NULLS placement: a column
    that is never NULL sorts without NULLS LAST, in the index's order."""
    sql = str(caseload(coordinator, {}).query)
    order = sql[sql.rindex("ORDER BY") :]
    assert "NULLS" not in order
    assert '"registered_on" DESC' in order and '"number" DESC' in order
    assert any(index.fields == ["-registered_on", "-number"] for index in Case._meta.indexes)


def test_search_has_trigram_indexes_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist only on PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexdef LIKE %s", ["%gin_trgm_ops%"]
        )
        names = {row[0] for row in cursor.fetchall()}
    assert {"youth_search_name_trgm_idx", "case_number_key_trgm_idx"} <= names


def test_an_export_with_a_search_too_short_is_refused_not_all_cases(sanne, case_a):
    """The page lists every case beside its message; an export of every case is not what
    was asked for, so it is refused like any other filter that is not valid."""
    response = sanne.get("/casussen/export.csv", {"coordinator": "alle", "q": "a"})
    assert response.status_code == 400
    assert case_a.number not in response.content.decode()

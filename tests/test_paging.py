"""pga.paging.BoundedPaginator: counts no further than it needs, pages on past that."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from pga.paging import BoundedPaginator
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    for _ in range(12):
        CaseFactory()
    return Case.objects.order_by("pk")


def test_a_list_within_the_bound_is_counted_exactly(cases):
    paginator = BoundedPaginator(cases, 5, bound=20)
    assert (paginator.count, paginator.more, paginator.num_pages) == (12, False, 3)
    last = paginator.get_page(3)
    assert not last.has_next() and len(last.object_list) == 2


def test_past_the_bound_it_says_more_and_pages_on(cases):
    paginator = BoundedPaginator(cases, 2, bound=4)  # at least up to the page after page 1
    with CaptureQueriesContext(connection) as queries:
        assert (paginator.count, paginator.more) == (4, True)
    assert len(queries) == 1 and "LIMIT 5" in queries[0]["sql"]  # never every row
    second = paginator.get_page(2)
    assert second.has_next() and second.next_page_number() == 3
    # The next page, asked for, is counted far enough to exist.
    later = BoundedPaginator(cases, 2, asked_page="5", bound=4)
    page = later.get_page("5")
    assert page.number == 5 and [c.pk for c in page.object_list] == list(
        cases.values_list("pk", flat=True)[8:10]
    )
    assert page.has_next()
    last = BoundedPaginator(cases, 2, asked_page=6, bound=4).get_page(6)
    assert last.number == 6 and not last.has_next()


def test_a_page_number_that_is_no_number_is_the_first_page(cases):
    for asked in ("abc", "-3", None, "0"):
        page = BoundedPaginator(cases, 5, asked_page=asked, bound=20).get_page(asked)
        assert page.number in (1, 3)  # Django: not a number → 1, past the end → the last


def test_the_caseload_says_more_than_and_links_on(client, personas, cases):
    client.force_login(personas.coordinator)
    defaults = {**BoundedPaginator.__init__.__kwdefaults__, "bound": 4}
    with (
        mock.patch("cases.caseload.views.PAGE_SIZE", 2),
        mock.patch.object(BoundedPaginator.__init__, "__kwdefaults__", defaults),
    ):
        first = client.get("/casussen/", {"coordinator": "alle", "status": "alle"})
        html = first.content.decode()
        assert "Meer dan 4 casussen" in html and "Pagina 1 van meer dan 2" in html
        third = client.get("/casussen/", {"coordinator": "alle", "status": "alle", "pagina": 3})
    assert third.context["page"].number == 3 and "Volgende pagina" in third.content.decode()

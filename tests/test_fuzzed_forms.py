"""Hostile input at every form and every route: never a 500, never unescaped output, never a
partial save.

The forms are found, not listed: every route that reads on GET and writes on POST (the
access-log table says which) is opened as a coordinator; its fields and their valid values
are read from the page; hypothesis then posts mixes of valid and hostile values, with dates
far in the past and the future for the date fields. Every route of the URL map is also
walked with hostile values in its path and query string, as every kind of visitor.
"""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import get_resolver, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pga.access_log import FORM, ROUTE_ACTIONS, route_name
from tests.test_access_log_completeness import url_for
from tests.test_access_matrix import build_world, walk

SCRIPT = '<script>alert("pga")</script>'
HOSTILE = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE cases_case; --",
    "1 OR 1=1",
    "x" * 5000,
    "\x00nul\x00",
    "\x1b[31mrood\x1b[0m\r\n\t",
    "\u202egnitset\u202c",  # right-to-left override
    "Z\u0351\u0354\u0355a\u0310lgo",
    "😀" * 50,
    "9" * 40,
    "-1",
    "2026-02-31",
    "31-12-9999",
    "",
    " ",
    "None",
    "[]",
    "{}",
]
HOSTILE_DATES = [
    "0001-01-01",
    "1000-01-01",
    "1900-01-01",
    "1969-12-31",
    "1999-12-31",
    "2999-12-31",
    "9999-12-31",
    "0001-01-01T00:00",
    "1900-01-01T10:00",
    "9999-12-31T23:59",
    "2031-06-01T10:00",
    "2026-02-30",
    # As typed in the dd-mm-jjjj and uu:mm text inputs (pga/widgets.py):
    "01-01-0001",
    "31-12-9999",
    "30-02-2026",
    "1/1/1000",
    "00:00",
    "23:59",
    "24:00",
]
# A refused request answers one of these, never 500.
REFUSED = (400, 403, 404, 405, 413)


class FormFields(HTMLParser):
    """name → a valid value, as the page offers it (input value, selected or first option);
    ``dates``: the names of the date and date-time fields."""

    def __init__(self, form_action_marker='method="post"'):
        super().__init__()
        self.fields, self.in_form, self._select, self._textarea = {}, False, None, None
        self.dates = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if (
            tag == "form"
            and (a.get("method") or "").lower() == "post"
            and "uitloggen" not in (a.get("action") or "")
        ):
            self.in_form = True
        if not self.in_form or not a.get("name"):
            if tag == "option" and self._select is not None and self.in_form:
                value = a.get("value", "")
                if "selected" in a or (value and not self.fields.get(self._select)):
                    self.fields[self._select] = value
            return
        name = a["name"]
        if name == "csrfmiddlewaretoken":
            return
        if tag == "input":
            kind = a.get("type", "text")
            classes = (a.get("class") or "").split()
            if kind in ("date", "datetime-local", "month") or {"pga-date", "pga-time"} & set(
                classes
            ):
                self.dates.add(name)
            if kind in ("checkbox", "radio"):
                if "checked" in a or name not in self.fields:
                    self.fields[name] = a.get("value", "on")
            elif kind != "submit":
                self.fields[name] = a.get("value", "")
        elif tag == "select":
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self.in_form = False

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_routes(objects):
    for route in walk(get_resolver().url_patterns):
        if route.route.startswith("^") or "url" in route.parameters:
            continue
        url = url_for(route, objects)
        if ROUTE_ACTIONS.get(route_name(resolve(url))) == FORM:
            yield url


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for label in ("cases", "partners")
        for model in apps.get_app_config(label).get_models()
    }


@pytest.mark.django_db
@settings(
    max_examples=40,  # 300 ran clean on SQLite and PostgreSQL when this was written
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_input_at_every_form(client, personas, data):
    if not hasattr(personas, "_objects"):
        personas._objects = build_world(personas)
        personas._urls = sorted(set(form_routes(personas._objects)))
    assert len(personas._urls) >= 12, personas._urls
    # Each example starts from the same data: what one example saved is rolled back.
    with transaction.atomic():
        try_one_form(client, personas, data)
        transaction.set_rollback(True)


def try_one_form(client, personas, data):
    user = data.draw(st.sampled_from([personas.coordinator, personas.petra]), label="user")
    client.force_login(user)
    url = data.draw(st.sampled_from(personas._urls), label="url")
    page = client.get(url)
    if page.status_code != 200:
        assert page.status_code in (302, *REFUSED), (url, page.status_code)
        return
    parser = FormFields()
    parser.feed(page.content.decode())
    posted = {
        name: data.draw(
            st.one_of(st.just(value), st.sampled_from(HOSTILE_DATES))
            if name in parser.dates
            else st.one_of(st.just(value), st.sampled_from(HOSTILE), st.text(max_size=300)),
            label=name,
        )
        for name, value in parser.fields.items()
    }
    before = row_counts()
    response = client.post(url, posted)
    assert response.status_code in (200, 302, *REFUSED), (url, response.status_code)
    body = response.content.decode()
    assert SCRIPT not in body, url  # escaped wherever it is shown
    if response.status_code != 302:
        assert row_counts() == before, url  # refused input saves nothing, not even in part


# Every route, hostile values in the path and the query string. ------------------------------

HOSTILE_PATH_VALUES = [
    "0",
    "9223372036854775808",  # one past the largest bigint
    "99999999999999999999",
    "%00",
    "1%00",
    "abc",
    "0001-01",
    "9999-12",
    "2026-00",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
]
HOSTILE_QUERIES = [
    {"q": "\x00"},
    {"q": "x" * 5000},
    {"pagina": "99999999999999999999"},
    {"pagina": "-1"},
    {"tab": SCRIPT},
    {"status": "\x00"},
    {"sort": "-nummer; DROP TABLE"},
    {"registered_from": "0001-01-01", "closed_from": "9999-12-31"},
    {"registered_from": "2026-02-30"},
    {"month": "0001-01"},
    {"month": "9999-12"},
    {"ending_within": "99999999999999999999"},
    {"no_contact_days": "-5"},
    {"next": "https://evil.example/"},
    {"alle": "1", "partner": "99999999999999999999", "district": "\x00"},
]


def hostile_urls(route):
    """The route with each hostile value in each of its parameters (the others valid)."""
    pattern = route.route
    for value in HOSTILE_PATH_VALUES:
        if not route.parameters:
            break
        yield "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, pattern)


@pytest.mark.django_db
def test_every_route_answers_hostile_paths_and_queries_without_a_server_error(
    client, personas, capsys
):
    objects = build_world(personas)
    client.raise_request_exception = False
    # Who tries what: everyone reads; those who may write somewhere also post.
    visitors = [
        (personas.coordinator, ("get", "post")),
        (personas.beheer, ("get", "post")),
        (personas.petra, ("get",)),
        (None, ("get",)),
    ]
    tried, errors = 0, []
    for user, methods in visitors:
        for route in walk(get_resolver().url_patterns):
            if route.route.startswith("^") or route.name == "logout":
                continue
            if route.is_admin and user not in (personas.coordinator, personas.beheer):
                continue  # the admin sends them to its login before it reads anything
            client.logout()
            if user is not None:
                client.force_login(user)
            requests = [(method, url, {}) for url in hostile_urls(route) for method in methods]
            if not route.is_admin:
                valid = url_for(route, objects)
                requests += [("get", valid, query) for query in HOSTILE_QUERIES]
            for method, path, query in requests:
                response = getattr(client, method)(path, query)
                tried += 1
                if response.status_code >= 500:
                    errors.append(f"{method.upper()} {path} {query} → {response.status_code}")
    with capsys.disabled():
        print(f"\nhostile routes: {tried} requests, {len(errors)} server errors")
    assert tried > 4000
    assert errors == [], "\n".join(errors)

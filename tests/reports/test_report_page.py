"""The Sturingsinformatie page and its exports: who may see them, bad input answered at the
field, small numbers suppressed everywhere, every request logged with its filter."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from cases.models import District
from pga.models import AccessLog
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

THIS_MONTH = f"{timezone.localdate():%Y-%m}"
TABLES = ["instroom", "status", "afsluiting", "doorlooptijd", "interventies", "afspraken",
          "toetsen", "informeren"]  # fmt: skip


def test_management_lands_on_the_page_and_sees_no_case(client, personas, marloes):
    client.force_login(marloes)
    assert client.get("/").url == "/sturing/"
    page = client.get("/sturing/").content.decode()
    assert "Sturingsinformatie" in page and "&lt; 5" in page
    assert personas.case_a.number not in page and personas.case_a.youth.last_name not in page
    assert 'href="/sturing/"' in page.split("</nav>")[0]


def test_a_coordinator_reaches_it_from_the_menu(client, personas):
    client.force_login(personas.coordinator)
    page = client.get("/").content.decode()
    assert 'href="/sturing/"' in page.split("</nav>")[0]
    assert client.get("/sturing/").status_code == 200


@pytest.mark.parametrize("url", ["/sturing/", "/sturing/instroom.csv", "/sturing/status.xlsx"])
def test_partner_employees_and_beheer_are_refused(client, personas, url):
    for user in (personas.petra, personas.wim, personas.beheer):
        client.force_login(user)
        assert client.get(url).status_code == 403, user


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"van": "2026-05", "tot": "2026-01"}, "tot", "eindigt voordat hij begint"),
        ({"van": "2020-01", "tot": "2024-01"}, "tot", "hoogstens 36 maanden"),
        ({"district": "999999"}, "district", "Kies een gebied uit de lijst"),
        ({"district": "Charlois"}, "district", "Kies een gebied uit de lijst"),
        ({"van": "mei"}, "van", "bijvoorbeeld 2026-01"),
        ({"van": "2026-13"}, "van", "bijvoorbeeld 2026-01"),
        ({"van": "0000-01"}, "van", "bijvoorbeeld 2026-01"),
        ({"tot": "2999-01"}, "tot", "toekomst"),
    ],
)
def test_bad_input_is_answered_in_dutch_at_the_field(client, marloes, query, field, message):
    client.force_login(marloes)
    response = client.get("/sturing/", query)
    assert response.status_code == 200
    page = response.content.decode()
    error = page.split(f'id="id_{field}_error"')[1][:300]
    assert message in error
    for value in query.values():
        assert (
            f'value="{value}"' in page
            or f'value="{value}" selected' in page
            or (field == "district")
        )


def test_a_district_of_three_shows_less_than_five_everywhere(client, marloes, three_in_ijsselmonde):
    client.force_login(marloes)
    query = {"district": three_in_ijsselmonde.pk}
    page = client.get("/sturing/", query).content.decode()
    main = page.split("<main")[1]
    assert ">3<" not in main and "&lt; 5" in main
    rows = list(
        csv.reader(
            io.StringIO(client.get("/sturing/instroom.csv", query).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert rows[0] == ["Maand", "Instroom (aangemeld)", "Uitstroom (afgesloten)"]
    assert rows[-1] == ["Totaal over de periode", "< 5", "0"]
    assert "3" not in [cell for row in rows[1:] for cell in row[1:]]
    book = load_workbook(io.BytesIO(client.get("/sturing/instroom.xlsx", query).content))
    sheet = list(book.active.iter_rows(values_only=True))
    assert "IJsselmonde" in sheet[0][0] and sheet[1][0] == "Maand"
    assert sheet[-1] == ("Totaal over de periode", "< 5", 0)
    status = list(book.active.iter_rows(values_only=True))
    assert 3 not in [v for row in status[2:] for v in row[1:]]


def test_the_csv_is_what_dutch_excel_opens(client, marloes):
    client.force_login(marloes)
    response = client.get("/sturing/afsluiting.csv", {"van": "2026-01", "tot": THIS_MONTH})
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode()) and b";" in response.content
    assert "attachment" in response["Content-Disposition"]


def test_every_table_downloads_and_an_unknown_one_is_404(client, marloes):
    client.force_login(marloes)
    for table in TABLES:
        assert client.get(f"/sturing/{table}.csv").status_code == 200, table
        assert client.get(f"/sturing/{table}.xlsx").status_code == 200, table
    assert client.get("/sturing/personen.csv").status_code == 404
    assert client.get("/sturing/instroom.csv", {"van": "nooit"}).status_code == 400


def test_the_page_and_every_export_are_logged_with_their_filter(client, marloes):
    place = District.objects.get(name="Charlois")
    client.force_login(marloes)
    query = {"van": "2026-01", "tot": THIS_MONTH, "district": place.pk}
    client.get("/sturing/", query)
    client.get("/sturing/toetsen.xlsx", query)
    page, export = AccessLog.objects.order_by("-pk")[:2][::-1]
    assert (page.route, page.action, export.route, export.action) == (
        "cases:report",
        "list",
        "cases:report_xlsx",
        "download",
    )
    for row in (page, export):
        assert f"district={place.pk}" in row.detail and "van=2026-01" in row.detail


def page_queries(client):
    """The page with its figures counted again (the work a worker does; without a broker,
    within the request)."""
    client.get("/sturing/", {"opnieuw": "1"}, follow=True)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sturing/", {"opnieuw": "1"}, follow=True).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_one_case_as_for_thirty(client, personas, marloes):
    client.force_login(marloes)
    few = page_queries(client)
    for days in range(30):
        CaseFactory(registered_on=timezone.localdate() - timedelta(days=days + 1))
    assert page_queries(client) == few


def test_a_wrong_district_and_a_wrong_period_are_both_shown(client, marloes):
    client.force_login(marloes)
    page = client.get("/sturing/", {"van": "2026-05", "tot": "2026-01", "district": "x"})
    text = page.content.decode()
    assert "eindigt voordat hij begint" in text and "Kies een gebied uit de lijst" in text

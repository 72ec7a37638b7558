"""The caseload as CSV/XLSX (issue 21): the page's rows, all of them, in the page's order,
with the page's columns; a partner's export holds only what its page shows; never a BSN."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from cases.caseload import export
from cases.caseload.views import COLUMNS, PARTNER_COLUMNS
from cases.models import CaseStatus, ClosureReason, InformationLevel, Priority
from pga.access_log import fingerprint
from pga.models import AccessAction, AccessLog
from tests.base import involve
from tests.factories import CaseFactory, ContactFactory, PartnerFactory, YouthFactory

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def xlsx_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.values]


def page_numbers(client, **params) -> list[str]:
    response = client.get("/casussen/", params)
    assert response.status_code == 200
    return [case.number for case in response.context["page"].object_list]


def everything(rows) -> str:
    return "\n".join(";".join(row) for row in rows)


@pytest.fixture
def sanne(client, coordinator):
    client.force_login(coordinator)
    return client


def test_a_coordinator_exports_the_filtered_rows_in_order_with_the_page_columns(sanne, case_a):
    young = CaseFactory(
        priority=Priority.HOOG, youth=YouthFactory(first_name="Ayoub", last_name="Idrissi")
    )
    CaseFactory(
        status=CaseStatus.AFGESLOTEN,
        closed_on=timezone.localdate(),
        closure_reason=ClosureReason.DOELEN_BEREIKT,
    )
    params = {"coordinator": "alle", "sort": "nummer"}
    shown = page_numbers(sanne, **params)
    assert len(shown) == 2  # the closed case is not in the default (open) list
    for response in (
        sanne.get("/casussen/export.csv", params),
        sanne.get("/casussen/export.xlsx", params),
    ):
        is_csv = response["Content-Type"].startswith("text/csv")
        rows = csv_rows(response) if is_csv else xlsx_rows(response)
        assert rows[0] == [label for _key, label in COLUMNS]
        assert [row[0] for row in rows[1:]] == shown
        row = rows[1 + shown.index(young.number)]
        assert row[1] == str(young.youth) and row[5] == "Hoog"
        assert row[7] == young.registered_on.strftime("%d-%m-%Y")


def test_filters_apply_status_and_search(sanne, case_a):
    closed = CaseFactory(
        status=CaseStatus.AFGESLOTEN,
        closed_on=timezone.localdate(),
        closure_reason=ClosureReason.DOELEN_BEREIKT,
    )
    ayoub = CaseFactory(youth=YouthFactory(first_name="Ayoub", last_name="Idrissi"))
    rows = csv_rows(
        sanne.get("/casussen/export.csv", {"coordinator": "alle", "status": "afgesloten"})
    )
    assert [row[0] for row in rows[1:]] == [closed.number]
    rows = xlsx_rows(sanne.get("/casussen/export.xlsx", {"coordinator": "alle", "q": "ayoub"}))
    assert [row[0] for row in rows[1:]] == [ayoub.number]
    # Without a coordinator filter a coordinator's export holds their own cases, as the page.
    own = csv_rows(sanne.get("/casussen/export.csv"))
    assert [row[0] for row in own[1:]] == page_numbers(sanne) == [case_a.number]


def test_an_invalid_filter_is_refused_with_400(sanne, case_a):
    for url in ("/casussen/export.csv", "/casussen/export.xlsx"):
        response = sanne.get(url, {"priority": "x", "registered_from": "31-02-2026"})
        assert response.status_code == 400
        assert "filters" in response.content.decode()


def test_no_bsn_in_any_export(sanne, client, personas, case_a):
    bsn = case_a.youth.bsn
    assert bsn
    for who in (personas.coordinator, personas.petra):
        client.force_login(who)
        assert bsn not in everything(
            csv_rows(client.get("/casussen/export.csv", {"status": "alle"}))
        )
        assert bsn not in everything(xlsx_rows(client.get("/casussen/export.xlsx")))
        assert "BSN" not in everything(csv_rows(client.get("/casussen/export.csv")))


def test_a_partner_exports_only_what_its_page_shows(client, personas, case_a):
    CaseFactory()  # no one's but the team's
    involve(CaseFactory(), PartnerFactory(), by=personas.coordinator)  # another organisation's
    dat = CaseFactory(priority=Priority.HOOG, next_review_on=timezone.localdate() + timedelta(30))
    involve(
        dat,
        personas.politie,
        by=personas.coordinator,
        information_level=InformationLevel.DAT,
        contact_person=personas.petra,
    )
    client.force_login(personas.petra)
    shown = page_numbers(client)
    assert set(shown) == {case_a.number, dat.number}
    for rows in (
        csv_rows(client.get("/casussen/export.csv")),
        xlsx_rows(client.get("/casussen/export.xlsx")),
    ):
        assert rows[0] == [label for _key, label in PARTNER_COLUMNS]
        assert [row[0] for row in rows[1:]] == shown
        dat_row = dict(zip(rows[0], rows[1 + shown.index(dat.number)], strict=True))
        # A 'dat' case: no area, priority or review date, as on the page.
        assert dat_row["Gebied"] == dat_row["Prioriteit"] == dat_row["Volgende evaluatie"] == ""
        assert dat_row["Uw toegang"].startswith("Dat-informatie · t/m ")
        wat_row = dict(zip(rows[0], rows[1 + shown.index(case_a.number)], strict=True))
        assert wat_row["Uw toegang"].startswith("Wat-informatie")
        assert wat_row["Prioriteit"] == case_a.get_priority_display()


def test_a_partner_in_nothing_exports_an_empty_list(client, personas, case_a):
    client.force_login(personas.wim)
    for rows in (
        csv_rows(client.get("/casussen/export.csv", {"status": "alle"})),
        xlsx_rows(client.get("/casussen/export.xlsx", {"status": "alle"})),
    ):
        assert rows == [[label for _key, label in PARTNER_COLUMNS]]


def test_a_partner_cannot_widen_its_export_by_filters(client, personas, case_a):
    other = involve(CaseFactory(), PartnerFactory(), by=personas.coordinator).case
    client.force_login(personas.petra)
    rows = csv_rows(
        client.get(
            "/casussen/export.csv", {"coordinator": "alle", "q": other.number, "status": "alle"}
        )
    )
    assert rows[1:] == []


def test_each_export_is_logged_with_its_filters_as_the_page_is(sanne, case_a):
    params = {"coordinator": "alle", "status": "alle", "q": case_a.youth.last_name}
    sanne.get("/casussen/", params)
    sanne.get("/casussen/export.csv", params)
    sanne.get("/casussen/export.xlsx", params)
    as_xlsx, as_csv, page = AccessLog.objects.order_by("-pk")[:3]
    assert page.route == "cases:case_list"
    assert (as_csv.route, as_xlsx.route) == ("cases:case_list_csv", "cases:case_list_xlsx")
    assert as_csv.action == as_xlsx.action == AccessAction.DOWNLOAD
    assert as_csv.detail == as_xlsx.detail == page.detail
    assert fingerprint(case_a.youth.last_name) in as_csv.detail
    assert case_a.youth.last_name not in as_csv.detail
    assert "status=alle" in as_csv.detail


def test_the_export_costs_the_same_queries_with_1_and_30_rows(sanne, case_a):
    ContactFactory(case=case_a)

    def queries():
        sanne.get("/casussen/export.csv?coordinator=alle")  # renews the session first
        with CaptureQueriesContext(connection) as captured:
            rows = csv_rows(sanne.get("/casussen/export.csv?coordinator=alle"))
        return len(captured), len(rows) - 1

    one = queries()
    for _ in range(29):
        ContactFactory(case=CaseFactory())
    thirty = queries()
    assert (one[1], thirty[1]) == (1, 30)  # every row, not a page of 25
    assert one[0] == thirty[0]


def test_a_long_list_is_cut_off_and_says_so(sanne, case_a, monkeypatch):
    monkeypatch.setattr(export, "MAX_ROWS", 2)
    CaseFactory()
    CaseFactory()
    rows = csv_rows(sanne.get("/casussen/export.csv?coordinator=alle"))
    assert len(rows) == 1 + 2 + 1
    assert rows[-1][0].startswith("Afgebroken na 2 casussen")


def test_a_name_that_looks_like_a_formula_stays_text(sanne, case_a):
    CaseFactory(youth=YouthFactory(first_name="=HYPERLINK(1)", last_name="Xu"))
    rows = xlsx_rows(sanne.get("/casussen/export.xlsx?coordinator=alle&q=Xu"))
    assert any(row[1].startswith("'=HYPERLINK") for row in rows[1:])


def test_the_page_links_to_the_export_with_its_filters(sanne, case_a):
    page = sanne.get("/casussen/?coordinator=alle&status=alle", HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert "/casussen/export.csv?coordinator=alle&amp;status=alle" in html
    assert "/casussen/export.xlsx?coordinator=alle&amp;status=alle" in html

"""Odd input gets a clean Dutch 400 or 404 and its row in the access log, never a 500 without
one; a form that is refused keeps what was typed. (The fuzz tests in test_fuzzed_forms.py
walk every route and form; these are the cases found by hand, kept as named examples.)"""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from pga.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def sanne(client, coordinator):
    client.raise_request_exception = False
    client.force_login(coordinator)
    return client


def last_row():
    return AccessLog.objects.order_by("-pk").first()


def test_a_month_before_the_product_existed_is_a_404(sanne):
    response = sanne.get("/maandoverzichten/0001-01.pdf")
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
    row = last_row()
    assert (row.route, row.result) == ("cases:caseload_overview_pdf", "refused")


def test_a_nul_byte_in_the_query_is_a_dutch_400_and_logged(sanne):
    response = sanne.get("/casussen/", {"q": "\x00"})
    assert response.status_code == 400
    assert "Ongeldige invoer" in response.content.decode()
    row = last_row()
    assert (row.route, row.action, row.result) == ("cases:case_list", "list", "refused")
    assert "\x00" not in row.detail


def test_an_id_out_of_range_is_a_404_and_logged(sanne):
    response = sanne.get("/casussen/99999999999999999999/")
    assert response.status_code == 404
    row = last_row()
    assert (row.route, row.result, row.case_id) == ("cases:case_detail", "refused", None)
    assert row.object_id == "99999999999999999999"


def test_an_id_out_of_range_in_beheer_is_a_404(client, beheer):
    client.raise_request_exception = False
    client.force_login(beheer)
    assert client.get("/beheer/cases/district/99999999999999999999/change/").status_code in (
        302,
        404,
    )
    assert client.get("/beheer/cases/district/abc/history/").status_code == 404


def test_a_login_with_a_nul_byte_is_a_400_and_logged_without_the_name(client, coordinator):
    client.raise_request_exception = False
    response = client.post("/inloggen/", {"username": "san\x00ne", "password": "x"})
    assert response.status_code == 400
    row = last_row()
    assert (row.route, row.action, row.result) == ("login", "login_failed", "refused")
    assert row.detail == "onbekende gebruikersnaam"


def test_a_body_over_the_limit_is_refused_before_it_is_read(sanne, case_a, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = sanne.post(
        f"/casussen/{case_a.pk}/contacten/nieuw/", {"summary": "x" * 20_000, "kind": "gesprek"}
    )
    assert response.status_code == 413
    assert "te groot" in response.content.decode()
    assert not case_a.contacts.exists()
    row = last_row()
    assert (row.route, row.result) == ("cases:contact_create", "refused")


def test_a_server_error_is_a_dutch_page_with_its_log_row(sanne, case_a):
    with mock.patch("cases.casefile.views.case_page_context", side_effect=RuntimeError("kapot")):
        response = sanne.get(f"/casussen/{case_a.pk}/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    row = last_row()
    assert (row.route, row.result, row.case_id) == ("cases:case_detail", "error", case_a.pk)


def test_registered_after_the_start_is_an_error_at_the_field_and_keeps_the_input(sanne, case_a):
    later = case_a.started_on + timedelta(days=3)
    page = sanne.get(f"/casussen/{case_a.pk}/bewerken/")
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(registered_on=later.isoformat(), plan="Het plan dat ik net typte")
    response = sanne.post(f"/casussen/{case_a.pk}/bewerken/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["registered_on"] == [
        f"De aanmelddatum kan niet na de startdatum ({case_a.started_on:%d-%m-%Y}) liggen."
    ]
    assert "Het plan dat ik net typte" in response.content.decode()
    case_a.refresh_from_db()
    assert case_a.registered_on != later


def test_a_future_registration_is_refused_at_the_field(sanne, case_a):
    page = sanne.get(f"/casussen/{case_a.pk}/bewerken/")
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["registered_on"] = (timezone.localdate() + timedelta(days=400)).isoformat()
    response = sanne.post(f"/casussen/{case_a.pk}/bewerken/", data)
    assert "registered_on" in response.context["form"].errors


def test_odd_input_at_an_address_that_is_no_page_is_logged_too(sanne):
    response = sanne.get("/casussen/%00/")
    assert response.status_code == 400
    row = last_row()
    assert (row.route, row.result, row.username) == ("", "refused", "sanne")
    assert row.detail.startswith("onbekende pagina: /casussen/")
    assert "\x00" not in row.detail
    sanne.get("/casussen/Zwartevelden%00/")  # a name typed into the address bar
    assert "Zwartevelden" not in last_row().detail
    assert last_row().detail.startswith("onbekende pagina: /casussen/#")
    before = AccessLog.objects.count()
    sanne.get("/bestaat-niet/")  # an ordinary 404 of an unknown address is no odd input
    assert AccessLog.objects.count() == before


def test_a_404_is_the_dutch_page_also_with_debug_on(sanne, settings):
    """The demo runs with DEBUG on; Django's own 404 page would be English and technical."""
    settings.DEBUG = True
    for path in ("/bestaat-niet/", "/casussen/999999/", "/maandoverzichten/2026-13.pdf"):
        response = sanne.get(path)
        assert response.status_code == 404
        page = response.content.decode()
        assert "Niet gevonden" in page and "Page not found" not in page, path

"""The API reads what the system account's organisation may see, and nothing else: another
organisation's case, a restricted contact of another organisation, a BSN never leave it."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from cases.models import ContactVisibility, InformationLevel
from pga.models import AccessLog, AccessResult
from tests.api.helpers import api_get, api_key, system_account
from tests.base import involve
from tests.factories import CaseFactory, ContactFactory, InterventionFactory

LIST = "/api/v1/casussen/"
pytestmark = pytest.mark.django_db


def body(response):
    return json.loads(response.content)


@pytest.fixture
def politie_key(personas):
    return api_key(system_account("zvh-politie", partner=personas.politie), personas.beheer)


@pytest.fixture
def woning_key(personas):
    return api_key(system_account("zvh-woning", partner=personas.woningcorporatie), personas.beheer)


@pytest.fixture
def management_key(personas):
    return api_key(system_account("datawarehouse", management=True), personas.beheer)


def every_answer(client, key, case):
    """The JSON of every endpoint about ``case`` (and the list) as this key reads it."""
    urls = [
        LIST,
        f"{LIST}{case.pk}/",
        f"{LIST}{case.pk}/contactmomenten/",
        f"{LIST}{case.pk}/interventies/",
    ]
    return {url: api_get(client, url, key) for url in urls}


def test_a_partner_reads_its_own_cases_and_nothing_of_another_organisations(
    client, personas, politie_key, woning_key
):
    case_a = personas.case_a
    other = CaseFactory(coordinator=personas.coordinator)
    involve(other, personas.woningcorporatie, by=personas.coordinator)

    listed = body(api_get(client, LIST, politie_key))
    assert [row["casusnummer"] for row in listed["resultaten"]] == [case_a.number]
    assert listed["aantal"] == 1
    row = listed["resultaten"][0]
    assert row["jongere"]["naam"] == case_a.youth.full_name
    assert row["informatieniveau"] in ("wat", "dat")

    assert api_get(client, f"{LIST}{other.pk}/", politie_key).status_code == 404
    assert api_get(client, f"{LIST}{other.pk}/contactmomenten/", politie_key).status_code == 404
    assert api_get(client, f"{LIST}{other.pk}/interventies/", politie_key).status_code == 404
    for url, response in every_answer(client, woning_key, case_a).items():
        if url == LIST:
            assert [r["id"] for r in body(response)["resultaten"]] == [other.pk]
        else:
            assert response.status_code == 404, url
            assert response["Content-Type"] == "application/problem+json"


def test_restricted_contacts_of_another_organisation_and_bsns_never_leave(
    client, personas, politie_key, woning_key
):
    case = personas.case_a
    case.youth.bsn = "999990019"
    case.youth.save()
    involve(
        case,
        personas.woningcorporatie,
        by=personas.coordinator,
        information_level=InformationLevel.WAT,
        level_reason="Overlast in de flat",
    )
    secret = ContactFactory(
        case=case,
        partner=personas.politie,
        summary="Afgeschermd politie",
        visibility=ContactVisibility.RESTRICTED,
    )
    shared = ContactFactory(
        case=case,
        partner=personas.politie,
        summary="Gedeeld met allen",
        visibility=ContactVisibility.SHARED,
    )
    own = ContactFactory(
        case=case,
        partner=personas.woningcorporatie,
        summary="Eigen woning",
        visibility=ContactVisibility.RESTRICTED,
    )
    InterventionFactory(case=case)

    woning = every_answer(client, woning_key, case)
    contacts = body(woning[f"{LIST}{case.pk}/contactmomenten/"])["resultaten"]
    assert {c["id"] for c in contacts} == {shared.pk, own.pk}
    politie = body(api_get(client, f"{LIST}{case.pk}/contactmomenten/", politie_key))
    assert {c["id"] for c in politie["resultaten"]} == {secret.pk, shared.pk}
    for answers in (woning, every_answer(client, politie_key, case)):
        for url, response in answers.items():
            assert response.status_code == 200, (url, response.content)
            text = response.content.decode()
            assert "999990019" not in text and "bsn" not in text.lower(), url
    woning_text = " ".join(r.content.decode() for r in woning.values())
    assert "Afgeschermd politie" not in woning_text
    assert str(secret.pk) not in [str(c["id"]) for c in contacts]


def test_at_the_dat_level_no_content_and_no_priority(client, personas, woning_key):
    case = personas.case_a
    involve(
        case,
        personas.woningcorporatie,
        by=personas.coordinator,
        information_level=InformationLevel.DAT,
    )
    ContactFactory(
        case=case, partner=personas.politie, summary="Gedeeld", visibility=ContactVisibility.SHARED
    )
    row = body(api_get(client, f"{LIST}{case.pk}/", woning_key))
    assert row["informatieniveau"] == "dat" and row["prioriteit"] is None
    assert {b["organisatie"] for b in row["betrokkenen"]} == {
        personas.politie.name,
        personas.woningcorporatie.name,
    }
    contacts = body(api_get(client, f"{LIST}{case.pk}/contactmomenten/", woning_key))
    assert contacts["resultaten"] == []


def test_management_reads_suppressed_figures_only(client, personas, management_key, politie_key):
    for url in (LIST, f"{LIST}{personas.case_a.pk}/"):
        response = api_get(client, url, management_key)
        assert response.status_code == 403
        assert body(response)["title"] == "Geen toegang"
    figures = body(api_get(client, "/api/v1/cijfers/", management_key))
    assert figures["minimum_aantal"] == 5
    inflow = next(t for t in figures["tabellen"] if t["tabel"] == "instroom")
    cells = [cell for row in inflow["rijen"] for cell in row["waarden"]]
    # One case in the whole city: its month's inflow is "< 5", and no cell shows a 1.
    assert any(cell["onderdrukt"] and cell["tekst"] == "< 5" for cell in cells)
    assert all(cell["waarde"] not in (1, 2, 3, 4) for cell in cells)
    assert api_get(client, "/api/v1/cijfers/", politie_key).status_code == 403


@pytest.mark.parametrize(
    ("url", "params", "status", "field"),
    [
        (LIST, {"pagina_grootte": "500"}, 400, "pagina_grootte"),
        (LIST, {"pagina_grootte": "nul"}, 400, "pagina_grootte"),
        (LIST, {"pagina": "abc"}, 400, "pagina"),
        (LIST, {"pagina": "0"}, 400, "pagina"),
        (LIST, {"pagina": "99"}, 404, None),
        (LIST, {"gewijzigd_sinds": "gisteren"}, 400, "gewijzigd_sinds"),
        (LIST, {"gewijzigd_sinds": "2026-02-30"}, 400, "gewijzigd_sinds"),
        ("/api/v1/cijfers/", {"van": "2026-13"}, 400, "van"),
        ("/api/v1/cijfers/", {"van": "2026-05", "tot": "2026-01"}, 400, "tot"),
        ("/api/v1/cijfers/", {"van": "2020-01", "tot": "2026-01"}, 400, "tot"),
        ("/api/v1/cijfers/", {"gebied": "abc"}, 400, "gebied"),
        ("/api/v1/cijfers/", {"gebied": "99999"}, 400, "gebied"),
        ("/api/v1/onbekend/", {}, 404, None),
    ],
)
def test_bad_input_gets_dutch_problem_details_and_is_logged(
    client, personas, politie_key, management_key, url, params, status, field
):
    key = management_key if "cijfers" in url else politie_key
    response = api_get(client, url, key, **params)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    problem = body(response)
    assert problem["status"] == status and problem["instance"] == url
    assert problem["title"] in ("Ongeldige invoer", "Niet gevonden")
    if field:
        assert list(problem["fouten"]) == [field]
        assert problem["fouten"][field][0][0].isupper()  # a Dutch sentence, not a code
    row = AccessLog.objects.latest("pk")
    assert row.result == AccessResult.REFUSED
    assert row.route in ("api:case_list", "api:figures", "api:not_found")


def test_writing_is_refused(client, politie_key):
    response = client.post(LIST, HTTP_AUTHORIZATION=f"Bearer {politie_key}")
    assert response.status_code == 405
    assert body(response)["detail"] == "De API kan alleen lezen: gebruik GET."


def test_incremental_reads_with_gewijzigd_sinds(client, personas, politie_key):
    case = personas.case_a
    before = timezone.now()
    assert (
        body(api_get(client, LIST, politie_key, gewijzigd_sinds=before.isoformat()))["resultaten"]
        == []
    )
    case.next_steps = "Gesprek met school"
    case.save()
    changed = body(api_get(client, LIST, politie_key, gewijzigd_sinds=before.isoformat()))
    assert [r["id"] for r in changed["resultaten"]] == [case.pk]
    assert changed["resultaten"][0]["gewijzigd_op"] >= before.isoformat()[:19]
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert body(api_get(client, LIST, politie_key, gewijzigd_sinds=day))["aantal"] == 1


def test_pages(client, personas, politie_key):
    for _ in range(2):
        involve(
            CaseFactory(coordinator=personas.coordinator), personas.politie, by=personas.coordinator
        )
    first = body(api_get(client, LIST, politie_key, pagina_grootte=2))
    assert first["aantal"] == 3 and len(first["resultaten"]) == 2
    assert first["vorige"] is None and "pagina=2" in first["volgende"]
    second = body(api_get(client, LIST, politie_key, pagina_grootte=2, pagina=2))
    assert len(second["resultaten"]) == 1 and second["volgende"] is None
    ids = [r["id"] for r in first["resultaten"] + second["resultaten"]]
    assert ids == sorted(ids)


def test_every_request_is_in_the_access_log_with_the_cases_it_named(client, personas, politie_key):
    api_get(client, LIST, politie_key)
    row = AccessLog.objects.latest("pk")
    assert (row.route, row.username, row.organisation) == (
        "api:case_list",
        "zvh-politie",
        personas.politie.name,
    )
    assert personas.case_a.number in row.detail and row.result == AccessResult.ALLOWED
    api_get(client, f"{LIST}{personas.case_a.pk}/contactmomenten/", politie_key)
    row = AccessLog.objects.latest("pk")
    assert (row.route, row.case_id) == ("api:case_contacts", personas.case_a.pk)
    api_get(client, LIST, "pga_onzin_sleutel")
    row = AccessLog.objects.latest("pk")
    assert (row.route, row.result, row.username) == ("api:case_list", AccessResult.REFUSED, "")


def test_rate_limit_per_account(client, politie_key):
    with override_settings(API_RATE_LIMIT="3/minute"):
        answers = [api_get(client, LIST, politie_key) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert "probeer het over" in body(answers[-1])["detail"]


def test_the_list_asks_the_same_number_of_queries_for_1_and_30_cases(client, personas, politie_key):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = api_get(client, LIST, politie_key, pagina_grootte=100)
        return len(queries), body(response)["aantal"]

    one = count()
    for _ in range(29):
        involve(
            CaseFactory(coordinator=personas.coordinator), personas.politie, by=personas.coordinator
        )
    thirty = count()
    assert (one[1], thirty[1]) == (1, 30)
    assert one[0] == thirty[0]


def test_at_the_dat_level_no_change_is_dated_and_no_level_of_others_shown(
    client, personas, woning_key
):
    case = personas.case_a
    involve(
        case,
        personas.woningcorporatie,
        by=personas.coordinator,
        information_level=InformationLevel.DAT,
    )
    row = body(api_get(client, f"{LIST}{case.pk}/", woning_key))
    assert row["gewijzigd_op"] is None
    assert [b["informatieniveau"] for b in row["betrokkenen"]] == [None, None]
    # Nothing dated, so an incremental read always returns it (and learns nothing from that).
    later = (timezone.now() + timedelta(days=1)).isoformat()
    listed = body(api_get(client, LIST, woning_key, gewijzigd_sinds=later))
    assert [r["id"] for r in listed["resultaten"]] == [case.pk]


def test_a_toets_dates_no_change_for_a_partner(client, personas, politie_key):
    from cases.permissions import TOETS_RECORDED_REASON
    from pga.history import stamp

    case = personas.case_a
    seen = body(api_get(client, f"{LIST}{case.pk}/", politie_key))["gewijzigd_op"]
    before = timezone.now()
    case.next_toets_on = timezone.localdate() + timedelta(days=91)
    stamp(case, by=personas.coordinator, reason=TOETS_RECORDED_REASON)
    case.save()
    assert body(api_get(client, f"{LIST}{case.pk}/", politie_key))["gewijzigd_op"] == seen
    since = body(api_get(client, LIST, politie_key, gewijzigd_sinds=before.isoformat()))
    assert since["aantal"] == 0


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer a b", "Bearer pga_onbekend"])
def test_requests_without_a_working_token_are_limited_per_address(client, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    with override_settings(API_RATE_LIMIT_REFUSED="3/minute"):
        answers = [client.get(LIST, **extra).status_code for _ in range(4)]
    assert answers == [401, 401, 401, 429]


def test_the_access_log_names_a_refused_token_and_its_account(client, personas):
    from partners.models import ApiToken
    from partners.tokens import revoke_api_token

    key = api_key(system_account("zvh-oud", partner=personas.politie), personas.beheer)
    token = ApiToken.objects.get(user__username="zvh-oud")
    revoke_api_token(token, by=personas.beheer, reason="Koppeling beëindigd")
    api_get(client, LIST, key)
    row = AccessLog.objects.latest("pk")
    assert row.result == AccessResult.REFUSED
    assert f"token {token.prefix}… van zvh-oud geweigerd: Dit token is ingetrokken." in row.detail
    assert key not in row.detail

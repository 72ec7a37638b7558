"""Search people expect (issue 19): case and accents never matter, a name prefix may be typed
apart or together, a case number with or without its dashes; the same on SQLite and
PostgreSQL, and never past what the user may see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case, InformationLevel, Youth
from cases.people.services import update_youth
from cases.search.keys import NUMBER_KEY, search_key
from tests.base import involve, migrate, migrate_to_latest
from tests.factories import (
    CaseFactory,
    MembershipFactory,
    PartnerFactory,
    UserFactory,
    YouthFactory,
)

pytestmark = pytest.mark.django_db


def found(client, text):
    response = client.get(
        "/casussen/", {"q": text, "status": "alle", "coordinator": "alle"}, follow=True
    )
    assert response.status_code == 200
    return [case.number for case in response.context["page"].object_list]


@pytest.fixture
def sanne(client, coordinator):
    client.force_login(coordinator)
    return client


def case_of(first_name, last_name, name_prefix="", **fields):
    youth = YouthFactory(first_name=first_name, name_prefix=name_prefix, last_name=last_name)
    return CaseFactory(youth=youth, **fields)


def test_yilmaz_finds_yilmaz_with_a_dotless_i_and_back(sanne):
    dotless = case_of("Emre", "Yılmaz")
    plain = case_of("Kaan", "Yilmaz")
    assert set(found(sanne, "Yilmaz")) == {dotless.number, plain.number}
    assert set(found(sanne, "YILMAZ")) == {dotless.number, plain.number}
    assert set(found(sanne, "yılmaz")) == {dotless.number, plain.number}


def test_ozturk_finds_ozturk_with_umlauts_and_accents_in_first_names_too(sanne):
    case = case_of("Zoë", "Öztürk")
    case_of("Zoe", "Jansen")
    assert found(sanne, "ozturk") == [case.number]
    assert found(sanne, "ÖZTÜRK") == [case.number]
    assert found(sanne, "zoe ozturk") == [case.number]


def test_a_name_prefix_typed_apart_together_or_left_out_finds_the_youth(sanne):
    case = case_of("Ayoub", "Idrissi", name_prefix="el")
    case_of("Ayoub", "Bakker")
    for typed in ("Idrissi", "el idrissi", "El Idrissi", "elidrissi", "El-Idrissi"):
        assert found(sanne, typed) == [case.number], typed
    assert found(sanne, "ayoub el idrissi") == [case.number]
    assert found(sanne, "idrissi ayoub") == [case.number]


def test_every_word_must_match_the_name_or_the_number(sanne):
    case_of("Ayoub", "Idrissi", name_prefix="el")
    bakker = case_of("Ayoub", "Bakker", number="PGA-2026-0007")
    assert found(sanne, "ayoub bakker") == [bakker.number]
    assert found(sanne, "ayoub 2026") == [bakker.number]
    assert found(sanne, "ayoub niemand") == []


def test_a_case_number_typed_without_dashes_or_with_spaces_finds_it(sanne):
    case = CaseFactory(number="PGA-2026-0012")
    CaseFactory(number="PGA-2026-0120")
    CaseFactory(number="PGA-2025-0012")
    for typed in ("PGA20260012", "pga 2026 0012", "2026 0012", "2026-0012", "PGA-2026-12"):
        assert found(sanne, typed) == [case.number], typed
    assert found(sanne, "pga 2026 12") == [case.number]
    assert {case.number, "PGA-2025-0012"} <= set(found(sanne, "0012"))


def test_the_number_key_in_sql_is_the_search_key_of_the_number():
    CaseFactory(number="PGA-2026-0012")
    key = Case.objects.annotate(key=NUMBER_KEY).values_list("key", flat=True).get()
    assert key == search_key("PGA-2026-0012") == "pga20260012"


def test_punctuation_alone_narrows_nothing(sanne):
    case = case_of("Sem", "Vos")
    assert case.number in found(sanne, " - ' ")
    assert found(sanne, " - ' ") == found(sanne, "")


def test_a_partner_finds_only_its_own_cases_however_it_types(client, personas):
    mine = personas.case_a
    mine.youth.last_name = "Yılmaz"
    mine.youth.save()
    other = case_of("Emre", "Yilmaz")
    client.force_login(personas.petra)
    assert found(client, "yilmaz") == [mine.number]
    assert found(client, other.number.replace("-", "")) == []
    client.force_login(personas.wim)
    assert found(client, "yilmaz") == []


def test_a_dat_partner_finds_the_case_by_name_and_number_it_already_sees(client, personas):
    """At 'dat' the list shows the youth's name and the number (test_information_levels):
    searching them tells the partner nothing more."""
    case = case_of("Emre", "Öztürk")
    partner = PartnerFactory()
    involve(case, partner, by=personas.coordinator, information_level=InformationLevel.DAT)
    client.force_login(MembershipFactory(user=UserFactory(), partner=partner).user)
    assert found(client, "ozturk") == [case.number]
    assert found(client, case.number.replace("-", " ")) == [case.number]


def test_the_key_follows_a_name_change_through_the_service_without_a_history_field(
    coordinator,
):
    youth = YouthFactory(first_name="Emre", last_name="Yilmaz")
    update_youth(youth, by=coordinator, expected_version=youth.version, last_name="Öztürk")
    youth.refresh_from_db()
    assert youth.search_name == "emreozturk"
    row = youth.history.first()
    assert (row.last_name, row.history_change_reason) == ("Öztürk", "Jongere gewijzigd")
    assert not hasattr(row, "search_name")


def test_saving_only_the_name_fields_saves_the_key_too():
    youth = YouthFactory(first_name="Emre", last_name="Yilmaz")
    youth.last_name = "Kaya"
    youth.save(update_fields=["last_name"])
    assert Youth.objects.get(pk=youth.pk).search_name == "emrekaya"


def test_the_historie_tab_does_not_show_the_key(sanne, case_a, coordinator):
    youth = case_a.youth
    update_youth(youth, by=coordinator, expected_version=youth.version, last_name="Öztürk")
    page = sanne.get(f"/casussen/{case_a.pk}/historie/").content.decode()
    assert "Öztürk" in page
    assert "zoeknaam" not in page.lower()


def test_a_search_costs_the_same_queries_as_the_plain_list(sanne, case_a):
    for n in range(30):
        case_of(f"Emre{n}", "Yılmaz")
    sanne.get("/casussen/")  # renews the session, not counted (tests.base.page_queries)
    with CaptureQueriesContext(connection) as plain:
        sanne.get("/casussen/", {"status": "alle", "coordinator": "alle"})
    with CaptureQueriesContext(connection) as searched:
        response = sanne.get("/casussen/", {"status": "alle", "coordinator": "alle", "q": "yilmaz"})
    assert len(response.context["page"].object_list) == 25
    assert len(searched) == len(plain)


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_key_of_existing_youths():
    try:
        apps = migrate(("cases", "0023_proportionality_required"))
        Old = apps.get_model("cases", "Youth")
        youth = Old.objects.create(
            first_name="İlhan", name_prefix="el", last_name="Yılmaz", date_of_birth="2010-01-01"
        )
        apps = migrate(("cases", "0024_youth_search_name"))
        assert apps.get_model("cases", "Youth").objects.get(pk=youth.pk).search_name == (
            "ilhanelyilmaz"
        )
    finally:
        migrate_to_latest()

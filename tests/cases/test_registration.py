from datetime import date

import pytest
from django.utils import timezone

from cases.models import Case, Household, HouseholdMember, Youth
from tests.factories import HouseholdFactory, PartnerFactory, YouthFactory, district

pytestmark = pytest.mark.django_db


def form(coordinator, **overrides):
    data = {
        "jongere-first_name": "Sem",
        "jongere-last_name": "Bakker",
        "jongere-date_of_birth": "2010-03-14",
        "jongere-bsn": "",
        "household_choice": "nieuw",
        "huishouden-name": "Huishouden Bakker",
        "huishouden-street": "Pleinweg",
        "huishouden-house_number": "12",
        "huishouden-postcode": "3083 EK",
        "huishouden-city": "Rotterdam",
        "huishouden-district": district().pk,
        "gezinsleden-TOTAL_FORMS": "2",
        "gezinsleden-INITIAL_FORMS": "0",
        "gezinsleden-0-first_name": "Karin",
        "gezinsleden-0-last_name": "Bakker",
        "gezinsleden-0-relation": "moeder",
        "gezinsleden-0-is_key_figure": "on",
        "aanmelding-registered_on": timezone.localdate().isoformat(),
        "aanmelding-referred_by": PartnerFactory().pk,
        "aanmelding-referral_reason": "Overlast en verzuim",
        "aanmelding-priority": "2",
        "aanmelding-priority_rationale": "Zorgen over afglijden",
        "aanmelding-coordinator": coordinator.pk,
    }
    data.update(overrides)
    return data


@pytest.fixture
def sanne(client, coordinator):
    client.force_login(coordinator)
    return client


def test_it_registers_a_new_youth_with_a_new_household_and_its_key_figure(sanne, coordinator):
    response = sanne.post("/casussen/nieuw/", form(coordinator))
    case = Case.objects.get(youth__last_name="Bakker")
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert case.youth.household.name == "Huishouden Bakker"
    # Lives with the household: its address holds, not a copy on the youth.
    assert case.youth.street == "" and case.youth.address.startswith("Pleinweg")
    mother = HouseholdMember.objects.get(household=case.youth.household)
    assert (mother.first_name, mother.is_key_figure) == ("Karin", True)
    assert case.history.get().history_user == coordinator


def test_it_registers_a_new_youth_in_an_existing_household(sanne, coordinator):
    household = HouseholdFactory(name="Huishouden El Idrissi")
    sanne.post(
        "/casussen/nieuw/",
        form(coordinator, household_choice="bestaand", existing_household=household.pk),
    )
    youth = Youth.objects.get(last_name="Bakker")
    assert youth.household == household
    assert Household.objects.count() == 1 + Household.objects.exclude(pk=household.pk).count()


def test_a_likely_duplicate_is_shown_before_a_new_youth_is_created(sanne, coordinator):
    existing = YouthFactory(first_name="Sem", last_name="Bakker")
    response = sanne.post("/casussen/nieuw/", form(coordinator))
    assert response.status_code == 200
    assert list(response.context["registration"].duplicates) == [existing]
    page = response.content.decode()
    assert "Deze jongere is mogelijk al bekend" in page
    assert 'value="Overlast en verzuim"' in page or "Overlast en verzuim" in page  # input kept
    assert not Case.objects.filter(youth__last_name="Bakker").exists()


def test_a_duplicate_is_found_whatever_the_accents_case_or_prefix(sanne, coordinator):
    same_name = YouthFactory(first_name="Émre", name_prefix="", last_name="Yılmaz")
    born_same_day = YouthFactory(
        first_name="Kaan", name_prefix="El", last_name="Idrissi", date_of_birth=date(2010, 3, 14)
    )
    YouthFactory(first_name="Emre", last_name="Yilmazer")  # another name: not a duplicate
    response = sanne.post(
        "/casussen/nieuw/",
        form(coordinator, **{"jongere-first_name": "emre", "jongere-last_name": "YILMAZ"}),
    )
    assert list(response.context["registration"].duplicates) == [same_name]
    response = sanne.post(
        "/casussen/nieuw/",
        form(
            coordinator,
            **{
                "jongere-first_name": "Yassin",
                "jongere-name_prefix": "el",
                "jongere-last_name": "Idrissi",
                "jongere-date_of_birth": "14-03-2010",
            },
        ),
    )
    assert list(response.context["registration"].duplicates) == [born_same_day]


def test_choosing_the_existing_youth_registers_a_case_for_them(sanne, coordinator):
    existing = YouthFactory(first_name="Sem", last_name="Bakker")
    sanne.post("/casussen/nieuw/", form(coordinator, existing_youth=existing.pk))
    assert Case.objects.get(youth=existing)
    assert Youth.objects.filter(last_name="Bakker").count() == 1


def test_confirming_someone_else_creates_a_new_youth(sanne, coordinator):
    YouthFactory(first_name="Sem", last_name="Bakker")
    sanne.post("/casussen/nieuw/", form(coordinator, confirm_new_youth="on"))
    assert Youth.objects.filter(last_name="Bakker").count() == 2


def test_bad_input_gets_dutch_errors_at_the_fields_and_keeps_everything(sanne, coordinator):
    response = sanne.post(
        "/casussen/nieuw/",
        form(
            coordinator,
            **{
                "jongere-bsn": "123456789",
                "jongere-date_of_birth": "2031-01-01",
                "aanmelding-referral_reason": "",
            },
        ),
    )
    assert response.status_code == 200
    r = response.context["registration"]
    assert r.youth.errors["bsn"] == ["Dit is geen geldig BSN: het voldoet niet aan de elfproef."]
    assert r.youth.errors["date_of_birth"] == ["De geboortedatum kan niet in de toekomst liggen."]
    assert "referral_reason" in r.referral.errors
    page = response.content.decode()
    assert 'value="123456789"' in page and 'value="Pleinweg"' in page and "Karin" in page
    assert not Youth.objects.filter(last_name="Bakker").exists()


def test_an_existing_household_must_be_chosen(sanne, coordinator):
    response = sanne.post("/casussen/nieuw/", form(coordinator, household_choice="bestaand"))
    assert response.context["registration"].choices.errors["existing_household"] == [
        "Kies een bestaand huishouden."
    ]


def test_partners_cannot_register(client, petra):
    client.force_login(petra)
    assert client.get("/casussen/nieuw/").status_code == 403


def members(*names):
    """Posted rows of the household-member formset, one per first name."""
    data = {"gezinsleden-TOTAL_FORMS": str(len(names))}
    for i, name in enumerate(names):
        data |= {f"gezinsleden-{i}-first_name": name, f"gezinsleden-{i}-last_name": "Bakker"}
        data[f"gezinsleden-{i}-relation"] = "broer" if i else "moeder"
    return data


def test_a_registration_takes_as_many_household_members_as_are_posted(sanne, coordinator):
    data = form(coordinator, **members("Karin", "Mo", "Lisa", "Noor"))
    data.pop("gezinsleden-0-is_key_figure")
    response = sanne.post("/casussen/nieuw/", data)
    assert response.status_code == 302
    household = Household.objects.get(name="Huishouden Bakker")
    names = set(household.members.values_list("first_name", flat=True))
    assert names == {"Karin", "Mo", "Lisa", "Noor"}


def test_adding_a_row_without_javascript_keeps_everything_and_registers_nothing(sanne, coordinator):
    data = form(coordinator, **members("Karin", "Mo"), gezinslid_toevoegen="1")
    data["aanmelding-referral_reason"] = ""  # an error that must not show yet
    response = sanne.post("/casussen/nieuw/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert not Case.objects.filter(youth__last_name="Bakker").exists()
    assert 'name="gezinsleden-TOTAL_FORMS" value="3"' in page
    assert 'name="gezinsleden-2-first_name"' in page and 'value="Mo"' in page
    assert 'value="Pleinweg"' in page and 'value="14-03-2010"' in page
    assert "data-error-summary" not in page


def test_the_summary_links_to_each_field_in_error_with_the_members_row(sanne, coordinator):
    data = form(coordinator, **{"aanmelding-referral_reason": "", "gezinsleden-1-relation": "x"})
    data |= {"gezinsleden-1-first_name": "Mo", "gezinsleden-1-last_name": "Bakker"}
    page = sanne.post("/casussen/nieuw/", data).content.decode()
    assert "Verbeter 2 velden" in page
    assert 'href="#id_aanmelding-referral_reason"' in page
    assert 'href="#id_gezinsleden-1-relation">Gezinslid 2: ' in page


def test_a_blank_page_offers_one_member_row_and_the_empty_row_to_copy(sanne):
    page = sanne.get("/casussen/nieuw/").content.decode()
    assert 'name="gezinsleden-TOTAL_FORMS" value="1"' in page
    assert 'name="gezinsleden-__prefix__-first_name"' in page  # pga.js clones it
    assert 'name="gezinslid_toevoegen"' in page

"""The combobox's options (cases.choices): as one types, only what the user may see."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from cases.models import YouthGroup
from partners.models import Partner
from pga.models import AccessLog
from tests.base import involve, page_queries
from tests.factories import (
    CaseFactory,
    CoordinatorFactory,
    GroupMembershipFactory,
    PartnerFactory,
    YouthGroupFactory,
)

pytestmark = pytest.mark.django_db


def options(client, url, text):
    response = client.get(url, {"tekst": text})
    assert response.status_code == 200
    return re.findall(r'data-value="(\d+)">([^<]*)<', response.content.decode())


def test_a_partner_finds_only_the_youth_groups_of_its_own_cases(client, personas, case_a):
    own = GroupMembershipFactory(youth=case_a.youth, youth_group__name="Groep Oost").youth_group
    other = GroupMembershipFactory(youth=CaseFactory().youth, youth_group__name="Groep West")
    client.force_login(personas.petra)
    assert options(client, "/keuzes/jeugdgroepen/", "groep") == [(str(own.pk), "Groep Oost")]
    client.force_login(personas.coordinator)
    found = options(client, "/keuzes/jeugdgroepen/", "groep")
    assert found == [(str(own.pk), "Groep Oost"), (str(other.youth_group.pk), "Groep West")]


def test_a_partner_with_no_cases_finds_no_youth_group(client, personas):
    YouthGroupFactory(name="Groep Noord")
    client.force_login(personas.wim)
    assert options(client, "/keuzes/jeugdgroepen/", "noord") == []


def test_partners_and_coordinators_are_for_coordinators_only(client, personas):
    client.force_login(personas.petra)
    assert client.get("/keuzes/partners/", {"tekst": "pol"}).status_code == 403
    assert client.get("/keuzes/coordinatoren/", {"tekst": "san"}).status_code == 403
    client.force_login(personas.beheer)
    assert client.get("/keuzes/jeugdgroepen/", {"tekst": "gr"}).status_code == 403


def test_every_typed_word_must_match_and_at_most_twenty_come_back(client, personas):
    for number in range(25):
        PartnerFactory(name=f"Wijkteam Charlois {number:02}")
    PartnerFactory(name="Wijkteam Delfshaven")
    client.force_login(personas.coordinator)
    found = options(client, "/keuzes/partners/", "wijkteam charl")
    assert len(found) == 20
    assert [label for _pk, label in found][:2] == ["Wijkteam Charlois 00", "Wijkteam Charlois 01"]
    delfshaven = Partner.objects.get(name="Wijkteam Delfshaven")
    assert options(client, "/keuzes/partners/", "delfs WIJK") == [
        (str(delfshaven.pk), "Wijkteam Delfshaven")
    ]


def test_coordinators_are_found_by_first_or_last_name(client, personas):
    noor = CoordinatorFactory(first_name="Noor", last_name="Bakker")
    client.force_login(personas.coordinator)
    assert options(client, "/keuzes/coordinatoren/", "bakk") == [(str(noor.pk), "Noor Bakker")]
    assert options(client, "/keuzes/coordinatoren/", "noor bakker") == [
        (str(noor.pk), "Noor Bakker")
    ]


@pytest.mark.parametrize("text", ["", "a", "  ", "\x07", "%", "_", "' OR 1=1 --", "x" * 5000])
def test_short_or_odd_text_answers_a_message_not_an_error(client, personas, text):
    YouthGroupFactory(name="Groep 100%")
    client.force_login(personas.coordinator)
    response = client.get("/keuzes/jeugdgroepen/", {"tekst": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'aria-disabled="true"' in page or "Groep 100%" in page


def test_a_nul_byte_is_refused_before_the_view(client, personas):
    client.force_login(personas.coordinator)
    assert client.get("/keuzes/jeugdgroepen/", {"tekst": "ab\x00"}).status_code == 400


def test_too_short_text_asks_for_more(client, personas):
    client.force_login(personas.coordinator)
    page = client.get("/keuzes/partners/", {"tekst": "p"}).content.decode()
    assert "Typ minstens 2 tekens." in page
    assert "Geen resultaten" in client.get("/keuzes/partners/", {"tekst": "zzzz"}).content.decode()


def test_the_typed_text_is_logged_as_a_fingerprint(client, personas):
    client.force_login(personas.coordinator)
    client.get("/keuzes/jeugdgroepen/", {"tekst": "Groep Oost"})
    row = AccessLog.objects.latest("pk")
    assert "Oost" not in str(row.__dict__)


# The caseload's filters ----------------------------------------------------------------------


@override_settings(COMBOBOX_THRESHOLD=60)
def test_the_caseload_page_holds_no_list_that_grows_with_the_city(client, personas):
    client.force_login(personas.coordinator)
    small = client.get("/casussen/").content.decode().count("<option")
    for number in range(70):
        PartnerFactory(name=f"Partner {number}")
        YouthGroupFactory()
        CoordinatorFactory()
    page = client.get("/casussen/").content.decode()
    assert page.count("<option") < small
    assert page.count("data-combobox ") == 3
    assert 'hx-get="/keuzes/partners/"' in page


@override_settings(COMBOBOX_THRESHOLD=0)
def test_a_combobox_filter_filters_and_shows_its_choice(client, personas, case_a):
    other = CaseFactory()
    group = GroupMembershipFactory(youth=other.youth, youth_group__name="Groep Zuid").youth_group
    client.force_login(personas.coordinator)
    response = client.get("/casussen/", {"coordinator": "alle", "youth_group": group.pk})
    assert [case.number for case in response.context["page"].object_list] == [other.number]
    page = response.content.decode()
    assert 'value="Groep Zuid"' in page and f'data-value="{group.pk}"' in page


@override_settings(COMBOBOX_THRESHOLD=0)
def test_without_javascript_the_label_posted_back_keeps_the_filter(client, personas, case_a):
    other = CaseFactory()
    GroupMembershipFactory(youth=other.youth, youth_group__name="Groep Zuid")
    client.force_login(personas.coordinator)
    response = client.get("/casussen/", {"coordinator": "alle", "youth_group": "groep zuid"})
    assert [case.number for case in response.context["page"].object_list] == [other.number]
    response = client.get("/casussen/", {"coordinator": "alle", "youth_group": "Onbekend"})
    assert response.context["form"].errors["youth_group"]
    assert 'value="Onbekend"' in response.content.decode()


@override_settings(COMBOBOX_THRESHOLD=0)
def test_a_combobox_caseload_costs_the_same_queries_with_1_and_30_rows(client, personas, case_a):
    client.force_login(personas.coordinator)
    group = YouthGroup.objects.create(name="Groep Test", district=case_a.youth.district)
    url = f"/casussen/?coordinator=alle&youth_group={group.pk}&partner={personas.politie.pk}"
    GroupMembershipFactory(youth_group=group, youth=case_a.youth)
    one = page_queries(client, url)
    for _ in range(29):
        case = CaseFactory()
        GroupMembershipFactory(youth_group=group, youth=case.youth)
        involve(case, personas.politie, by=personas.coordinator)
    thirty = page_queries(client, url)
    assert (one[1], thirty[1]) == (1, 25)
    assert one[0] == thirty[0]


@override_settings(COMBOBOX_THRESHOLD=0)
def test_a_partners_caseload_searches_only_its_own_groups(client, personas, case_a):
    own = GroupMembershipFactory(youth=case_a.youth, youth_group__name="Groep Oost").youth_group
    client.force_login(personas.petra)
    response = client.get("/casussen/", {"youth_group": own.pk})
    page = response.content.decode()
    assert 'hx-get="/keuzes/jeugdgroepen/"' in page and 'value="Groep Oost"' in page
    assert "/keuzes/partners/" not in page and "/keuzes/coordinatoren/" not in page
    assert [case.number for case in response.context["page"].object_list] == [case_a.number]


@override_settings(COMBOBOX_THRESHOLD=3)
def test_the_filter_choices_read_at_most_the_threshold_of_a_long_list_and_the_choice(personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.caseload.queries import filter_choices

    for number in range(10):
        PartnerFactory(name=f"Partner {number:02}")
    chosen = Partner.objects.get(name="Partner 07")
    with CaptureQueriesContext(connection) as queries:
        choices = filter_choices(personas.coordinator, {"partner": str(chosen.pk)})
    listed = [query["sql"] for query in queries if "choice_list" in query["sql"]]
    assert len(listed) == 1 and "LIMIT 4" in listed[0]  # threshold + 1, to count
    assert "partner" in choices["long"] and choices["partner"] == [(chosen.pk, "Partner 07")]
    # The label, as a combobox without JavaScript posts it back, finds the same option.
    by_label = filter_choices(personas.coordinator, {"partner": " partner 07 "})
    assert by_label["partner"] == [(chosen.pk, "Partner 07")]
    assert filter_choices(personas.coordinator)["partner"] == []
    assert filter_choices(personas.coordinator, {"partner": "Partner 99"})["partner"] == []


@override_settings(COMBOBOX_THRESHOLD=0)
def test_a_partner_cannot_filter_on_a_group_it_may_not_see(client, personas, case_a):
    GroupMembershipFactory(youth=case_a.youth, youth_group__name="Groep Oost")
    other = GroupMembershipFactory(youth=CaseFactory().youth, youth_group__name="Groep West")
    client.force_login(personas.petra)
    response = client.get("/casussen/", {"youth_group": other.youth_group.pk})
    assert response.context["form"].errors["youth_group"]
    assert "Groep West" not in response.content.decode()  # its id shown back, not its name
    response = client.get("/casussen/", {"youth_group": "Groep West"})
    assert response.context["form"].errors["youth_group"]
    assert f'data-value="{other.youth_group.pk}"' not in response.content.decode()


# The involvement form ------------------------------------------------------------------------


def test_the_involvement_forms_choices_are_active_partners_and_their_members(client, personas):
    PartnerFactory(name="Halt Oud", is_active=False)
    halt = PartnerFactory(name="Halt Nieuw")
    client.force_login(personas.coordinator)
    assert options(client, "/keuzes/actieve-partners/", "halt") == [(str(halt.pk), "Halt Nieuw")]
    found = options(client, "/keuzes/contactpersonen/", "politie petra")
    assert found == [(str(personas.petra.pk), "Petra Jansen (Politie Rotterdam)")]
    client.force_login(personas.petra)
    assert client.get("/keuzes/contactpersonen/", {"tekst": "pe"}).status_code == 403
    assert client.get("/keuzes/actieve-partners/", {"tekst": "ha"}).status_code == 403


URL = "/keuzes/contactpersonen/"


def test_the_contact_persons_narrow_to_the_organisation_chosen_in_the_form(client, personas):
    client.force_login(personas.coordinator)
    # Two letters in people of more than one organisation, the police among them.
    text = next(
        t
        for t in ("ti", "te", "er", "en", "an", "ie")
        if len({label.split(" (")[1] for _pk, label in options(client, URL, t)}) > 1
        and any("(Politie Rotterdam)" in label for _pk, label in options(client, URL, t))
    )
    everyone = options(client, URL, text)
    response = client.get(URL, {"tekst": text, "partner": personas.politie.pk})
    found = re.findall(r'data-value="(\d+)">([^<]*)<', response.content.decode())
    assert found and all(label.endswith("(Politie Rotterdam)") for _pk, label in found)
    assert len(found) < len(everyone)
    # Anything else than an id narrows nothing (and breaks nothing).
    odd = client.get(URL, {"tekst": text, "partner": "x' OR 1=1"})
    assert odd.status_code == 200


@override_settings(COMBOBOX_THRESHOLD=0)
def test_the_contact_person_field_is_narrowed_by_the_partner_field(client, personas, case_a):
    client.force_login(personas.coordinator)
    page = client.get(f"/casussen/{case_a.pk}/partners/nieuw/").content.decode()
    assert 'data-narrow-by="partner"' in page


@override_settings(COMBOBOX_THRESHOLD=0)
def test_the_involvement_form_with_comboboxes_involves_and_keeps_a_refused_choice(
    client, personas, case_a
):
    wijkteam = PartnerFactory(name="Wijkteam Zuid")
    client.force_login(personas.coordinator)
    url = f"/casussen/{case_a.pk}/partners/nieuw/"
    page = client.get(url).content.decode()
    assert 'hx-get="/keuzes/actieve-partners/"' in page
    assert 'hx-get="/keuzes/contactpersonen/"' in page
    assert "Wijkteam Zuid" not in page
    data = {"partner": wijkteam.pk, "role": "betrokken_partner", "legal_basis": "convenant"}
    page = client.post(url, {**data, "contact_person": personas.petra.pk}).content.decode()
    assert 'value="Wijkteam Zuid"' in page and 'value="Petra Jansen (Politie Rotterdam)"' in page
    response = client.post(
        url,
        {
            **data,
            "started_on": timezone.localdate().isoformat(),
            "expires_on": (timezone.localdate() + timedelta(days=90)).isoformat(),
            "information_level": "dat",
            "reason": "Gezinsproblematiek",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert case_a.involvements.filter(partner=wijkteam).exists()

import pytest

from cases.casefile.services import record_assessment
from cases.casefile.tabs import TABS
from cases.models import ContactVisibility, HouseholdMember
from tests.base import involve
from tests.factories import (
    CaseFactory,
    ContactFactory,
    GroupMembershipFactory,
    HouseholdMemberFactory,
    MembershipFactory,
    PartnerFactory,
    YouthGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("tab", [key for key, _label in TABS])
def test_every_tab_renders_for_coordinator_and_partner(client, personas, case_a, tab):
    users = (
        (personas.coordinator,)
        if tab == "zrm"  # ZRM is for coordinators only
        else (personas.coordinator, personas.petra)
    )
    for user in users:
        client.force_login(user)
        response = client.get(f"/casussen/{case_a.pk}/", {"tab": tab})
        assert response.status_code == 200
        assert f'aria-current="page">{dict(TABS)[tab]}</a>' in response.content.decode()


def test_a_tab_requested_by_htmx_comes_without_the_page_around_it(client, coordinator, case_a):
    client.force_login(coordinator)
    page = client.get(
        f"/casussen/{case_a.pk}/", {"tab": "partners"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in page and "Politie Rotterdam" in page


def test_a_partner_never_sees_the_bsn(client, personas, case_a):
    bsn = case_a.youth.bsn
    client.force_login(personas.coordinator)
    assert bsn in client.get(f"/casussen/{case_a.pk}/").content.decode()
    assert bsn in client.get(f"/jongeren/{case_a.youth_id}/").content.decode()
    client.force_login(personas.petra)
    assert bsn not in client.get(f"/casussen/{case_a.pk}/").content.decode()
    assert bsn not in client.get(f"/jongeren/{case_a.youth_id}/").content.decode()


def test_a_partner_sees_shared_contacts_but_not_restricted_ones_of_others(client, personas, case_a):
    wijkteam = PartnerFactory(name="Wijkteam")
    involve(case_a, wijkteam, by=personas.coordinator)
    ContactFactory(case=case_a, partner=wijkteam, summary="Gedeeld verslag")
    ContactFactory(
        case=case_a,
        partner=wijkteam,
        summary="Vertrouwelijk verslag",
        visibility=ContactVisibility.RESTRICTED,
    )
    client.force_login(personas.petra)
    page = client.get(f"/casussen/{case_a.pk}/", {"tab": "contacten"}).content.decode()
    assert "Gedeeld verslag" in page and "Vertrouwelijk verslag" not in page
    client.force_login(personas.coordinator)
    assert (
        "Vertrouwelijk verslag"
        in client.get(f"/casussen/{case_a.pk}/", {"tab": "contacten"}).content.decode()
    )


def test_a_partner_gets_no_edit_controls(client, personas, case_a):
    client.force_login(personas.petra)
    page = client.get(f"/casussen/{case_a.pk}/").content.decode()
    assert "Bewerken" not in page and "Status wijzigen" not in page
    assert client.get(f"/casussen/{case_a.pk}/bewerken/").status_code == 404
    assert client.get(f"/casussen/{case_a.pk}/status/").status_code == 404
    assert client.get(f"/jongeren/{case_a.youth_id}/bewerken/").status_code == 403


def test_the_group_page_shows_a_partner_only_members_of_its_cases(client, personas, case_a):
    group = YouthGroupFactory(name="Groep Zuid")
    GroupMembershipFactory(youth_group=group, youth=case_a.youth)
    stranger = CaseFactory().youth
    GroupMembershipFactory(youth_group=group, youth=stranger)
    client.force_login(personas.petra)
    page = client.get(f"/groepen/{group.pk}/").content.decode()
    assert str(case_a.youth) in page and str(stranger) not in page
    client.force_login(personas.coordinator)
    assert str(stranger) in client.get(f"/groepen/{group.pk}/").content.decode()


def test_editing_a_youth_refuses_a_bad_bsn_at_the_field(client, coordinator, case_a):
    client.force_login(coordinator)
    youth = case_a.youth
    response = client.post(
        f"/jongeren/{youth.pk}/bewerken/",
        {
            "version": youth.version,
            "first_name": "Nieuw",
            "last_name": youth.last_name,
            "date_of_birth": youth.date_of_birth.isoformat(),
            "bsn": "123456789",
        },
    )
    assert response.context["form"].errors["bsn"] == [
        "Dit is geen geldig BSN: het voldoet niet aan de elfproef."
    ]
    assert 'value="Nieuw"' in response.content.decode()
    youth.refresh_from_db()
    assert youth.first_name != "Nieuw"


def test_editing_a_household_with_its_members(client, coordinator, case_a):
    household = case_a.youth.household
    mother = HouseholdMemberFactory(household=household, first_name="Fatima")
    client.force_login(coordinator)
    data = {
        "version": household.version,
        "name": household.name,
        "city": "Rotterdam",
        "gezinsleden-TOTAL_FORMS": "2",
        "gezinsleden-INITIAL_FORMS": "1",
        "gezinsleden-0-id": mother.pk,
        "gezinsleden-0-household": household.pk,
        "gezinsleden-0-first_name": "Fatima",
        "gezinsleden-0-last_name": "Test",
        "gezinsleden-0-relation": "moeder",
        "gezinsleden-0-is_key_figure": "on",
        "gezinsleden-1-household": household.pk,
        "gezinsleden-1-first_name": "Omar",
        "gezinsleden-1-last_name": "Test",
        "gezinsleden-1-relation": "broer",
    }
    response = client.post(f"/huishoudens/{household.pk}/bewerken/", data)
    assert response.status_code == 302, response.context["members"].errors
    assert set(
        HouseholdMember.objects.filter(household=household).values_list("first_name", flat=True)
    ) == {"Fatima", "Omar"}
    omar = HouseholdMember.objects.get(first_name="Omar")
    assert omar.history.get().history_user == coordinator


def test_a_household_gets_as_many_new_members_as_needed_with_or_without_javascript(
    client, coordinator, case_a
):
    household = case_a.youth.household
    client.force_login(coordinator)
    url = f"/huishoudens/{household.pk}/bewerken/"
    page = client.get(url).content.decode()
    # One blank row, a template for more (pga.js), and the button that works without it.
    assert page.count('name="gezinsleden-0-first_name"') == 1
    assert 'name="gezinsleden-1-first_name"' not in page
    assert (
        '<template data-empty-row="gezinsleden">' in page and 'data-add-row="gezinsleden"' in page
    )
    typed = {
        "version": household.version,
        "name": "Huishouden Nieuwnaam",
        "city": "Rotterdam",
        "gezinsleden-TOTAL_FORMS": "1",
        "gezinsleden-INITIAL_FORMS": "0",
        "gezinsleden-0-household": household.pk,
        "gezinsleden-0-first_name": "Sara",
        "gezinsleden-0-last_name": "Test",
        "gezinsleden-0-relation": "zus",
    }
    response = client.post(url, {**typed, "gezinslid_toevoegen": "1"})
    # Without JavaScript: the page again, one row more, nothing saved, nothing lost, no errors.
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="gezinsleden-1-first_name"' in page and 'value="Sara"' in page
    assert 'value="Huishouden Nieuwnaam"' in page and "data-error-summary" not in page
    household.refresh_from_db()
    assert household.name != "Huishouden Nieuwnaam"
    more = {
        "gezinsleden-TOTAL_FORMS": "3",
        **{
            f"gezinsleden-{n}-{key}": value
            for n, first_name in ((1, "Ali"), (2, "Noor"))
            for key, value in (
                ("household", household.pk),
                ("first_name", first_name),
                ("last_name", "Test"),
                ("relation", "broer"),
            )
        },
    }
    response = client.post(url, {**typed, **more})
    assert response.status_code == 302
    assert set(household.members.values_list("first_name", flat=True)) == {"Sara", "Ali", "Noor"}


def test_only_a_saved_household_member_can_be_removed(client, coordinator, case_a):
    """A new row left empty is skipped anyway: it gets no "Verwijderen", nor does the row
    pga.js copies in; a member already saved does, with their name above the row."""
    household = case_a.youth.household
    HouseholdMemberFactory(household=household, first_name="Fatima", last_name="Bakr")
    client.force_login(coordinator)
    page = client.get(f"/huishoudens/{household.pk}/bewerken/").content.decode()
    assert 'name="gezinsleden-0-DELETE"' in page
    assert 'name="gezinsleden-1-first_name"' in page  # the blank row
    assert 'name="gezinsleden-1-DELETE"' not in page and "__prefix__-DELETE" not in page
    assert ">Fatima Bakr</legend>" in page and ">Nieuw gezinslid</legend>" in page


def test_adding_a_member_row_without_javascript_is_decided_in_one_place():
    from django.http import QueryDict

    from cases.people.forms import MAX_MEMBERS, member_rows

    assert member_rows(None) == (None, False)
    posted = QueryDict("gezinsleden-TOTAL_FORMS=2&name=x")
    assert member_rows(posted) == (posted, False)
    data, adding = member_rows(QueryDict("gezinsleden-TOTAL_FORMS=2&gezinslid_toevoegen=1"))
    assert adding and data["gezinsleden-TOTAL_FORMS"] == "3"
    full = QueryDict(f"gezinsleden-TOTAL_FORMS={MAX_MEMBERS}&gezinslid_toevoegen=1")
    assert member_rows(full)[0]["gezinsleden-TOTAL_FORMS"] == str(MAX_MEMBERS)
    assert (
        member_rows(QueryDict("gezinsleden-TOTAL_FORMS=x&gezinslid_toevoegen=1"))[0][
            "gezinsleden-TOTAL_FORMS"
        ]
        == "1"
    )


def test_an_uninvolved_partner_employee_of_a_new_organisation_sees_nothing(client, case_a):
    newcomer = MembershipFactory(partner=PartnerFactory()).user
    client.force_login(newcomer)
    assert client.get(f"/casussen/{case_a.pk}/").status_code == 404
    assert client.get("/casussen/").context["page"].paginator.count == 0


def test_a_partner_sees_no_zrm_scores(client, personas, case_a):
    from tests.factories import assessment_domains

    record_assessment(
        case_a,
        by=personas.coordinator,
        assessed_on=case_a.registered_on,
        scores={assessment_domains()[0]: 2},
    )
    client.force_login(personas.petra)
    page = client.get(f"/casussen/{case_a.pk}/", {"tab": "zrm"}).content.decode()
    assert "Ontwikkeling per ZRM-domein" not in page and "?tab=zrm" not in page
    assert 'aria-current="page">Overzicht' in page


def test_every_page_title_is_short_text(client, personas, case_a):
    """The youth page once put its whole access table into <title>."""
    import re

    client.force_login(personas.coordinator)
    for url in (
        f"/jongeren/{case_a.youth_id}/",
        f"/casussen/{case_a.pk}/",
        f"/huishoudens/{case_a.youth.household_id}/",
        "/casussen/",
    ):
        page = client.get(url).content.decode()
        [title] = re.findall(r"<title>(.*?)</title>", page, re.S)
        assert "<" not in title and "\n" not in title.strip() and len(title) < 120, (url, title)
    page = client.get(f"/jongeren/{case_a.youth_id}/").content.decode()
    assert f"<title>{case_a.youth} — PGA casusregie</title>" in page


def test_the_reason_a_user_gives_for_an_edit_shows_in_the_historie(client, personas, case_a):
    client.force_login(personas.coordinator)
    page = client.get(f"/casussen/{case_a.pk}/bewerken/")
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update(
        coordinator=personas.coordinator.pk,
        plan="Nieuw plan van aanpak",
        reason="Besproken in het casusoverleg",
        version=case_a.version,
    )
    data["registered_on"] = case_a.registered_on.isoformat()
    data.pop("next_review_on", None)
    data.pop("informed_on", None)
    data.pop("referred_by", None)
    response = client.post(f"/casussen/{case_a.pk}/bewerken/", data)
    assert response.status_code == 302, response.context["form"].errors
    history = client.get(f"/casussen/{case_a.pk}/historie/").content.decode()
    assert "Reden: Besproken in het casusoverleg" in history


def test_a_youth_lives_at_the_households_address_unless_their_own_is_given(personas, case_a):
    youth, household = case_a.youth, case_a.youth.household
    household.street, household.house_number, household.city = "Pleinweg", "12", "Rotterdam"
    household.save()
    youth.refresh_from_db()
    assert not youth.has_own_address
    assert youth.address == "Pleinweg 12, Rotterdam"
    assert youth.area == household.district
    youth.street, youth.city, youth.district = "Instellingslaan", "Den Haag", None
    assert youth.address == "Instellingslaan, Den Haag" and youth.area is None


def test_an_own_address_is_all_or_nothing(client, personas, case_a):
    """A street alone would move the youth out of the household's district unnoticed."""
    from cases.people.forms import YouthForm

    youth = case_a.youth
    data = {
        "first_name": youth.first_name,
        "last_name": youth.last_name,
        "date_of_birth": youth.date_of_birth.isoformat(),
        "household": youth.household_id,
        "version": youth.version,
        "street": "Jeugdinstelling De Hunnerberg",
    }
    form = YouthForm(data, instance=youth)
    assert not form.is_valid()
    assert "Vul ook dit deel van het eigen adres in" in form.errors["city"][0]
    form = YouthForm(dict(data, city="Nijmegen"), instance=youth)
    assert form.is_valid(), form.errors
    form = YouthForm(dict(data, street=""), instance=youth)  # none at all: the household's
    assert form.is_valid(), form.errors

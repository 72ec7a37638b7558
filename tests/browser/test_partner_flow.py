"""The partner's workspace in the browser, on a phone: need-to-know end to end."""

import re

import pytest
from playwright.sync_api import expect

from cases.casefile.services import end_involvement
from partners.models import PartnerKind
from tests.base import PASSWORD, involve, make_personas
from tests.browser.conftest import field, login, screenshot, settle
from tests.factories import CaseFactory, MembershipFactory, PartnerFactory, UserFactory

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    yield page
    settle(page)
    context.close()


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def log_contact(page, summary, *, restricted=False):
    form = page.locator("#contact-form")
    field(form, "Soort contact").select_option(label="Straatcontact")
    field(form, "Met wie").select_option(label="Jongere")
    field(form, "Samenvatting").fill(summary)
    if restricted:
        form.get_by_label("Alleen eigen organisatie en coördinator").check()
    form.get_by_role("button", name="Contactmoment opslaan").click()
    expect(page.locator("#contacts-list")).to_contain_text(summary)


def test_partners_see_their_cases_and_share_or_restrict_contacts_on_a_phone(
    phone, browser, live_server
):
    personas = make_personas()
    wijkteam = PartnerFactory(name="Wijkteam Charlois", kind=PartnerKind.WIJKTEAM)
    lotte = MembershipFactory(
        user=UserFactory(username="lotte", first_name="Lotte"), partner=wijkteam
    ).user
    involve(personas.case_a, wijkteam, by=personas.coordinator)
    not_hers = CaseFactory()
    case = personas.case_a

    # Petra sees exactly her organisation's case, and logs two contacts on her phone.
    login(phone, "petra", PASSWORD)
    expect(phone.get_by_role("heading", name="Mijn afspraken")).to_be_visible()
    phone.get_by_role("link", name="Mijn casussen", exact=True).click()
    expect(phone.get_by_role("heading", name="Mijn casussen")).to_be_visible()
    rows = phone.locator("#caseload tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(case.number)
    assert not_hers.number not in phone.content()
    assert no_horizontal_scroll(phone)
    phone.get_by_role("link", name=case.number).click()
    assert no_horizontal_scroll(phone)
    phone.get_by_role("link", name="Contacten").click()
    expect(phone.locator("#contact-form")).to_be_visible()
    assert no_horizontal_scroll(phone)
    log_contact(phone, "Gedeeld: rustig gesprek op het plein")
    log_contact(phone, "Beperkt: signaal over wapenbezit", restricted=True)
    screenshot(phone, "partner-phone-contacts")
    assert no_horizontal_scroll(phone)
    assert case.contacts.count() == 2

    # Lotte of the wijkteam sees the shared contact, not the restricted one.
    other = browser.new_context(viewport=PHONE).new_page()
    other.base_url = live_server.url
    login(other, "lotte", PASSWORD)
    other.goto(f"{live_server.url}/casussen/{case.pk}/?tab=contacten")
    expect(other.locator("#contacts-list")).to_contain_text("Gedeeld: rustig gesprek op het plein")
    assert "wapenbezit" not in other.content()
    assert lotte.membership.partner == wijkteam

    # Wim, whose organisation is involved in nothing, gets 404 on the case.
    third = browser.new_context().new_page()
    login_page = third.goto(f"{live_server.url}/inloggen/")
    assert login_page.ok
    third.base_url = live_server.url
    login(third, "wim", PASSWORD)
    assert third.goto(f"{live_server.url}/casussen/{case.pk}/").status == 404

    # The coordinator ends the politie's involvement: Petra's very next request is a 404.
    end_involvement(
        case.involvements.get(partner=personas.politie),
        by=personas.coordinator,
        reason="Overgedragen",
    )
    assert phone.goto(f"{live_server.url}/casussen/{case.pk}/").status == 404


def test_a_half_written_contact_survives_a_reload_and_an_expired_session(page):
    personas = make_personas()
    case = personas.case_a
    login(page, "petra", PASSWORD)
    page.goto(f"{page.base_url}/casussen/{case.pk}/?tab=contacten")
    form = page.locator("#contact-form")
    field(form, "Samenvatting").fill("Half geschreven verslag van het huisbezoek")
    field(form, "Soort contact").select_option(label="Huisbezoek")

    page.reload()
    form = page.locator("#contact-form")
    expect(field(form, "Samenvatting")).to_have_value("Half geschreven verslag van het huisbezoek")
    expect(form.get_by_text("Een niet-opgeslagen concept is teruggezet.")).to_be_visible()

    page.context.clear_cookies(name="sessionid")  # the session expired while she was typing
    field(form, "Met wie").select_option(label="Moeder")
    form.get_by_role("button", name="Contactmoment opslaan").click()
    expect(page).to_have_url(re.compile(r"/inloggen/\?next="))
    page.get_by_label("Gebruikersnaam").fill("petra")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    form = page.locator("#contact-form")
    expect(field(form, "Samenvatting")).to_have_value("Half geschreven verslag van het huisbezoek")
    expect(field(form, "Met wie")).to_have_value("moeder")
    form.get_by_role("button", name="Contactmoment opslaan").click()
    expect(page.get_by_text("Het contactmoment is opgeslagen.")).to_be_visible()
    assert case.contacts.get().summary == "Half geschreven verslag van het huisbezoek"

    page.goto(f"{page.base_url}/casussen/{case.pk}/?tab=contacten")
    expect(field(page.locator("#contact-form"), "Samenvatting")).to_have_value("")  # draft cleared

"""The caseload in a browser (issue 19): a partner's cases as cards on a phone, the filters
folded, nothing scrolling sideways; a coordinator's own cases, the team one click away, and a
filtered URL without empty parameters."""

import re

from playwright.sync_api import expect

from tests.base import PASSWORD, involve, make_personas
from tests.browser.conftest import login, screenshot
from tests.factories import CaseFactory

PHONE = {"width": 375, "height": 667}


def test_a_partner_on_a_phone_sees_case_cards_first_and_the_filters_folded(page):
    personas = make_personas()
    for _ in range(3):
        involve(CaseFactory(), personas.politie, by=personas.coordinator)
    page.set_viewport_size(PHONE)
    login(page, "petra", PASSWORD)
    page.goto(page.base_url + "/casussen/")
    cards = page.locator(".case-card")
    expect(cards).to_have_count(4)
    expect(page.locator(".case-table--partner")).to_be_hidden()
    expect(page.get_by_label("Zoek op naam of casusnummer")).to_be_hidden()
    assert cards.first.bounding_box()["y"] < PHONE["height"]  # the first case in view
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "caseload-partner-375")
    page.get_by_text("Zoeken en filteren").click()
    expect(page.get_by_label("Zoek op naam of casusnummer")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator(".case-table--partner")).to_be_visible()
    expect(cards.first).to_be_hidden()


def test_on_a_wide_screen_a_partner_sees_the_filters_at_once(page):
    make_personas()
    login(page, "petra", PASSWORD)
    page.goto(page.base_url + "/casussen/")
    expect(page.get_by_label("Zoek op naam of casusnummer")).to_be_visible()
    expect(page.get_by_label("Status")).to_be_visible()


def test_a_coordinator_switches_to_the_team_and_filters_to_a_clean_url(page):
    personas = make_personas()
    other = CaseFactory()
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + "/casussen/")
    expect(page.get_by_text(other.number)).to_have_count(0)
    page.get_by_role("link", name="Hele team", exact=True).click()
    expect(page.get_by_role("link", name=other.number)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/casussen/\?coordinator=alle$"))
    page.get_by_label("Zoek op naam of casusnummer").fill(personas.case_a.number)
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("link", name=other.number)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"q=PGA-"))
    query = sorted(page.url.split("?")[1].split("&"))
    assert query == ["coordinator=alle", f"q={personas.case_a.number}"]  # no empty ones

"""Keyboard-only use: log in, reach the caseload and open a case without a mouse."""

from playwright.sync_api import expect

from tests.base import PASSWORD, make_personas
from tests.browser.conftest import login


def test_a_coordinator_works_with_the_keyboard_only(page):
    personas = make_personas()
    page.goto(page.base_url + "/inloggen/")
    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()  # autofocus
    page.keyboard.type("sanne")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    page.get_by_role("link", name="Caseload").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Caseload")).to_be_visible()
    link = page.get_by_role("link", name=personas.case_a.number)
    for _ in range(60):  # tab through the filters to the case
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=str(personas.case_a.youth))).to_be_visible()


def test_the_skip_link_is_the_first_stop_and_jumps_to_the_content(page):
    make_personas()
    login(page, "sanne", PASSWORD)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(page.base_url + "/#inhoud")


def test_focus_stays_on_the_chosen_tab_and_moves_to_a_new_page_of_the_list(page):
    """htmx replaces the link that was pressed; the keyboard focus must not fall back to
    the top of the page."""
    from tests.factories import CaseFactory

    personas = make_personas()
    for _ in range(26):
        CaseFactory()
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + f"/casussen/{personas.case_a.pk}/")
    page.get_by_role("link", name="Partners", exact=True).focus()
    page.keyboard.press("Enter")
    current = page.locator('#case-tabs a[aria-current="page"]')
    expect(current).to_have_text("Partners")
    expect(current).to_be_focused()
    page.goto(page.base_url + "/casussen/?coordinator=alle")  # the team's 27 cases
    page.get_by_role("link", name="Volgende pagina").focus()
    page.keyboard.press("Enter")
    # Another request in flight at the same time (the month overviews load lazily) must
    # not take the focus hand-over from the page request.
    page.evaluate("htmx.ajax('GET', '/casussen/maandoverzichten/', '#caseload-months')")
    expect(page.get_by_text("Pagina 2 van 2")).to_be_visible()
    expect(page.locator("#caseload")).to_be_focused()

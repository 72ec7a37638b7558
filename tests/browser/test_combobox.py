"""The caseload's long filters as search fields (issue 22), by keyboard only: type, arrow
down, Enter; the list filters as with the select, and axe finds nothing, wide and narrow."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.base import PASSWORD, make_personas
from tests.browser.conftest import field, login, screenshot
from tests.browser.test_accessibility import WCAG
from tests.factories import (
    CaseFactory,
    GroupMembershipFactory,
    MembershipFactory,
    PartnerFactory,
    UserFactory,
    YouthGroupFactory,
)

PHONE = {"width": 375, "height": 667}


def no_axe_violations(page):
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def caseload_with_groups(settings):
    settings.COMBOBOX_THRESHOLD = 0  # every long filter a combobox, however small the data
    personas = make_personas()
    other = CaseFactory()
    group = GroupMembershipFactory(youth=other.youth, youth_group__name="Groep Zuid").youth_group
    for name in ("Groep Noord", "Groep Oost", "Groep West"):
        YouthGroupFactory(name=name)
    return personas, other, group


def test_a_coordinator_chooses_a_youth_group_by_keyboard(page, settings):
    personas, other, group = caseload_with_groups(settings)
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + "/casussen/?coordinator=alle")
    box = page.get_by_role("combobox", name="Jeugdgroep")
    page.get_by_role("combobox", name="Betrokken partner").focus()
    page.keyboard.press("Tab")
    expect(box).to_be_focused()
    page.keyboard.type("groep")
    listbox = page.get_by_role("listbox", name="Jeugdgroep")
    expect(listbox.get_by_role("option")).to_have_count(4)
    expect(box).to_have_attribute("aria-expanded", "true")
    no_axe_violations(page)
    screenshot(page, "combobox-open-1280")
    for _ in range(4):  # Noord, Oost, West, Zuid
        page.keyboard.press("ArrowDown")
    zuid = listbox.get_by_role("option", name="Groep Zuid")
    expect(zuid).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", zuid.get_attribute("id"))
    page.keyboard.press("Enter")
    expect(box).to_have_value("Groep Zuid")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page).to_have_url(re.compile(rf"youth_group={group.pk}"))
    expect(page.get_by_role("link", name=other.number)).to_be_visible()
    expect(page.get_by_role("link", name=personas.case_a.number)).to_have_count(0)
    page.reload()
    expect(page.get_by_role("combobox", name="Jeugdgroep")).to_have_value("Groep Zuid")
    no_axe_violations(page)


def test_no_results_escape_and_leaving_keep_the_choice(page, settings):
    personas, _other, _group = caseload_with_groups(settings)
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + f"/casussen/?coordinator=alle&partner={personas.politie.pk}")
    box = page.get_by_role("combobox", name="Betrokken partner")
    expect(box).to_have_value("Politie Rotterdam")
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("xyzzy")
    expect(page.get_by_role("option", name="Geen resultaten")).to_be_visible()
    screenshot(page, "combobox-no-results-1280")
    expect(page.get_by_role("status").filter(has_text="Geen resultaten")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Escape")
    expect(box).to_have_value("Politie Rotterdam")
    page.keyboard.press("Tab")
    expect(page).to_have_url(re.compile(rf"partner={personas.politie.pk}"))


def test_the_combobox_on_a_phone(page, settings):
    caseload_with_groups(settings)
    page.set_viewport_size(PHONE)
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + "/casussen/?coordinator=alle")
    box = page.get_by_role("combobox", name="Jeugdgroep")
    box.focus()
    with page.expect_request(re.compile(r"/keuzes/jeugdgroepen/")) as asked:
        page.keyboard.type("oost")
    assert asked.value.url.split("?")[1] == "tekst=oost"  # the typed text, not the form
    option = page.get_by_role("option", name="Groep Oost")
    expect(option).to_be_visible()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    no_axe_violations(page)
    screenshot(page, "combobox-open-375")
    page.keyboard.press("Enter")
    expect(box).to_have_value("Groep Oost")


def test_a_coordinator_involves_a_partner_chosen_by_keyboard(page, settings):
    settings.COMBOBOX_THRESHOLD = 0
    personas = make_personas()
    wijkteam = PartnerFactory(name="Wijkteam Charlois")
    karin = MembershipFactory(
        user=UserFactory(first_name="Karin", last_name="Bos"), partner=wijkteam
    ).user
    case = personas.case_a
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + f"/casussen/{case.pk}/partners/nieuw/")
    partner = page.get_by_role("combobox", name="Ketenpartner")
    partner.focus()
    page.keyboard.type("wijk")
    expect(page.get_by_role("option", name="Wijkteam Charlois")).to_be_visible()
    page.keyboard.press("ArrowDown")
    no_axe_violations(page)
    screenshot(page, "combobox-involvement-1280")
    page.keyboard.press("Enter")
    expect(partner).to_have_value("Wijkteam Charlois")
    contact = page.get_by_role("combobox", name="Contactpersoon")
    contact.focus()
    page.keyboard.type("karin")
    expect(page.get_by_role("option", name="Karin Bos (Wijkteam Charlois)")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    field(page, "Grondslag").select_option(value="convenant")
    page.get_by_label("Dat-informatie: dat de casus er is en wie betrokken is").check()
    field(page, "Reden").fill("Nodig voor de aanpak")
    page.get_by_role("button", name="Partner betrekken").click()
    expect(page.get_by_text("Wijkteam Charlois is betrokken bij de casus.")).to_be_visible()
    involvement = case.involvements.get(partner=wijkteam)
    assert involvement.contact_person_id == karin.pk

"""Opschalen naar het ZVH in the browser: from the case's action to the form, a refusal that
keeps what was typed and ticked, and the handover's page with its two downloads; the form
with its errors passes axe."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cases.models import Handover
from tests.base import PASSWORD, make_personas
from tests.browser.conftest import field, login, screenshot
from tests.browser.test_every_page import WCAG


def violations(page):
    result = Axe().run(page, options=WCAG)
    return sorted({v["id"] for v in result.response["violations"]})


def test_a_coordinator_hands_a_case_over_to_the_zvh(page):
    personas = make_personas()
    case = personas.case_a
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + case.get_absolute_url())
    page.get_by_role("link", name="Opschalen naar ZVH").click()
    expect(
        page.get_by_role("heading", name="Opschalen naar het Zorg- en Veiligheidshuis")
    ).to_be_visible()
    field(page, "Toelichting").fill("Escalatie in de wijk; de ZVH-regie neemt het over.")
    page.get_by_label("Recente gedeelde contactmomenten").check()
    page.get_by_role("button", name="Dossier maken").click()

    expect(page.locator(".error-summary")).to_contain_text(
        "Kies de grondslag waarop u de gegevens deelt."
    )
    expect(field(page, "Toelichting")).to_have_value(
        "Escalatie in de wijk; de ZVH-regie neemt het over."
    )
    expect(page.get_by_label("Recente gedeelde contactmomenten")).to_be_checked()
    assert violations(page) == []
    screenshot(page, "handover-form-error")

    field(page, "Grondslag").select_option(value="convenant_zvh")
    page.get_by_role("button", name="Dossier maken").click()
    expect(page.get_by_role("heading", name="Opschalingsdossier")).to_be_visible()
    handover = Handover.objects.get()
    assert handover.includes_contacts and handover.legal_ground == "convenant_zvh"
    expect(page.get_by_role("link", name="Dossier (PDF)")).to_be_visible()
    expect(page.get_by_role("link", name="Dossier (JSON)")).to_be_visible()
    assert violations(page) == []
    screenshot(page, "handover-detail")

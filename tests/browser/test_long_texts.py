"""Bounded input in the browser: a text field counts what is left, and a long text on the page
starts folded behind 'Toon meer', by keyboard too."""

import re

from playwright.sync_api import expect

from tests.base import PASSWORD, make_personas
from tests.browser.conftest import field, login, screenshot
from tests.factories import ContactFactory


def test_the_summary_counts_its_characters_and_a_long_one_is_folded(page):
    personas = make_personas()
    case = personas.case_a
    ContactFactory(
        case=case,
        partner=personas.politie,
        author=personas.petra,
        summary="Lang verslag van een huisbezoek. " * 60,
    )
    login(page, "petra", PASSWORD)
    page.goto(f"{page.base_url}/casussen/{case.pk}/?tab=contacten")

    summary = field(page.locator("#contact-form"), "Samenvatting")
    counter = page.locator("#id_summary_count")
    expect(counter).to_have_text("0 van 4000 tekens gebruikt.")
    summary.fill("x" * 3700)
    expect(counter).to_have_text("3700 van 4000 tekens gebruikt.")
    expect(counter).to_have_class(re.compile(r"\bfield__count--near\b"))
    assert summary.get_attribute("maxlength") == "4000"

    toggle = page.get_by_role("button", name="Toon meer")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Toon minder")).to_have_attribute(
        "aria-expanded", "true"
    )
    screenshot(page, "long-text-unfolded")

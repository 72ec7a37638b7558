"""The strict Content-Security-Policy breaks nothing: no violation while a partner works."""

from playwright.sync_api import expect

from tests.base import PASSWORD, make_personas
from tests.browser.conftest import field, login


def test_no_csp_violations_while_using_htmx_tabs_and_logging_a_contact(page):
    personas = make_personas()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    login(page, "petra", PASSWORD)
    page.goto(f"{page.base_url}/casussen/{personas.case_a.pk}/")
    page.get_by_role("link", name="Partners").click()
    expect(page.get_by_role("heading", name="Partners")).to_be_visible()
    page.get_by_role("link", name="Contacten").click()
    form = page.locator("#contact-form")
    field(form, "Soort contact").select_option(label="Gesprek")
    field(form, "Met wie").select_option(label="Jongere")
    field(form, "Samenvatting").fill("Gesprek zonder CSP-meldingen")
    form.get_by_role("button", name="Contactmoment opslaan").click()
    expect(page.locator("#contacts-list")).to_contain_text("Gesprek zonder CSP-meldingen")
    page.goto(f"{page.base_url}/casussen/")
    page.get_by_label("Status").select_option(label="Actief")
    expect(page.locator("#caseload")).to_contain_text(personas.case_a.number)
    assert violations == []


def test_an_injected_inline_script_is_refused_and_reported(page):
    make_personas()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    login(page, "petra", PASSWORD)
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.injected === undefined")
    assert violations
    # The refusal is the console error this test provoked; the fixture checks for others.
    assert any("Content Security Policy" in error for error in page.console_errors)
    page.console_errors.clear()

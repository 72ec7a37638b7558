"""Logging a contact with the keyboard only (Tab, typing, arrows, Enter; no mouse), as a
partner: from Mijn casussen to the saved contact, through one refused save whose error
summary takes the focus and whose link leads back to the field."""

from playwright.sync_api import expect

from cases.models import Contact
from tests.base import PASSWORD, make_personas
from tests.browser.conftest import login
from tests.browser.test_registration_keyboard import tab_to


def test_a_partner_logs_a_contact_with_the_keyboard_only(page):
    personas = make_personas()
    case = personas.case_a
    login(page, "petra", PASSWORD)
    page.goto(page.base_url + "/casussen/")
    tab_to(page, page.locator(f'main a[href="/casussen/{case.pk}/"]:visible').first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=str(case.youth))).to_be_visible()
    tab_to(page, page.get_by_role("link", name="Contact vastleggen"))
    page.keyboard.press("Enter")

    tab_to(page, page.locator("[name='kind']"))
    page.keyboard.type("Straat")  # type-ahead in the select: Straatcontact
    tab_to(page, page.locator("[name='with_whom']"))
    page.keyboard.type("Jongere")
    # Share it with the own organisation only: the arrow keys move within the radio group.
    tab_to(page, page.locator("[name='visibility']:checked"))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Alleen eigen organisatie en coördinator")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Contactmoment opslaan"))
    page.keyboard.press("Enter")

    # No summary: refused, the focus on the error summary, its link to the field.
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link", name="Samenvatting")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[name='summary']")).to_be_focused()
    page.keyboard.type("Gesproken bij het winkelcentrum, met alleen het toetsenbord")
    # What was chosen before the refusal is still there.
    expect(page.get_by_label("Alleen eigen organisatie en coördinator")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Contactmoment opslaan"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("Het contactmoment is opgeslagen.")).to_be_visible()
    contact = Contact.objects.get(summary__startswith="Gesproken bij het winkelcentrum")
    assert (contact.case, contact.author, contact.kind) == (case, personas.petra, "straatcontact")
    assert (contact.with_whom, contact.visibility) == ("jongere", "eigen_organisatie")

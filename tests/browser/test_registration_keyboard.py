"""Registration with the keyboard only (Tab, typing, Enter; no mouse), on a browser whose
locale writes dates as mm/dd/yyyy: dates are still typed dd-mm-jjjj, a third household
member is added in the page, and an error sends the focus to the summary at the top."""

from playwright.sync_api import expect

from cases.models import Case
from tests.base import PASSWORD, make_personas
from tests.browser.conftest import login


def tab_to(page, locator, most=150):
    """Press Tab until ``locator`` has the focus, as a keyboard user would."""
    for _ in range(most):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} never got the focus")


def type_into(page, name, text):
    tab_to(page, page.locator(f"[name='{name}']"))
    page.keyboard.type(text)


def member(page, number, first_name, relation):
    expect(page.locator(f"[name='gezinsleden-{number}-first_name']")).to_be_focused()
    page.keyboard.type(first_name)
    type_into(page, f"gezinsleden-{number}-last_name", "Bakker")
    type_into(page, f"gezinsleden-{number}-relation", relation)  # type-ahead in the select


def test_a_coordinator_registers_three_household_members_with_the_keyboard_only(
    browser, live_server
):
    make_personas()
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.base_url = live_server.url
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + "/casussen/nieuw/")
    type_into(page, "jongere-first_name", "Sem")
    type_into(page, "jongere-last_name", "Bakker")
    type_into(page, "jongere-date_of_birth", "14-3-2010")
    type_into(page, "huishouden-name", "Huishouden Bakker")
    tab_to(page, page.locator("[name='gezinsleden-0-first_name']"))
    member(page, 0, "Karin", "Moeder")
    add = page.get_by_role("button", name="Nog een gezinslid toevoegen")
    for number, (name, relation) in enumerate([("Mo", "Broer"), ("Lisa", "Zus")], start=1):
        tab_to(page, add)
        page.keyboard.press("Enter")
        expect(page.get_by_role("group", name=f"Gezinslid {number + 1}")).to_be_visible()
        member(page, number, name, relation)
    type_into(page, "aanmelding-referral_reason", "Overlast en verzuim")
    type_into(page, "aanmelding-priority", "Midden")
    type_into(page, "aanmelding-priority_rationale", "Zorgen over afglijden")
    tab_to(page, page.get_by_role("button", name="Aanmelding registreren"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("is geregistreerd")).to_be_visible()
    case = Case.objects.get(youth__last_name="Bakker")
    assert str(case.youth.date_of_birth) == "2010-03-14"
    names = case.youth.household.members.values_list("first_name", flat=True)
    assert sorted(names) == ["Karin", "Lisa", "Mo"]
    context.close()


def test_an_error_moves_the_focus_to_the_summary_and_its_link_to_the_field(page):
    make_personas()
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + "/casussen/nieuw/")
    type_into(page, "jongere-first_name", "Sem")
    type_into(page, "jongere-date_of_birth", "31-31-2010")
    tab_to(page, page.get_by_role("button", name="Aanmelding registreren"))
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Vul een datum in als dd-mm-jjjj")
    page.keyboard.press("Tab")  # the first link: the first field in error
    page.keyboard.press("Enter")
    expect(page.get_by_label("Achternaam").first).to_be_focused()
    expect(page.locator("[name='jongere-first_name']")).to_have_value("Sem")
    expect(page.locator("[name='jongere-date_of_birth']")).to_have_value("31-31-2010")

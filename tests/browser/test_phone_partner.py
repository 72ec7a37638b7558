"""A partner on a phone (375 × 667, issue 19): from the page after login to a logged contact
in at most 5 taps, each target within the first screen, the save button always in reach.

A tap is a click or a tap; choosing from a select counts as one; typing does not. The
scroll a step needs is how far its target's bottom lies below the first screen of the page
it is on (0: in view on arrival). The numbers are printed (`pytest -s`) and in the README,
*Telefoon: een contact vastleggen*."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.contacts.services import log_contact
from cases.models import ContactVisibility
from cases.plan.services import make_agreement
from partners.models import PartnerKind
from tests.base import PASSWORD, involve, make_personas
from tests.browser.conftest import field, login, settle, watch_console
from tests.factories import MembershipFactory, PartnerFactory, UserFactory

PHONE = {"width": 375, "height": 667}
MAX_TAPS = 5


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    errors = watch_console(page)
    yield page
    settle(page)
    context.close()
    assert errors == [], "console errors:\n" + "\n".join(errors)


class Walk:
    """Counts the taps and measures where each target is on the 667 px screen."""

    def __init__(self, page):
        self.page, self.taps, self.steps, self.form_scroll = page, 0, [], 0

    def look(self, step, target):
        expect(target).to_be_visible()
        box = target.bounding_box()
        bottom = box["y"] + box["height"] + self.page.evaluate("window.scrollY")
        self.steps.append((step, round(bottom), max(0, round(bottom) - PHONE["height"])))

    def tap(self, step, target, *, arrives):
        self.look(step, target)
        target.tap()
        self.taps += 1
        expect(self.page).to_have_url(re.compile(arrives))
        self.page.wait_for_load_state()

    def choose(self, step, select, label):
        self.look(step, select)
        select.select_option(label=label)
        self.taps += 1

    @property
    def scroll(self):
        return sum(needed for _step, _bottom, needed in self.steps)

    def report(self, start):
        lines = [
            f"{step}: onderkant {bottom}px, scrollen {needed}px"
            for step, bottom, needed in self.steps
        ]
        return (
            f"Vanaf {start}: {self.taps} taps, {self.scroll}px scrollen vóór het formulier, "
            f"{self.form_scroll}px in het formulier (tot onder de samenvatting)\n  "
            + "\n  ".join(lines)
        )


def in_view(page, target) -> bool:
    box = target.bounding_box()
    return (
        box is not None
        and 0 <= box["y"] <= box["y"] + box["height"] <= PHONE["height"]
        and 0 <= box["x"] <= box["x"] + box["width"] <= PHONE["width"]
    )


# Where the focused element is, and the top of the contact form's (sticky) save bar.
FOCUSED = """() => {
  const el = document.activeElement, box = el.getBoundingClientRect();
  const bar = document.querySelector(".contact-form__actions").getBoundingClientRect();
  return {tag: el.tagName, name: el.name || el.textContent.slice(0, 40), top: box.top,
          bottom: box.bottom, bar: bar.top, save: el.type === "submit"};
}"""


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def fill_in_and_save(walk, page, summary):
    """On the contact form: two choices, the summary typed, save."""
    form = page.locator("#contact-form")
    save = form.get_by_role("button", name="Contactmoment opslaan")
    assert in_view(page, save), "the save button is in view when the form opens"
    walk.choose("soort contact", field(form, "Soort contact"), "Straatcontact")
    walk.choose("met wie", field(form, "Met wie"), "Jongere")
    # Typing is no tap. How far down the whole summary box lies below the sticky save bar
    # is the scrolling the form asks for.
    summary_box = field(form, "Samenvatting").bounding_box()
    bar_top = form.locator(".contact-form__actions").bounding_box()["y"]
    walk.form_scroll = max(0, round(summary_box["y"] + summary_box["height"] - bar_top))
    field(form, "Samenvatting").fill(summary)
    assert in_view(page, save), "the save button stays in view while typing the summary"
    walk.taps += 1
    save.tap()
    expect(page.get_by_text("Het contactmoment is opgeslagen.")).to_be_visible()


def test_from_mijn_afspraken_a_partner_logs_a_contact_in_five_taps_without_scrolling(phone):
    personas = make_personas()
    case = personas.case_a
    make_agreement(
        case,
        by=personas.coordinator,
        description="Huisbezoek afleggen",
        partner=personas.politie,
        due_on=timezone.localdate() + timedelta(days=7),
    )
    login(phone, "petra", PASSWORD)
    expect(phone.get_by_role("heading", name="Mijn afspraken")).to_be_visible()
    walk = Walk(phone)

    walk.tap(
        "casus in Mijn afspraken",
        phone.get_by_role("link", name=case.number),
        arrives=rf"/casussen/{case.pk}/\?tab=afspraken$",
    )
    walk.tap(
        "Contact vastleggen",
        phone.get_by_role("link", name="Contact vastleggen"),
        arrives="/contacten/nieuw/$",
    )
    assert no_sideways_scroll(phone)
    fill_in_and_save(walk, phone, "Gesproken op het plein, rustig")

    print(walk.report("Mijn afspraken"))
    assert walk.taps <= MAX_TAPS, walk.report("Mijn afspraken")
    assert walk.scroll == 0, walk.report("Mijn afspraken")
    assert case.contacts.get().summary == "Gesproken op het plein, rustig"


def test_a_dat_partner_sees_its_own_records_first_and_logs_a_contact_in_five_taps(phone):
    """At 'dat' the case page opens on its own agreement and its own contacts only."""
    personas = make_personas()
    case = personas.case_a
    leerplicht = PartnerFactory(name="Leerplicht Rotterdam", kind=PartnerKind.LEERPLICHT)
    fenna = MembershipFactory(user=UserFactory(username="fenna"), partner=leerplicht).user
    involve(case, leerplicht, by=personas.coordinator, information_level="dat")
    for partner, author, summary in (
        (personas.politie, personas.petra, "ANDERMANS-CONTACT"),
        (leerplicht, fenna, "EIGEN-CONTACT"),
    ):
        log_contact(
            case,
            by=author,
            partner=partner,
            occurred_at=timezone.now() - timedelta(days=1),
            kind="gesprek",
            with_whom="jongere",
            summary=summary,
            visibility=ContactVisibility.SHARED,
        )
    make_agreement(
        case,
        by=personas.coordinator,
        description="EIGEN-AFSPRAAK",
        partner=leerplicht,
        due_on=timezone.localdate() + timedelta(days=7),
    )
    login(phone, "fenna", PASSWORD)
    walk = Walk(phone)

    walk.tap(
        "casus in Mijn afspraken",
        phone.get_by_role("link", name=case.number),
        arrives=rf"/casussen/{case.pk}/\?tab=afspraken$",
    )
    phone.get_by_role("link", name="Overzicht", exact=True).click()  # not counted: a check
    overview = phone.locator("#case-tabs")
    expect(overview).to_contain_text("EIGEN-AFSPRAAK")
    expect(overview).to_contain_text("EIGEN-CONTACT")
    assert "ANDERMANS-CONTACT" not in phone.content()
    walk.tap(
        "Contact vastleggen",
        phone.get_by_role("link", name="Contact vastleggen"),
        arrives="/contacten/nieuw/$",
    )
    fill_in_and_save(walk, phone, "Schoolverzuim besproken")

    print(walk.report("Mijn afspraken, op 'dat'-niveau"))
    assert walk.taps <= MAX_TAPS and walk.scroll == 0, walk.report("Mijn afspraken (dat)")


def test_from_mijn_casussen_a_partner_logs_a_contact_in_five_taps_without_scrolling(phone):
    personas = make_personas()
    case = personas.case_a
    login(phone, "petra", PASSWORD)
    phone.get_by_role("link", name="Mijn casussen", exact=True).click()
    expect(phone.get_by_role("heading", name="Mijn casussen")).to_be_visible()
    walk = Walk(phone)

    walk.tap(
        "casus in Mijn casussen",
        phone.locator(f'main a[href="/casussen/{case.pk}/"]').first,
        arrives=rf"/casussen/{case.pk}/$",
    )
    walk.tap(
        "Contact vastleggen",
        phone.get_by_role("link", name="Contact vastleggen"),
        arrives="/contacten/nieuw/$",
    )
    fill_in_and_save(walk, phone, "Gesproken bij de supermarkt")

    print(walk.report("Mijn casussen"))
    assert walk.taps <= MAX_TAPS and walk.scroll == 0, walk.report("Mijn casussen")


def test_on_a_phone_the_tabs_are_one_row_that_scrolls_by_itself_not_the_page(phone):
    personas = make_personas()
    case = personas.case_a
    login(phone, "petra", PASSWORD)
    phone.goto(phone.base_url + f"/casussen/{case.pk}/historie/")
    tabs = phone.locator("#case-tabs nav li")
    tops = {round(tabs.nth(i).bounding_box()["y"]) for i in range(tabs.count())}
    assert len(tops) == 1, f"the tabs wrap into rows at {sorted(tops)}"
    assert no_sideways_scroll(phone)
    current = phone.locator('#case-tabs a[aria-current="page"]')
    expect(current).to_have_text("Historie")
    assert in_view(phone, current)  # the row shows the current tab, the last one
    phone.get_by_role("link", name="Contacten", exact=True).focus()
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(r"tab=contacten"))
    expect(current).to_have_text("Contacten")


def test_the_case_page_and_the_contact_form_on_a_phone_have_no_axe_violations(phone):
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.test_accessibility import WCAG

    personas = make_personas()
    case = personas.case_a
    login(phone, "petra", PASSWORD)
    found = {}
    for url in (f"/casussen/{case.pk}/", f"/casussen/{case.pk}/contacten/nieuw/"):
        phone.goto(phone.base_url + url)
        report = Axe().run(phone, options=WCAG)
        if report.violations_count:
            found[url] = report.generate_report()
    assert found == {}


def test_a_contact_is_logged_with_the_keyboard_only_and_the_focus_never_hides(phone):
    """Tab order follows the form; the sticky save bar never covers the focused field."""
    personas = make_personas()
    case = personas.case_a
    login(phone, "petra", PASSWORD)
    phone.goto(phone.base_url + f"/casussen/{case.pk}/")
    phone.get_by_role("link", name="Contact vastleggen").focus()
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile("/contacten/nieuw/$"))
    form = phone.locator("#contact-form")
    field(form, "Soort contact").focus()
    phone.keyboard.press("ArrowDown")  # the first kind
    phone.keyboard.press("Tab")
    phone.keyboard.press("ArrowDown")  # the first 'met wie'
    phone.keyboard.press("Tab")
    phone.keyboard.type("Met het toetsenbord vastgelegd")
    for _ in range(20):
        phone.keyboard.press("Tab")
        focused = phone.evaluate(FOCUSED)
        if focused["save"]:
            assert focused["bottom"] <= PHONE["height"], focused
            break
        assert 0 <= focused["top"] and focused["bottom"] <= focused["bar"], focused
    else:
        raise AssertionError("the save button is not reached with Tab")
    phone.keyboard.press("Enter")
    expect(phone.get_by_text("Het contactmoment is opgeslagen.")).to_be_visible()
    assert case.contacts.get().summary == "Met het toetsenbord vastgelegd"

"""The coordinator's tables on a phone (375 px, issue 19): nothing is cut off without a cue.

A list of records (the caseload, a case's partners and interventions, a group's members)
shows each row as a card whose every cell carries its column's name; a cross table that is
still wider than the screen (the dashboard's counts) scrolls in its own labelled, focusable
region with a shadow at the edge. Dates and case numbers never break at their hyphens, and
the Historie breaks its field names and column headers only between words."""

from playwright.sync_api import expect

from cases.casefile.services import change_status, update_case
from cases.models import CaseStatus
from tests.base import PASSWORD, make_personas
from tests.browser.conftest import login
from tests.factories import GroupMembershipFactory, InterventionFactory

PHONE = {"width": 375, "height": 800}

# Per table wrapper: how far its cells reach past its right edge, and whether it may scroll
# there (a focusable region with a name and the shadow's local background).
CLIPPED = """() => [...document.querySelectorAll('.table-wrap')].map(wrap => {
    const edge = wrap.getBoundingClientRect().right;
    // (A header row read out but not shown, as above the cards, takes no room.)
    const shown = c => c.offsetParent !== null && !c.closest('.table--stack > thead:not(:has(a))');
    const cells = [...wrap.querySelectorAll('td, th')].filter(shown);
    const beyond = Math.max(0, ...cells.map(c => c.getBoundingClientRect().right - edge));
    const style = getComputedStyle(wrap);
    return {
        label: wrap.getAttribute('aria-label'),
        beyond: Math.round(beyond),
        region: wrap.tabIndex === 0 && wrap.getAttribute('role') === 'region',
        scrolls: ['auto', 'scroll'].includes(style.overflowX),
        shadow: style.backgroundAttachment.includes('local'),
        stacked: !!wrap.querySelector('.table--stack'),
    };
})"""
# Elements that must stay on one line (a date, a case number, an age) but take two.
BROKEN = """() => [...document.querySelectorAll('.nowrap, .case-header__age')]
    .filter(el => el.offsetParent !== null && el.getClientRects().length > 1)
    .map(el => el.textContent)"""
# Words of the Historie's headers and field names split over two lines.
SPLIT_WORDS = """() => [...document.querySelectorAll('.timeline th')].flatMap(th => {
    const range = document.createRange();
    const text = th.textContent.trim();
    if (!th.firstChild || text.includes(' ')) return [];
    range.selectNodeContents(th);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    return lines.size > 1 ? [text] : [];
})"""


def world():
    personas = make_personas()
    case, coordinator = personas.case_a, personas.coordinator
    InterventionFactory(case=case, started_on=None, responsible_partner=personas.politie)
    GroupMembershipFactory(youth=case.youth)
    update_case(
        case,
        by=coordinator,
        plan="Een lange waarde zonder spaties: https://example.org/" + "a" * 60,
        reason="Plan bijgewerkt",
    )
    change_status(case, CaseStatus.NAZORG, by=coordinator, reason="Doelen bereikt")
    return personas


def test_a_phone_shows_the_coordinators_tables_without_cutting_them_off(page):
    personas = world()
    case = personas.case_a
    group = case.youth.group_memberships.get().youth_group
    login(page, "sanne", PASSWORD)
    page.set_viewport_size(PHONE)
    pages = {
        "/casussen/": {"Casussen"},
        f"/casussen/{case.pk}/?tab=partners": {"Betrokken partners"},
        f"/casussen/{case.pk}/?tab=interventies": {"Interventies"},
        f"/groepen/{group.pk}/": {"Leden van de groep"},
        "/": set(),
    }
    problems = {}
    for url, stacked in pages.items():
        page.goto(page.base_url + url)
        for wrap in page.evaluate(CLIPPED):
            name = wrap["label"].split(" (")[0]
            if name in stacked and not (wrap["stacked"] and wrap["beyond"] == 0):
                problems[f"{url} {name}"] = f"not cards: {wrap['beyond']} px off the screen"
            if wrap["beyond"] and not (wrap["region"] and wrap["scrolls"] and wrap["shadow"]):
                problems[f"{url} {name}"] = f"{wrap['beyond']} px cut off without a cue"
        if broken := page.evaluate(BROKEN):
            problems[f"{url} broken"] = broken
    assert problems == {}


def test_a_card_names_each_value_and_the_period_reads_in_words(page):
    personas = world()
    login(page, "sanne", PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + f"/casussen/{personas.case_a.pk}/?tab=interventies")
    card = page.locator(".table--stack tbody tr").first
    period = card.locator("td[data-label='Periode']")
    expect(period).to_have_text("nog niet gestart")
    label = period.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Periode"'


def test_the_historie_splits_no_word_of_its_headers_and_field_names(page):
    personas = world()
    login(page, "sanne", PASSWORD)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(page.base_url + f"/casussen/{personas.case_a.pk}/?tab=historie")
        expect(page.locator(".timeline th").first).to_be_visible()
        assert page.evaluate(SPLIT_WORDS) == [], width
        assert page.evaluate(BROKEN) == [], width

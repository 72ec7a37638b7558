"""Every page of the app and of /beheer/, for every role, at 1280 and at 375 px: axe-core
finds no WCAG 2.1 AA violation and nothing scrolls sideways.

The pages are found the way the access matrix finds them (walking the URL resolver and filling
ids with objects of every kind), so a page added later is checked without editing this file.
A page a role may not open (403, 404, a redirect) is skipped for that role; each role must
still reach a floor of pages, so the test cannot pass by reaching none.

Each page is also photographed at both widths into ``test-artifacts/pages/<user>/`` (full
page), so a reviewer can look at every screen of every role without running the app.
"""

import re

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth.models import Group

from cases.casefile.services import update_case
from tests.base import PASSWORD, make_personas
from tests.browser.conftest import ARTIFACTS, login
from tests.factories import UserFactory
from tests.test_access_matrix import build_world, every_page

# Without preload: axe would copy the stylesheets into inline <style> elements to read them,
# which our CSP refuses (a console error that is axe's, not the page's).
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "preload": False,
}
WIDTHS = (1280, 375)
HORIZONTAL_OVERFLOW = """() => {
    const root = document.documentElement;
    return root.scrollWidth - root.clientWidth;
}"""


def shot_name(url: str, width: int) -> str:
    """'/casussen/3/?tab=contacten' at 375 -> 'casussen-3-tab-contacten@375.png'."""
    slug = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "start"
    return f"{slug}@{width}.png"


def check(page, urls, who: str) -> tuple[int, dict]:
    axe, seen, problems = Axe(), 0, {}
    folder = ARTIFACTS / "pages" / who
    folder.mkdir(parents=True, exist_ok=True)
    for url in urls:
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        response = page.goto(page.base_url + url)
        if response is None or response.status != 200 or not response.url.endswith(url):
            continue  # not this role's page (refused, or sent elsewhere)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        seen += 1
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            overflow = page.evaluate(HORIZONTAL_OVERFLOW)
            if overflow > 0:
                problems[f"{url} @{width}"] = f"scrolls sideways by {overflow} px"
            page.screenshot(path=str(folder / shot_name(url, width)), full_page=True)
            result = axe.run(page, options=WCAG)
            if result.violations_count:
                ids = sorted({v["id"] for v in result.response["violations"]})
                problems[f"{url} @{width} axe"] = ids
    return seen, problems


def listing(problems: dict) -> str:
    return "\n".join(f"{where}: {what}" for where, what in problems.items())


def setup():
    personas = make_personas()
    objects = build_world(personas)
    # A long word (a Dutch compound, a link) in the Historie and on the case page: it must
    # wrap at 375 px, not push the page wider.
    update_case(
        personas.case_a,
        by=personas.coordinator,
        plan="Gedragsaanwijzingsbeschikkingsvoorbereidingsoverleg https://example.org/" + "a" * 40,
        reason="Gedragsaanwijzingsbeschikkingsvoorbereidingsoverlegverslag",
    )
    tessa = UserFactory(username="tessa")
    tessa.groups.add(Group.objects.get(name=settings.SUPERVISORS_GROUP))
    return personas, objects


def test_every_page_of_the_coordinator_and_the_partner(page):
    personas, objects = setup()
    urls = every_page(objects, admin=False)
    results = {}
    for username in ("sanne", "petra"):
        page.context.clear_cookies()
        login(page, username, PASSWORD)
        results[username] = check(page, urls, username)
    seen = {username: result[0] for username, result in results.items()}
    assert seen["sanne"] >= 25 and seen["petra"] >= 12, seen
    for username, (_seen, problems) in results.items():
        assert problems == {}, f"{username}:\n{listing(problems)}"


def test_every_page_of_beheer_and_toezicht(page):
    personas, objects = setup()
    page.context.clear_cookies()
    login(page, "bert", PASSWORD)
    seen, problems = check(page, ["/beheer/", *every_page(objects, admin=True)], "bert")
    assert seen >= 40, seen
    assert problems == {}, listing(problems)
    page.context.clear_cookies()
    login(page, "tessa", PASSWORD)
    seen, problems = check(page, ["/toezicht/inzagelog/", "/bestaat-niet/"], "tessa")
    assert seen >= 1 and problems == {}


def test_a_page_with_a_flash_message(page):
    """The message after a save sits in a status region around its list (axe: listitem)."""
    make_personas()
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + "/groepen/nieuw/")
    page.get_by_label("Werknaam").fill("Groep Katendrecht")
    page.get_by_role("button", name="Jeugdgroep aanmaken").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").inner_text().strip() == (
        "Jeugdgroep ‘Groep Katendrecht’ is aangemaakt."
    )
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        result = Axe().run(page, options=WCAG)
        assert result.violations_count == 0, result.generate_report()
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0

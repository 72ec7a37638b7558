"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright's sync API runs an event loop in this thread, which Django would take for async
code; the tests are synchronous, so we say so. Never `playwright install`: it downloads a
browser, which this project does not need.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The live server reads what the test wrote, so the data must be committed.
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chromium not found at /usr/bin/chromium (Debian package 'chromium')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    errors = page.console_errors = watch_console(page)
    yield page
    settle(page)
    context.close()
    # A console error (a CSP violation, a script error) is a bug, in every browser test.
    assert errors == [], "console errors:\n" + "\n".join(errors)


def watch_console(page) -> list[str]:
    """Console errors and uncaught exceptions of ``page``. A page answered with an error
    status on purpose (a 404 the test asks for) logs its own load failure; that one is the
    test's business, not an error of the page."""
    errors, documents = [], set()

    def on_console(message):
        if message.type != "error":
            return
        failed_document = (
            message.text.startswith("Failed to load resource")
            and message.location.get("url") in documents
        )
        if not failed_document:
            errors.append(f"{message.location.get('url', '')}: {message.text}")

    page.on("request", lambda r: documents.add(r.url) if r.resource_type == "document" else None)
    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors


def settle(page):
    """Let requests in flight finish before the test's data goes: a request thread that
    outlives the test trips over the flushed (SQLite: shared) connection."""
    try:
        page.wait_for_load_state("networkidle", timeout=5_000)
    except Exception:  # noqa: BLE001 - a page that never settles is closed anyway
        pass


def login(page, username, password):
    page.goto(page.base_url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def field(scope, label):
    """The field labelled exactly ``label`` (required fields add ' (verplicht)')."""
    import re

    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(verplicht\))?$"))

"""The proportionaliteitstoets in the browser: from the long-overdue flag to the form, an error
fixed without losing what was typed, and the toets on the case's Overzicht; the flag, the
facts and the error summary pass axe too."""

import re
from datetime import timedelta

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case, ProportionalityReview
from tests.base import PASSWORD, make_personas
from tests.browser.conftest import field, login
from tests.browser.test_every_page import WCAG
from tests.factories import AgreementFactory


def violations(page):
    result = Axe().run(page, options=WCAG)
    return sorted({v["id"] for v in result.response["violations"]})


def test_a_coordinator_follows_the_flag_and_records_a_toets(page):
    personas = make_personas()
    case = personas.case_a
    AgreementFactory(
        case=case, partner=personas.politie, status="gedaan", status_on=case.registered_on
    )
    Case.objects.filter(pk=case.pk).update(next_toets_on=timezone.localdate() - timedelta(days=40))
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + case.get_absolute_url())
    flag = page.get_by_role("alert").filter(has_text="lang verlopen")
    expect(flag).to_be_visible()
    expect(page.get_by_text("Alle afspraken zijn afgerond (1)")).to_be_visible()
    assert violations(page) == []

    flag.get_by_role("link", name="Proportionaliteitstoets vastleggen").click()
    expect(page.get_by_role("heading", name="Proportionaliteitstoets", exact=True)).to_be_visible()
    page.get_by_role("group", name=re.compile("inclusiecriteria")).get_by_label("Ja").check()
    page.get_by_role("group", name=re.compile("iets toe")).get_by_label("Ja").check()
    page.get_by_role("group", name=re.compile("afschalen mogelijk")).get_by_label("Nee").check()
    page.get_by_role("group", name=re.compile("Besluit over Politie")).get_by_label(
        "Blijft nodig"
    ).check()
    field(page, "Onderbouwing").fill("Nog steeds overlast in de avond.")
    page.get_by_role("button", name="Toets vastleggen").click()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Leg uit waarom Politie Rotterdam betrokken blijft.")
    expect(field(page, "Onderbouwing")).to_have_value("Nog steeds overlast in de avond.")
    assert violations(page) == []
    summary.get_by_role("link").first.click()
    expect(field(page, "Waarom (Politie Rotterdam)")).to_be_focused()
    field(page, "Waarom (Politie Rotterdam)").fill("De wijkagent kent de groep.")
    page.get_by_role("button", name="Toets vastleggen").click()

    expect(page.get_by_text("De proportionaliteitstoets is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="lang verlopen")).to_have_count(0)
    expect(page.get_by_text("De wijkagent kent de groep.")).to_be_visible()
    assert ProportionalityReview.objects.get().decisions.get().reason == (
        "De wijkagent kent de groep."
    )

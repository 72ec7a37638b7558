"""The casusoverleg end to end in the browser (issue 16): the coordinator plans a meeting,
invites partners per item, holds it (attendance, verslag, a decision, an agreement) and
makes the verslag final; the partner sees only its own item and marks its agreement done
on a phone. axe-core finds nothing on the new pages."""

import re
from datetime import timedelta

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Agreement, AgreementStatus, Decision
from tests.base import PASSWORD, involve, make_personas
from tests.browser.conftest import field, login, screenshot, settle, watch_console
from tests.browser.test_every_page import WCAG
from tests.browser.test_partner_flow import PHONE, no_horizontal_scroll
from tests.factories import CaseFactory


def axe_violations(page) -> list[str]:
    result = Axe().run(page, options=WCAG)
    return [v["id"] for v in result.response["violations"]]


def test_plan_hold_and_finalise_a_meeting_then_the_partner_finishes_its_agreement(
    page, browser, live_server
):
    personas = make_personas()
    case = personas.case_a
    other = CaseFactory()
    involve(other, personas.woningcorporatie, by=personas.coordinator)

    login(page, "sanne", PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overleggen").click()
    page.get_by_role("link", name="Casusoverleg plannen").click()
    field(page, "Soort overleg").select_option(label="Regulier casusoverleg")
    starts = timezone.localtime() - timedelta(hours=2)  # held this morning
    field(page, "Datum en tijd").fill(starts.strftime("%d-%m-%Y"))  # dd-mm-jjjj on any browser
    page.get_by_label("Tijd (uu:mm)").fill(starts.strftime("%H:%M"))
    field(page, "Plaats of videolink").fill("Stadhuis, zaal 3")
    page.get_by_role("button", name="Overleg plannen").click()
    expect(page.get_by_text("Het overleg is gepland.")).to_be_visible()

    for agenda_case, question in ((case, "Wie pakt het verzuim op?"), (other, "GEHEIME-WOONVRAAG")):
        page.get_by_role("link", name="Casus op de agenda zetten").click()
        field(page, "Casus").select_option(value=str(agenda_case.pk))
        field(page, "Vraag aan de tafel").fill(question)
        page.get_by_role("button", name="Op de agenda zetten").click()
        expect(page.get_by_text(f"{agenda_case.number} staat op de agenda.")).to_be_visible()
    for agenda_case, partner in ((case, personas.politie), (other, personas.woningcorporatie)):
        page.get_by_role("link", name=f"Partner uitnodigen voor {agenda_case.number}").click()
        field(page, "Ketenpartner").select_option(label=partner.name)
        page.get_by_role("button", name="Uitnodigen").click()
        expect(page.get_by_text(f"{partner.name} is uitgenodigd.")).to_be_visible()

    # Holding it: attendance, verslag, a decision and an agreement for the politie's item.
    page.get_by_role("link", name=f"Aanwezigheid bij {case.number}").click()
    field(page, personas.politie.name).select_option(label="Aanwezig")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name=f"Verslag schrijven van {case.number}").click()
    field(page, "Verslag").fill("School meldt verzuim; politie ziet hem op het plein.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name=f"Besluit over {case.number}").click()
    field(page, "Besluit").select_option(label="Opschalen naar het Zorg- en Veiligheidshuis")
    field(page, "Onderbouwing").fill("Zorgen op school, thuis en straat")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Besluit vastgelegd")).to_be_visible()
    page.get_by_role("link", name=f"Afspraak bij {case.number}").click()
    field(page, "Wat").fill("Huisbezoek met de wijkagent")
    # Bad input first: a deadline in the past keeps what was typed, with the error at the field.
    field(page, "Organisatie").select_option(label=personas.politie.name)
    field(page, "Deadline").fill(f"{timezone.localdate() - timedelta(days=1):%d-%m-%Y}")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("#id_due_on_error")).to_have_text(re.compile("ligt in het verleden"))
    expect(field(page, "Wat")).to_have_value("Huisbezoek met de wijkagent")
    field(page, "Deadline").fill(f"{timezone.localdate() + timedelta(days=7):%d-%m-%Y}")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De afspraak is vastgelegd.")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "meeting-held")

    page.get_by_role("link", name="Verslag definitief maken").click()
    page.get_by_role("button", name="Verslag definitief maken").click()
    expect(page.get_by_text("Het verslag is definitief.")).to_be_visible()
    expect(page.get_by_role("link", name="Verslag (PDF)")).to_be_visible()
    assert Decision.objects.get().item.case == case

    settle(page)  # the coordinator's page is done before the phone starts
    # Petra, on her phone: her home lists the agreement; the meeting shows her item only.
    phone_context = browser.new_context(
        viewport=PHONE, locale="nl-NL", is_mobile=True, has_touch=True
    )
    phone = phone_context.new_page()
    phone.set_default_timeout(10_000)
    phone.base_url = live_server.url
    errors = watch_console(phone)
    login(phone, "petra", PASSWORD)
    expect(phone.get_by_role("heading", name="Mijn afspraken")).to_be_visible()
    expect(phone.locator(".agreement")).to_have_count(1)
    expect(phone.locator(".agreement")).to_contain_text("Huisbezoek met de wijkagent")
    assert no_horizontal_scroll(phone) and axe_violations(phone) == []
    screenshot(phone, "mijn-afspraken-phone")
    phone.get_by_text("Toelichting toevoegen").tap()
    phone.get_by_label("Toelichting").fill("Samen langs geweest")
    phone.locator(".agreement").get_by_role("button", name="Gedaan").tap()
    expect(phone.get_by_text("Afspraak afgerond (gedaan)")).to_be_visible()
    expect(phone.locator(".agreement")).to_have_count(0)
    agreement = Agreement.objects.get()
    assert (agreement.status, agreement.status_note) == (
        AgreementStatus.GEDAAN,
        "Samen langs geweest",
    )

    phone.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overleggen").click()
    phone.locator("tbody a").first.click()
    expect(phone.get_by_text("Wie pakt het verzuim op?")).to_be_visible()
    assert "GEHEIME-WOONVRAAG" not in phone.content() and other.number not in phone.content()
    assert no_horizontal_scroll(phone) and axe_violations(phone) == []
    screenshot(phone, "meeting-partner-phone")
    phone.goto(f"{live_server.url}/casussen/{case.pk}/?tab=afspraken")
    expect(phone.get_by_text("Samen langs geweest")).to_be_visible()
    assert axe_violations(phone) == []
    settle(phone)
    phone_context.close()
    assert errors == [], errors

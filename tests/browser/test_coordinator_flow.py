"""A coordinator's day, in the browser: register, involve, plan, measure, activate, find."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case, CaseStatus
from partners.models import PartnerKind
from tests.base import PASSWORD, make_coordinator
from tests.browser.conftest import field, login, screenshot
from tests.factories import HouseholdFactory, HouseholdMemberFactory, PartnerFactory


def test_a_coordinator_registers_plans_activates_and_finds_a_case(page):
    make_coordinator()
    household = HouseholdFactory(name="Huishouden El Idrissi")
    HouseholdMemberFactory(household=household, first_name="Samira", last_name="El Idrissi")
    PartnerFactory(name="Politie Charlois", kind=PartnerKind.POLITIE)
    PartnerFactory(name="Wijkteam Charlois", kind=PartnerKind.WIJKTEAM)
    login(page, "sanne", PASSWORD)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()

    # Register a new youth in an existing household.
    page.get_by_role("link", name="Nieuwe aanmelding").click()
    youth = page.get_by_role("group", name="Jongere")
    youth.get_by_label("Voornaam").fill("Younes")
    youth.get_by_label("Achternaam").fill("El Idrissi")
    youth.get_by_label("Geboortedatum").fill("2010-02-01")
    page.get_by_label("Bestaand huishouden").check()
    page.get_by_label("Kies het huishouden").select_option(label="Huishouden El Idrissi")
    page.get_by_label("Aanmelder").select_option(label="Politie Charlois")
    page.get_by_label("Reden van aanmelding").fill("Overlast in de avond, verzuim")
    page.get_by_label("Onderbouwing prioriteit").fill("Jongere broer van een kopstuk")
    page.get_by_role("button", name="Aanmelding registreren").click()
    expect(page.get_by_role("heading", name=re.compile("Younes El Idrissi"))).to_be_visible()
    case = Case.objects.get(youth__first_name="Younes")
    assert case.youth.household == household

    # Involve two partners.
    for partner in ("Politie Charlois", "Wijkteam Charlois"):
        page.get_by_role("link", name="Partners", exact=True).click()
        page.get_by_role("link", name="Partner betrekken").click()
        page.get_by_label("Ketenpartner").select_option(label=partner)
        field(page, "Grondslag").select_option(value="convenant")
        # The level follows the legal ground (the convenant: 'wat', with a reason) until
        # the coordinator picks one; the wijkteam only needs to know that it is involved.
        if partner == "Politie Charlois":
            expect(page.get_by_label("Wat-informatie: ook de gedeelde inhoud")).to_be_checked()
            field(page, "Reden informatieniveau").fill("Voert het Halt-traject uit")
        else:
            page.get_by_label("Dat-informatie: dat de casus er is en wie betrokken is").check()
        field(page, "Reden").fill("Nodig voor de aanpak")
        page.get_by_role("button", name="Partner betrekken").click()
        expect(page.get_by_text(f"{partner} is betrokken bij de casus.")).to_be_visible()

    # Add an intervention.
    page.get_by_role("link", name="Interventies").click()
    page.get_by_role("link", name="Interventie toevoegen").click()
    field(page, "Interventie").select_option(label="Halt-traject (Straf)")
    page.get_by_label("Verantwoordelijke partner").select_option(label="Politie Charlois")
    field(page, "Doel").fill("Besef van gevolgen, excuses aan de winkelier")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De interventie is toegevoegd.")).to_be_visible()

    # Record a ZRM assessment.
    page.get_by_role("link", name="ZRM", exact=True).click()
    page.get_by_role("link", name="ZRM-meting vastleggen").click()
    page.get_by_label("Financiën").select_option("2")
    page.get_by_label("Justitie").select_option("3")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Ontwikkeling per ZRM-domein")).to_be_visible()

    # Screening, then active.
    for status, reason in (
        ("Screening", "Aanmelding compleet"),
        ("Actief", "Besproken in het casusoverleg"),
    ):
        page.get_by_role("link", name="Status wijzigen").click()
        page.get_by_label("Nieuwe status").select_option(label=status)
        field(page, "Reden").fill(reason)
        if status == "Actief":  # the duty to inform: told at the intake talk
            field(page, "Jongere/ouders geïnformeerd op").fill(f"{timezone.localdate():%Y-%m-%d}")
        page.get_by_role("button", name="Status wijzigen").click()
        expect(page.get_by_text(f"De status is gewijzigd naar ‘{status}’.")).to_be_visible()
    screenshot(page, "coordinator-case-page")
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIEF and case.informed_on == timezone.localdate()
    assert case.involvements.count() == 2 and case.interventions.count() == 1
    assert case.assessments.get().scores.count() == 2

    # Find it through a caseload filter (htmx updates the list and the URL).
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Caseload").click()
    page.get_by_label("Betrokken partner").select_option(label="Wijkteam Charlois")
    expect(page).to_have_url(re.compile(r"partner=\d+"))
    expect(page.locator("#caseload").get_by_role("link", name=case.number)).to_be_visible()
    page.get_by_label("Status").select_option(label="Aangemeld")
    expect(page.locator("#caseload")).to_contain_text("Geen casussen gevonden")
    screenshot(page, "coordinator-caseload-filtered")

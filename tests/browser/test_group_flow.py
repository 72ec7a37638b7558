"""The group approach end to end in the browser (issue 17): the coordinator creates a group,
adds members, records relations (a wrong one first) and insights about a youth and his
mother, and sees the sociogram and the shared themes; a partner involved in one member's case
sees only that member. axe-core finds nothing, at 1280 and at 375 px."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cases.models import Insight, PersonRelation
from tests.base import PASSWORD, involve, make_personas
from tests.browser.conftest import field, login, screenshot
from tests.browser.test_every_page import WCAG
from tests.browser.test_partner_flow import PHONE, no_horizontal_scroll
from tests.factories import CaseFactory, HouseholdMemberFactory, ThemeFactory, YouthFactory


def axe_violations(page) -> list[str]:
    result = Axe().run(page, options=WCAG)
    return [v["id"] for v in result.response["violations"]]


def test_a_group_its_relations_and_insights_and_what_a_partner_sees(page, browser, live_server):
    personas = make_personas()
    coordinator = personas.coordinator
    kevin = personas.case_a.youth
    samira = HouseholdMemberFactory(
        household=kevin.household, first_name="Samira", last_name="Test"
    )
    fatima = HouseholdMemberFactory(first_name="Fatima", last_name="Verborgen")
    bilal = YouthFactory(first_name="Bilal", last_name="Verborgen", household=fatima.household)
    involve(
        CaseFactory(youth=bilal, coordinator=coordinator), personas.woningcorporatie, by=coordinator
    )
    ThemeFactory(name="Status en respect")

    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + "/groepen/nieuw/")
    field(page, "Werknaam").fill("Groep Plein")
    page.get_by_role("button", name="Jeugdgroep aanmaken").click()
    expect(page.get_by_text("Jeugdgroep ‘Groep Plein’ is aangemaakt.")).to_be_visible()
    for youth, role in ((kevin, "Kopstuk"), (bilal, "Meeloper")):
        page.get_by_role("link", name="Lid toevoegen").click()
        field(page, "Jongere").select_option(value=str(youth.pk))
        field(page, "Rol in de groep").select_option(label=role)
        field(page, "Reden").fill("Groepsscan van de wijkagent")
        page.get_by_role("button", name="Lid toevoegen").click()
        expect(page.get_by_text(f"{youth} is lid van de groep.")).to_be_visible()

    # A relation of Kevin to himself: refused at the field, the note kept.
    page.get_by_role("link", name="Relatie vastleggen").click()
    field(page, "Jongere").select_option(value=str(kevin.pk))
    field(page, "Soort relatie").select_option(label="Heeft invloed op")
    field(page, "Andere jongere").select_option(value=str(kevin.pk))
    field(page, "Toelichting").fill("Doet wat hij zegt")
    page.get_by_role("button", name="Relatie vastleggen").click()
    expect(
        page.get_by_text("Een jongere kan geen relatie met zichzelf hebben.", exact=True)
    ).to_be_visible()  # at the field; the summary links to it
    expect(field(page, "Toelichting")).to_have_value("Doet wat hij zegt")
    field(page, "Andere jongere").select_option(value=str(bilal.pk))
    page.get_by_role("button", name="Relatie vastleggen").click()
    expect(page.get_by_text("De relatie is vastgelegd")).to_be_visible()
    page.get_by_role("link", name="Relatie vastleggen").click()
    field(page, "Jongere").select_option(value=str(kevin.pk))
    field(page, "Soort relatie").select_option(label="Moeder")
    field(page, "Of: volwassene uit een huishouden").select_option(value=str(samira.pk))
    page.get_by_role("button", name="Relatie vastleggen").click()
    expect(page.get_by_text("De relatie is vastgelegd")).to_be_visible()

    # Insights: a drijfveer of Kevin and what his mother misses.
    for about, kind, statement in (
        (f"y{kevin.pk}", "Drijfveer", "Wil gezien worden als iemand met geld"),
        (f"m{samira.pk}-{kevin.pk}", "Gemis", "Mist steun bij de opvoeding"),
    ):
        page.get_by_role("link", name="Inzicht vastleggen").click()
        field(page, "Over").select_option(value=about)
        field(page, "Soort inzicht").select_option(label=kind)
        field(page, "Inzicht").fill(statement)
        field(page, "Bron").select_option(label="Gesprek")
        page.get_by_label("Status en respect").check()
        page.get_by_role("button", name="Inzicht vastleggen").click()
        expect(page.get_by_text("Het inzicht is vastgelegd.")).to_be_visible()
    assert PersonRelation.objects.count() == 2 and Insight.objects.count() == 2

    sociogram = page.locator("svg.sociogram__svg")
    expect(sociogram).to_be_visible()
    assert "Bilal" in sociogram.inner_html() and "Samira" in sociogram.inner_html()
    themes = page.get_by_role(
        "region", name="Gedeelde thema's (tabel; schuift opzij op een smal scherm)"
    )
    expect(themes.get_by_role("row", name="Status en respect 1 0 0 1 0")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "group-coordinator")
    page.set_viewport_size(PHONE)
    assert axe_violations(page) == []
    assert no_horizontal_scroll(page)

    # The politie is involved in Kevin's case only: Bilal and his mother stay out of view.
    partner = browser.new_context(viewport=PHONE, locale="nl-NL").new_page()
    partner.base_url = page.base_url
    login(partner, "petra", PASSWORD)
    group_url = page.url.split("#")[0]
    partner.goto(group_url)
    expect(partner.get_by_role("heading", name="Groep Plein")).to_be_visible()
    content = partner.content()
    assert "Kevin" in content or str(kevin.first_name) in content
    for hidden in ("Bilal", "Verborgen", "Fatima"):
        assert hidden not in content, hidden
    assert "Samira" in partner.locator("svg.sociogram__svg").inner_html()
    assert axe_violations(partner) == []
    assert no_horizontal_scroll(partner)
    screenshot(partner, "group-partner-phone")
    partner.close()

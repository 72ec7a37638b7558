"""axe-core finds no violations on the coordinator's pages (WCAG 2.1 AA is a legal
requirement for Dutch government websites)."""

from axe_playwright_python.sync_playwright import Axe

from cases.casefile.services import record_assessment
from cases.casefile.tabs import TABS
from tests.base import PASSWORD, make_personas
from tests.browser.conftest import login
from tests.factories import (
    ContactFactory,
    GroupMembershipFactory,
    HouseholdMemberFactory,
    InterventionFactory,
    assessment_domains,
)

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def coordinator_pages(personas):
    case = personas.case_a
    intervention = InterventionFactory(case=case, responsible_partner=personas.politie)
    ContactFactory(case=case, partner=personas.politie, author=personas.petra)
    HouseholdMemberFactory(household=case.youth.household)
    membership = GroupMembershipFactory(youth=case.youth)
    record_assessment(
        case,
        by=personas.coordinator,
        assessed_on=case.registered_on,
        scores={domain: 3 for domain in assessment_domains()},
    )
    involvement = case.involvements.get()
    return [
        "/",
        "/casussen/",
        "/casussen/?status=alle&review_overdue=on&sort=naam",
        "/casussen/nieuw/",
        *[f"/casussen/{case.pk}/?tab={key}" for key, _label in TABS],
        f"/casussen/{case.pk}/bewerken/",
        f"/casussen/{case.pk}/status/",
        f"/casussen/{case.pk}/partners/nieuw/",
        f"/casussen/{case.pk}/partners/{involvement.pk}/beeindigen/",
        f"/casussen/{case.pk}/partners/{involvement.pk}/verlengen/",
        f"/casussen/{case.pk}/partners/{involvement.pk}/informatieniveau/",
        f"/casussen/{case.pk}/interventies/nieuw/",
        f"/casussen/{case.pk}/interventies/{intervention.pk}/",
        f"/casussen/{case.pk}/interventies/{intervention.pk}/bewerken/",
        f"/casussen/{case.pk}/zrm/nieuw/",
        f"/jongeren/{case.youth_id}/",
        f"/jongeren/{case.youth_id}/bewerken/",
        f"/huishoudens/{case.youth.household_id}/",
        f"/huishoudens/{case.youth.household_id}/bewerken/",
        f"/groepen/{membership.youth_group_id}/",
    ]


def violations(page, urls):
    axe = Axe()
    found = {}
    for url in urls:
        page.goto(page.base_url + url)
        results = axe.run(page, options=WCAG)
        if results.violations_count:
            found[url] = results.generate_report()
    return found


def test_the_coordinators_pages_have_no_axe_violations(page):
    personas = make_personas()
    urls = coordinator_pages(personas)
    login(page, "sanne", PASSWORD)
    assert violations(page, urls) == {}


def test_forms_with_errors_have_no_axe_violations(page):
    personas = make_personas()
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + "/casussen/nieuw/")
    page.get_by_role("button", name="Aanmelding registreren").click()
    page.wait_for_load_state()
    assert "Niet opgeslagen" in page.content()
    report = Axe().run(page, options=WCAG)
    assert report.violations_count == 0, report.generate_report()
    page.goto(page.base_url + f"/casussen/{personas.case_a.pk}/status/")
    page.get_by_role("button", name="Status wijzigen").click()
    report = Axe().run(page, options=WCAG)
    assert report.violations_count == 0, report.generate_report()


def test_the_axe_check_does_catch_violations(page):
    page.goto(page.base_url + "/inloggen/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        ' \'<img src="/static/favicon.svg"><input type="text">\')'
    )
    report = Axe().run(page, options=WCAG)
    ids = {violation["id"] for violation in report.response["violations"]}
    assert {"image-alt", "label"} <= ids


def test_the_partners_pages_have_no_axe_violations(page):
    personas = make_personas()
    case = personas.case_a
    contact = ContactFactory(case=case, partner=personas.politie, author=personas.petra)
    intervention = InterventionFactory(case=case, responsible_partner=personas.politie)
    login(page, "petra", PASSWORD)
    urls = [
        "/casussen/",
        *[f"/casussen/{case.pk}/?tab={key}" for key, _label in TABS if key != "zrm"],
        f"/casussen/{case.pk}/contacten/nieuw/",
        f"/casussen/{case.pk}/contacten/{contact.pk}/",
        f"/casussen/{case.pk}/contacten/{contact.pk}/bewerken/",
        f"/casussen/{case.pk}/interventies/{intervention.pk}/bewerken/",
    ]
    assert violations(page, urls) == {}
    page.goto(page.base_url + f"/casussen/{case.pk}/?tab=contacten")
    page.locator("#contact-form").get_by_role("button", name="Contactmoment opslaan").click()
    page.wait_for_selector("#contact-form .error-summary")
    report = Axe().run(page, options=WCAG)
    assert report.violations_count == 0, report.generate_report()


def test_the_toezicht_pages_and_the_error_pages_have_no_axe_violations(page):
    from django.conf import settings
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    personas = make_personas()
    tessa = UserFactory(username="tessa")
    tessa.groups.add(Group.objects.get(name=settings.SUPERVISORS_GROUP))
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + "/casussen/?q=Testpersoon")
    page.goto(page.base_url + f"/casussen/{personas.case_a.pk}/")
    page.context.clear_cookies()
    login(page, "tessa", PASSWORD)
    urls = [
        "/toezicht/inzagelog/",
        "/toezicht/inzagelog/?zoekterm=testpersoon&gebruiker=sanne",
        "/toezicht/inzagelog/?van=1900-01-01&casus=PGA-1999-0001",  # errors at the fields
        "/casussen/?q=%00",  # the Dutch 400 page
        "/privacyverklaring/",  # the footer's pages
        "/toegankelijkheid/",
        "/helpdesk/",
    ]
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        assert violations(page, urls) == {}, width

"""Every page is a government application's page (issue 19): a header with the city's and the
application's name and who is signed in, breadcrumbs below the top level, computed in one
place, and a footer with the privacy statement, accessibility statement and helpdesk."""

import re

import pytest
from django.test import override_settings

from tests.factories import MeetingFactory, YouthGroupFactory

pytestmark = pytest.mark.django_db


def crumbs(page: str) -> list[str]:
    nav = re.search(r'<nav class="utrecht-breadcrumb-nav[^>]*>(.*?)</nav>', page, re.S)
    if nav is None:
        return []
    return [" ".join(t.split()) for t in re.findall(r"<a [^>]*>(.*?)</a>", nav.group(1), re.S)]


def test_the_header_names_the_city_the_application_and_the_user_with_their_organisation(
    client, personas, settings
):
    settings.PGA_ORGANISATION = "Gemeente Voorbeeldstad"
    client.force_login(personas.petra)
    page = client.get("/").content.decode()
    header = page.split('<header class="utrecht-page-header')[1].split("</header>")[0]
    assert "Gemeente Voorbeeldstad" in header and "PGA casusregie" in header
    assert "Petra Jansen · Politie Rotterdam" in header


def test_every_page_has_the_skip_link_and_the_footer_links(client, personas):
    client.force_login(personas.coordinator)
    page = client.get("/").content.decode()
    assert 'class="utrecht-skip-link' in page and 'href="#inhoud"' in page
    footer = page.split('<footer class="utrecht-page-footer')[1]
    for url in ("/privacyverklaring/", "/toegankelijkheid/", "/helpdesk/"):
        assert f'href="{url}"' in footer


def test_a_case_page_shows_caseload_then_the_case_number(client, personas):
    client.force_login(personas.coordinator)
    page = client.get(personas.case_a.get_absolute_url()).content.decode()
    assert crumbs(page) == ["Caseload", personas.case_a.number]
    assert 'aria-current="page">' + personas.case_a.number in page


def test_a_partner_s_trail_starts_at_mijn_casussen(client, personas):
    client.force_login(personas.petra)
    page = client.get(personas.case_a.get_absolute_url()).content.decode()
    assert crumbs(page)[0] == "Mijn casussen"


def test_a_page_below_a_case_links_back_to_the_case_and_names_itself(client, personas):
    client.force_login(personas.coordinator)
    page = client.get(f"/casussen/{personas.case_a.pk}/bewerken/").content.decode()
    assert crumbs(page)[:2] == ["Caseload", personas.case_a.number] and len(crumbs(page)) == 3


def test_a_youth_page_names_the_youth_not_the_case(client, personas):
    client.force_login(personas.coordinator)
    youth = personas.case_a.youth
    page = client.get(youth.get_absolute_url()).content.decode()
    assert crumbs(page) == ["Caseload", str(youth)]


def test_a_group_page_shows_jeugdgroepen_then_the_group(client, personas):
    group = YouthGroupFactory()
    client.force_login(personas.coordinator)
    page = client.get(group.get_absolute_url()).content.decode()
    assert crumbs(page) == ["Jeugdgroepen", str(group)]


def test_a_meeting_page_shows_overleggen_then_the_meeting(client, personas):
    meeting = MeetingFactory()
    client.force_login(personas.coordinator)
    page = client.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert crumbs(page) == ["Overleggen", str(meeting)]


# A form below a group or a meeting: (factory, URL section, the section's crumb, form path).
FORMS_BELOW_AN_OBJECT = [
    pytest.param(factory, section, title, path, id=f"{section}/{path}")
    for factory, section, title, paths in (
        (
            YouthGroupFactory,
            "groepen",
            "Jeugdgroepen",
            ["bewerken/", "fase/", "groepsduiding/nieuw/", "relaties/nieuw/", "leden/nieuw/"],
        ),
        (MeetingFactory, "overleggen", "Overleggen", ["bewerken/", "agendapunten/nieuw/"]),
    )
    for path in paths
]


@pytest.mark.parametrize(("factory", "section", "title", "path"), FORMS_BELOW_AN_OBJECT)
def test_a_form_leads_back_to_its_group_or_meeting(client, personas, factory, section, title, path):
    subject = factory()
    client.force_login(personas.coordinator)
    page = client.get(f"/{section}/{subject.pk}/{path}").content.decode()
    trail = crumbs(page)
    assert trail[:2] == [title, str(subject)] and len(trail) == 3, trail


def test_a_refused_page_names_no_object_in_its_trail(client, personas):
    client.force_login(personas.wim)  # involved in nothing
    response = client.get(personas.case_a.get_absolute_url())
    assert response.status_code == 404
    assert personas.case_a.number not in " ".join(crumbs(response.content.decode()))


def test_top_level_pages_have_no_breadcrumbs(client, personas):
    client.force_login(personas.coordinator)
    for url in ("/", "/casussen/", "/groepen/", "/overleggen/"):
        assert crumbs(client.get(url).content.decode()) == [], url


@override_settings(
    PGA_HELPDESK={
        "phone": "010-1234567",
        "email": "hulp@voorbeeldstad.nl",
        "hours": "dag en nacht",
    },
    PGA_ACCESSIBILITY_STATEMENT_URL="https://www.toegankelijkheidsverklaring.nl/register/1",
)
def test_the_footer_pages_show_the_configured_texts_to_anyone(client, settings):
    settings.PRIVACY_CONTACT = {"name": "Team Privacy", "address": "Postbus 1", "email": "p@x.nl"}
    helpdesk = client.get("/helpdesk/").content.decode()
    assert "010-1234567" in helpdesk and "hulp@voorbeeldstad.nl" in helpdesk
    assert "register/1" in client.get("/toegankelijkheid/").content.decode()
    assert "Team Privacy" in client.get("/privacyverklaring/").content.decode()


def test_a_user_stuck_at_the_second_factor_still_reaches_the_helpdesk(client, personas, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client.force_login(personas.coordinator)  # password only: not verified
    assert client.get("/casussen/").status_code == 302
    assert client.get("/helpdesk/").status_code == 200

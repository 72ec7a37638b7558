"""Need-to-know per agenda item and per group member, on every page and PDF (issues 16 and
17): a partner reads each page and PDF it can open, found by walking the URL map (no list of
pages here), and finds no text of an item of a case it may not see, although that item sits
on the same meeting, and nothing of a group member whose case it may not see (name, mother,
relations, insights, themes), although he is in the same group as the partner's youth."""

from datetime import timedelta

import pytest
from django.urls import get_resolver
from django.utils import timezone

from cases.casefile.tabs import TABS
from cases.groups.services import add_group_member, add_relation, record_insight
from cases.meetings.services import (
    add_agenda_item,
    finalise_meeting,
    invite_partner,
    record_decision,
    record_minutes,
)
from cases.models import DecisionKind, Meeting, YouthGroup
from cases.plan.services import add_goal, make_agreement
from tests.base import involve, job_result
from tests.cases.test_monthly_overview_pdfs import pdf_text
from tests.factories import (
    CaseFactory,
    HouseholdMemberFactory,
    ThemeFactory,
    YouthFactory,
    assessment_domains,
)
from tests.test_access_matrix import build_world, urls_for, walk

pytestmark = pytest.mark.django_db
SKIP = {"logout", "admin:logout"}


def pages_of(objects):
    for route in walk(get_resolver().url_patterns):
        if route.is_admin or route.label in SKIP or "url" in route.parameters:
            continue
        for url in urls_for(route, objects):
            if route.name == "case_detail":
                yield from (f"{url}?tab={key}" for key, _label in TABS)
            yield url


def test_a_partner_finds_no_text_of_an_item_it_may_not_see_on_any_page_or_pdf(client, personas):
    objects = build_world(personas)
    coordinator = personas.coordinator
    meeting = objects[Meeting]
    own = meeting.items.get(case=personas.case_a)
    invite = own.invitations.get(partner=personas.politie)
    assert invite  # Petra's organisation is at the table for its own case
    secret = CaseFactory(youth=YouthFactory(first_name="Geheimnaam", last_name="Verborgen"))
    involve(secret, personas.woningcorporatie, by=coordinator)
    item = add_agenda_item(meeting, secret, by=coordinator, question="GEHEIME-VRAAG")
    invite_partner(item, personas.woningcorporatie, by=coordinator)
    record_minutes(item, by=coordinator, minutes="GEHEIM-VERSLAG")
    record_decision(item, by=coordinator, kind=DecisionKind.OPSCHALEN, reason="GEHEIM-BESLUIT")
    goal = add_goal(secret, by=coordinator, domain=assessment_domains()[0], target="GEHEIM-DOEL")
    make_agreement(
        secret,
        by=coordinator,
        agenda_item=item,
        goal=goal,
        description="GEHEIME-AFSPRAAK",
        partner=personas.woningcorporatie,
        due_on=timezone.localdate() + timedelta(days=5),
    )
    # The group approach (issue 17): the secret youth is in Petra's youth's group, with a
    # mother, relations to Petra's youth, and insights with a theme.
    group = objects[YouthGroup]
    add_group_member(group, secret.youth, by=coordinator, role="kopstuk", since_on=None,
                     reason="GEHEIME-REDEN")  # fmt: skip
    mother = HouseholdMemberFactory(first_name="Geheimmoeder", last_name="Verborgen")
    secret.youth.household = mother.household
    secret.youth.save()
    add_relation(personas.case_a.youth, by=coordinator, kind="invloed",
                 other_youth=secret.youth, note="GEHEIM-RELATIE")  # fmt: skip
    add_relation(personas.case_a.youth, by=coordinator, kind="buurtfiguur", adult=mother)
    theme = ThemeFactory(name="Geheimthema")
    record_insight(by=coordinator, kind="barriere", source="gesprek", case=secret,
                   statement="GEHEIM-INZICHT", themes=[theme])  # fmt: skip
    record_insight(by=coordinator, kind="gemis", source="onderzoek", case=secret,
                   household_member=mother, statement="GEHEIM-MOEDER", themes=[theme])  # fmt: skip
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(days=1))
    meeting.refresh_from_db()
    finalise_meeting(meeting, by=coordinator)
    forbidden = ("GEHEIM", "Geheim", "Verborgen", secret.number)

    client.force_login(personas.petra)
    read = []
    for url in sorted(set(pages_of(objects))):
        response = client.get(url)
        if response.status_code == 302 and response["Location"].startswith("/taken/"):
            response = job_result(client, url)  # a background job's result (pga/jobs.py)
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "")
        if kind.startswith("application/pdf"):
            text = pdf_text(response)
        elif kind.startswith("text/"):
            text = response.content.decode()
        else:
            continue
        read.append(url)
        for word in forbidden:
            assert word not in text, (url, word)
    # The walk did read the meeting, its PDFs and the pages about Petra's own case.
    for expected in (
        f"/overleggen/{meeting.pk}/",
        f"/overleggen/{meeting.pk}/agenda.pdf",
        f"/overleggen/{meeting.pk}/verslag.pdf",
        "/afspraken/",
        f"/casussen/{personas.case_a.pk}/historie/",
        f"/groepen/{group.pk}/",
        f"/groepen/{group.pk}/historie/",
        f"/groepen/{group.pk}/maandoverzicht/{timezone.localdate():%Y-%m}.pdf",
    ):
        assert expected in read, expected
    assert len(read) > 20
    # The coordinator's copy does hold the other item: the check can see it where it is.
    client.force_login(coordinator)
    assert "GEHEIME-VRAAG" in pdf_text(client.get(f"/overleggen/{meeting.pk}/agenda.pdf"))
    group_page = client.get(f"/groepen/{group.pk}/").content.decode()
    assert "GEHEIM-RELATIE" in group_page and "Geheimmoeder" in group_page

"""Leaks found in a review of issue 18 ('dat' before 'wat'), by attacking the routes as a
'dat' partner, a partner lowered from 'wat' to 'dat', and a 'wat' partner; each failed on
the code then and is kept so it stays closed (fixed by
``cases.permissions.hidden_history_fields`` and the Partners tab). Each docstring says what
leaked and why it matters. Worlds are built as in tests/cases/test_information_levels.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.groups.services import end_group_membership
from cases.meetings.services import (
    add_agenda_item,
    invite_partner,
    plan_meeting,
    record_group_minutes,
)
from cases.models import Agreement, Intervention, Involvement
from cases.plan.services import add_goal
from cases.proportionality.services import change_information_level
from tests.cases.test_information_levels import leerplicht, secret_world  # noqa: F401, F811
from tests.factories import GroupMembershipFactory, assessment_domains

pytestmark = pytest.mark.django_db

GOAL_TEXT = "GEHEIM-PLANDOEL schoolgang na detentie"


def _plan_goal(personas):
    return add_goal(
        personas.case_a,
        by=personas.coordinator,
        domain=assessment_domains()[2],
        target=GOAL_TEXT,
    )


def _history_pages(client, case):
    return [
        client.get(f"/casussen/{case.pk}/historie/").content.decode(),
        client.get(f"/casussen/{case.pk}/?tab=historie").content.decode(),
        client.get(f"/casussen/{case.pk}/?tab=historie", HTTP_HX_REQUEST="true").content.decode(),
    ]


def test_dat_history_does_not_show_the_plan_goal_text_linked_to_an_own_agreement(
    client,
    personas,
    leerplicht,  # noqa: F811
):
    """Was a leak: /casussen/<id>/historie/ (and ?tab=historie, also as htmx partial) of a 'dat'
    partner lists its own agreement's history rows, and the 'Doel' field is rendered as
    str(Goal) = "<leefgebied>: <first 12 words of the goal's target>" (history._related_names).
    The plan's goals are shared content written by the coordinator ('wat' only: the
    Overzicht tab and the goals are hidden at 'dat'), so Leerplicht reads the plan through
    the Historie of an agreement it was merely asked to carry out."""
    secret_world(personas, leerplicht)
    goal = _plan_goal(personas)
    agreement = Agreement.objects.get(description="EIGEN-AFSPRAAK")
    agreement.goal = goal
    agreement.save()
    client.force_login(leerplicht[1])
    pages = _history_pages(client, personas.case_a)
    assert "EIGEN-AFSPRAAK" in pages[0]  # the own agreement is (rightly) in the Historie
    leaks = [
        p[p.index("GEHEIM-PLANDOEL") - 120 : p.index("GEHEIM-PLANDOEL") + 30]
        for p in pages
        if "GEHEIM-PLANDOEL" in p
    ]
    assert leaks == []


def test_dat_history_does_not_show_the_plan_goal_text_linked_to_an_own_intervention(
    client,
    personas,
    leerplicht,  # noqa: F811
):
    """Was a leak: the same through an intervention Leerplicht carries out: its history rows show
    'Dient doel van het plan' as str(Goal), i.e. the goal's target text. The intervention's
    own page does not show the plan goal at all; the Historie does."""
    secret_world(personas, leerplicht)
    goal = _plan_goal(personas)
    own = Intervention.objects.get(goal="EIGEN-INTERVENTIE")
    own.plan_goal = goal
    own.save()
    client.force_login(leerplicht[1])
    pages = _history_pages(client, personas.case_a)
    assert "EIGEN-INTERVENTIE" in pages[0]
    leaks = [
        p[p.index("GEHEIM-PLANDOEL") - 120 : p.index("GEHEIM-PLANDOEL") + 30]
        for p in pages
        if "GEHEIM-PLANDOEL" in p
    ]
    assert leaks == []


def test_a_partner_lowered_to_dat_no_longer_reads_the_plan_goal_in_the_history(client, personas):
    """Was a leak (mid-session lowering): Petra (politie) reads the plan at 'wat'; the coordinator
    lowers politie to 'dat'. On her next request the Overzicht no longer shows the goals,
    but the Historie still prints the goal's text next to the agreement the police carries
    out (the stock world of the access matrix links that agreement to a goal). Lowering the
    level is meant to take the content away on the next request."""
    from tests.test_access_matrix import build_world

    build_world(personas)
    case = personas.case_a
    goal = _plan_goal(personas)
    Agreement.objects.filter(case=case, partner=personas.politie).update(goal=goal)
    agreement = Agreement.objects.get(case=case, partner=personas.politie)
    agreement.description = "Politie houdt toezicht"
    agreement.save()  # a history row that carries the goal
    client.force_login(personas.petra)
    involvement = case.involvements.get(partner=personas.politie)
    change_information_level(
        involvement, by=personas.coordinator, level="dat", reason="Alleen nog signaleren"
    )
    assert GOAL_TEXT not in client.get(f"/casussen/{case.pk}/").content.decode()
    pages = _history_pages(client, case)
    leaks = [
        p[p.index("GEHEIM-PLANDOEL") - 120 : p.index("GEHEIM-PLANDOEL") + 30]
        for p in pages
        if "GEHEIM-PLANDOEL" in p
    ]
    assert leaks == []


def test_the_dat_partners_tab_does_not_show_the_legal_basis_of_other_organisations(
    client,
    personas,
    leerplicht,  # noqa: F811
):
    """Was a leak: at 'dat' a partner may see who else is involved: organisation, role, contact
    person, period (docs/privacy.md §2). The Partners tab (full page and htmx partial) also
    shows each other organisation's *grondslag* and information level. A grondslag such as
    'Jeugdbeschermingsmaatregel of strafrechtelijk kader' on the police's line tells the
    school/leerplicht that a child-protection measure or a criminal-law track applies to the
    youth: content, not 'who is involved'."""
    secret_world(personas, leerplicht)
    case = personas.case_a
    Involvement.objects.filter(case=case, partner=personas.politie).update(legal_basis="maatregel")
    client.force_login(leerplicht[1])
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        page = client.get(f"/casussen/{case.pk}/?tab=partners", **headers).content.decode()
        assert "Politie Rotterdam" in page
        assert "strafrechtelijk kader" not in page


def test_the_case_history_does_not_show_group_minutes_the_partner_may_not_read(client, personas):
    """Was a leak (at 'wat', same Historie code): a groepsoverleg about a youth group has an item
    for case A, to which the police is invited. Case A's youth has left the group, so the
    police may not read the group's own texts (may_see_group_content): the meeting page
    rightly hides the group question and the group verslag. But case A's Historie lists the
    Meeting's history rows with every field, including 'Vraag over de groep' and 'Verslag
    over de groep': the group's minutes (about other youths) reach a partner that is not
    supposed to read them."""
    case, coordinator = personas.case_a, personas.coordinator
    membership = GroupMembershipFactory(youth=case.youth)
    group = membership.youth_group
    end_group_membership(
        membership, by=coordinator, until_on=timezone.localdate(), reason="Uit de groep"
    )
    meeting = plan_meeting(
        by=coordinator,
        kind="groep",
        starts_at=timezone.now() - timedelta(hours=2),
        youth_group=group,
        group_question="GEHEIM-GROEPSVRAAG",
    )
    item = add_agenda_item(meeting, case, by=coordinator, question="Hoe verder?")
    invite_partner(item, personas.politie, by=coordinator)
    record_group_minutes(meeting, by=coordinator, group_minutes="GEHEIM-GROEPSVERSLAG")
    client.force_login(personas.petra)
    detail = client.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert "GEHEIM-GROEPSVERSLAG" not in detail  # the meeting page hides it
    pages = _history_pages(client, case)
    leaks = [
        p[p.index("GEHEIM-GROEPS") - 120 : p.index("GEHEIM-GROEPS") + 30]
        for p in pages
        if "GEHEIM-GROEPS" in p
    ]
    assert leaks == []

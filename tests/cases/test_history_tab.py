"""The Historie tab: one readable, merged timeline; need-to-know holds in it too."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.casefile.services import change_status, record_assessment, update_case
from cases.contacts.services import log_contact, update_contact
from cases.models import CaseStatus, ContactVisibility, HouseholdMember
from cases.people.services import update_youth
from pga.history import delete_with_history
from tests.base import involve
from tests.factories import (
    ContactFactory,
    HouseholdMemberFactory,
    InterventionFactory,
    MembershipFactory,
    PartnerFactory,
    UserFactory,
    assessment_domains,
)

pytestmark = pytest.mark.django_db


def entries(client, case, **params):
    response = client.get(f"/casussen/{case.pk}/historie/", params)
    assert response.status_code == 200
    return response.context["entries"], response.content.decode()


def test_a_status_change_reads_in_dutch_with_who_why_and_old_to_new(client, coordinator, case_a):
    change_status(case_a, CaseStatus.NAZORG, by=coordinator, reason="Doelen grotendeels bereikt")
    client.force_login(coordinator)
    found, page = entries(client, case_a)
    newest = found[0]
    assert (newest.subject, newest.action, newest.who) == ("Casus", "gewijzigd", "Sanne de Vries")
    assert newest.reason == "Doelen grotendeels bereikt"
    status = next(c for c in newest.changes if c.label == "status")
    assert (status.old, status.new) == ("Actief", "Nazorg")  # labels, not codes
    assert "Doelen grotendeels bereikt" in page


def test_related_records_are_merged_newest_first_with_names_not_ids(client, personas, case_a):
    coordinator = personas.coordinator
    InterventionFactory(case=case_a, responsible_partner=personas.politie)
    update_case(case_a, by=coordinator, reason="Plan", next_steps="Status in de groep")
    client.force_login(coordinator)
    found, _page = entries(client, case_a)
    subjects = [e.subject for e in found]
    assert subjects[0] == "Casus"
    assert "Betrokkenheid Politie Rotterdam" in subjects
    involvement = next(e for e in found if e.subject == "Betrokkenheid Politie Rotterdam")
    assert involvement.action == "aangemaakt"
    contact_person = next(c for c in involvement.changes if c.label == "contactpersoon")
    assert contact_person.new == "Petra Jansen"
    times = [e.at for e in found]
    assert times == sorted(times, reverse=True)


def test_a_deleted_household_member_shows_as_deleted(client, coordinator, case_a):
    member = HouseholdMemberFactory(
        household=case_a.youth.household, first_name="Omar", last_name="B"
    )
    delete_with_history(
        HouseholdMember.objects.get(pk=member.pk), by=coordinator, reason="Verhuisd"
    )
    client.force_login(coordinator)
    found, _page = entries(client, case_a)
    assert (found[0].subject, found[0].action, found[0].reason) == (
        "Gezinslid Omar B",
        "verwijderd",
        "Verhuisd",
    )


def test_a_partner_sees_no_bsn_no_zrm_and_no_restricted_contacts_of_others(
    client, personas, case_a
):
    coordinator = personas.coordinator
    wijkteam = PartnerFactory(name="Wijkteam")
    involve(case_a, wijkteam, by=coordinator)
    update_youth(case_a.youth, by=coordinator, reason="BSN aangevuld", bsn="111222333")
    ContactFactory(
        case=case_a,
        partner=wijkteam,
        summary="Geheim verslag",
        visibility=ContactVisibility.RESTRICTED,
    )
    ContactFactory(case=case_a, partner=wijkteam, summary="Gedeeld verslag")
    record_assessment(
        case_a,
        by=coordinator,
        assessed_on=case_a.registered_on,
        scores={assessment_domains()[0]: 2},
    )
    client.force_login(personas.petra)
    found, page = entries(client, case_a)
    assert "111222333" not in page and "(afgeschermd)" in page
    assert "Geheim verslag" not in page and "Gedeeld verslag" in page
    assert not [e for e in found if e.subject.startswith("ZRM")]
    client.force_login(coordinator)
    found, page = entries(client, case_a)
    assert "111222333" in page and any(e.subject.startswith("ZRM") for e in found)


def test_restricted_contacts_of_others_are_not_in_a_partners_timeline(client, personas, case_a):
    wijkteam = PartnerFactory(name="Wijkteam")
    involve(case_a, wijkteam, by=personas.coordinator)
    ContactFactory(
        case=case_a, partner=wijkteam, visibility=ContactVisibility.RESTRICTED, summary="Geheim"
    )
    ContactFactory(case=case_a, partner=wijkteam, summary="Gedeeld")
    client.force_login(personas.petra)
    found, _page = entries(client, case_a)
    contacts = [e for e in found if e.subject.startswith("Contactmoment")]
    assert [next(c.new for c in e.changes if c.label == "samenvatting") for e in contacts] == [
        "Gedeeld"
    ]
    client.force_login(personas.coordinator)
    found, _page = entries(client, case_a)
    assert len([e for e in found if e.subject.startswith("Contactmoment")]) == 2


def history_queries(client, case):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/casussen/{case.pk}/historie/")
    return len(queries), len(response.context["entries"])


def test_the_number_of_queries_does_not_grow_with_the_entries_on_a_page(client, personas, case_a):
    coordinator = personas.coordinator
    client.force_login(coordinator)

    def add_one_of_each(n):
        update_case(case_a, by=coordinator, reason=f"Wijziging {n}", plan=f"Plan {n}")
        ContactFactory(case=case_a, partner=personas.politie, author=personas.petra)
        HouseholdMemberFactory(household=case_a.youth.household)

    add_one_of_each(0)
    few = history_queries(client, case_a)
    for n in range(1, 12):
        add_one_of_each(n)
    many = history_queries(client, case_a)
    assert few[1] < 10 and many[1] == 25
    assert many[0] <= few[0]  # more entries, never more queries (kinds on the page count)


def test_the_timeline_pages_by_25(client, coordinator, case_a):
    for n in range(30):
        update_case(case_a, by=coordinator, reason=f"Wijziging {n}", plan=f"Plan {n}")
    client.force_login(coordinator)
    first, _ = entries(client, case_a)
    second, _ = entries(client, case_a, pagina=2)
    assert len(first) == 25 and first[0].reason == "Wijziging 29"
    assert second[0].reason == "Wijziging 4"


def test_a_contact_made_shared_later_shows_no_earlier_restricted_version_to_others(
    client, personas, case_a
):
    """Found by an attack: a restricted contact, corrected into a shared one, showed its
    restricted text to other organisations as the 'was' of the change."""
    leerplicht = PartnerFactory(name="Leerplicht Test")
    fenna = MembershipFactory(user=UserFactory(username="fenna"), partner=leerplicht).user
    involve(case_a, leerplicht, by=personas.coordinator)
    contact = log_contact(
        case_a,
        by=personas.petra,
        partner=personas.politie,
        occurred_at=timezone.now(),
        kind="gesprek",
        with_whom="jongere",
        summary="GEHEIM-DETAIL: informant noemt broer",
        visibility=ContactVisibility.RESTRICTED,
    )
    update_contact(
        contact,
        by=personas.petra,
        expected_version=contact.version,
        occurred_at=contact.occurred_at,
        kind=contact.kind,
        with_whom=contact.with_whom,
        summary="Gesprek gevoerd.",
        follow_up="",
        visibility=ContactVisibility.SHARED,
        reason="Mag met alle partners gedeeld worden",
    )
    client.force_login(fenna)
    found, page = entries(client, case_a)
    assert "GEHEIM" not in page
    assert any("Gesprek gevoerd." in str(e.changes) for e in found)  # the shared version is
    client.force_login(personas.petra)
    assert "GEHEIM" in entries(client, case_a)[1]  # its own organisation sees every version
    client.force_login(personas.coordinator)
    assert "GEHEIM" in entries(client, case_a)[1]


def test_internal_fields_such_as_the_agenda_order_are_not_in_the_history(
    client, coordinator, case_a
):
    """An agenda item's position (volgorde) is the application's bookkeeping: the Historie
    shows the question, not 'Volgorde 1' (issue 19)."""
    from datetime import timedelta

    from cases.meetings.services import add_agenda_item, plan_meeting

    meeting = plan_meeting(
        by=coordinator, kind="regulier", starts_at=timezone.now() + timedelta(days=2)
    )
    add_agenda_item(meeting, case_a, by=coordinator, question="Hoe verder met school?")
    client.force_login(coordinator)
    found, page = entries(client, case_a)
    item = next(e for e in found if e.subject.startswith("Agendapunt"))
    assert "Hoe verder met school?" in [c.new for c in item.changes]
    assert [
        c.label for c in item.changes if c.label.lower() in {"volgorde", "zoeknaam", "versie"}
    ] == []
    assert "volgorde" not in page.lower()

"""The casusoverleg's foundation: who sees which meeting and which agenda items, and who may
be invited for an item (issue 16; the screens follow)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.meetings.services import add_agenda_item, cancel_meeting, invite_partner, plan_meeting
from cases.models import Meeting, MeetingKind
from cases.permissions import visible_agenda_items, visible_meetings
from tests.base import involve
from tests.factories import CaseFactory, YouthGroupFactory


@pytest.fixture
def meeting(coordinator):
    return plan_meeting(
        by=coordinator,
        kind=MeetingKind.REGULIER,
        starts_at=timezone.now() + timezone.timedelta(days=3),
        location="Stadhuis, zaal 3",
    )


def test_planning_puts_cases_on_the_agenda_with_who_and_why(meeting, coordinator, case_a):
    item = add_agenda_item(meeting, case_a, by=coordinator, question="Wie pakt school op?")
    assert (item.position, item.question) == (1, "Wie pakt school op?")
    row = item.history.get()
    assert (row.history_user, row.history_change_reason) == (
        coordinator,
        "Casus op de agenda gezet",
    )
    with pytest.raises(ValidationError, match="al op de agenda"):
        add_agenda_item(meeting, case_a, by=coordinator, question="Nog eens")


def test_only_a_partner_involved_in_the_case_can_be_invited_for_its_item(meeting, personas, case_a):
    item = add_agenda_item(meeting, case_a, by=personas.coordinator, question="Vraag")
    invite_partner(item, personas.politie, by=personas.coordinator)
    with pytest.raises(ValidationError) as raised:
        invite_partner(item, personas.woningcorporatie, by=personas.coordinator)
    assert "niet betrokken bij deze casus" in raised.value.message_dict["partner"][0]
    with pytest.raises(ValidationError, match="al uitgenodigd"):
        invite_partner(item, personas.politie, by=personas.coordinator)
    assert list(item.invitations.values_list("partner", flat=True)) == [personas.politie.pk]


def test_a_partner_sees_a_meeting_only_when_invited_and_only_the_items_it_may_see(
    meeting, personas, case_a
):
    coordinator = personas.coordinator
    own = add_agenda_item(meeting, case_a, by=coordinator, question="Politievraag")
    other_case = CaseFactory()
    involve(other_case, personas.woningcorporatie, by=coordinator)
    other = add_agenda_item(meeting, other_case, by=coordinator, question="Woonvraag")
    invite_partner(other, personas.woningcorporatie, by=coordinator)

    # Not yet invited: Petra (politie) does not see the meeting at all.
    assert not visible_meetings(personas.petra).exists()
    assert not visible_agenda_items(personas.petra).exists()
    invite_partner(own, personas.politie, by=coordinator)
    assert list(visible_meetings(personas.petra)) == [meeting]
    assert list(visible_agenda_items(personas.petra, meeting)) == [own]  # not the other
    assert list(visible_agenda_items(personas.wim, meeting)) == [other]
    assert set(visible_agenda_items(coordinator, meeting)) == {own, other}

    # Ending the involvement ends the view: the invitation alone opens nothing.
    from cases.casefile.services import end_involvement

    end_involvement(case_a.involvements.get(partner=personas.politie), by=coordinator, reason="x")
    assert not visible_meetings(personas.petra).exists()
    assert not visible_agenda_items(personas.petra).exists()


def test_a_final_agenda_is_fixed_and_a_closed_case_is_not_put_on_it(meeting, coordinator, case_a):
    closed = CaseFactory(
        status="afgesloten", closed_on=timezone.localdate(), closure_reason="overig"
    )
    with pytest.raises(ValidationError, match="afgesloten"):
        add_agenda_item(meeting, closed, by=coordinator, question="Vraag")
    Meeting.objects.filter(pk=meeting.pk).update(finalised_at=timezone.now())
    with pytest.raises(ValidationError, match="definitief"):
        add_agenda_item(meeting, case_a, by=coordinator, question="Vraag")


def test_a_youth_group_belongs_only_to_a_groepsoverleg(coordinator):
    with pytest.raises(ValidationError) as raised:
        plan_meeting(
            by=coordinator,
            kind=MeetingKind.REGULIER,
            starts_at=timezone.now(),
            youth_group=YouthGroupFactory(),
        )
    assert "youth_group" in raised.value.message_dict
    with pytest.raises(TypeError):
        plan_meeting(by=coordinator, starts_at=timezone.now(), finalised_at=timezone.now())
    assert plan_meeting(
        by=coordinator,
        kind=MeetingKind.GROEP,
        starts_at=timezone.now(),
        youth_group=YouthGroupFactory(),
    ).pk


# The screens -----------------------------------------------------------------------------


def test_a_coordinator_plans_a_meeting_puts_a_case_on_it_and_invites_a_partner(
    client, personas, case_a
):
    client.force_login(personas.coordinator)
    response = client.post(
        "/overleggen/nieuw/",
        {"kind": MeetingKind.REGULIER, "starts_at": "2026-12-07T10:00", "location": "Zaal 3"},
    )
    meeting = Meeting.objects.get()
    assert response.url == f"/overleggen/{meeting.pk}/"
    base = f"/overleggen/{meeting.pk}/agendapunten"
    response = client.post(f"{base}/nieuw/", {"case": case_a.pk, "question": "Wie pakt school op?"})
    assert response.status_code == 302
    item = meeting.items.get()
    form = client.get(f"{base}/{item.pk}/uitnodigen/").context["form"]
    assert list(form.fields["partner"].queryset) == [personas.politie]  # only the involved
    response = client.post(
        f"{base}/{item.pk}/uitnodigen/", {"partner": personas.woningcorporatie.pk}
    )
    assert "partner" in response.context["form"].errors
    client.post(f"{base}/{item.pk}/uitnodigen/", {"partner": personas.politie.pk})
    page = client.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert "Wie pakt school op?" in page and "Uitgenodigd: Politie Rotterdam." in page


def test_a_meeting_without_a_date_is_refused_in_dutch_and_keeps_the_input(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/overleggen/nieuw/", {"kind": MeetingKind.REGULIER, "location": "Zaal 9"}
    )
    assert response.context["form"].errors["starts_at"] == ["Dit veld is verplicht."]
    assert 'value="Zaal 9"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_partner_reads_only_its_items_and_cannot_plan(client, meeting, personas, case_a):
    coordinator = personas.coordinator
    own = add_agenda_item(meeting, case_a, by=coordinator, question="Politievraag")
    invite_partner(own, personas.politie, by=coordinator)
    secret = CaseFactory()
    involve(secret, personas.woningcorporatie, by=coordinator)
    add_agenda_item(meeting, secret, by=coordinator, question="GEHEIME-WOONVRAAG")
    client.force_login(personas.petra)
    listing = client.get("/overleggen/")
    assert [m.item_count for m in listing.context["page"].object_list] == [1]
    page = client.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert "Politievraag" in page
    assert "GEHEIME-WOONVRAAG" not in page and secret.number not in page
    assert client.get("/overleggen/nieuw/").status_code == 403
    client.force_login(personas.wim)  # invited for nothing
    assert client.get(f"/overleggen/{meeting.pk}/").status_code == 404
    assert list(client.get("/overleggen/").context["page"].object_list) == []


def test_the_meeting_list_costs_the_same_queries_with_1_and_30_meetings(client, coordinator):
    from tests.base import page_queries
    from tests.factories import AgendaItemFactory

    client.force_login(coordinator)
    AgendaItemFactory()
    one = page_queries(client, "/overleggen/")
    for _ in range(29):
        AgendaItemFactory()
    thirty = page_queries(client, "/overleggen/")
    assert (one[1], thirty[1]) == (1, 25)
    assert one[0] == thirty[0]


def test_a_verslag_is_a_draft_until_final_and_then_changes_only_with_a_reason(
    client, meeting, personas, case_a
):
    item = add_agenda_item(meeting, case_a, by=personas.coordinator, question="Vraag")
    client.force_login(personas.coordinator)
    url = f"/overleggen/{meeting.pk}/agendapunten/{item.pk}/verslag/"
    response = client.post(url, {"minutes": "Besproken: school.", "version": item.version})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minutes == "Besproken: school."

    response = client.post(f"/overleggen/{meeting.pk}/definitief/")  # not yet held: refused
    assert "nog niet geweest" in response.content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    assert client.post(f"/overleggen/{meeting.pk}/definitief/").status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_final
    response = client.post(f"/overleggen/{meeting.pk}/definitief/", follow=True)  # twice
    assert "al definitief" in response.content.decode()
    assert response.redirect_chain == [(f"/overleggen/{meeting.pk}/", 302)]

    response = client.post(url, {"minutes": "Anders.", "version": item.version})
    assert response.context["form"].errors["reason"] == [
        "Geef een reden: het verslag is al definitief."
    ]
    assert "Anders." in response.content.decode()  # nothing lost
    item.refresh_from_db()
    assert item.minutes == "Besproken: school."
    response = client.post(
        url, {"minutes": "Anders.", "version": item.version, "reason": "Correctie na overleg"}
    )
    assert response.status_code == 302
    assert item.history.first().history_change_reason == "Correctie na overleg"


def test_two_coordinators_editing_one_verslag_the_second_is_told(client, meeting, personas, case_a):
    item = add_agenda_item(meeting, case_a, by=personas.coordinator, question="Vraag")
    client.force_login(personas.coordinator)
    url = f"/overleggen/{meeting.pk}/agendapunten/{item.pk}/verslag/"
    client.post(url, {"minutes": "Eerste versie", "version": 1})
    response = client.post(url, {"minutes": "Tweede, op oude versie", "version": 1})
    assert response.status_code == 200
    assert "intussen gewijzigd" in response.content.decode()
    item.refresh_from_db()
    assert item.minutes == "Eerste versie"


# Cancelling (afgelasten) -----------------------------------------------------------------


def test_a_coordinator_cancels_an_upcoming_meeting_with_a_reason_that_is_in_its_history(
    client, meeting, coordinator
):
    client.force_login(coordinator)
    url = f"/overleggen/{meeting.pk}/afgelasten/"
    page = client.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert f'href="{url}"' in page and "Overleg afgelasten" in page
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Voorzitter ziek; nieuwe datum volgt."}, follow=True)
    assert response.redirect_chain == [(f"/overleggen/{meeting.pk}/", 302)]
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.cancel_reason == "Voorzitter ziek; nieuwe datum volgt."
    row = meeting.history.first()
    assert (row.history_user, row.history_change_reason) == (
        coordinator,
        "Voorzitter ziek; nieuwe datum volgt.",
    )
    assert row.cancel_reason == "Voorzitter ziek; nieuwe datum volgt." and row.cancelled_at

    page = response.content.decode()
    when = timezone.localtime(meeting.cancelled_at).strftime("%d-%m-%Y %H:%M")
    assert f'Afgelast op <span class="nowrap">{when}</span>:' in page
    assert "Voorzitter ziek; nieuwe datum volgt." in page
    for gone in ("Overleg afgelasten", "Overleg wijzigen", "Casus op de agenda zetten"):
        assert gone not in page
    assert "Het overleg is afgelast." in page  # the message after the step


def test_cancelling_without_a_reason_is_refused_at_the_field_and_keeps_the_input(
    client, meeting, coordinator
):
    client.force_login(coordinator)
    url = f"/overleggen/{meeting.pk}/afgelasten/"
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Geef een reden op: de uitgenodigden lezen waarom het overleg niet doorgaat."
    ]
    meeting.refresh_from_db()
    assert not meeting.is_cancelled
    too_long = "x" * 1001
    response = client.post(url, {"reason": too_long})
    assert "reason" in response.context["form"].errors
    assert too_long in response.content.decode()  # what was typed stays
    with pytest.raises(ValidationError) as raised:
        cancel_meeting(meeting, by=coordinator, reason="")
    assert raised.value.message_dict["reason"] == ["Geef een reden op."]


def test_a_partner_employee_cannot_cancel(client, meeting, personas, case_a):
    item = add_agenda_item(meeting, case_a, by=personas.coordinator, question="Vraag")
    invite_partner(item, personas.politie, by=personas.coordinator)
    url = f"/overleggen/{meeting.pk}/afgelasten/"
    client.force_login(personas.petra)  # invited: sees the meeting, may not cancel it
    assert "Overleg afgelasten" not in client.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "Wij kunnen niet"}).status_code == 403
    client.force_login(personas.wim)  # not invited: the meeting does not exist for him
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Wij kunnen niet"}).status_code == 404
    meeting.refresh_from_db()
    assert not meeting.is_cancelled


def test_a_past_a_final_or_a_cancelled_meeting_cannot_be_cancelled(client, meeting, coordinator):
    client.force_login(coordinator)
    url = f"/overleggen/{meeting.pk}/afgelasten/"
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="al begonnen of geweest"):
        cancel_meeting(meeting, by=coordinator, reason="Te laat")
    assert "Overleg afgelasten" not in client.get(f"/overleggen/{meeting.pk}/").content.decode()
    response = client.post(url, {"reason": "Te laat"}, follow=True)
    assert response.redirect_chain == [(f"/overleggen/{meeting.pk}/", 302)]
    assert "al begonnen of geweest" in response.content.decode()

    Meeting.objects.filter(pk=meeting.pk).update(finalised_at=timezone.now())
    meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="definitief"):
        cancel_meeting(meeting, by=coordinator, reason="Te laat")
    assert "definitief" in client.get(url, follow=True).content.decode()
    meeting.refresh_from_db()
    assert not meeting.is_cancelled

    upcoming = plan_meeting(by=coordinator, starts_at=timezone.now() + timedelta(days=1))
    cancel_meeting(upcoming, by=coordinator, reason="Geen agendapunten")
    with pytest.raises(ValidationError, match="al afgelast"):
        cancel_meeting(upcoming, by=coordinator, reason="Nog eens")
    assert upcoming.history.count() == 2  # planned, cancelled; the second try wrote nothing


def test_nothing_changes_on_a_cancelled_meeting(client, meeting, personas, case_a):
    from cases.meetings.services import (
        finalise_meeting,
        record_attendance,
        record_decision,
        record_minutes,
        update_meeting,
    )
    from cases.plan.services import make_agreement

    coordinator = personas.coordinator
    item = add_agenda_item(meeting, case_a, by=coordinator, question="Vraag")
    cancel_meeting(meeting, by=coordinator, reason="Zaal niet beschikbaar")
    meeting.refresh_from_db()
    item.refresh_from_db()
    refused = pytest.raises(ValidationError, match="Dit overleg is afgelast;")
    with refused:
        update_meeting(meeting, by=coordinator, location="Elders")
    with refused:
        add_agenda_item(meeting, CaseFactory(), by=coordinator, question="Vraag")
    with refused:
        invite_partner(item, personas.politie, by=coordinator)
    with refused:
        record_minutes(item, by=coordinator, minutes="Besproken")
    with refused:
        record_attendance(item, {}, by=coordinator)
    with refused:
        record_decision(item, by=coordinator, kind="opschalen", reason="Zorgen")
    with refused:
        finalise_meeting(meeting, by=coordinator)
    with refused:
        make_agreement(
            case_a,
            by=coordinator,
            agenda_item=item,
            description="Huisbezoek",
            partner=personas.politie,
            due_on=timezone.localdate() + timedelta(days=7),
        )

    client.force_login(coordinator)
    response = client.post(
        f"/overleggen/{meeting.pk}/bewerken/",
        {"kind": meeting.kind, "starts_at": "2030-01-07T10:00", "location": "Elders",
         "version": meeting.version},
    )  # fmt: skip
    assert "Dit overleg is afgelast;" in response.content.decode()
    response = client.post(
        f"/overleggen/{meeting.pk}/agendapunten/nieuw/",
        {"case": CaseFactory().pk, "question": "Vraag"},
    )
    assert "Dit overleg is afgelast;" in response.content.decode()
    response = client.post(
        f"/overleggen/{meeting.pk}/agendapunten/{item.pk}/uitnodigen/",
        {"partner": personas.politie.pk},
    )
    assert "Dit overleg is afgelast;" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.location, meeting.items.count(), item.invitations.count()) == (
        "Stadhuis, zaal 3",
        1,
        0,
    )
    page = client.get(f"/overleggen/{meeting.pk}/").content.decode()
    for gone in ("/uitnodigen/", "/verslag/", "/besluit/", "/afspraak/", "/definitief/"):
        assert gone not in page


def test_the_list_the_agenda_pdf_and_an_invited_partner_show_the_cancellation(
    client, meeting, personas, case_a
):
    from cases.meetings.pdf import render_meeting_html

    coordinator = personas.coordinator
    item = add_agenda_item(meeting, case_a, by=coordinator, question="Vraag")
    invite_partner(item, personas.politie, by=coordinator)
    other = plan_meeting(by=coordinator, starts_at=timezone.now() + timedelta(days=9))
    cancel_meeting(meeting, by=coordinator, reason="Te weinig partners beschikbaar")
    meeting.refresh_from_db()

    client.force_login(coordinator)
    rows = client.get("/overleggen/").content.decode().split("<tr>")
    (cancelled_row,) = [r for r in rows if f"/overleggen/{meeting.pk}/" in r]
    (other_row,) = [r for r in rows if f"/overleggen/{other.pk}/" in r]
    assert "Afgelast" in cancelled_row and "Afgelast" not in other_row

    html = render_meeting_html(coordinator, meeting, [item], minutes=False)
    top = html.split("Vraag aan de tafel")[0]
    assert "afgelast" in top and "Te weinig partners beschikbaar" in top

    client.force_login(personas.petra)
    assert "Afgelast" in client.get("/overleggen/").content.decode()
    page = client.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert "Afgelast op" in page and "Te weinig partners beschikbaar" in page


def test_the_verslag_is_made_final_only_once_the_meeting_has_begun(
    client, meeting, coordinator, case_a
):
    add_agenda_item(meeting, case_a, by=coordinator, question="Wie pakt het op?")
    client.force_login(coordinator)
    finalise = f"/overleggen/{meeting.pk}/definitief/"
    assert finalise not in client.get(f"/overleggen/{meeting.pk}/").content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    assert finalise in client.get(f"/overleggen/{meeting.pk}/").content.decode()

"""The plan van aanpak and the casusoverleg's work (issue 16): decisions that feed the case,
attendance, agreements that partners carry out, goals per life domain, and what each reader
sees of them on screen, in Historie, in PDFs and in the access log."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.meetings.services import (
    add_agenda_item,
    finalise_meeting,
    invite_partner,
    plan_meeting,
    record_attendance,
    record_decision,
    record_minutes,
)
from cases.models import (
    Agreement,
    AgreementStatus,
    Attendance,
    CaseStatus,
    Decision,
    DecisionKind,
    Meeting,
    MeetingKind,
    Priority,
)
from cases.plan.services import (
    add_goal,
    evaluate_goal,
    finish_agreement,
    make_agreement,
    update_agreement,
)
from pga.locking import StaleEdit
from pga.models import AccessLog
from tests.base import involve, page_queries
from tests.cases.test_monthly_overview_pdfs import pdf_text
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    MembershipFactory,
    PartnerFactory,
    assessment_domains,
)

pytestmark = pytest.mark.django_db
SOON = timezone.localdate() + timedelta(days=10)


@pytest.fixture
def jeugdbescherming(db):
    """A second organisation at the table, with one employee."""
    partner = PartnerFactory(name="Jeugdbescherming Test")
    MembershipFactory(partner=partner)
    return partner


@pytest.fixture
def meeting(coordinator):
    return plan_meeting(
        by=coordinator,
        kind=MeetingKind.REGULIER,
        # An hour ago, but today: the monthly overview of this month holds it, also just
        # after midnight on the first of a month.
        starts_at=max(
            timezone.now() - timedelta(hours=1),
            timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0),
        ),
        location="Stadhuis, zaal 3",
    )


@pytest.fixture
def item(meeting, personas, case_a):
    item = add_agenda_item(meeting, case_a, by=personas.coordinator, question="Wie pakt school?")
    invite_partner(item, personas.politie, by=personas.coordinator)
    return item


@pytest.fixture
def secret(meeting, personas):
    """An item of a case only the woningcorporatie is involved in, on the same meeting."""
    case = CaseFactory()
    involve(case, personas.woningcorporatie, by=personas.coordinator)
    item = add_agenda_item(meeting, case, by=personas.coordinator, question="GEHEIME-WOONVRAAG")
    invite_partner(item, personas.woningcorporatie, by=personas.coordinator)
    record_minutes(item, by=personas.coordinator, minutes="GEHEIM-VERSLAG")
    make_agreement(
        case,
        by=personas.coordinator,
        agenda_item=item,
        description="GEHEIME-AFSPRAAK",
        partner=personas.woningcorporatie,
        due_on=SOON,
    )
    record_decision(
        item, by=personas.coordinator, kind=DecisionKind.OPSCHALEN, reason="GEHEIM-BESLUIT"
    )
    return item


# Decisions feed the case through its own services.


def test_inclusion_moves_a_registered_case_to_active_with_the_reason_in_its_history(
    item, coordinator
):
    case = item.case
    case.status, case.started_on, case.next_review_on = CaseStatus.AANGEMELD, None, None
    case.save()
    record_decision(item, by=coordinator, kind=DecisionKind.INCLUSIE, reason="Voldoet aan criteria")
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIEF and case.started_on == timezone.localdate()
    reasons = list(case.history.values_list("history_change_reason", flat=True)[:2])
    # The case's history says what was decided; why stays with the decision (the verslag).
    assert reasons == ["Besluit van het casusoverleg: opnemen in de pga"] * 2
    decision = Decision.objects.get()
    assert (decision.kind, decision.reason) == (DecisionKind.INCLUSIE, "Voldoet aan criteria")


def test_a_priority_decision_changes_priority_and_rationale(item, coordinator):
    case = item.case
    new = Priority.HOOG if case.priority != Priority.HOOG else Priority.LAAG
    record_decision(
        item, by=coordinator, kind=DecisionKind.PRIORITEIT, reason="Escalatie", new_priority=new
    )
    case.refresh_from_db()
    assert (case.priority, case.priority_rationale) == (new, "Escalatie")
    with pytest.raises(ValidationError) as raised:
        record_decision(
            item, by=coordinator, kind=DecisionKind.PRIORITEIT, reason="Nog eens", new_priority=new
        )
    assert "al" in raised.value.message_dict["new_priority"][0]


def test_a_refused_status_step_saves_nothing(item, coordinator):
    case = item.case  # actief: inclusion again is no allowed step
    case.status = CaseStatus.ACTIEF
    case.save()
    with pytest.raises(ValidationError) as raised:
        record_decision(item, by=coordinator, kind=DecisionKind.INCLUSIE, reason="Nogmaals")
    assert "al actief en dus al opgenomen" in raised.value.message_dict["kind"][0]
    assert not Decision.objects.exists()


def test_a_decision_without_a_reason_is_refused_next_to_the_field(client, item, coordinator):
    client.force_login(coordinator)
    url = f"/overleggen/{item.meeting_id}/agendapunten/{item.pk}/besluit/"
    response = client.post(url, {"kind": DecisionKind.AFSCHALEN, "reason": ""})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert 'value="afschalen" selected' in response.content.decode()
    assert not Decision.objects.exists()


def test_afschalen_moves_an_active_case_to_nazorg(client, item, coordinator):
    item.case.status = CaseStatus.ACTIEF
    item.case.save()
    client.force_login(coordinator)
    url = f"/overleggen/{item.meeting_id}/agendapunten/{item.pk}/besluit/"
    response = client.post(url, {"kind": DecisionKind.AFSCHALEN, "reason": "Stabiel"})
    assert response.status_code == 302
    item.case.refresh_from_db()
    assert item.case.status == CaseStatus.NAZORG


# Attendance.


def test_attendance_is_recorded_and_after_final_only_with_a_reason(client, item, coordinator):
    invitation = item.invitations.get()
    client.force_login(coordinator)
    url = f"/overleggen/{item.meeting_id}/agendapunten/{item.pk}/aanwezigheid/"
    client.post(url, {f"partner_{invitation.pk}": Attendance.AANWEZIG})
    invitation.refresh_from_db()
    assert invitation.attendance == Attendance.AANWEZIG
    finalise_meeting(item.meeting, by=coordinator)
    item.meeting.refresh_from_db()
    response = client.post(url, {f"partner_{invitation.pk}": Attendance.AFGEMELD})
    assert "reason" in response.context["form"].errors
    invitation.refresh_from_db()
    assert invitation.attendance == Attendance.AANWEZIG
    with pytest.raises(ValidationError):
        record_attendance(item, {invitation.pk: Attendance.AFGEMELD}, by=coordinator)


# Agreements: bad input.


def test_an_agreement_without_organisation_or_deadline_keeps_what_was_typed(
    client, item, coordinator
):
    client.force_login(coordinator)
    url = f"/overleggen/{item.meeting_id}/agendapunten/{item.pk}/afspraak/"
    response = client.post(url, {"description": "Schoolgesprek plannen"})
    form = response.context["form"]
    assert {"partner", "due_on"} <= set(form.errors)
    assert "Schoolgesprek plannen" in response.content.decode()
    assert not Agreement.objects.exists()


def test_an_agreement_with_a_past_deadline_or_an_uninvolved_partner_is_refused(
    client, item, personas
):
    client.force_login(personas.coordinator)
    url = f"/casussen/{item.case_id}/afspraken/nieuw/"
    past = timezone.localdate() - timedelta(days=1)
    response = client.post(
        url,
        {"description": "Te laat", "partner": personas.politie.pk, "due_on": past.isoformat()},
    )
    assert "verleden" in response.context["form"].errors["due_on"][0]
    with pytest.raises(ValidationError) as raised:
        make_agreement(
            item.case,
            by=personas.coordinator,
            description="Woning",
            partner=personas.woningcorporatie,
            due_on=SOON,
        )
    assert "niet betrokken" in raised.value.message_dict["partner"][0]
    # The form does not even offer an organisation that is not involved.
    response = client.post(
        url,
        {"description": "Woning", "partner": personas.woningcorporatie.pk, "due_on": SOON},
    )
    assert "partner" in response.context["form"].errors
    assert not Agreement.objects.exists()


def test_an_agreement_at_a_final_meeting_needs_a_reason(client, item, coordinator):
    finalise_meeting(item.meeting, by=coordinator)
    client.force_login(coordinator)
    url = f"/overleggen/{item.meeting_id}/agendapunten/{item.pk}/afspraak/"
    data = {
        "description": "Nagekomen",
        "partner": item.invitations.get().partner_id,
        "due_on": SOON,
    }
    assert "reason" in client.post(url, data).context["form"].errors
    assert client.post(url, {**data, "reason": "Vergeten te noteren"}).status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.history.get().history_change_reason == "Vergeten te noteren"


# Agreements are work: Mijn afspraken, one tap done.


def test_mijn_afspraken_lists_the_open_agreements_of_the_own_organisation_nearest_first(
    client, item, personas, secret, jeugdbescherming
):
    case = item.case
    coordinator = personas.coordinator
    involve(case, jeugdbescherming, by=coordinator)
    later = make_agreement(
        case, by=coordinator, description="Later", partner=personas.politie, due_on=SOON
    )
    sooner = make_agreement(
        case,
        by=coordinator,
        description="Eerder",
        partner=personas.politie,
        due_on=timezone.localdate(),
    )
    overdue = AgreementFactory(
        case=case,
        partner=personas.politie,
        description="Verlopen",
        due_on=SOON - timedelta(days=30),
    )
    make_agreement(
        case, by=coordinator, description="Van JB", partner=jeugdbescherming, due_on=SOON
    )
    client.force_login(personas.petra)
    response = client.get("/")
    rows = list(response.context["page"].object_list)
    assert [a.pk for a in rows] == [overdue.pk, sooner.pk, later.pk]
    assert [a.overdue for a in rows] == [True, False, False]
    page = response.content.decode()
    assert "Verlopen: " in page and "Van JB" not in page and "GEHEIME-AFSPRAAK" not in page


def test_one_tap_marks_an_agreement_done_and_twice_is_refused(client, item, personas):
    agreement = make_agreement(
        item.case,
        by=personas.coordinator,
        description="Bellen",
        partner=personas.politie,
        due_on=SOON,
    )
    client.force_login(personas.petra)
    url = f"/casussen/{item.case_id}/afspraken/{agreement.pk}/afronden/"
    data = {
        "status": "gedaan",
        "note": "Gebeld met moeder",
        "version": agreement.version,
        "terug": "lijst",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == "/afspraken/"
    agreement.refresh_from_db()
    assert (agreement.status, agreement.status_note, agreement.status_on) == (
        AgreementStatus.GEDAAN,
        "Gebeld met moeder",
        timezone.localdate(),
    )
    row = agreement.history.first()
    assert (row.history_user, row.history_change_reason) == (personas.petra, "Gebeld met moeder")
    # Twice (an old tab): told who finished it when, back to the list, nothing changed.
    again = client.post(url, {**data, "note": "Nog eens", "version": row.version - 1}, follow=True)
    assert (
        "al afgerond (gedaan) op" in again.content.decode()
        and "Petra Jansen" in again.content.decode()
    )
    assert again.redirect_chain[-1][0] == "/afspraken/"
    assert agreement.history.count() == 2
    assert client.get(url).status_code == 302  # no form for a finished agreement


def test_no_longer_needed_needs_a_note_and_another_organisation_may_not_finish(
    client, item, personas, jeugdbescherming
):
    agreement = make_agreement(
        item.case,
        by=personas.coordinator,
        description="Bellen",
        partner=personas.politie,
        due_on=SOON,
    )
    url = f"/casussen/{item.case_id}/afspraken/{agreement.pk}/afronden/"
    client.force_login(personas.petra)
    response = client.post(url, {"status": "vervallen", "note": "", "version": agreement.version})
    assert "note" in response.context["form"].errors
    involve(item.case, jeugdbescherming, by=personas.coordinator)
    jb = jeugdbescherming.memberships.first().user
    client.force_login(jb)
    assert client.post(url, {"status": "gedaan", "version": agreement.version}).status_code == 403
    client.force_login(personas.wim)  # not involved at all: as if it does not exist
    assert client.post(url, {"status": "gedaan", "version": agreement.version}).status_code == 404
    agreement.refresh_from_db()
    assert agreement.is_open


def test_finishing_on_an_old_version_is_refused_with_what_changed(item, personas):
    agreement = make_agreement(
        item.case,
        by=personas.coordinator,
        description="Bellen",
        partner=personas.politie,
        due_on=SOON,
    )
    seen = agreement.version
    update_agreement(agreement, by=personas.coordinator, description="Bellen én mailen")
    with pytest.raises(StaleEdit) as raised:
        finish_agreement(agreement, by=personas.petra, status="gedaan", expected_version=seen)
    assert [c.new for c in raised.value.changes] == ["Bellen én mailen"]
    agreement.refresh_from_db()
    assert agreement.is_open
    finish_agreement(agreement, by=personas.coordinator, status="gedaan")
    with pytest.raises(ValidationError, match="al afgerond"):  # twice: not a conflict to redo
        finish_agreement(agreement, by=personas.petra, status="gedaan")


def test_mijn_afspraken_costs_the_same_queries_with_1_and_30_agreements(client, item, personas):
    client.force_login(personas.petra)
    AgreementFactory(case=item.case, partner=personas.politie)
    one = page_queries(client, "/afspraken/")
    for _ in range(29):
        AgreementFactory(case=item.case, partner=personas.politie)
    thirty = page_queries(client, "/afspraken/")
    assert (one[1], thirty[1]) == (1, 25)  # a page holds 25
    assert one[0] == thirty[0]


def test_the_dashboard_shows_overdue_agreements_per_partner_and_case_linking_to_the_list(
    client, item, personas
):
    past = timezone.localdate() - timedelta(days=3)
    AgreementFactory(case=item.case, partner=personas.politie, due_on=past)
    AgreementFactory(case=item.case, partner=personas.politie, due_on=past)
    AgreementFactory(case=item.case, partner=personas.politie, due_on=SOON)  # not overdue
    client.force_login(personas.coordinator)
    response = client.get("/")
    per_partner = response.context["overdue_per_partner"]
    assert [(row["label"], row["count"]) for row in per_partner] == [(personas.politie.name, 2)]
    listed = client.get(per_partner[0]["url"]).context["page"].object_list
    assert len(listed) == 2 and all(a.overdue for a in listed)
    per_case = response.context["overdue_per_case"]
    assert per_case[0]["count"] == 2 and item.case.number in per_case[0]["label"]
    tile = next(
        t for t in response.context["tiles"] if t["label"] == "Casussen met een verlopen afspraak"
    )
    assert tile["count"] == 1
    caseload = client.get(tile["url"]).context["page"].object_list
    assert [c.pk for c in caseload] == [item.case_id]


def test_the_caseload_filter_afspraak_verlopen_looks_only_at_visible_cases(
    client, item, personas, secret
):
    past = timezone.localdate() - timedelta(days=3)
    AgreementFactory(case=secret.case, partner=personas.woningcorporatie, due_on=past)
    client.force_login(personas.petra)
    response = client.get("/casussen/?agreement_overdue=1")
    assert list(response.context["page"].object_list) == []
    AgreementFactory(case=item.case, partner=personas.politie, due_on=past)
    response = client.get("/casussen/?agreement_overdue=1")
    assert [c.pk for c in response.context["page"].object_list] == [item.case_id]


# Goals per life domain.


def test_goals_per_domain_are_evaluated_and_partners_see_them_but_not_the_zrm(
    client, item, personas
):
    coordinator = personas.coordinator
    domain = assessment_domains()[1]
    goal = add_goal(item.case, by=coordinator, domain=domain, target="Dagbesteding vinden")
    evaluate_goal(goal, by=coordinator, outcome="deels", note="Stage gevonden", agenda_item=item)
    with pytest.raises(ValidationError):
        evaluate_goal(goal, by=coordinator, outcome="vervallen", note="")
    client.force_login(personas.petra)
    page = client.get(f"/casussen/{item.case_id}/").content.decode()
    assert "Dagbesteding vinden" in page and "deels behaald" in page
    assert "?tab=zrm" not in page
    assert client.get(f"/casussen/{item.case_id}/doelen/nieuw/").status_code in (403, 404)


def test_the_free_text_plan_is_kept_as_the_summary(client, item, coordinator):
    item.case.plan = "OUDE-PLANTEKST"
    item.case.save()
    client.force_login(coordinator)
    page = client.get(f"/casussen/{item.case_id}/").content.decode()
    assert "<dt>Samenvatting</dt><dd>OUDE-PLANTEKST" in page.replace("\n", "")


# Need-to-know in every reading of a meeting.


def test_a_partner_reads_no_text_of_an_item_it_may_not_see_anywhere(client, item, personas, secret):
    coordinator = personas.coordinator
    record_minutes(item, by=coordinator, minutes="Politie-verslag")
    make_agreement(
        item.case, by=coordinator, agenda_item=item, description="Politie-afspraak",
        partner=personas.politie, due_on=SOON,
    )  # fmt: skip
    finalise_meeting(item.meeting, by=coordinator)
    forbidden = ("GEHEIM", secret.case.number, str(secret.case.youth))
    client.force_login(personas.petra)
    meeting_id = item.meeting_id
    pages = {
        "meeting": client.get(f"/overleggen/{meeting_id}/").content.decode(),
        "list": client.get("/overleggen/").content.decode(),
        "home": client.get("/").content.decode(),
        "afspraken-tab": client.get(f"/casussen/{item.case_id}/?tab=afspraken").content.decode(),
        "historie": client.get(f"/casussen/{item.case_id}/historie/").content.decode(),
        "agenda.pdf": pdf_text(client.get(f"/overleggen/{meeting_id}/agenda.pdf")),
        "verslag.pdf": pdf_text(client.get(f"/overleggen/{meeting_id}/verslag.pdf")),
    }
    assert "Politie-verslag" in pages["verslag.pdf"] and "Politie-afspraak" in pages["verslag.pdf"]
    assert "Wie pakt school?" in pages["agenda.pdf"]
    for name, text in pages.items():
        for word in forbidden:
            assert word not in text, (name, word)
    # The access log names the cases each reading showed: only Petra's one.
    details = list(
        AccessLog.objects.filter(user=personas.petra, route__startswith="cases:meeting_")
        .exclude(route="cases:meeting_list")
        .values_list("detail", flat=True)
    )
    assert len(details) == 3
    assert all(d == f"casussen: {item.case.number}" for d in details), details
    # The coordinator's copy holds both.
    client.force_login(coordinator)
    assert "GEHEIME-AFSPRAAK" in pdf_text(client.get(f"/overleggen/{meeting_id}/verslag.pdf"))


def test_the_verslag_pdf_exists_only_once_final(client, item, coordinator):
    client.force_login(coordinator)
    assert client.get(f"/overleggen/{item.meeting_id}/verslag.pdf").status_code == 404
    finalise_meeting(item.meeting, by=coordinator)
    assert client.get(f"/overleggen/{item.meeting_id}/verslag.pdf").status_code == 200


def test_historie_tells_the_meeting_decisions_agreements_and_goals_in_dutch(client, item, personas):
    coordinator = personas.coordinator
    record_decision(item, by=coordinator, kind=DecisionKind.OPSCHALEN, reason="Zorgen")
    agreement = make_agreement(
        item.case, by=coordinator, description="Bellen", partner=personas.politie, due_on=SOON
    )
    finish_agreement(agreement, by=personas.petra, status="gedaan", note="Klaar")
    add_goal(item.case, by=coordinator, domain=assessment_domains()[0], target="Wonen")
    client.force_login(personas.petra)
    page = client.get(f"/casussen/{item.case_id}/historie/").content.decode()
    for text in (
        "Casusoverleg van",
        "Agendapunt in",
        "Uitnodiging",
        "Besluit casusoverleg",
        "Opschalen naar het Zorg- en Veiligheidshuis",
        "Zorgen",
        f"Afspraak met {personas.politie.name}",
        '<td data-label="Was" class="utrecht-table__cell">Open</td>'
        '<td data-label="Werd" class="utrecht-table__cell">Gedaan</td>',
        "Doel ",
    ):
        assert text in page, text


def test_the_monthly_overview_holds_the_months_meetings_decisions_and_agreements(
    client, item, personas
):
    coordinator = personas.coordinator
    record_decision(item, by=coordinator, kind=DecisionKind.OPSCHALEN, reason="ZVH-REDEN")
    made = make_agreement(
        item.case,
        by=coordinator,
        description="NIEUWE-AFSPRAAK",
        partner=personas.politie,
        due_on=SOON,
    )
    done = make_agreement(
        item.case,
        by=coordinator,
        description="KLARE-AFSPRAAK",
        partner=personas.politie,
        due_on=SOON,
    )
    finish_agreement(done, by=coordinator, status="gedaan")
    AgreementFactory(
        case=item.case, partner=personas.politie, description="OUDE-AFSPRAAK",
        due_on=timezone.localdate() - timedelta(days=1),
    )  # fmt: skip
    client.force_login(personas.petra)
    month = f"{timezone.localdate():%Y-%m}"
    text = pdf_text(client.get(f"/casussen/{item.case_id}/maandoverzicht/{month}.pdf"))
    flat = " ".join(text.split())
    for expected in ("Casusoverleg deze maand", "ZVH-REDEN", "NIEUWE-AFSPRAAK", "KLARE-AFSPRAAK"):
        assert expected in flat, expected
    assert "OUDE-AFSPRAAK" in flat and "verlopen" in flat
    assert flat.count("KLARE-AFSPRAAK") == 1 and "gemaakt en gedaan op" in flat
    assert made.is_open


# What the adversarial review found (issue 16): each is now refused or hidden.


def test_a_partner_not_invited_learns_nothing_of_the_meeting_about_its_own_case(
    client, item, personas, jeugdbescherming
):
    coordinator = personas.coordinator
    Meeting.objects.filter(pk=item.meeting_id).update(starts_at=timezone.now() - timedelta(days=3))
    item.meeting.refresh_from_db()
    involve(item.case, jeugdbescherming, by=coordinator)
    record_decision(item, by=coordinator, kind=DecisionKind.AFSCHALEN, reason="TAFEL-REDEN")
    goal = add_goal(item.case, by=coordinator, domain=assessment_domains()[0], target="Doel")
    evaluate_goal(goal, by=coordinator, outcome="deels", agenda_item=item)
    make_agreement(
        item.case, by=coordinator, agenda_item=item, description="Bellen",
        partner=jeugdbescherming, due_on=SOON,
    )  # fmt: skip
    client.force_login(jeugdbescherming.memberships.first().user)
    assert client.get(f"/overleggen/{item.meeting_id}/").status_code == 404
    day = timezone.localtime(item.meeting.starts_at).strftime("%d-%m-%Y")
    for url in (f"/casussen/{item.case_id}/?tab=afspraken", f"/casussen/{item.case_id}/historie/"):
        page = client.get(url).content.decode()
        assert "TAFEL-REDEN" not in page and day not in page, url


def test_the_plan_of_a_closed_case_is_fixed_and_its_open_agreements_end(item, personas):
    from cases.casefile.services import change_status

    coordinator = personas.coordinator
    goal = add_goal(item.case, by=coordinator, domain=assessment_domains()[0], target="Doel")
    agreement = make_agreement(
        item.case, by=coordinator, description="Bellen", partner=personas.politie, due_on=SOON
    )
    change_status(
        item.case, CaseStatus.AFGESLOTEN, by=coordinator, reason="Doelen bereikt",
        closure_reason="doelen_bereikt",
    )  # fmt: skip
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.VERVALLEN
    assert agreement.status_note == "Casus afgesloten: Doelen bereikt"
    goal.refresh_from_db()
    for attempt in (
        lambda: evaluate_goal(goal, by=coordinator, outcome="behaald"),
        lambda: finish_agreement(agreement, by=coordinator, status="gedaan"),
    ):
        with pytest.raises(ValidationError, match="afgesloten"):
            attempt()


def test_finishing_without_the_version_seen_is_refused(client, item, personas):
    agreement = make_agreement(
        item.case,
        by=personas.coordinator,
        description="Bellen",
        partner=personas.politie,
        due_on=SOON,
    )
    client.force_login(personas.petra)
    url = f"/casussen/{item.case_id}/afspraken/{agreement.pk}/afronden/"
    response = client.post(url, {"status": "gedaan"})
    assert response.status_code == 200 and "welke versie" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.is_open


@pytest.mark.parametrize("odd", ["²", "-1", "9" * 30, "1e3"])
def test_odd_filter_values_on_the_agreement_list_are_ignored(client, coordinator, odd):
    client.force_login(coordinator)
    for url in (f"/afspraken/?casus={odd}", f"/afspraken/?partner={odd}&pagina=2"):
        assert client.get(url).status_code == 200


def test_a_groepsoverleg_names_its_group_only_to_who_may_see_it(client, item, personas):
    from tests.factories import YouthGroupFactory

    meeting = item.meeting
    meeting.kind, meeting.youth_group = MeetingKind.GROEP, YouthGroupFactory(name="GROEP-X")
    meeting.save()
    client.force_login(personas.petra)
    assert "GROEP-X" not in client.get(f"/overleggen/{meeting.pk}/").content.decode()
    client.force_login(personas.coordinator)
    assert "GROEP-X" in client.get(f"/overleggen/{meeting.pk}/").content.decode()


def test_a_meeting_is_moved_with_its_version_and_not_after_it_is_final(client, item, coordinator):
    meeting = item.meeting
    client.force_login(coordinator)
    url = f"/overleggen/{meeting.pk}/bewerken/"
    form = client.get(url).context["form"]
    later = timezone.localtime(meeting.starts_at) + timedelta(days=7)
    data = {
        "kind": MeetingKind.EVALUATIE,
        "starts_at": later.strftime("%Y-%m-%dT%H:%M"),
        "location": "Wijkcentrum",
        "version": form.initial["version"],
    }
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.kind, meeting.location) == (MeetingKind.EVALUATIE, "Wijkcentrum")
    stale = client.post(url, {**data, "location": "Stadhuis"})  # the version seen is old
    assert "intussen gewijzigd" in stale.content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    finalise_meeting(meeting, by=coordinator)
    refused = client.post(url, {**data, "version": meeting.version + 1, "location": "Later"})
    assert "definitief" in refused.content.decode()
    meeting.refresh_from_db()
    assert meeting.location == "Wijkcentrum"


def test_the_meeting_page_shows_each_cases_open_agreements_to_check_at_the_table(
    client, item, personas
):
    past = timezone.localdate() - timedelta(days=2)
    AgreementFactory(case=item.case, partner=personas.politie, description="Oud", due_on=past)
    done = AgreementFactory(case=item.case, partner=personas.politie, description="KLAAR")
    finish_agreement(done, by=personas.coordinator, status="gedaan")
    client.force_login(personas.petra)
    page = client.get(f"/overleggen/{item.meeting_id}/").content.decode()
    assert "1 open afspraak van deze casus" in page and "KLAAR" not in page
    assert "Oud — Politie Rotterdam" in page and "verlopen" in page


def test_the_coordinator_narrows_the_open_agreements_by_organisation_and_overdue(
    client, item, personas, jeugdbescherming
):
    involve(item.case, jeugdbescherming, by=personas.coordinator)
    past = timezone.localdate() - timedelta(days=2)
    AgreementFactory(case=item.case, partner=personas.politie, description="P-oud", due_on=past)
    AgreementFactory(case=item.case, partner=personas.politie, description="P-nieuw")
    AgreementFactory(case=item.case, partner=jeugdbescherming, description="JB-oud", due_on=past)
    client.force_login(personas.coordinator)
    response = client.get("/afspraken/", {"partner": personas.politie.pk, "verlopen": "on"})
    assert [a.description for a in response.context["page"].object_list] == ["P-oud"]
    page = response.content.decode()
    assert f'<option value="{personas.politie.pk}" selected>' in page and "checked" in page
    all_open = client.get("/afspraken/").context["page"].object_list
    assert sorted(a.description for a in all_open) == ["JB-oud", "P-nieuw", "P-oud"]

"""Opschalen naar het Zorg- en Veiligheidshuis (issue 21): the coordinator makes an
opschalingsdossier (PDF and JSON) of the parts chosen, on a recorded legal ground, for a
named recipient; the handover is in the history, the access log and the AVG export."""

import hashlib
import io
import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from cases.handover.services import make_handover
from cases.models import SECTIONS, CaseStatus, ContactVisibility, Handover, HandoverGround
from cases.privacy.export import recipients
from pga.models import AccessLog
from tests.factories import (
    AgendaItemFactory,
    AgreementFactory,
    CaseFactory,
    ContactFactory,
    DecisionFactory,
    GoalFactory,
    HouseholdMemberFactory,
    InterventionFactory,
)

pytestmark = pytest.mark.django_db

ALL = list(SECTIONS)


def hand_over(case, by, *, sections=ALL, **fields):
    return make_handover(
        case,
        by=by,
        **{
            "recipient": "Zorg- en Veiligheidshuis Rijnmond",
            "legal_ground": HandoverGround.CONVENANT,
            "explanation": "Zorgen over escalatie in de wijk",
            "sections": sections,
            **fields,
        },
    )


def files(handover):
    with handover.json.open("rb") as handle:
        data = json.loads(handle.read())
    with handover.pdf.open("rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    return data, " ".join(text.split())


def form_data(**fields):
    return {
        "recipient": "Zorg- en Veiligheidshuis Rijnmond",
        "legal_ground": HandoverGround.CONVENANT,
        "explanation": "Zorgen over escalatie",
        "sections": ["includes_summary", "includes_partners"],
        "contacts_months": "3",
        **fields,
    }


def test_the_form_refuses_a_missing_recipient_and_ground_in_dutch_and_keeps_the_input(
    client, coordinator, case_a
):
    client.force_login(coordinator)
    url = f"/casussen/{case_a.pk}/opschalen/"
    response = client.post(url, form_data(recipient="", legal_ground="", explanation="Mijn uitleg"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vul in aan wie u het dossier stuurt." in page
    assert "Kies de grondslag waarop u de gegevens deelt." in page
    assert "Mijn uitleg" in page  # what was typed stays
    assert 'value="includes_partners" id="id_sections_1" class' in page or (
        response.context["form"]["sections"].value() == ["includes_summary", "includes_partners"]
    )
    assert not Handover.objects.exists()


def test_the_form_refuses_a_dossier_without_sections_or_explanation(client, coordinator, case_a):
    client.force_login(coordinator)
    data = form_data(explanation="")
    del data["sections"]
    response = client.post(f"/casussen/{case_a.pk}/opschalen/", data)
    errors = response.context["form"].errors
    assert errors["sections"] == ["Kies wat er in het dossier komt."]
    assert errors["explanation"][0].startswith("Licht toe waarom u opschaalt")
    assert not Handover.objects.exists()


def test_posting_the_form_makes_the_dossier_and_shows_its_downloads(client, coordinator, case_a):
    client.force_login(coordinator)
    response = client.post(f"/casussen/{case_a.pk}/opschalen/", form_data(), follow=True)
    handover = Handover.objects.get()
    assert response.redirect_chain[-1][0] == handover.get_absolute_url()
    page = response.content.decode()
    assert f"/opschalen/{handover.pk}/dossier.pdf" in page
    assert f"/opschalen/{handover.pk}/dossier.json" in page
    pdf = client.get(f"/casussen/{case_a.pk}/opschalen/{handover.pk}/dossier.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    as_json = client.get(f"/casussen/{case_a.pk}/opschalen/{handover.pk}/dossier.json")
    assert json.loads(as_json.content)["opschalingsdossier"]["ontvanger"] == handover.recipient


def test_the_chosen_sections_are_in_the_json_and_the_pdf_and_the_others_are_not(
    coordinator, case_a
):
    HouseholdMemberFactory(household=case_a.youth.household, first_name="Fatima")
    InterventionFactory(case=case_a)
    handover = hand_over(case_a, coordinator, sections=["includes_summary", "includes_partners"])
    data, text = files(handover)
    assert data["opschalingsdossier"]["secties"] == ["casus", "betrokken_partners"]
    assert {"casus", "betrokken_partners"} <= set(data)
    for absent in ("huishouden", "plan_en_doelen", "afspraken", "interventies", "contactmomenten"):
        assert absent not in data
    assert "Samenvatting van de casus" in text and "Betrokken partners" in text
    assert "Huishouden" not in text and "Fatima" not in text and "Interventies" not in text
    assert data["jongere"]["naam"] == case_a.youth.full_name  # always: who it is about


def test_every_section_when_all_are_chosen(coordinator, case_a, personas):
    HouseholdMemberFactory(household=case_a.youth.household, first_name="Fatima")
    goal = GoalFactory(case=case_a, target="Naar school")
    AgreementFactory(case=case_a, partner=personas.politie, goal=goal, description="Huisbezoek")
    InterventionFactory(case=case_a, responsible_partner=personas.politie)
    ContactFactory(case=case_a, partner=personas.politie, summary="Gesprek op straat")
    data, text = files(hand_over(case_a, coordinator))
    assert [m["naam"] for m in data["huishouden"]["gezinsleden"]][0].startswith("Fatima")
    [partner] = data["betrokken_partners"]
    assert partner["organisatie"] == "Politie Rotterdam"
    assert partner["contactpersoon"]["naam"] == "Petra Jansen"
    assert partner["contactpersoon"]["functie"] == "Wijkagent"
    assert data["plan_en_doelen"]["doelen"][0]["doel"] == "Naar school"
    assert data["afspraken"][0]["wat"] == "Huisbezoek"
    assert len(data["interventies"]) == 1
    assert [c["samenvatting"] for c in data["contactmomenten"]] == ["Gesprek op straat"]
    for words in ("Petra Jansen", "Naar school", "Huisbezoek", "Gesprek op straat", "Fatima"):
        assert words in text, words


def test_restricted_contacts_never_go_out(coordinator, case_a, personas):
    ContactFactory(case=case_a, partner=personas.politie, summary="Gedeeld verslag")
    ContactFactory(
        case=case_a,
        partner=personas.politie,
        summary="Vertrouwelijke melding",
        visibility=ContactVisibility.RESTRICTED,
    )
    data, text = files(hand_over(case_a, coordinator, sections=["includes_contacts"]))
    assert [c["samenvatting"] for c in data["contactmomenten"]] == ["Gedeeld verslag"]
    assert "Vertrouwelijke melding" not in json.dumps(data) + text


def test_contacts_outside_the_chosen_period_are_left_out(coordinator, case_a, personas):
    now = timezone.now()
    ContactFactory(case=case_a, partner=personas.politie, summary="Vorige week", occurred_at=now - timedelta(days=7))  # fmt: skip
    ContactFactory(case=case_a, partner=personas.politie, summary="Twee maanden", occurred_at=now - timedelta(days=60))  # fmt: skip
    ContactFactory(case=case_a, partner=personas.politie, summary="Half jaar", occurred_at=now - timedelta(days=170))  # fmt: skip
    one = hand_over(case_a, coordinator, sections=["includes_contacts"], contacts_months=1)
    three = hand_over(case_a, coordinator, sections=["includes_contacts"], contacts_months=3)
    assert [c["samenvatting"] for c in files(one)[0]["contactmomenten"]] == ["Vorige week"]
    data, text = files(three)
    assert [c["samenvatting"] for c in data["contactmomenten"]] == ["Vorige week", "Twee maanden"]
    assert "Half jaar" not in text


def test_the_bsn_goes_out_only_when_ticked(coordinator, case_a):
    bsn = case_a.youth.bsn
    data, text = files(hand_over(case_a, coordinator))
    assert "bsn" not in data["jongere"] and bsn not in json.dumps(data) + text
    data, text = files(hand_over(case_a, coordinator, include_bsn=True))
    assert data["jongere"]["bsn"] == bsn and bsn in text
    assert data["opschalingsdossier"]["bsn_opgenomen"] is True


def test_the_handover_keeps_what_was_sent_with_its_checksums(coordinator, case_a):
    handover = hand_over(case_a, coordinator)
    with handover.pdf.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == handover.pdf_sha256
    with handover.json.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == handover.json_sha256
    meta = files(handover)[0]["opschalingsdossier"]
    assert meta["grondslag"] == "convenant_zvh"
    assert meta["toelichting"] == "Zorgen over escalatie in de wijk"
    assert meta["gemaakt_door"] == "Sanne de Vries"


def test_the_history_says_who_handed_over_to_whom_and_why(client, coordinator, case_a):
    handover = hand_over(case_a, coordinator)
    [row] = handover.history.all()
    assert row.history_user == coordinator
    assert (
        row.history_change_reason == "Opschalingsdossier gemaakt: Zorgen over escalatie in de wijk"
    )
    client.force_login(coordinator)
    page = client.get(f"/casussen/{case_a.pk}/historie/").content.decode()
    assert "Opgeschaald naar Zorg- en Veiligheidshuis Rijnmond (grondslag: Convenant" in page


def test_partners_do_not_see_the_handover_in_the_history(client, personas, case_a):
    hand_over(case_a, personas.coordinator)
    client.force_login(personas.petra)
    page = client.get(f"/casussen/{case_a.pk}/historie/").content.decode()
    assert "Opgeschaald" not in page and "Rijnmond" not in page


def test_making_and_downloading_are_in_the_access_log(client, coordinator, case_a):
    client.force_login(coordinator)
    client.get(f"/casussen/{case_a.pk}/opschalen/")
    client.post(f"/casussen/{case_a.pk}/opschalen/", form_data())
    handover = Handover.objects.get()
    client.get(handover.get_absolute_url())
    client.get(f"/casussen/{case_a.pk}/opschalen/{handover.pk}/dossier.pdf")
    client.get(f"/casussen/{case_a.pk}/opschalen/{handover.pk}/dossier.json")
    rows = AccessLog.objects.filter(route__startswith="cases:handover_").order_by("at", "pk")
    assert [(r.route, r.action, r.method) for r in rows] == [
        ("cases:handover_create", "view", "GET"),
        ("cases:handover_create", "change", "POST"),
        ("cases:handover_detail", "view", "GET"),
        ("cases:handover_pdf", "download", "GET"),
        ("cases:handover_json", "download", "GET"),
    ]
    assert {r.case_id for r in rows} == {case_a.pk}
    assert rows[4].object_type == "cases.handover" and rows[4].object_id == str(handover.pk)


def test_partners_and_management_are_refused(client, personas, case_a, django_user_model):
    handover = hand_over(case_a, personas.coordinator)
    management = django_user_model.objects.create_user("marloes")
    management.groups.add(Group.objects.get(name=settings.MANAGEMENT_GROUP))
    urls = [
        f"/casussen/{case_a.pk}/opschalen/",
        f"/casussen/{case_a.pk}/opschalen/{handover.pk}/",
        f"/casussen/{case_a.pk}/opschalen/{handover.pk}/dossier.pdf",
        f"/casussen/{case_a.pk}/opschalen/{handover.pk}/dossier.json",
    ]
    for user in (personas.petra, personas.wim, management):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(urls[0], form_data()).status_code == 404
    assert Handover.objects.count() == 1


def test_a_handover_of_another_case_is_a_404(client, coordinator, case_a):
    other = CaseFactory(coordinator=coordinator)
    handover = hand_over(case_a, coordinator)
    client.force_login(coordinator)
    assert client.get(f"/casussen/{other.pk}/opschalen/{handover.pk}/").status_code == 404


def test_the_avg_export_lists_each_handover_as_a_recipient(coordinator, case_a):
    hand_over(case_a, coordinator, sections=["includes_summary"], include_bsn=True)
    [row] = recipients([case_a], [])["opschalingen"]
    assert row["ontvanger"] == "Zorg- en Veiligheidshuis Rijnmond"
    assert row["casus"] == case_a.number
    assert row["grondslag"].startswith("Convenant Zorg- en Veiligheidshuis")
    assert row["onderdelen"] == ["Samenvatting van de casus"] and row["bsn_verstrekt"] is True
    assert "Sanne" not in json.dumps(row, default=str)  # staff by role, not by name


def test_the_case_page_offers_opschalen_and_lists_earlier_handovers_to_coordinators_only(
    client, personas, case_a
):
    hand_over(case_a, personas.coordinator)
    client.force_login(personas.coordinator)
    page = client.get(f"/casussen/{case_a.pk}/").content.decode()
    assert "Opschalen naar ZVH" in page and "naar Zorg- en Veiligheidshuis Rijnmond" in page
    client.force_login(personas.petra)
    page = client.get(f"/casussen/{case_a.pk}/").content.decode()
    assert "Opschalen" not in page and "Zorg- en Veiligheidshuis Rijnmond" not in page


def test_the_case_page_asks_as_many_queries_for_one_handover_as_for_many(
    client, coordinator, case_a
):
    client.force_login(coordinator)
    url = f"/casussen/{case_a.pk}/"
    hand_over(case_a, coordinator, sections=["includes_summary"])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(4):
        hand_over(case_a, coordinator, sections=["includes_summary"])
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count("/opschalen/") >= 6  # the action and five handovers
    assert len(one) == len(many)


def test_a_closed_case_is_not_handed_over(client, coordinator, case_a):
    case_a.status = CaseStatus.AFGESLOTEN
    case_a.closed_on = timezone.localdate()
    case_a.closure_reason = "doelen_bereikt"
    case_a.save()
    client.force_login(coordinator)
    response = client.post(f"/casussen/{case_a.pk}/opschalen/", form_data())
    assert response.status_code == 302 and not Handover.objects.exists()


def test_the_form_starts_from_the_casusoverleg_s_decision_to_scale_up(client, coordinator, case_a):
    item = AgendaItemFactory(case=case_a)
    DecisionFactory(item=item, kind="opschalen", reason="Zorgen op meerdere leefgebieden")
    client.force_login(coordinator)
    form = client.get(f"/casussen/{case_a.pk}/opschalen/").context["form"]
    day = timezone.localtime(item.meeting.starts_at).strftime("%d-%m-%Y")
    assert form["explanation"].value() == (
        f"Besluit casusoverleg van {day}: Zorgen op meerdere leefgebieden"
    )

"""AVG art. 15: a coordinator exports everything about one youth; the request is logged."""

import io
import json
import zipfile

import pytest
from django.conf import settings
from pypdf import PdfReader

from cases.casefile.services import record_assessment
from cases.models import ContactVisibility
from cases.people.services import update_youth
from pga.models import AccessLog
from tests.base import job_result
from tests.factories import (
    ContactFactory,
    GroupMembershipFactory,
    HouseholdMemberFactory,
    assessment_domains,
)

pytestmark = pytest.mark.django_db


def export(client, youth):
    response = job_result(client, f"/jongeren/{youth.pk}/inzage-export/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {"gegevens.json", "overzicht.pdf", "LEESMIJ.txt"}
    data = json.loads(archive.read("gegevens.json"))
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(archive.read("overzicht.pdf"))).pages
    )
    return data, text


def test_the_export_holds_everything_about_the_youth(client, personas, case_a):
    coordinator, youth = personas.coordinator, case_a.youth
    HouseholdMemberFactory(household=youth.household, first_name="Fatima")
    GroupMembershipFactory(youth=youth)
    ContactFactory(
        case=case_a,
        partner=personas.politie,
        summary="Vertrouwelijk gesprek",
        visibility=ContactVisibility.RESTRICTED,
    )
    record_assessment(
        case_a,
        by=coordinator,
        assessed_on=case_a.registered_on,
        scores={assessment_domains()[0]: 3},
    )
    update_youth(youth, by=coordinator, reason="Adres bijgewerkt", street="Pleinweg")
    client.force_login(personas.petra)
    client.get(f"/casussen/{case_a.pk}/")  # a view by a partner, to be found in the export
    client.force_login(coordinator)
    data, text = export(client, youth)
    assert data["jongere"]["bsn"] == youth.bsn and data["jongere"]["street"] == "Pleinweg"
    assert [h["history_change_reason"] for h in data["jongere_historie"]][-1] == "Adres bijgewerkt"
    assert [m["first_name"] for m in data["gezinsleden"]] == ["Fatima"]
    assert len(data["jeugdgroepen"]) == 1
    [case] = data["casussen"]
    assert case["casus"]["number"] == case_a.number
    assert [c["summary"] for c in case["contactmomenten"]] == ["Vertrouwelijk gesprek"]
    assert case["zrm_metingen"][0]["scores"][0]["score"] == 3
    assert any(entry["wat"].startswith("Betrokkenheid") for entry in case["historie"])
    assert any(row["door"] == "Medewerker, Politie Rotterdam" for row in data["inzagelog"])
    assert (
        str(youth) in text and "Vertrouwelijk gesprek" in text and "Wie het dossier inzag" in text
    )


def test_the_export_names_the_recipients_and_staff_by_role_and_organisation(
    client, personas, case_a
):
    """AVG art. 15(1)(c): the organisations that received the data; no usernames, names or
    IP addresses of employees."""
    ContactFactory(case=case_a, partner=personas.politie, author=personas.petra)
    client.force_login(personas.petra)
    client.get(f"/casussen/{case_a.pk}/", REMOTE_ADDR="10.9.8.7")
    client.force_login(personas.coordinator)
    data, text = export(client, case_a.youth)
    received = data["ontvangers"]
    assert [r["organisatie"] for r in received["betrokken_organisaties"]] == ["Politie Rotterdam"]
    assert received["betrokken_organisaties"][0]["grondslag"].startswith("Convenant")
    assert [(r["organisatie"], r["keer"]) for r in received["organisaties_die_inzagen"]] == [
        ("Politie Rotterdam", 1)
    ]
    [case] = data["casussen"]
    assert case["contactmomenten"][0]["author"] == "Medewerker, Politie Rotterdam"
    everything = json.dumps(data) + text
    for personal in ("petra", "Petra", "Jansen", "sanne", "10.9.8.7", "de Vries", "Wijkagent"):
        assert personal not in everything, personal
    assert "Ontvangers van de gegevens" in text and "Politie Rotterdam" in text


def test_the_export_says_in_words_what_each_organisation_looked_at(client, personas, case_a):
    contact = ContactFactory(case=case_a, partner=personas.politie, author=personas.petra)
    client.force_login(personas.petra)
    client.get(f"/casussen/{case_a.pk}/", {"tab": "contacten"})
    client.get(f"/casussen/{case_a.pk}/contacten/{contact.pk}/")
    client.force_login(personas.coordinator)
    data, text = export(client, case_a.youth)
    said = [row["wat"] for row in data["inzagelog"]]
    assert said[0] == "Tabblad Contacten bekeken"
    assert said[1].startswith("Contact van ") and said[1].endswith("(Politie Rotterdam) bekeken")
    assert "Tabblad Contacten bekeken" in text


def test_the_export_request_itself_is_logged(client, coordinator, case_a):
    client.force_login(coordinator)
    export(client, case_a.youth)
    row = AccessLog.objects.get(route="cases:youth_export")
    assert (row.action, row.object_type, row.object_id, row.username) == (
        "download",
        "cases.youth",
        str(case_a.youth_id),
        "sanne",
    )


def test_partners_cannot_export(client, personas, case_a):
    client.force_login(personas.petra)
    assert client.get(f"/jongeren/{case_a.youth_id}/inzage-export/").status_code == 403
    client.force_login(personas.wim)
    assert client.get(f"/jongeren/{case_a.youth_id}/inzage-export/").status_code == 404


def test_the_export_lists_each_involvement_with_its_level_period_and_changes(
    client, personas, case_a
):
    """Issue 18: the data subject learns how much each organisation could see, until when,
    and why that changed."""
    from datetime import timedelta

    from django.utils import timezone

    from cases.proportionality.services import change_information_level, renew_involvement

    coordinator = personas.coordinator
    involvement = case_a.involvements.get(partner=personas.politie)
    new_end = timezone.localdate() + timedelta(days=100)
    renew_involvement(involvement, by=coordinator, expires_on=new_end, reason="Traject loopt")
    change_information_level(
        involvement, by=coordinator, level="dat", reason="Alleen nog signaleren"
    )
    client.force_login(coordinator)
    data, text = export(client, case_a.youth)
    (row,) = data["ontvangers"]["betrokken_organisaties"]
    assert row["informatieniveau"] == "dat"
    assert row["reden_informatieniveau"] == "Alleen nog signaleren"
    assert row["toegang_tot_en_met"] == new_end.isoformat()
    reasons = [change["reden"] for change in row["wijzigingen"]]
    assert any("Traject loopt" in reason for reason in reasons)
    assert any("Alleen nog signaleren" in reason for reason in reasons)
    assert {c["door"] for c in row["wijzigingen"]} == {
        f"Procescoördinator, {settings.PGA_ORGANISATION}"
    }
    assert "Alleen nog signaleren" in text and "dat-informatie" in text

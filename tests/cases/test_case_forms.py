"""The coordinator changes a case through the screens; every change is in the history."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.casefile.services import update_case
from cases.models import Case, CaseStatus, InterventionStatus, Involvement
from tests.factories import (
    InterventionFactory,
    PartnerFactory,
    assessment_domains,
    intervention_type,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sanne(client, coordinator):
    client.force_login(coordinator)
    return client


def case_form_data(case, **overrides):
    data = {
        "version": case.version,
        "coordinator": case.coordinator_id,
        "priority": case.priority,
        "priority_rationale": case.priority_rationale,
        "referral_reason": case.referral_reason,
        "registered_on": case.registered_on.isoformat(),
        "plan": "Erkenning in de groep",
    }
    data.update(overrides)
    return data


def test_editing_a_case_saves_and_records_who(sanne, coordinator, case_a):
    response = sanne.post(f"/casussen/{case_a.pk}/bewerken/", case_form_data(case_a))
    assert response.status_code == 302
    case_a.refresh_from_db()
    assert case_a.plan == "Erkenning in de groep" and case_a.version == 2
    assert case_a.history.first().history_user == coordinator


def test_a_stale_edit_is_refused_with_what_changed_and_keeps_the_input(sanne, coordinator, case_a):
    stale = case_form_data(case_a, plan="Mijn versie")
    update_case(case_a, by=coordinator, reason="Collega", next_steps="Schulden")
    response = sanne.post(f"/casussen/{case_a.pk}/bewerken/", stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "heeft dit intussen gewijzigd" in page
    assert "volgende stappen" in page.lower() and "Schulden" in page  # what the colleague changed
    assert "Mijn versie" in page  # the second person's input stays
    assert Case.objects.get(pk=case_a.pk).plan == ""
    again = sanne.post(
        f"/casussen/{case_a.pk}/bewerken/",
        dict(stale, version=response.context["form"]["version"].value()),
    )
    assert again.status_code == 302
    assert Case.objects.get(pk=case_a.pk).plan == "Mijn versie"


def test_a_status_change_needs_a_reason_and_is_recorded(sanne, coordinator, case_a):
    url = f"/casussen/{case_a.pk}/status/"
    response = sanne.post(
        url, {"status": "nazorg", "reason": "", "on": timezone.localdate().isoformat()}
    )
    assert response.context["form"].errors["reason"] == ["Dit veld is verplicht."]
    sanne.post(
        url,
        {
            "status": "nazorg",
            "reason": "Doelen grotendeels bereikt",
            "on": timezone.localdate().isoformat(),
        },
    )
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.NAZORG
    assert case_a.history.first().history_change_reason == "Doelen grotendeels bereikt"


def test_closing_with_a_running_intervention_is_refused_at_the_form(sanne, case_a):
    InterventionFactory(
        case=case_a, status=InterventionStatus.LOPEND, started_on=case_a.registered_on
    )
    response = sanne.post(
        f"/casussen/{case_a.pk}/status/",
        {
            "status": "afgesloten",
            "reason": "Klaar",
            "on": timezone.localdate().isoformat(),
            "closure_reason": "doelen_bereikt",
        },
    )
    assert "Rond eerst de lopende interventies af" in response.content.decode()
    assert Case.objects.get(pk=case_a.pk).status == CaseStatus.ACTIEF


def test_involving_and_ending_a_partner_through_the_screens(sanne, coordinator, case_a):
    wijkteam = PartnerFactory(name="Wijkteam Zuid")
    response = sanne.post(
        f"/casussen/{case_a.pk}/partners/nieuw/",
        {
            "partner": wijkteam.pk,
            "role": "betrokken_partner",
            "legal_basis": "convenant",
            "started_on": timezone.localdate().isoformat(),
            "expires_on": (timezone.localdate() + timedelta(days=90)).isoformat(),
            "information_level": "wat",
            "level_reason": "Gezinscoach voert het plan mee uit",
            "reason": "Gezinsproblematiek",
        },
    )
    assert response.status_code == 302
    involvement = Involvement.objects.get(case=case_a, partner=wijkteam)
    assert involvement.expires_on == timezone.localdate() + timedelta(days=90)
    assert involvement.information_level == "wat"
    assert involvement.level_reason == "Gezinscoach voert het plan mee uit"
    response = sanne.post(
        f"/casussen/{case_a.pk}/partners/{involvement.pk}/beeindigen/",
        {"reason": "Overgedragen", "on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    involvement.refresh_from_db()
    assert involvement.end_reason == "Overgedragen"


def test_a_start_before_the_registration_is_refused_at_the_field(sanne, case_a):
    response = sanne.post(
        f"/casussen/{case_a.pk}/partners/nieuw/",
        {
            "partner": PartnerFactory().pk,
            "role": "betrokken_partner",
            "legal_basis": "convenant",
            "started_on": (case_a.registered_on - timedelta(days=1)).isoformat(),
        },
    )
    assert response.context["form"].errors["started_on"] == [
        f"De startdatum kan niet voor de aanmelddatum ({case_a.registered_on:%d-%m-%Y}) liggen."
    ]


def test_adding_and_editing_an_intervention(sanne, case_a, personas):
    url = f"/casussen/{case_a.pk}/interventies/nieuw/"
    data = {
        "intervention_type": intervention_type().pk,
        "responsible_partner": personas.politie.pk,
        "goal": "Geen nieuwe delicten",
        "status": "lopend",
        "started_on": timezone.localdate().isoformat(),
    }
    assert sanne.post(url, data).status_code == 302
    intervention = case_a.interventions.get()
    edit = f"/casussen/{case_a.pk}/interventies/{intervention.pk}/bewerken/"
    bad = dict(
        data,
        version=1,
        status="afgerond",
        ended_on=(timezone.localdate() - timedelta(days=3)).isoformat(),
    )
    response = sanne.post(edit, bad)
    assert response.context["form"].errors["ended_on"] == [
        f"De einddatum kan niet voor de startdatum ({timezone.localdate():%d-%m-%Y}) liggen."
    ]
    assert (
        'value="Geen nieuwe delicten"' in response.content.decode()
        or "Geen nieuwe delicten" in response.content.decode()
    )
    good = dict(bad, ended_on=timezone.localdate().isoformat(), outcome="Afgerond")
    assert sanne.post(edit, good).status_code == 302
    intervention.refresh_from_db()
    assert intervention.status == "afgerond" and intervention.version == 2


def test_a_partner_updates_only_its_own_intervention_and_only_some_fields(client, personas, case_a):
    own = InterventionFactory(case=case_a, responsible_partner=personas.politie)
    other = InterventionFactory(case=case_a)
    client.force_login(personas.petra)
    form = client.get(f"/casussen/{case_a.pk}/interventies/{own.pk}/bewerken/").context["form"]
    assert set(form.fields) == {
        "status",
        "started_on",
        "planned_end_on",
        "ended_on",
        "outcome",
        "version",
        "reason",  # why the partner changed it, for the history
    }
    assert client.get(f"/casussen/{case_a.pk}/interventies/{other.pk}/bewerken/").status_code == 404


def test_recording_a_zrm_assessment(sanne, coordinator, case_a):
    domains = assessment_domains()
    data = {
        "assessed_on": timezone.localdate().isoformat(),
        f"domain_{domains[0].pk}": "2",
        f"domain_{domains[1].pk}": "4",
    }
    assert sanne.post(f"/casussen/{case_a.pk}/zrm/nieuw/", data).status_code == 302
    assessment = case_a.assessments.get()
    assert sorted(assessment.scores.values_list("score", flat=True)) == [2, 4]
    page = sanne.get(f"/casussen/{case_a.pk}/?tab=zrm").content.decode()
    assert "Ontwikkeling per ZRM-domein" in page


def test_a_zrm_assessment_without_scores_is_refused(sanne, case_a):
    response = sanne.post(
        f"/casussen/{case_a.pk}/zrm/nieuw/", {"assessed_on": timezone.localdate().isoformat()}
    )
    assert "Vul voor minstens één domein een score in." in response.content.decode()


def test_an_intervention_of_another_case_is_not_found_under_this_case(sanne, case_a):
    other = InterventionFactory()
    assert sanne.get(f"/casussen/{case_a.pk}/interventies/{other.pk}/").status_code == 404


def test_an_impossible_date_gets_a_dutch_error_and_keeps_the_other_input(sanne, case_a):
    data = case_form_data(case_a, next_review_on="2026-02-31", plan="Mijn plan")
    response = sanne.post(f"/casussen/{case_a.pk}/bewerken/", data)
    assert response.context["form"].errors["next_review_on"] == [
        "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 31-01-2026."
    ]
    assert "Mijn plan" in response.content.decode()
    assert Case.objects.get(pk=case_a.pk).plan == ""


def test_a_duplicate_active_involvement_is_refused_at_the_field(sanne, personas, case_a):
    response = sanne.post(
        f"/casussen/{case_a.pk}/partners/nieuw/",
        {
            "partner": personas.politie.pk,
            "role": "betrokken_partner",
            "legal_basis": "convenant",
            "started_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "partner" in response.context["form"].errors
    assert case_a.involvements.count() == 1


def test_a_refused_assessment_is_an_error_on_the_form_not_a_server_error(sanne, case_a):
    from unittest import mock

    from django.core.exceptions import ValidationError

    domain = assessment_domains()[0]
    with mock.patch(
        "cases.casefile.views.record_assessment",
        side_effect=ValidationError({"assessed_on": "Er is al een meting op deze dag."}),
    ):
        response = sanne.post(
            f"/casussen/{case_a.pk}/zrm/nieuw/",
            {"assessed_on": timezone.localdate().isoformat(), f"domain_{domain.pk}": "3"},
        )
    assert response.status_code == 200
    assert response.context["form"].errors["assessed_on"] == ["Er is al een meting op deze dag."]

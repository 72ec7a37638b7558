"""Access that expires (issue 18): an involvement's end date ends the partner's access on
the next request, the daily job ends it in the history as ended by expiry (once), and
renewal is the coordinator's act with a reason and a date within the maximum."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from cases.casefile.services import involve_partner
from cases.models import (
    CaseGroupObjectPermission,
    Involvement,
    InvolvementRole,
    LegalBasis,
    latest_expires_on,
)
from cases.permissions import visible_cases
from cases.proportionality.services import expire_due, renew_involvement
from tests.base import involve
from tests.factories import CaseFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def past_its_end(involvement, days=1):
    """The end date passed ``days`` ago (as if time went by; the job has not run)."""
    Involvement.objects.filter(pk=involvement.pk).update(expires_on=today() - timedelta(days=days))
    involvement.refresh_from_db()
    return involvement


def politie_involvement(personas):
    return personas.case_a.involvements.get(partner=personas.politie)


def test_access_ends_on_the_next_request_after_the_end_date_before_the_job_runs(client, personas):
    case = personas.case_a
    client.force_login(personas.petra)
    assert client.get(f"/casussen/{case.pk}/").status_code == 200
    involvement = politie_involvement(personas)
    Involvement.objects.filter(pk=involvement.pk).update(expires_on=today())
    assert client.get(f"/casussen/{case.pk}/").status_code == 200  # the last day counts
    past_its_end(involvement)
    # The grants are still there: the job has not run.
    assert CaseGroupObjectPermission.objects.filter(group=personas.politie.group).exists()
    assert client.get(f"/casussen/{case.pk}/").status_code == 404
    assert client.get("/casussen/?status=alle").context["page"].paginator.count == 0
    assert list(visible_cases(personas.petra)) == []


def test_the_daily_job_ends_what_is_due_once_and_says_what_it_did(personas):
    due = past_its_end(politie_involvement(personas), days=3)
    later = involve(CaseFactory(), PartnerFactory(name="Wijkteam"), by=personas.coordinator)
    out = StringIO()
    call_command("expire_involvements", stdout=out)
    assert "1 betrokkenheid/-heden verlopen" in out.getvalue()
    assert personas.case_a.number in out.getvalue()
    due.refresh_from_db()
    assert due.ended_on == due.expires_on
    assert due.ended_by_expiry is True
    assert due.end_reason.startswith("Toegang verlopen")
    row = due.history.first()
    assert row.history_change_reason.startswith("Toegang verlopen")
    assert row.history_user is None  # the product itself, not a person
    assert not CaseGroupObjectPermission.objects.filter(
        group=personas.politie.group, content_object=personas.case_a
    ).exists()
    later.refresh_from_db()
    assert later.ended_on is None
    # A second run changes nothing.
    rows = Involvement.history.count()
    out = StringIO()
    call_command("expire_involvements", stdout=out)
    assert out.getvalue().startswith("0 betrokkenheid")
    assert expire_due() == []
    assert Involvement.history.count() == rows


def test_renewal_needs_a_reason_and_a_date_within_the_maximum(personas):
    involvement = politie_involvement(personas)
    with pytest.raises(ValidationError) as refused:
        renew_involvement(
            involvement, by=personas.coordinator, expires_on=today() + timedelta(days=30), reason=""
        )
    assert "reason" in refused.value.message_dict
    too_far = latest_expires_on(today()) + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        renew_involvement(involvement, by=personas.coordinator, expires_on=too_far, reason="x")
    assert "hoogstens" in refused.value.message_dict["expires_on"][0]
    with pytest.raises(ValidationError):
        renew_involvement(
            involvement, by=personas.coordinator, expires_on=today() - timedelta(days=1), reason="x"
        )
    new_end = today() + timedelta(days=120)
    renew_involvement(
        involvement, by=personas.coordinator, expires_on=new_end, reason="Traject loopt door"
    )
    involvement.refresh_from_db()
    assert involvement.expires_on == new_end
    assert "Traject loopt door" in involvement.history.first().history_change_reason


def test_an_involvement_past_its_end_is_not_renewed_but_involved_again(personas):
    involvement = past_its_end(politie_involvement(personas))
    with pytest.raises(ValidationError):
        renew_involvement(
            involvement,
            by=personas.coordinator,
            expires_on=today() + timedelta(days=30),
            reason="x",
        )
    again = involve(personas.case_a, personas.politie, by=personas.coordinator)
    involvement.refresh_from_db()
    assert involvement.ended_by_expiry and again.is_active


def test_renewing_through_the_screen_keeps_the_input_on_an_error(client, personas):
    involvement = politie_involvement(personas)
    url = f"/casussen/{personas.case_a.pk}/partners/{involvement.pk}/verlengen/"
    client.force_login(personas.coordinator)
    far = (latest_expires_on(today()) + timedelta(days=10)).isoformat()
    response = client.post(url, {"expires_on": far, "reason": "Nog nodig voor het traject"})
    assert response.status_code == 200
    assert "hoogstens" in response.context["form"].errors["expires_on"][0]
    assert "Nog nodig voor het traject" in response.content.decode()
    response = client.post(url, {"expires_on": (today() + timedelta(days=60)).isoformat()})
    assert response.context["form"].errors["reason"]
    before = involvement.expires_on
    involvement.refresh_from_db()
    assert involvement.expires_on == before
    ok = client.post(
        url, {"expires_on": (today() + timedelta(days=60)).isoformat(), "reason": "Nog nodig"}
    )
    assert ok.status_code == 302
    involvement.refresh_from_db()
    assert involvement.expires_on == today() + timedelta(days=60)
    # A partner cannot renew its own access.
    client.force_login(personas.petra)
    assert client.post(url, {"expires_on": far, "reason": "x"}).status_code == 404


def test_involving_refuses_a_bad_end_date_or_a_wat_level_without_reason_at_the_field(
    client, personas
):
    case = personas.case_a
    partner = PartnerFactory(name="Wijkteam Feijenoord")
    client.force_login(personas.coordinator)
    data = {
        "partner": partner.pk,
        "role": "betrokken_partner",
        "legal_basis": "convenant",
        "started_on": today().isoformat(),
        "expires_on": (today() - timedelta(days=2)).isoformat(),
        "information_level": "wat",
        "level_reason": "",
        "reason": "Gezinscoach nodig",
    }
    response = client.post(f"/casussen/{case.pk}/partners/nieuw/", data)
    errors = response.context["form"].errors
    assert "expires_on" in errors
    assert errors["level_reason"] == [
        "Leg uit waarom deze partner de inhoud van de casus moet kunnen lezen."
    ]
    assert "Gezinscoach nodig" in response.content.decode()
    far = latest_expires_on(today()) + timedelta(days=1)
    response = client.post(
        f"/casussen/{case.pk}/partners/nieuw/",
        {**data, "expires_on": far.isoformat(), "level_reason": "Voert het plan uit"},
    )
    assert "hoogstens" in response.context["form"].errors["expires_on"][0]
    assert not case.involvements.filter(partner=partner).exists()


def test_the_level_follows_the_legal_ground_unless_chosen(personas):
    case = CaseFactory()
    convenant = involve_partner(
        case,
        PartnerFactory(),
        by=personas.coordinator,
        role=InvolvementRole.BETROKKEN,
        legal_basis=LegalBasis.CONVENANT,
        reason="Nodig",
    )
    assert convenant.information_level == "wat" and "convenant" in convenant.level_reason.lower()
    task = involve_partner(
        case,
        PartnerFactory(),
        by=personas.coordinator,
        role=InvolvementRole.BETROKKEN,
        legal_basis=LegalBasis.WETTELIJKE_TAAK,
        reason="Nodig",
    )
    assert task.information_level == "dat"
    assert task.expires_on > today()


def test_the_dashboard_lists_what_expires_within_14_days_and_the_partner_sees_its_end(
    client, personas
):
    soon = politie_involvement(personas)
    Involvement.objects.filter(pk=soon.pk).update(expires_on=today() + timedelta(days=5))
    other = involve(CaseFactory(), PartnerFactory(name="Jongerenwerk"), by=personas.coordinator)
    Involvement.objects.filter(pk=other.pk).update(expires_on=today() + timedelta(days=20))
    client.force_login(personas.coordinator)
    response = client.get("/")
    assert [i.pk for i in response.context["expiring"]] == [soon.pk]
    assert "Toegang verloopt binnen 14 dagen" in response.content.decode()
    client.force_login(personas.petra)
    response = client.get("/casussen/")
    row = response.context["page"].object_list[0]
    assert row.access_until == today() + timedelta(days=5)
    assert f"{row.access_until:%d-%m-%Y}" in response.content.decode()
    page = client.get(f"/casussen/{personas.case_a.pk}/").content.decode()
    assert "verloopt binnenkort" in page

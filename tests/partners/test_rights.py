"""Separation of duties: rights change only through the rechtenlog, a grant takes two
beheerders (one proposes, another approves, nobody approves their own), a withdrawal takes
effect at once, every step is in the history, and only the beheer role reaches /beheer/."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partners.models import Right, RightsChange, RightsChangeStatus
from partners.services import (
    approve_rights_change,
    change_rights_from_command_line,
    propose_rights_change,
    reject_rights_change,
)
from tests.base import PASSWORD
from tests.factories import MembershipFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bea(db):
    """A second beheerder."""
    user = UserFactory(username="bea", first_name="Bea", last_name="Tweede", is_staff=True)
    user.groups.add(Group.objects.get(name=settings.ADMINISTRATORS_GROUP))
    return user


def groups(user):
    return set(user.groups.values_list("name", flat=True))


def sees_cases(client, user, case):
    client.force_login(user)
    return client.get(f"/casussen/{case.pk}/").status_code == 200


def test_a_proposal_grants_nothing_until_a_second_beheerder_approves(
    client, beheer, bea, wim, case_a
):
    change = propose_rights_change(
        wim, Right.COORDINATOR, grant=True, by=beheer, reason="Nieuwe procescoördinator"
    )
    assert change.status == RightsChangeStatus.PROPOSED
    assert settings.COORDINATORS_GROUP not in groups(wim)
    assert not sees_cases(client, wim, case_a)

    approve_rights_change(change, by=bea, note="Gecontroleerd met de teamleider")
    change.refresh_from_db()
    assert (change.status, change.decided_by) == (RightsChangeStatus.APPLIED, bea)
    assert settings.COORDINATORS_GROUP in groups(wim)
    assert sees_cases(client, wim, case_a)
    # The account's own history holds the step: who, and why (with both people).
    row = wim.history.filter(history_change_reason__contains="rechtenwijziging").first()
    assert row.history_user == bea
    assert "rechtenwijziging" in row.history_change_reason
    assert "Bert Beheer" in row.history_change_reason and "Bea Tweede" in row.history_change_reason
    assert {g.group.name for g in row.groups.all()} >= {settings.COORDINATORS_GROUP}


def test_nobody_approves_their_own_proposal_or_their_own_rights(beheer, bea, wim):
    own = propose_rights_change(wim, Right.COORDINATOR, grant=True, by=beheer, reason="x")
    with pytest.raises(ValidationError, match="eigen voorstel"):
        approve_rights_change(own, by=beheer)
    self_service = propose_rights_change(
        beheer, Right.COORDINATOR, grant=True, by=bea, reason="Ik wil ook casussen zien"
    )
    with pytest.raises(ValidationError, match="eigen rechten"):
        approve_rights_change(self_service, by=beheer)
    assert settings.COORDINATORS_GROUP not in groups(beheer)
    assert settings.COORDINATORS_GROUP not in groups(wim)


def test_the_database_refuses_a_grant_approved_by_its_proposer(beheer, wim):
    change = propose_rights_change(wim, Right.COORDINATOR, grant=True, by=beheer, reason="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        RightsChange.objects.filter(pk=change.pk).update(
            status=RightsChangeStatus.APPLIED, decided_by=beheer, decided_at=change.proposed_at
        )


def test_only_beheer_proposes_or_approves(coordinator, beheer, wim):
    with pytest.raises(ValidationError, match="Alleen functioneel beheer"):
        propose_rights_change(wim, Right.COORDINATOR, grant=True, by=coordinator, reason="x")
    change = propose_rights_change(wim, Right.COORDINATOR, grant=True, by=beheer, reason="x")
    with pytest.raises(ValidationError, match="Alleen functioneel beheer"):
        approve_rights_change(change, by=coordinator)


def test_a_withdrawal_takes_effect_at_once(client, beheer, coordinator, case_a):
    change = propose_rights_change(
        coordinator, Right.COORDINATOR, grant=False, by=beheer, reason="Uit dienst"
    )
    assert change.status == RightsChangeStatus.APPLIED and change.decided_by == beheer
    assert not sees_cases(client, coordinator, case_a)


def test_a_rejected_proposal_changes_nothing_and_needs_a_reason(beheer, bea, wim):
    change = propose_rights_change(wim, Right.BEHEER, grant=True, by=beheer, reason="x")
    with pytest.raises(ValidationError):
        reject_rights_change(change, by=bea, note="")
    reject_rights_change(change, by=bea, note="Niet nodig voor zijn werk")
    change.refresh_from_db()
    assert change.status == RightsChangeStatus.REJECTED
    assert settings.ADMINISTRATORS_GROUP not in groups(wim) and not wim.is_staff


def test_an_organisation_is_a_right_too(client, beheer, bea, wim, personas, case_a):
    change = propose_rights_change(
        wim, Right.ORGANISATION, grant=True, partner=personas.politie, by=beheer, reason="Overstap"
    )
    assert not sees_cases(client, wim, case_a)
    approve_rights_change(change, by=bea)
    wim.refresh_from_db()
    assert wim.membership.partner == personas.politie
    assert groups(wim) == {"Ketenpartner: Politie Rotterdam"}
    assert sees_cases(client, wim, case_a)
    assert wim.membership.history.first().history_user == bea


def test_the_beheer_role_brings_the_staff_flag_and_superuser_takes_two_people_too(beheer, bea, wim):
    change = propose_rights_change(wim, Right.SUPERUSER, grant=True, by=beheer, reason="x")
    wim.refresh_from_db()
    assert not wim.is_superuser
    approve_rights_change(change, by=bea)
    wim.refresh_from_db()
    assert wim.is_superuser and wim.is_staff


def test_reactivating_an_account_takes_two_people_deactivating_one(beheer, bea, petra):
    propose_rights_change(petra, Right.ACCOUNT, grant=False, by=beheer, reason="Uit dienst")
    petra.refresh_from_db()
    assert not petra.is_active
    back = propose_rights_change(petra, Right.ACCOUNT, grant=True, by=beheer, reason="Terug")
    petra.refresh_from_db()
    assert not petra.is_active
    approve_rights_change(back, by=bea)
    petra.refresh_from_db()
    assert petra.is_active


def test_the_command_line_is_in_the_rechtenlog_too(wim):
    change = change_rights_from_command_line(
        wim, Right.BEHEER, grant=True, reason="Eerste beheerder bij installatie"
    )
    wim.refresh_from_db()
    assert settings.ADMINISTRATORS_GROUP in groups(wim) and wim.is_staff
    assert (change.proposed_by, change.decided_by, change.status) == (
        None,
        None,
        RightsChangeStatus.APPLIED,
    )


# In /beheer/ ----------------------------------------------------------------------------


def test_proposing_and_approving_in_the_admin(client, beheer, bea, wim):
    client.force_login(beheer)
    response = client.post(
        "/beheer/partners/rightschange/add/",
        {"user": wim.pk, "right": Right.COORDINATOR, "grant": "1", "reason": "Nieuw in het team"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    change = RightsChange.objects.get()
    decide = f"/beheer/partners/rightschange/{change.pk}/besluit/"
    # The proposer sees no approve button, and a forged approval is refused.
    assert "Goedkeuren" not in client.get(decide).content.decode()
    client.post(decide, {"goedkeuren": "1", "note": ""})
    assert settings.COORDINATORS_GROUP not in groups(wim)
    client.force_login(bea)
    assert "Goedkeuren" in client.get(decide).content.decode()
    assert client.post(decide, {"goedkeuren": "1", "note": "Akkoord"}).status_code == 302
    assert settings.COORDINATORS_GROUP in groups(wim)
    log = client.get("/beheer/partners/rightschange/").content.decode()
    assert "Rol procescoördinator" in log and "Doorgevoerd" in log


def test_a_refused_proposal_is_shown_at_the_field(client, beheer, coordinator):
    client.force_login(beheer)
    for reason, field in (("", "reason"), ("Nog een keer", "right")):  # already coordinator
        response = client.post(
            "/beheer/partners/rightschange/add/",
            {"user": coordinator.pk, "right": Right.COORDINATOR, "grant": "1", "reason": reason},
        )
        assert response.status_code == 200
        assert field in response.context["adminform"].form.errors
    assert "heeft dit recht al" in response.content.decode()
    assert not RightsChange.objects.exists()


def test_posting_rights_on_the_account_form_changes_nothing(client, beheer, wim):
    client.force_login(beheer)
    coordinators = Group.objects.get(name=settings.COORDINATORS_GROUP)
    client.post(
        f"/beheer/auth/user/{wim.pk}/change/",
        {
            "username": "wim",
            "first_name": "Wim",
            "last_name": "Smit",
            "email": "",
            "groups": [coordinators.pk],
            "is_staff": "on",
            "is_superuser": "on",
            "membership-TOTAL_FORMS": "1",
            "membership-INITIAL_FORMS": "1",
        },
    )
    wim.refresh_from_db()
    assert not (wim.is_staff or wim.is_superuser)
    assert settings.COORDINATORS_GROUP not in groups(wim)


def test_only_the_beheer_role_reaches_beheer_not_the_staff_flag(client, personas):
    gemeente = PartnerFactory(name="Gemeente Test", kind="gemeente")
    official = MembershipFactory(
        user=UserFactory(username="ambtenaar", is_staff=True), partner=gemeente
    ).user
    client.force_login(official)
    assert client.get("/beheer/").status_code == 302
    assert "Beheer" not in client.get("/casussen/").content.decode().split("<main")[0]
    client.force_login(personas.beheer)
    assert client.get("/beheer/").status_code == 200


def test_a_coordinator_does_not_reach_beheer(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/beheer/").status_code == 302


def test_beheer_logs_in_to_beheer_but_reads_no_access_log(client, beheer):
    assert client.post("/beheer/login/", {"username": "bert", "password": PASSWORD}).status_code
    client.force_login(beheer)
    assert client.get("/beheer/pga/accesslog/").status_code == 404
    assert client.get("/toezicht/inzagelog/").status_code == 403


def test_the_operator_installs_the_first_beheerder_from_the_command_line(capsys):
    from django.contrib.auth import get_user_model
    from django.core.management import CommandError, call_command

    call_command("rechten", "eerste", "--nieuw", "--toekennen", "beheer", "--reden", "Installatie")
    first = get_user_model().objects.get(username="eerste")
    assert settings.ADMINISTRATORS_GROUP in groups(first) and first.is_staff
    assert not first.has_usable_password()
    assert "In het rechtenlog" in capsys.readouterr().out
    with pytest.raises(CommandError, match="heeft dit recht al"):
        call_command("rechten", "eerste", "--toekennen", "beheer", "--reden", "Nog eens")
    with pytest.raises(CommandError, match="Onbekend account"):
        call_command("rechten", "niemand", "--toekennen", "beheer", "--reden", "x")

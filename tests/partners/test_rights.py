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


@pytest.fixture
def newcomer(db):
    """A new municipal employee: an account without any right yet."""
    return UserFactory(username="nieuw", first_name="Nora", last_name="Nieuw")


def groups(user):
    return set(user.groups.values_list("name", flat=True))


def sees_cases(client, user, case):
    client.force_login(user)
    return client.get(f"/casussen/{case.pk}/").status_code == 200


def test_a_proposal_grants_nothing_until_a_second_beheerder_approves(
    client, beheer, bea, newcomer, case_a
):
    change = propose_rights_change(
        newcomer, Right.COORDINATOR, grant=True, by=beheer, reason="Nieuwe procescoördinator"
    )
    assert change.status == RightsChangeStatus.PROPOSED
    assert settings.COORDINATORS_GROUP not in groups(newcomer)
    assert not sees_cases(client, newcomer, case_a)

    approve_rights_change(change, by=bea, note="Gecontroleerd met de teamleider")
    change.refresh_from_db()
    assert (change.status, change.decided_by) == (RightsChangeStatus.APPLIED, bea)
    assert settings.COORDINATORS_GROUP in groups(newcomer)
    assert sees_cases(client, newcomer, case_a)
    # The account's own history holds the step: who, and why (with both people).
    row = newcomer.history.filter(history_change_reason__contains="rechtenwijziging").first()
    assert row.history_user == bea
    assert "rechtenwijziging" in row.history_change_reason
    assert "Bert Beheer" in row.history_change_reason and "Bea Tweede" in row.history_change_reason
    assert {g.group.name for g in row.groups.all()} >= {settings.COORDINATORS_GROUP}


def test_nobody_approves_their_own_proposal_or_their_own_rights(beheer, bea, newcomer):
    own = propose_rights_change(newcomer, Right.COORDINATOR, grant=True, by=beheer, reason="x")
    with pytest.raises(ValidationError, match="eigen voorstel"):
        approve_rights_change(own, by=beheer)
    self_service = propose_rights_change(
        beheer, Right.COORDINATOR, grant=True, by=bea, reason="Ik wil ook casussen zien"
    )
    with pytest.raises(ValidationError, match="eigen rechten"):
        approve_rights_change(self_service, by=beheer)
    assert settings.COORDINATORS_GROUP not in groups(beheer)
    assert settings.COORDINATORS_GROUP not in groups(newcomer)


def test_the_database_refuses_a_grant_approved_by_its_proposer(beheer, newcomer):
    change = propose_rights_change(newcomer, Right.COORDINATOR, grant=True, by=beheer, reason="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        RightsChange.objects.filter(pk=change.pk).update(
            status=RightsChangeStatus.APPLIED, decided_by=beheer, decided_at=change.proposed_at
        )


def test_only_beheer_proposes_or_approves(coordinator, beheer, newcomer):
    with pytest.raises(ValidationError, match="Alleen functioneel beheer"):
        propose_rights_change(newcomer, Right.COORDINATOR, grant=True, by=coordinator, reason="x")
    change = propose_rights_change(newcomer, Right.COORDINATOR, grant=True, by=beheer, reason="x")
    with pytest.raises(ValidationError, match="Alleen functioneel beheer"):
        approve_rights_change(change, by=coordinator)


def test_a_withdrawal_takes_effect_at_once(client, beheer, coordinator, case_a):
    change = propose_rights_change(
        coordinator, Right.COORDINATOR, grant=False, by=beheer, reason="Uit dienst"
    )
    assert change.status == RightsChangeStatus.APPLIED and change.decided_by == beheer
    assert not sees_cases(client, coordinator, case_a)


def test_a_rejected_proposal_changes_nothing_and_needs_a_reason(beheer, bea, newcomer):
    change = propose_rights_change(newcomer, Right.BEHEER, grant=True, by=beheer, reason="x")
    with pytest.raises(ValidationError):
        reject_rights_change(change, by=bea, note="")
    reject_rights_change(change, by=bea, note="Niet nodig voor zijn werk")
    change.refresh_from_db()
    assert change.status == RightsChangeStatus.REJECTED
    assert settings.ADMINISTRATORS_GROUP not in groups(newcomer) and not newcomer.is_staff


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


def test_the_command_line_is_in_the_rechtenlog_too(newcomer):
    change = change_rights_from_command_line(
        newcomer, Right.BEHEER, grant=True, reason="Eerste beheerder bij installatie"
    )
    newcomer.refresh_from_db()
    assert settings.ADMINISTRATORS_GROUP in groups(newcomer) and newcomer.is_staff
    assert (change.proposed_by, change.decided_by, change.status) == (
        None,
        None,
        RightsChangeStatus.APPLIED,
    )


# In /beheer/ ----------------------------------------------------------------------------


def test_proposing_and_approving_in_the_admin(client, beheer, bea, newcomer):
    client.force_login(beheer)
    response = client.post(
        "/beheer/partners/rightschange/add/",
        {
            "user": newcomer.pk,
            "right": Right.COORDINATOR,
            "grant": "1",
            "reason": "Nieuw in het team",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    change = RightsChange.objects.get()
    decide = f"/beheer/partners/rightschange/{change.pk}/besluit/"
    # The proposer sees no approve button, and a forged approval is refused.
    assert "Goedkeuren" not in client.get(decide).content.decode()
    client.post(decide, {"goedkeuren": "1", "note": ""})
    assert settings.COORDINATORS_GROUP not in groups(newcomer)
    client.force_login(bea)
    assert "Goedkeuren" in client.get(decide).content.decode()
    assert client.post(decide, {"goedkeuren": "1", "note": "Akkoord"}).status_code == 302
    assert settings.COORDINATORS_GROUP in groups(newcomer)
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


def test_municipal_roles_and_a_chain_partner_exclude_each_other(
    beheer, bea, wim, coordinator, personas
):
    """Otherwise withdrawing the organisation (at once, by one person) would open a role two
    beheerders never agreed to open."""
    for right in (Right.COORDINATOR, Right.BEHEER, Right.TOEZICHT):
        with pytest.raises(ValidationError, match="krijgt geen rol van de gemeente"):
            propose_rights_change(wim, right, grant=True, by=beheer, reason="x")
    with pytest.raises(ValidationError, match="rol van de gemeente"):
        propose_rights_change(
            coordinator,
            Right.ORGANISATION,
            grant=True,
            partner=personas.politie,
            by=beheer,
            reason="x",
        )


def test_deactivating_a_partner_ends_its_involvements_and_reactivating_opens_nothing(
    client, beheer, personas, case_a
):
    client.force_login(beheer)
    politie = personas.politie
    url = f"/beheer/partners/partner/{politie.pk}/change/"
    data = {"name": politie.name, "kind": politie.kind, "email": "", "phone": ""}
    membership = personas.petra.membership
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-partner": politie.pk,
        }
    )
    assert client.post(url, data).status_code == 302  # is_active left out: deactivated
    involvement = case_a.involvements.get(partner=politie)
    assert involvement.ended_on is not None and "gedeactiveerd" in involvement.end_reason
    assert client.post(url, {**data, "is_active": "on"}).status_code == 302
    assert not sees_cases(client, personas.petra, case_a)


def test_beheer_cannot_set_the_password_of_an_account_with_rights_and_no_second_factor(
    client, beheer, bea, coordinator, newcomer
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(beheer)
    for account in (bea, coordinator):
        response = client.post(
            f"/beheer/auth/user/{account.pk}/password/",
            {"password1": "Een-nieuw-wachtwoord-77", "password2": "Een-nieuw-wachtwoord-77"},
        )
        assert response.status_code == 302
        account.refresh_from_db()
        assert account.check_password(PASSWORD), account
    # With a confirmed second factor the password alone opens nothing: a reset is fine.
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    client.post(
        f"/beheer/auth/user/{coordinator.pk}/password/",
        {"password1": "Een-nieuw-wachtwoord-77", "password2": "Een-nieuw-wachtwoord-77"},
    )
    coordinator.refresh_from_db()
    assert coordinator.check_password("Een-nieuw-wachtwoord-77")
    # So is an account without any right (a new colleague's first password).
    client.post(
        f"/beheer/auth/user/{newcomer.pk}/password/",
        {"password1": "Een-nieuw-wachtwoord-77", "password2": "Een-nieuw-wachtwoord-77"},
    )
    newcomer.refresh_from_db()
    assert newcomer.check_password("Een-nieuw-wachtwoord-77")


def test_the_history_in_beheer_can_be_read_but_not_restored(client, beheer, personas, petra):
    propose_rights_change(petra, Right.ACCOUNT, grant=False, by=beheer, reason="Uit dienst")
    version = petra.history.filter(is_active=True).first()
    client.force_login(beheer)
    url = f"/beheer/auth/user/{petra.pk}/history/{version.history_id}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"username": "petra"}).status_code == 403
    petra.refresh_from_db()
    assert not petra.is_active


def test_a_decision_page_of_a_command_line_change_shows(client, beheer, newcomer):
    change = change_rights_from_command_line(newcomer, Right.TOEZICHT, grant=True, reason="x")
    client.force_login(beheer)
    page = client.get(f"/beheer/partners/rightschange/{change.pk}/besluit/")
    assert page.status_code == 200 and "opdrachtregel" in page.content.decode()


def test_beheer_sees_and_lifts_lock_outs(client, beheer):
    client.force_login(beheer)
    assert client.get("/beheer/axes/accessattempt/").status_code == 200

"""Tokens: proposed by one beheerder, approved by a second, stored as a hash only, refused
once expired or withdrawn, each step in the history with who and why."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partners.models import ApiToken, ApiTokenStatus
from partners.tokens import approve_api_token, propose_api_token, revoke_api_token
from tests.api.helpers import api_get, second_beheerder, system_account
from tests.base import make_coordinator
from tests.factories import MembershipFactory, UserFactory

LIST = "/api/v1/casussen/"
pytestmark = pytest.mark.django_db


def propose(account, by, **fields):
    values = {
        "name": "Casussysteem ZVH",
        "expires_on": timezone.localdate() + timedelta(days=90),
        "reason": "Convenant ZVH 2026",
        **fields,
    }
    return propose_api_token(account, by=by, **values)


def detail(response):
    return json.loads(response.content)["detail"]


def test_four_eyes_and_only_the_hash_is_kept(client, personas):
    account = system_account("zvh", partner=personas.politie)
    token, key = propose(account, personas.beheer)
    assert key.startswith(f"pga_{token.prefix}_") and len(key) > 40
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in json.dumps(stored, default=str)
    assert all(key not in json.dumps(row, default=str) for row in token.history.values())

    refused = api_get(client, LIST, key)
    assert refused.status_code == 401
    assert detail(refused) == "Dit token is nog niet goedgekeurd door een tweede beheerder."
    assert refused["WWW-Authenticate"].startswith("Bearer")
    with pytest.raises(ValidationError, match="tweede beheerder"):
        approve_api_token(token, by=personas.beheer)
    approve_api_token(token, by=second_beheerder(), note="Akkoord")
    assert api_get(client, LIST, key).status_code == 200
    reasons = [row.history_change_reason for row in token.history.order_by("history_id")]
    assert reasons[0].startswith("API-token voorgesteld") and reasons[-1] == "Actief"


@pytest.mark.parametrize("kind", ["password", "coordinator", "beheer", "nothing", "both"])
def test_only_system_accounts_hold_a_token(personas, kind):
    if kind == "password":
        account = MembershipFactory(
            user=UserFactory(username="mens"), partner=personas.politie
        ).user
    elif kind == "coordinator":
        account = make_coordinator("coco")
        account.set_unusable_password()
        account.save()
    elif kind == "beheer":
        account = personas.beheer
    elif kind == "nothing":
        account = system_account("los")
    else:
        account = system_account("beide", partner=personas.politie, management=True)
    with pytest.raises(ValidationError) as refusal:
        propose(account, second_beheerder())
    assert "user" in refusal.value.message_dict


def test_expiry_is_bounded_and_an_expired_token_opens_nothing(client, personas, settings):
    account = system_account("zvh", partner=personas.politie)
    too_long = timezone.localdate() + timedelta(days=settings.API_TOKEN_MAX_DAYS + 1)
    with pytest.raises(ValidationError) as refusal:
        propose(account, personas.beheer, expires_on=too_long)
    assert "hoogstens" in refusal.value.message_dict["expires_on"][0]
    token, key = propose(account, personas.beheer, expires_on=timezone.localdate())
    approve_api_token(token, by=second_beheerder())
    assert api_get(client, LIST, key).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_on=timezone.localdate() - timedelta(1))
    refused = api_get(client, LIST, key)
    assert refused.status_code == 401 and detail(refused).startswith("Dit token is verlopen op")


def test_a_withdrawn_token_is_refused_at_once_and_so_is_an_unknown_one(client, personas):
    account = system_account("zvh", partner=personas.politie)
    token, key = propose(account, personas.beheer)
    approve_api_token(token, by=second_beheerder())
    revoke_api_token(token, by=personas.beheer, reason="Koppeling beëindigd")
    token.refresh_from_db()
    assert token.status == ApiTokenStatus.REVOKED and token.revoked_by == personas.beheer
    assert detail(api_get(client, LIST, key)) == "Dit token is ingetrokken."
    assert detail(api_get(client, LIST, key + "x")) == "Dit token is onbekend."
    assert api_get(client, LIST).status_code == 401


def test_an_account_that_gets_a_role_loses_its_token(client, personas):
    from django.conf import settings
    from django.contrib.auth.models import Group

    account = system_account("zvh", partner=personas.politie)
    token, key = propose(account, personas.beheer)
    approve_api_token(token, by=second_beheerder())
    account.groups.add(Group.objects.get(name=settings.COORDINATORS_GROUP))
    response = api_get(client, LIST, key)
    assert response.status_code == 401
    assert detail(response) == "Het account van dit token is geen actief systeemaccount."


def test_beheer_proposes_in_the_admin_sees_the_key_once_and_a_second_approves(client, personas):
    account = system_account("zvh", partner=personas.politie)
    client.force_login(personas.beheer)
    page = client.post(
        "/beheer/partners/apitoken/add/",
        {
            "user": account.pk,
            "name": "Casussysteem ZVH",
            "expires_on": (timezone.localdate() + timedelta(days=30)).strftime("%d-%m-%Y"),
            "reason": "Convenant ZVH 2026",
        },
    )
    assert page.status_code == 200, page.content[:2000]
    key = page.context["key"]
    token = ApiToken.objects.get()
    assert token.status == ApiTokenStatus.PROPOSED and key in page.content.decode()
    assert key not in client.get(f"/beheer/partners/apitoken/{token.pk}/change/").content.decode()
    own = client.post(f"/beheer/partners/apitoken/{token.pk}/besluit/", {"goedkeuren": "1"})
    assert own.status_code == 200 and "tweede beheerder" in own.content.decode()
    token.refresh_from_db()
    assert token.status == ApiTokenStatus.PROPOSED
    client.force_login(second_beheerder())
    client.post(f"/beheer/partners/apitoken/{token.pk}/besluit/", {"goedkeuren": "1"})
    token.refresh_from_db()
    assert token.status == ApiTokenStatus.ACTIVE
    assert api_get(client, LIST, key).status_code == 200

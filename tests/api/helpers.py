"""System accounts and their tokens for the API tests (and the access matrix)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from partners.tokens import approve_api_token, propose_api_token
from tests.factories import MembershipFactory, UserFactory


def system_account(username, *, partner=None, management=False):
    account = UserFactory(username=username, first_name="Systeem", last_name=username)
    account.set_unusable_password()
    account.save()
    if partner is not None:
        MembershipFactory(user=account, partner=partner)
    if management:
        account.groups.add(Group.objects.get(name=settings.MANAGEMENT_GROUP))
    return account


def second_beheerder():
    other = UserFactory(username="berta", first_name="Berta", last_name="Beheer", is_staff=True)
    other.groups.add(Group.objects.get(name=settings.ADMINISTRATORS_GROUP))
    return other


def api_key(account, beheer, *, days=30) -> str:
    """An approved token of ``account``: proposed by ``beheer``, approved by a second one."""
    token, key = propose_api_token(
        account,
        by=beheer,
        name=f"Koppeling {account.username}",
        expires_on=timezone.localdate() + timedelta(days=days),
        reason="Koppeling met het casussysteem van het ZVH (convenant 2026).",
    )
    approve_api_token(token, by=second_beheerder())
    return key


def api_get(client, url, key=None, **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    return client.get(url, params, **headers)

"""After 5 failed logins an account/address pair is locked; nobody else is."""

import logging
from datetime import timedelta

import pytest
from django.conf import settings

from pga.models import AccessLog
from tests.base import PASSWORD

pytestmark = pytest.mark.django_db
PROXY = "10.20.30.40"  # everyone behind the city's proxy arrives from one address


def attempt(client, username, password, ip=PROXY, **extra):
    return client.post(
        "/inloggen/", {"username": username, "password": password}, REMOTE_ADDR=ip, **extra
    )


def test_five_failures_lock_the_account_at_that_address_and_it_is_logged(client, petra, caplog):
    caplog.set_level(logging.WARNING)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "petra", "fout").status_code == 200
    assert attempt(client, "petra", "fout").status_code == 429  # the fifth failure locks
    locked = attempt(client, "petra", PASSWORD)  # even the right password
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    row = AccessLog.objects.order_by("-pk").first()
    assert (row.action, row.result) == ("login_failed", "refused")
    assert "geblokkeerd" in row.detail
    assert "after repeated login failures" in caplog.text  # django-axes' lock-out warning
    assert "petra" not in caplog.text  # it masks the username


def test_another_user_behind_the_same_proxy_is_not_locked_out(client, petra, wim):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "petra", "fout")
    response = attempt(client, "wim", PASSWORD)
    assert response.status_code == 302 and response.url == "/"


def test_the_same_user_from_another_address_is_not_locked_out(client, petra):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "petra", "fout")
    assert attempt(client, "petra", PASSWORD, ip="10.99.0.1").status_code == 302


def test_the_lock_lasts_a_configurable_time():
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_behind_a_trusted_proxy_the_client_address_comes_from_x_forwarded_for(
    client, petra, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    attempt(client, "petra", "fout", HTTP_X_FORWARDED_FOR="203.0.113.7")
    # A client that sends its own X-Forwarded-For gets it prefixed, not trusted.
    attempt(client, "petra", "fout", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9")
    assert list(AccessLog.objects.order_by("pk").values_list("ip_address", flat=True)) == [
        "203.0.113.7",
        "198.51.100.9",
    ]


def test_behind_the_proxy_one_users_failures_do_not_lock_a_colleague(client, petra, wim, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        attempt(client, "petra", "fout", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert attempt(client, "wim", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 302


def test_without_a_trusted_proxy_a_claimed_address_is_ignored(client, petra):
    attempt(client, "petra", "fout", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert AccessLog.objects.get().ip_address == PROXY


def test_a_typed_name_that_is_no_account_is_not_stored(client, petra):
    """People type their password into the username box: such a 'name' is kept nowhere, not
    in the access log and not in the lock-out's records; a real account's name is."""
    from axes.models import AccessAttempt

    attempt(client, "Geheim-Wachtwoord-99", "x")
    attempt(client, "petra", "fout")
    unknown, known = AccessLog.objects.order_by("pk")
    assert unknown.detail == "onbekende gebruikersnaam"
    assert known.detail == "gebruikersnaam: petra"
    names = set(AccessAttempt.objects.values_list("username", flat=True))
    assert "petra" in names
    assert not any("Geheim" in name for name in names)
    assert not AccessAttempt.objects.filter(post_data__contains="Geheim").exists()


def test_failures_under_an_unknown_name_still_lock_that_name_at_that_address(client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "niemand-bekend", "fout")
    assert attempt(client, "niemand-bekend", "fout").status_code == 429

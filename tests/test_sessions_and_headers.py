"""Sessions end when idle or old; every page carries the security headers; production
settings pass Django's deployment checks."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from pga.middleware import LOGIN_AT, TOUCHED_AT
from tests.base import PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def login(client, username="petra"):
    response = client.post("/inloggen/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client.session.session_key


def test_logging_in_gives_a_new_session_key(client, petra):
    client.get("/inloggen/")
    client.session["voor"] = "het inloggen"
    before = client.session.session_key
    assert login(client) != before


def test_an_idle_session_expires_after_30_minutes_and_activity_renews_it(client, petra):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    key = login(client)
    client.get("/casussen/")
    first = Session.objects.get(session_key=key).expire_date
    # Within the minute a request does not write the session again...
    time.sleep(1.1)
    client.get("/casussen/")
    assert Session.objects.get(session_key=key).expire_date == first
    # ...after it, the next request renews the idle limit.
    session = client.session
    session[TOUCHED_AT] = int(time.time()) - settings.SESSION_RENEW_SECONDS
    session.save()
    first = Session.objects.get(session_key=key).expire_date
    time.sleep(1.1)
    client.get("/casussen/")
    assert Session.objects.get(session_key=key).expire_date > first
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/casussen/")
    assert response.status_code == 302 and response.url.startswith("/inloggen/")


def test_a_session_ends_after_12_hours_in_any_case(client, petra, case_a):
    login(client)
    session = client.session
    session[LOGIN_AT] = int(time.time()) - 12 * 3600 - 60
    session.save()
    response = client.get(f"/casussen/{case_a.pk}/")
    assert response.status_code == 302 and response.url == f"/inloggen/?next=/casussen/{case_a.pk}/"
    assert client.get("/casussen/").status_code == 302


def test_logout_kills_the_session(client, petra):
    key = login(client)
    client.post("/uitloggen/")
    assert not Session.objects.filter(session_key=key).exists()


def test_a_deactivated_user_is_out_on_the_next_request(client, petra):
    login(client)
    assert client.get("/casussen/").status_code == 200
    petra.is_active = False
    petra.save()
    response = client.get("/casussen/")
    assert response.status_code == 302 and response.url.startswith("/inloggen/")


def test_pages_carry_a_strict_csp_and_the_other_security_headers(client, petra, case_a):
    login(client)
    response = client.get(f"/casussen/{case_a.pk}/")
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split("; ") if part.startswith("script-src"))
    assert (
        script_src == "script-src 'self'"
        and "unsafe-inline" not in csp
        and "unsafe-eval" not in csp
    )
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store, private"


def test_every_page_with_personal_data_is_not_cached(client, personas, case_a):
    client.force_login(personas.coordinator)
    for url in (
        "/",
        "/casussen/",
        f"/jongeren/{case_a.youth_id}/",
        f"/casussen/{case_a.pk}/historie/",
    ):
        assert client.get(url)["Cache-Control"] == "no-store, private", url


def test_production_settings_pass_check_deploy_with_no_warnings():
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves; production never does.
            if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "DEBUG": "false",
        "SECRET_KEY": "p" * 20 + "-production-like-key-" + "9Xq!" * 8,
        "ALLOWED_HOSTS": "pga.example.nl",
        "DJANGO_SETTINGS_MODULE": "pga.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout

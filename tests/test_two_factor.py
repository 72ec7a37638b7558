"""Two-factor login for every account: nothing with data is reachable on a password alone."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import get_resolver
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from pga.models import AccessLog
from pga.two_factor import SETUP_KEY
from tests.base import PASSWORD
from tests.test_access_log_completeness import url_for
from tests.test_access_matrix import build_world, walk

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True


def password_login(client, username="sanne"):
    response = client.post("/inloggen/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def code_for(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def test_a_password_only_session_reaches_no_page_with_data(client, personas, capsys):
    objects = build_world(personas)
    TOTPDevice.objects.filter(user=personas.coordinator).delete()
    TOTPDevice.objects.create(user=personas.coordinator, name="app", confirmed=True)
    password_login(client)
    reachable, tried = [], 0
    for route in walk(get_resolver().url_patterns):
        if route.route.startswith("^") or "url" in route.parameters:
            continue
        url = url_for(route, objects)
        response = client.get(url)
        tried += 1
        if response.status_code == 200 and not url.startswith(
            # The footer's public pages hold no data; whoever is stuck needs the helpdesk.
            (
                "/tweestapsverificatie/",
                "/inloggen/",
                "/beheer/login/",
                "/privacyverklaring/",
                "/toegankelijkheid/",
                "/helpdesk/",
            )
        ):
            reachable.append(url)
    with capsys.disabled():
        print(
            f"\ntwo-factor: {tried} routes tried with a password-only session, {len(reachable)} reachable"
        )
    assert reachable == []
    assert tried > 100


def test_the_first_login_enrols_with_a_qr_code_and_backup_codes(client, coordinator, case_a):
    password_login(client)
    response = client.get(f"/casussen/{case_a.pk}/")
    assert response.status_code == 302 and response.url.startswith(
        "/tweestapsverificatie/instellen/"
    )
    page = client.get(response.url).content.decode()
    assert "<svg" in page and "Tweestapsverificatie instellen" in page
    assert 'aria-label="Hoofdmenu"' not in page  # no menu before the second factor
    device = TOTPDevice(user=coordinator, key=client.session[SETUP_KEY])
    done = client.post(
        "/tweestapsverificatie/instellen/",
        {"token": code_for(device), "next": f"/casussen/{case_a.pk}/"},
    )
    assert "Uw reservecodes" in done.content.decode()
    assert TOTPDevice.objects.get(user=coordinator).confirmed
    assert StaticDevice.objects.get(user=coordinator).token_set.count() == 10
    assert client.get(f"/casussen/{case_a.pk}/").status_code == 200


def test_a_wrong_code_at_enrolment_is_refused_in_dutch(client, coordinator):
    password_login(client)
    client.get("/tweestapsverificatie/instellen/")
    response = client.post("/tweestapsverificatie/instellen/", {"token": "000000"})
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()


def test_a_used_totp_code_cannot_be_used_again(client, coordinator, case_a):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    code = code_for(device)
    password_login(client)
    assert (
        client.post("/tweestapsverificatie/", {"token": code, "next": "/casussen/"}).url
        == "/casussen/"
    )
    client.post("/uitloggen/")
    password_login(client)
    response = client.post("/tweestapsverificatie/", {"token": code})
    assert response.status_code == 200 and "al gebruikt" in response.content.decode()
    assert client.get(f"/casussen/{case_a.pk}/").status_code == 302
    failed = AccessLog.objects.filter(route="two_factor_verify").order_by("pk").last()
    assert (failed.action, failed.result) == ("login_failed", "refused")


def test_a_backup_code_works_once(client, coordinator):
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    static = StaticDevice.objects.create(user=coordinator, name="Reservecodes")
    static.token_set.create(token="reserve1")
    password_login(client)
    assert client.post("/tweestapsverificatie/", {"token": "reserve1"}).status_code == 302
    client.post("/uitloggen/")
    password_login(client)
    assert client.post("/tweestapsverificatie/", {"token": "reserve1"}).status_code == 200


def test_production_settings_cannot_turn_two_factor_off():
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        DEBUG="false",
        TWO_FACTOR_REQUIRED="false",
        SECRET_KEY="x" * 60,
        DJANGO_SETTINGS_MODULE="pga.settings",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "True", result.stderr


def test_the_demo_gives_every_account_a_device_and_a_way_to_get_its_code(client, settings, capsys):
    from cases.demo import load_demo

    load_demo()
    settings.DEBUG = True
    call_command("demo_code", "petra")
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()
    client.post("/inloggen/", {"username": "petra", "password": "demo-PGA-2026"})
    assert client.post("/tweestapsverificatie/", {"token": code}).status_code == 302
    capsys.readouterr()
    # Refusals are one Dutch line and exit status 1: no traceback, no English usage text.
    for debug, arguments, message in (
        (False, ["petra"], "demo_code werkt alleen in de lokale demo"),
        (True, [], "Geef het account op, bijv.: make code user=sanne"),
        (True, [""], "Geef het account op, bijv.: make code user=sanne"),
        (True, ["niemand"], "Geen demo-account met een authenticator: niemand"),
    ):
        settings.DEBUG = debug
        with pytest.raises(SystemExit) as exit:
            call_command("demo_code", *arguments)
        assert exit.value.code == 1
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.startswith(message)
        assert len(captured.err.strip().splitlines()) == 1


def test_verifying_the_second_factor_issues_a_new_session_key(client, coordinator):
    """The key issued after the password alone may have been seen (a shared screen, a
    proxy log); it must not become a fully verified session."""
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    password_login(client)
    after_password = client.session.session_key
    client.post("/tweestapsverificatie/", {"token": code_for(device)})
    assert client.session.session_key != after_password
    assert client.get("/casussen/").status_code == 200
    stolen = client.__class__()
    stolen.cookies["sessionid"] = after_password
    assert stolen.get("/casussen/").status_code == 302


def test_requests_before_the_second_factor_are_logged_as_refused_with_their_route(
    client, coordinator, case_a
):
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    password_login(client)
    before = AccessLog.objects.count()
    client.get(f"/casussen/{case_a.pk}/")
    client.get("/casussen/", {"q": "Bakker"})
    detail, listing = AccessLog.objects.order_by("pk")[before:]
    assert (detail.route, detail.result, detail.user, detail.case_id) == (
        "cases:case_detail",
        "refused",
        coordinator,
        case_a.pk,
    )
    assert "tweede factor" in detail.detail
    assert (listing.route, listing.action, listing.result) == ("cases:case_list", "list", "refused")

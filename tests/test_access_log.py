"""The access log records who read what; it cannot be changed; it never holds secrets."""

import logging
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from pga.access_log import fingerprint
from pga.models import AccessLog, AppendOnly
from tests.base import PASSWORD

pytestmark = pytest.mark.django_db


def rows():
    return list(AccessLog.objects.order_by("pk"))


def test_viewing_a_case_writes_who_what_when_and_from_where(client, personas, case_a):
    client.force_login(personas.petra)
    client.get(
        f"/casussen/{case_a.pk}/",
        {"tab": "partners"},
        HTTP_USER_AGENT="Firefox/140",
        REMOTE_ADDR="10.1.2.3",
    )
    [row] = rows()
    assert (row.user, row.username, row.organisation) == (
        personas.petra,
        "petra",
        "Politie Rotterdam",
    )
    assert (row.action, row.result, row.route) == ("view", "allowed", "cases:case_detail")
    assert (row.object_type, row.object_id, row.case_id) == (
        "cases.case",
        str(case_a.pk),
        case_a.pk,
    )
    assert (row.ip_address, row.user_agent, row.detail) == (
        "10.1.2.3",
        "Firefox/140",
        "tab=partners",
    )
    assert timezone.now() - row.at < timedelta(minutes=1)


def test_a_refused_attempt_is_logged(client, wim, case_a):
    client.force_login(wim)
    assert client.get(f"/casussen/{case_a.pk}/").status_code == 404
    [row] = rows()
    assert (row.username, row.action, row.result, row.case_id) == (
        "wim",
        "view",
        "refused",
        case_a.pk,
    )


def test_an_anonymous_attempt_is_logged_as_refused(client, case_a):
    client.get(f"/jongeren/{case_a.youth_id}/")
    [row] = rows()
    assert (row.user, row.result, row.object_type) == (None, "refused", "cases.youth")


def test_a_search_logs_the_filter_not_the_result_and_no_bsn(client, coordinator, case_a):
    client.force_login(coordinator)
    client.get(
        "/casussen/", {"q": f"{case_a.youth.last_name} {case_a.youth.bsn}", "status": "alle"}
    )
    [row] = rows()
    assert row.action == "list"
    assert case_a.youth.bsn not in row.detail
    assert row.detail == f"q={fingerprint(case_a.youth.last_name)} [9 cijfers]; status=alle"
    assert case_a.number not in row.detail


def test_search_words_are_kept_as_fingerprints_never_as_text(client, coordinator, case_a):
    """A name typed in a search outlives no case: the log keeps a keyed fingerprint per word,
    the same for the same word whatever its case, which toezicht can check a term against."""
    client.force_login(coordinator)
    client.get("/casussen/", {"q": "Bakker Jansen"})
    client.get("/casussen/", {"q": "bakker"})
    first, second = rows()
    assert "akker" not in first.detail + second.detail
    assert fingerprint("Bakker") in first.detail and fingerprint("bakker") in second.detail
    assert fingerprint("Jansen") in first.detail and fingerprint("Jansen") not in second.detail
    assert fingerprint("Bakker") != fingerprint("Jansen")


def test_a_bsn_typed_with_dots_or_spaces_is_scrubbed_too(client, coordinator, case_a):
    bsn = case_a.youth.bsn
    client.force_login(coordinator)
    for typed in (f"{bsn[:3]}.{bsn[3:5]}.{bsn[5:7]}.{bsn[7:]}", f"{bsn[:3]} {bsn[3:6]} {bsn[6:]}"):
        client.get(f"/casussen/{case_a.pk}/", {"tab": typed})
    for row in rows():
        assert "[9 cijfers]" in row.detail
        assert bsn[:3] not in row.detail, row.detail


def test_login_failed_login_and_logout_are_logged_without_the_password(client, petra):
    client.post("/inloggen/", {"username": "petra", "password": "fout-wachtwoord"})
    client.post("/inloggen/", {"username": "petra", "password": PASSWORD})
    client.post("/uitloggen/")
    failed, login, logout = rows()
    assert (failed.action, failed.result, failed.user, failed.detail) == (
        "login_failed",
        "refused",
        None,
        "gebruikersnaam: petra",
    )
    assert (login.action, login.user, login.organisation) == ("login", petra, "Politie Rotterdam")
    assert (logout.action, logout.user) == ("logout", petra)
    assert not AccessLog.objects.filter(detail__contains="wachtwoord").exists()


def test_changes_are_logged_as_changes(client, coordinator, case_a):
    client.force_login(coordinator)
    client.post(
        f"/casussen/{case_a.pk}/status/",
        {"status": "nazorg", "reason": "Goed bezig", "on": timezone.localdate().isoformat()},
    )
    [row] = rows()
    assert (row.action, row.method, row.case_id) == ("change", "POST", case_a.pk)


def test_the_log_refuses_updates_and_deletes_in_code():
    row = AccessLog.objects.create(action="view", result="allowed")
    row.action = "list"
    with pytest.raises(AppendOnly):
        row.save()
    with pytest.raises(AppendOnly):
        row.delete()
    with pytest.raises(AppendOnly):
        AccessLog.objects.filter(pk=row.pk).update(action="list")
    with pytest.raises(AppendOnly):
        AccessLog.objects.all().delete()
    assert AccessLog.objects.get(pk=row.pk).action == "view"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's (CI runs it)"
)
def test_postgresql_refuses_updates_and_deletes_too():
    from django.db import DatabaseError

    row = AccessLog.objects.create(action="view", result="allowed")
    for sql in (
        "UPDATE pga_accesslog SET action = 'list' WHERE id = %s",
        "DELETE FROM pga_accesslog WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                if sql.startswith("DELETE"):
                    # The old way out: a session flag any role could set. No longer.
                    cursor.execute("SET LOCAL pga.access_log_purge = 'on'")
                cursor.execute(sql, [row.pk])
    assert AccessLog.objects.get(pk=row.pk).action == "view"


@pytest.fixture
def retention_30_days(settings):
    """The retention period of these tests, in the settings and (as the owner would, at
    the next deployment) in the database's own guard."""
    from pga.access_log_guard import install

    settings.ACCESS_LOG_RETENTION_DAYS = 30
    install(connection, days=30)
    yield
    install(connection)


def test_purge_removes_only_rows_past_retention_and_leaves_a_record(retention_30_days):
    old = AccessLog.objects.create(
        action="view", result="allowed", at=timezone.now() - timedelta(days=31)
    )
    recent = AccessLog.objects.create(
        action="view", result="allowed", at=timezone.now() - timedelta(days=29)
    )
    out = StringIO()
    call_command("purge_access_log", stdout=out)
    assert not AccessLog.objects.filter(pk=old.pk).exists()
    assert AccessLog.objects.filter(pk=recent.pk).exists()
    record = AccessLog.objects.get(action="purge")
    assert (
        record.detail.startswith("1 regel(s) van voor")
        and "bewaartermijn 30 dagen" in record.detail
    )
    assert "1 regel(s)" in out.getvalue()


def test_purge_dry_run_removes_nothing(settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 1
    AccessLog.objects.create(action="view", result="allowed", at=timezone.now() - timedelta(days=5))
    out = StringIO()
    call_command("purge_access_log", "--dry-run", stdout=out)
    assert AccessLog.objects.count() == 1 and "zouden worden verwijderd" in out.getvalue()


def test_a_read_that_cannot_be_logged_is_not_shown(client, coordinator, case_a):
    client.force_login(coordinator)
    with mock.patch.object(AccessLog.objects, "create", side_effect=RuntimeError("schijf vol")):
        response = client.get(f"/casussen/{case_a.pk}/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "inzagelog" in page
    assert (
        case_a.number not in page and str(case_a.youth) not in page and case_a.youth.bsn not in page
    )


@pytest.fixture
def toezicht(db):
    """The privacy officer: reads the access log, and nothing else."""
    from django.conf import settings
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory(username="tessa", first_name="Tessa", last_name="Toezicht")
    user.groups.add(Group.objects.get(name=settings.SUPERVISORS_GROUP))
    return user


def test_only_toezicht_reads_the_log_and_each_read_is_logged(client, personas, case_a, toezicht):
    client.force_login(personas.petra)
    client.get(f"/casussen/{case_a.pk}/")
    for user in (personas.coordinator, personas.petra, personas.beheer, personas.wim):
        client.force_login(user)
        assert client.get("/toezicht/inzagelog/").status_code == 403, user
    client.force_login(toezicht)
    response = client.get("/toezicht/inzagelog/", {"gebruiker": "petra", "casus": case_a.pk})
    assert response.status_code == 200
    [row] = response.context["page"].object_list
    assert (row.username, row.route) == ("petra", "cases:case_detail")
    read = AccessLog.objects.order_by("-pk").first()
    assert (read.action, read.username, read.route) == (
        "log_read",
        "tessa",
        "supervision_access_log",
    )
    assert read.detail == f"casus={case_a.pk}; gebruiker=petra"


def test_toezicht_can_check_whether_a_name_was_searched(client, personas, toezicht):
    client.force_login(personas.coordinator)
    client.get("/casussen/", {"q": "Bakker"})
    client.get("/casussen/", {"q": "Jansen"})
    client.force_login(toezicht)
    page = client.get("/toezicht/inzagelog/", {"zoekterm": "bakker", "actie": "list"})
    [row] = page.context["page"].object_list
    assert row.username == "sanne"
    read = AccessLog.objects.order_by("-pk").first()
    assert "akker" not in read.detail  # the checked term is itself only a fingerprint


def test_coordinators_no_longer_read_the_log_on_the_case_or_youth_page(client, personas, case_a):
    client.force_login(personas.petra)
    client.get(f"/casussen/{case_a.pk}/")
    client.force_login(personas.coordinator)
    page = client.get(f"/casussen/{case_a.pk}/").content.decode()
    assert "tab=inzage" not in page
    assert client.get(f"/casussen/{case_a.pk}/", {"tab": "inzage"}).context["tab"] == "overzicht"
    youth_page = client.get(f"/jongeren/{case_a.youth_id}/").content.decode()
    assert "petra" not in youth_page


def test_no_password_session_key_or_bsn_in_the_log_or_the_application_log(
    client, personas, case_a, caplog
):
    bsn = case_a.youth.bsn
    caplog.set_level(logging.DEBUG)
    client.post("/inloggen/", {"username": "sanne", "password": "geheim-fout-123"})
    client.post("/inloggen/", {"username": "sanne", "password": PASSWORD})
    session_key = client.session.session_key
    client.get(f"/casussen/{case_a.pk}/")
    client.get(f"/jongeren/{case_a.youth_id}/")
    client.get("/casussen/", {"q": bsn})
    client.get("/casussen/999999/")
    logged = (
        " ".join(
            f"{r.detail} {r.username} {r.object_id} {r.user_agent} {r.route}"
            for r in AccessLog.objects.all()
        )
        + caplog.text
    )
    for secret in ("geheim-fout-123", PASSWORD, session_key, bsn):
        assert secret not in logged
    assert AccessLog.objects.count() == 6


def test_toezicht_reads_the_log_in_words_and_finds_a_case_by_its_number(
    client, personas, case_a, toezicht
):
    client.force_login(personas.petra)
    client.get(f"/casussen/{case_a.pk}/")
    client.force_login(toezicht)
    page = client.get(
        "/toezicht/inzagelog/", {"casus": case_a.number.lower(), "gebruiker": "PETRA"}
    )
    [row] = page.context["page"].object_list
    html = page.content.decode()
    assert row.username == "petra" and "Tabblad Overzicht bekeken" in html
    assert "Petra Jansen" in html and "Politie Rotterdam" in html and case_a.number in html
    bad = client.get("/toezicht/inzagelog/", {"casus": "PGA-1999-9999"})
    assert "casus" in bad.context["form"].errors


def test_toezicht_and_beheer_have_no_caseload(client, personas, toezicht):
    for user in (toezicht, personas.beheer):
        client.force_login(user)
        assert client.get("/casussen/").status_code == 403
        assert client.get(f"/maandoverzichten/{timezone.localdate():%Y-%m}.pdf").status_code == 403
    client.force_login(toezicht)
    assert client.get("/").url == "/toezicht/inzagelog/"

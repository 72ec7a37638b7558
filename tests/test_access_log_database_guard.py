"""The access log cannot be emptied from the database: a role that is not the table's owner
(the application's role in production) can change or remove no row, also not by setting a
session flag, truncating, or switching the trigger off; only the owner's purge function
removes rows, and only those past the retention period. PostgreSQL, as in production."""

import uuid
from datetime import timedelta

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from pga.models import AccessLog

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's guard (CI runs it)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def app_role():
    """A login role with every privilege the application could be given on the table by
    mistake (UPDATE, DELETE, even TRUNCATE), and the right to call the purge, but not its
    owner."""
    name = f"pga_app_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {name} LOGIN")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {name}")
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON pga_accesslog TO {name}")
        cursor.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {name}")
        cursor.execute(f"GRANT EXECUTE ON FUNCTION pga_purge_access_log(timestamptz) TO {name}")
    database = settings.DATABASES["default"]
    params = {
        "dbname": connection.settings_dict["NAME"],
        "user": name,
        "host": database.get("HOST") or "127.0.0.1",
        "port": database.get("PORT") or 5432,
        "password": database.get("PASSWORD") or None,
    }
    try:
        own = psycopg.connect(**params, autocommit=True)
    except psycopg.OperationalError as error:
        pytest.fail(f"Cannot log in as a second role ({error}); the test needs trust or a password")
    yield own
    own.close()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {name}")
        cursor.execute(f"DROP ROLE {name}")


def refused(app_role, sql, *params, match):
    with pytest.raises(psycopg.Error, match=match):
        with app_role.transaction():
            app_role.execute(sql, params or None)


def test_a_role_that_is_not_the_owner_cannot_empty_the_log(app_role):
    days = settings.ACCESS_LOG_RETENTION_DAYS
    young = AccessLog.objects.create(action="view", result="allowed")
    old = AccessLog.objects.create(
        action="view", result="allowed", at=timezone.now() - timedelta(days=days + 1)
    )
    # The session flag that once opened the door, then a delete of a young row.
    with pytest.raises(psycopg.Error, match="append-only"):
        with app_role.transaction():
            app_role.execute("SET LOCAL pga.access_log_purge = 'on'")
            app_role.execute("DELETE FROM pga_accesslog WHERE id = %s", [young.pk])
    refused(app_role, "DELETE FROM pga_accesslog", match="append-only")
    refused(app_role, "UPDATE pga_accesslog SET detail = 'x'", match="append-only")
    refused(app_role, "TRUNCATE pga_accesslog", match="append-only")
    refused(
        app_role,
        "ALTER TABLE pga_accesslog DISABLE TRIGGER pga_access_log_append_only",
        match="must be owner",
    )
    refused(
        app_role, "DROP TRIGGER pga_access_log_append_only ON pga_accesslog", match="must be owner"
    )
    refused(
        app_role,
        "CREATE OR REPLACE FUNCTION pga_access_log_append_only() RETURNS trigger "
        "AS $$ BEGIN RETURN OLD; END; $$ LANGUAGE plpgsql",
        match="must be owner|permission denied",
    )
    # A row slipped in with an old date gets the database's time instead.
    forged = app_role.execute(
        "INSERT INTO pga_accesslog (at, username, organisation, action, result, route, "
        "method, object_type, object_id, detail, user_agent) VALUES "
        "(now() - interval '10 years', 'x', '', 'view', 'allowed', '', 'GET', '', '', '', '') "
        "RETURNING id"
    ).fetchone()[0]
    assert timezone.now() - AccessLog.objects.get(pk=forged).at < timedelta(minutes=1)
    # The purge, through the owner's function, removes only what is past retention, even
    # when asked for everything up to tomorrow.
    removed = app_role.execute(
        "SELECT pga_purge_access_log(%s)", [timezone.now() + timedelta(days=1)]
    ).fetchone()[0]
    assert removed == 1
    assert sorted(AccessLog.objects.values_list("pk", flat=True)) == [young.pk, forged]
    assert old.pk != young.pk

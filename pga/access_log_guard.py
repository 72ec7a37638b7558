"""The database's own guard on the access log (PostgreSQL).

- A trigger refuses every UPDATE, and every DELETE of a row younger than the retention
  period (``ACCESS_LOG_RETENTION_DAYS``). It looks at the row's age itself: no session
  setting, flag or role of the caller can switch it off for a younger row.
- Only the owner may TRUNCATE (Django's test flush does), even where someone granted the
  privilege; and a row inserted by anyone but the owner gets the database's own time, so
  nobody can slip in an entry dated in the past (which the purge would then take).
- ``pga_purge_access_log(cutoff)`` is the retention purge: a SECURITY DEFINER function owned
  by the table's owner, so the application's role needs no DELETE privilege at all. It
  removes rows older than both ``cutoff`` and the retention period, and returns how many.
- Only the table's owner can change either (CREATE OR REPLACE, DROP or DISABLE TRIGGER,
  TRUNCATE): in production that is the migration role, not the application's
  (docs/security.md, "Deploying").

The retention period is written into both functions when they are installed: by the
migration, and again after every ``migrate`` (``pga.apps``), so a changed setting takes
effect with the next deployment. Installing needs the owner's rights; the application's
role cannot lower the period for itself.
"""

from django.conf import settings

TABLE = "pga_accesslog"
TRIGGER = "pga_access_log_append_only"


def guard_sql(schema: str, days: int) -> str:
    days = int(days)
    if days < 1:
        raise ValueError("ACCESS_LOG_RETENTION_DAYS must be at least 1")
    table = f'"{schema}".{TABLE}'
    return f"""
CREATE OR REPLACE FUNCTION "{schema}".pga_access_log_append_only() RETURNS trigger AS $$
DECLARE
    is_owner boolean := pg_has_role(
        current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER'
    );
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT is_owner THEN
            NEW.at := now();
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'TRUNCATE' AND is_owner THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' AND OLD.at < now() - interval '{days} days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'pga_accesslog is append-only (% refused: only rows older than {days} days go, by the retention purge)', TG_OP;
END;
$$ LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp;

DROP TRIGGER IF EXISTS {TRIGGER} ON {table};
CREATE TRIGGER {TRIGGER}
BEFORE INSERT OR UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION "{schema}".pga_access_log_append_only();

DROP TRIGGER IF EXISTS {TRIGGER}_truncate ON {table};
CREATE TRIGGER {TRIGGER}_truncate
BEFORE TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".pga_access_log_append_only();

CREATE OR REPLACE FUNCTION "{schema}".pga_purge_access_log(cutoff timestamptz)
RETURNS bigint AS $$
DECLARE
    removed bigint;
BEGIN
    DELETE FROM {table}
    WHERE at < LEAST(cutoff, now() - interval '{days} days');
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp;

REVOKE ALL ON FUNCTION "{schema}".pga_purge_access_log(timestamptz) FROM PUBLIC;
"""


def install(connection, days=None) -> bool:
    """(Re)install the guard with ``days`` (default: the setting). PostgreSQL only; returns
    whether anything was installed."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = %s AND c.relkind = 'r' AND pg_table_is_visible(c.oid)",
            [TABLE],
        )
        row = cursor.fetchone()
        if row is None:
            return False  # the table is not there (yet)
        cursor.execute(guard_sql(row[0], days or settings.ACCESS_LOG_RETENTION_DAYS))
    return True


def purge(connection, cutoff) -> int:
    """The retention purge through the owner's function (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pga_purge_access_log(%s)", [cutoff])
        return cursor.fetchone()[0]

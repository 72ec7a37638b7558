"""On PostgreSQL the database itself refuses changes to the access log: no UPDATE ever, and a
DELETE only inside the retention command's transaction (SET LOCAL pga.access_log_purge).

TRUNCATE is left to the table owner (Django's test flush uses it); in production the
application's database role should not own the table."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION pga_access_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('pga.access_log_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'pga_accesslog is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER pga_access_log_append_only
BEFORE UPDATE OR DELETE ON pga_accesslog
FOR EACH ROW EXECUTE FUNCTION pga_access_log_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS pga_access_log_append_only ON pga_accesslog;
DROP FUNCTION IF EXISTS pga_access_log_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)  # no placeholders: % is PL/pgSQL's


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("pga", "0001_access_log")]

    operations = [migrations.RunPython(create, drop)]

"""The access log's trigger checks a row's age itself, instead of trusting a session setting
that any role could SET (pga/access_log_guard.py); the retention purge becomes a function
owned by the table's owner."""

from django.db import migrations


def install(apps, schema_editor):
    from pga.access_log_guard import install as install_guard

    install_guard(schema_editor.connection)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP FUNCTION IF EXISTS pga_purge_access_log(timestamptz)", params=None
        )


class Migration(migrations.Migration):
    dependencies = [("pga", "0003_access_log_search_fingerprints")]

    operations = [migrations.RunPython(install, uninstall)]

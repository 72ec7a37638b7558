"""Rows written before search words were fingerprinted hold them as text, and failed logins
held whatever was typed as a username (sometimes a password). This one-off brings the old
rows under the current rule: search words become fingerprints, unknown typed names become
"onbekende gebruikersnaam". It runs as the table's owner, the only role that may switch the
append-only trigger off, and switches it on again in the same transaction."""

from django.db import migrations

TRIGGER = "pga_access_log_append_only"


def rewrite(apps, schema_editor):
    from pga.access_log import PLAIN_PARAMETERS, PLAIN_VALUE, fingerprint_text

    connection = schema_editor.connection
    User = apps.get_model("auth", "User")
    usernames = set(User.objects.values_list("username", flat=True))

    def minimised(row_action, detail):
        if row_action == "login_failed" and detail.startswith("gebruikersnaam: "):
            typed = detail.removeprefix("gebruikersnaam: ").split(" (geblokkeerd")[0]
            if typed not in usernames:
                return detail.replace(f"gebruikersnaam: {typed}", "onbekende gebruikersnaam", 1)
            return detail
        if "=" not in detail or row_action in ("purge", "login", "logout"):
            return detail
        parts = []
        for part in detail.split("; "):
            key, sep, value = part.partition("=")
            if sep and not (key in PLAIN_PARAMETERS and PLAIN_VALUE.match(value)):
                if not value.startswith("#"):
                    value = fingerprint_text(value)
            parts.append(f"{key}{sep}{value}")
        return "; ".join(parts)

    with connection.cursor() as cursor:
        cursor.execute("SELECT id, action, detail FROM pga_accesslog WHERE detail <> ''")
        changes = [
            (new, pk)
            for pk, action, detail in cursor.fetchall()
            if (new := minimised(action, detail)) != detail
        ]
        if not changes:
            return
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE pga_accesslog DISABLE TRIGGER {TRIGGER}")
        cursor.executemany("UPDATE pga_accesslog SET detail = %s WHERE id = %s", changes)
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE pga_accesslog ENABLE TRIGGER {TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [
        ("pga", "0002_access_log_append_only_trigger"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]

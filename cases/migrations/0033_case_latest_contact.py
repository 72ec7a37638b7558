"""Case.latest_contact_at, a derived copy Contact.save() keeps (issue 22), filled here from
the contacts there are; on PostgreSQL indexed for the caseload's "contact" sort both ways
(the cases without any contact last; SQLite has no NULLS LAST in an index)."""

from importlib import import_module

from django.db import migrations, models

sort_indexes = import_module("cases.migrations.0032_caseload_sort_indexes_more")

POSTGRES_INDEXES = {
    "case_contact_idx": "cases_case (latest_contact_at ASC NULLS LAST, number DESC)",
    "case_contact_desc_idx": "cases_case (latest_contact_at DESC NULLS LAST, number DESC)",
}


def create_indexes(apps, schema_editor):
    sort_indexes.create_indexes(apps, schema_editor, POSTGRES_INDEXES)


def drop_indexes(apps, schema_editor):
    sort_indexes.drop_indexes(apps, schema_editor, POSTGRES_INDEXES)


class Migration(migrations.Migration):
    dependencies = [("cases", "0032_caseload_sort_indexes_more")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="latest_contact_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="laatste contactmoment"
            ),
        ),
        migrations.RunSQL(
            "UPDATE cases_case SET latest_contact_at = (SELECT MAX(occurred_at) FROM cases_contact"
            " WHERE cases_contact.case_id = cases_case.id)",
            migrations.RunSQL.noop,
            elidable=True,
        ),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]

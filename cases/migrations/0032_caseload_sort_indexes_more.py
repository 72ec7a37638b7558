"""More of the caseload's sorts from an index (issue 22): "leeftijd" (the youth's date of
birth) on both databases; "evaluatie" descending, with the cases without a date last, on
PostgreSQL only (SQLite has no NULLS LAST in an index; the model declares it not, so the
two databases share one migration state)."""

from django.db import migrations, models

POSTGRES_INDEXES = {
    "case_review_desc_idx": "cases_case (next_review_on DESC NULLS LAST, number DESC)",
}


def create_indexes(apps, schema_editor, indexes=POSTGRES_INDEXES):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in indexes.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop_indexes(apps, schema_editor, indexes=POSTGRES_INDEXES):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in indexes:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0031_involvement_covering_index")]

    operations = [
        migrations.AddIndex(
            model_name="youth",
            index=models.Index(fields=["date_of_birth"], name="youth_birth_idx"),
        ),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]

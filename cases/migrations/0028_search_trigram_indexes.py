"""Trigram indexes for search's LIKE '%…%' on PostgreSQL (issue 22).

A contains-search cannot use a btree index; pg_trgm's GIN indexes answer it from the
trigrams of the text. The indexed expressions are the ones ``cases.search.queries``
filters on: ``Youth.search_name`` and the case number's key (``cases.search.keys.NUMBER_KEY``,
lower case without dashes) exactly as Django writes it, or PostgreSQL would not match them.
SQLite (the demo) has no such index and keeps its scan; the models declare nothing, so the
two databases share one migration state.
"""

from django.db import migrations

INDEXES = {
    "youth_search_name_trgm_idx": ("cases_youth", "search_name"),
    "case_number_key_trgm_idx": ("cases_case", "(REPLACE(LOWER(number), '-', ''))"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    # The extension stays: dropping it would break anything else that came to use it.
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0027_caseload_sort_indexes")]

    operations = [
        # Not django.contrib.postgres's TrigramExtension: its reverse queries pg_extension
        # on SQLite too, and tests migrate back past this migration.
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]

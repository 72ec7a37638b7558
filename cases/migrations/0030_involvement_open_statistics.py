"""Extended statistics on an involvement's openness, for PostgreSQL's planner (issue 22).

Every partner's list asks for its involvements that are not ended *and* not past their end
date. The two go together (the daily expiry job ends what has expired), but the planner
multiplies their shares as if independent: at 10× the city it expected 1,600 of the
police's 6,200 open involvements, and planned every list page around that. An MCV list over
(ended_on, expires_on) tells it how often the two hold together: the estimate becomes 6,300.
SQLite (the demo) has no such statistics; the models declare nothing, so both databases
share one migration state.
"""

from django.db import migrations

NAME = "involvement_open_stats"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE STATISTICS IF NOT EXISTS {NAME} (mcv) ON ended_on, expires_on "
        "FROM cases_involvement"
    )
    # Up to 1,000 common pairs (the default 100 leaves most end dates out of the list).
    schema_editor.execute(f"ALTER STATISTICS {NAME} SET STATISTICS 1000")
    schema_editor.execute("ANALYZE cases_involvement")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP STATISTICS IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0029_dashboard_indexes")]

    operations = [migrations.RunPython(create_statistics, drop_statistics, elidable=False)]

"""Case.area_name, the youth's area (gebied) by name, a derived copy Youth.save(),
Household.save(), District.save() and Case.save() keep (issue 22); filled here from the
youths, and on PostgreSQL indexed for the caseload's "gebied" sort both ways (cases without
an area last; SQLite has no NULLS LAST in an index)."""

from functools import partial
from importlib import import_module

from django.db import migrations, models

sort_indexes = import_module("cases.migrations.0032_caseload_sort_indexes_more")

POSTGRES_INDEXES = {
    "case_area_idx": "cases_case (area_name ASC NULLS LAST, number DESC)",
    "case_area_desc_idx": "cases_case (area_name DESC NULLS LAST, number DESC)",
}


class Migration(migrations.Migration):
    dependencies = [("cases", "0035_case_open_agreement_due")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="area_name",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=100,
                null=True,
                verbose_name="gebied (afgeleid)",
            ),
        ),  # fmt: skip
        migrations.RunSQL(
            "UPDATE cases_case SET area_name = (SELECT COALESCE(own.name, home.name)"
            " FROM cases_youth y"
            " LEFT JOIN cases_district own ON own.id = y.district_id"
            " LEFT JOIN cases_household h ON h.id = y.household_id"
            " LEFT JOIN cases_district home ON home.id = h.district_id"
            " WHERE y.id = cases_case.youth_id)",
            migrations.RunSQL.noop,
            elidable=True,
        ),
        migrations.RunPython(
            partial(sort_indexes.create_indexes, indexes=POSTGRES_INDEXES),
            partial(sort_indexes.drop_indexes, indexes=POSTGRES_INDEXES),
            elidable=False,
        ),
    ]

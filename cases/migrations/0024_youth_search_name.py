from django.db import migrations, models

from cases.search.keys import youth_search_name

BATCH = 1000


def fill_search_names(apps, schema_editor):
    """The existing youths get the key that Youth.save() keeps from now on. A derived column
    without history of its own, so a bulk update writes no history rows and misses none."""
    Youth = apps.get_model("cases", "Youth")
    youths = Youth.objects.order_by("pk").only("first_name", "name_prefix", "last_name")
    batch = []
    for youth in youths.iterator(chunk_size=BATCH):
        youth.search_name = youth_search_name(youth.first_name, youth.name_prefix, youth.last_name)
        batch.append(youth)
        if len(batch) == BATCH:
            Youth.objects.bulk_update(batch, ["search_name"])
            batch = []
    Youth.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):
    """Search that ignores case and accents (issue 19): the youth's name as a search key."""

    dependencies = [("cases", "0023_proportionality_required")]

    operations = [
        migrations.AddField(
            model_name="youth",
            name="search_name",
            field=models.CharField(
                blank=True, editable=False, max_length=300, verbose_name="zoeknaam"
            ),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop, elidable=True),
    ]

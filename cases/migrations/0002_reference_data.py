from django.db import migrations
from django.utils import timezone

from cases.reference_data import DISTRICTS, INTERVENTION_TYPES, ZRM_2017_DOMAINS

REASON = "Referentielijst geladen bij installatie"


def _create_with_history(apps, model_name, lookup, **defaults):
    model = apps.get_model("cases", model_name)
    historical = apps.get_model("cases", f"Historical{model_name}")
    obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
    if created:
        # Migrations use frozen models without simple-history's signals: write the row here.
        values = {field.attname: getattr(obj, field.attname) for field in model._meta.fields}
        historical.objects.create(
            **values,
            history_date=timezone.now(),
            history_type="+",
            history_change_reason=REASON,
        )


def load(apps, schema_editor):
    for name in DISTRICTS:
        _create_with_history(apps, "District", {"name": name})
    for track, names in INTERVENTION_TYPES.items():
        for name in names:
            _create_with_history(apps, "InterventionType", {"track": track, "name": name})
    for position, name in enumerate(ZRM_2017_DOMAINS, start=1):
        _create_with_history(apps, "AssessmentDomain", {"name": name}, position=position)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

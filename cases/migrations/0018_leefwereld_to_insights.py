"""The leefwereld becomes facts: each of a case's five free-text fields becomes one dated
insight about the youth, in that case (drijfveren → drijfveer, motivaties → motivatie, barrières →
barrière, dynamiek vriendengroep/gezin → dynamiek with the theme Vriendengroep or Gezin),
dated and signed as when and by whom its current text was written. Every earlier text of
the field goes into the insight's history, so the audit trail stays whole. A group's one
groepsduiding text becomes its first dated entry. Themes get a starting list that
functioneel beheer maintains."""

from django.db import migrations
from django.utils import timezone

THEMES = [
    "Status en respect",
    "Geld",
    "School",
    "Werk",
    "Vrije tijd",
    "Veiligheid",
    "Wantrouwen instanties",
    "Opvoeding",
    "Zorg om broertje of zusje",
    "Vriendengroep",
    "Gezin",
]
FIELDS = [
    ("drives", "drijfveer", "drijfveren", None),
    ("motivations", "motivatie", "motivaties", None),
    ("barriers", "barriere", "barrières", None),
    ("peer_dynamics", "dynamiek", "dynamiek vriendengroep", "Vriendengroep"),
    ("family_dynamics", "dynamiek", "dynamiek gezin", "Gezin"),
]


def _writes(records, field):
    """(moment, user id, text) each time ``field`` got a new text, oldest first."""
    writes, previous = [], ""
    for record in records:
        value = getattr(record, field) or ""
        if value != previous and value.strip():
            writes.append((record.history_date, record.history_user_id, value))
        previous = value
    return writes


def forwards(apps, schema_editor):
    Theme = apps.get_model("cases", "Theme")
    Case = apps.get_model("cases", "Case")
    HistoricalCase = apps.get_model("cases", "HistoricalCase")
    Insight = apps.get_model("cases", "Insight")
    HistoricalInsight = apps.get_model("cases", "HistoricalInsight")
    YouthGroup = apps.get_model("cases", "YouthGroup")
    HistoricalYouthGroup = apps.get_model("cases", "HistoricalYouthGroup")
    GroupReading = apps.get_model("cases", "GroupReading")
    HistoricalGroupReading = apps.get_model("cases", "HistoricalGroupReading")

    themes = {}
    for position, name in enumerate(THEMES, start=1):
        themes[name], _ = Theme.objects.get_or_create(name=name, defaults={"position": position})

    names = [name for name, *_ in FIELDS]
    for case in Case.objects.order_by("pk").iterator():
        if not any((getattr(case, name) or "").strip() for name in names):
            continue
        records = list(
            HistoricalCase.objects.filter(id=case.pk).order_by("history_date", "history_id")
        )
        for name, kind, label, theme in FIELDS:
            current = (getattr(case, name) or "").strip()
            if not current:
                continue
            writes = _writes(records, name) or [(None, None, current)]
            moment, user_id, _ = writes[-1]
            noted_on = moment.date() if moment else case.registered_on
            insight = Insight.objects.create(
                kind=kind,
                statement=getattr(case, name),
                source="overgezet",
                noted_on=noted_on,
                youth_id=case.youth_id,
                case_id=case.pk,
                recorded_by_id=user_id,
            )
            if theme:
                insight.themes.add(themes[theme])
            reason = f"Overgezet uit het leefwereldveld ‘{label}’ van casus {case.number}"
            for index, (at, by, text) in enumerate(writes):
                if at is None:
                    continue
                HistoricalInsight.objects.create(
                    id=insight.pk,
                    kind=kind,
                    statement=text,
                    source="overgezet",
                    noted_on=at.date(),
                    youth_id=case.youth_id,
                    case_id=case.pk,
                    recorded_by_id=user_id,
                    version=1,
                    history_date=at,
                    history_user_id=by,
                    history_type="+" if index == 0 else "~",
                    history_change_reason=reason,
                )

    for group in YouthGroup.objects.exclude(description="").iterator():
        records = list(
            HistoricalYouthGroup.objects.filter(id=group.pk).order_by("history_date", "history_id")
        )
        writes = _writes(records, "description") or [(None, None, group.description)]
        moment, user_id, _ = writes[-1]
        reading = GroupReading.objects.create(
            youth_group=group,
            written_on=moment.date() if moment else timezone.localdate(),
            text=group.description,
            recorded_by_id=user_id,
        )
        for index, (at, by, text) in enumerate(writes):
            if at is None:
                continue
            HistoricalGroupReading.objects.create(
                id=reading.pk,
                youth_group_id=group.pk,
                written_on=at.date(),
                text=text,
                recorded_by_id=user_id,
                history_date=at,
                history_user_id=by,
                history_type="+" if index == 0 else "~",
                history_change_reason="Overgezet uit de groepsduiding van de jeugdgroep",
            )


class Migration(migrations.Migration):
    dependencies = [("cases", "0017_group_approach")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""The leefwereld becomes facts (cases/migrations/0018): each of a case's five free-text
fields becomes one dated insight about the youth, signed as who wrote its current text and
when; every earlier text goes into the insight's history; a group's one groepsduiding text
becomes its first dated entry."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from tests.base import migrate, migrate_to_latest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    yield
    migrate_to_latest()


BEFORE = ("cases", "0017_group_approach")
AFTER = ("cases", "0018_leefwereld_to_insights")


def _history_row(HistoricalCase, case, *, at, user, kind, **values):
    fields = {f.attname: getattr(case, f.attname) for f in type(case)._meta.concrete_fields}
    fields.update(values)
    return HistoricalCase.objects.create(
        **fields, history_date=at, history_user_id=user.pk, history_type=kind
    )


def test_free_text_becomes_dated_insights_with_their_history():
    apps = migrate(BEFORE)
    User = apps.get_model("auth", "User")
    Youth = apps.get_model("cases", "Youth")
    Case = apps.get_model("cases", "Case")
    HistoricalCase = apps.get_model("cases", "HistoricalCase")
    YouthGroup = apps.get_model("cases", "YouthGroup")
    sanne = User.objects.create(username="sanne")
    karim = User.objects.create(username="karim")
    today = timezone.localdate()
    youth = Youth.objects.create(
        first_name="Kevin", last_name="Bakker", date_of_birth=today.replace(year=today.year - 16)
    )
    case = Case.objects.create(
        number="PGA-2026-0001", youth=youth, coordinator=sanne, priority_rationale="r",
        referral_reason="r", registered_on=today - timedelta(days=90),
        drives="Status in de groep", peer_dynamics="Volgt zijn broer", motivations="",
    )  # fmt: skip
    first = timezone.make_aware(datetime(2026, 3, 2, 10))
    second = timezone.make_aware(datetime(2026, 5, 4, 11))
    _history_row(HistoricalCase, case, at=first, user=sanne, kind="+", drives="Wil geld")
    _history_row(HistoricalCase, case, at=second, user=karim, kind="~")
    YouthGroup.objects.create(name="Groep Plein", description="Zes jongens rond het plein")

    apps = migrate(AFTER)
    Insight = apps.get_model("cases", "Insight")
    drive = Insight.objects.get(kind="drijfveer")
    assert drive.statement == "Status in de groep"
    assert (drive.noted_on, drive.recorded_by_id, drive.source) == (
        second.date(),
        karim.pk,
        "overgezet",
    )
    assert drive.youth_id == youth.pk
    history = list(
        apps.get_model("cases", "HistoricalInsight")
        .objects.filter(id=drive.pk)
        .order_by("history_date")
    )
    assert [(h.statement, h.history_type, h.history_user_id) for h in history] == [
        ("Wil geld", "+", sanne.pk),
        ("Status in de groep", "~", karim.pk),
    ]
    dynamics = Insight.objects.get(kind="dynamiek")
    assert dynamics.statement == "Volgt zijn broer"
    assert [t.name for t in dynamics.themes.all()] == ["Vriendengroep"]
    assert Insight.objects.count() == 2  # an empty field becomes nothing
    reading = apps.get_model("cases", "GroupReading").objects.get()
    assert reading.text == "Zes jongens rond het plein"
    assert apps.get_model("cases", "Theme").objects.filter(name="Status en respect").exists()

"""Background work without a broker (the demo, most tests): tasks run at once; each
scheduled task exists, does its work once and nothing on a second run; a task that keeps
failing is shown to beheer without personal data."""

from datetime import timedelta

import pytest
from celery import shared_task
from django.conf import settings
from django.utils import timezone

from cases.models import MonthlyOverview, OverviewKind
from cases.overviews.tasks import make_monthly_overview
from pga.celery import app
from pga.models import AccessLog, FailedTask
from pga.tasks import RETRYING, publish, resolve_failed_tasks
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db
THIS_MONTH = f"{timezone.localdate():%Y-%m}"


@shared_task(name="tests.explode", **{**RETRYING, "max_retries": 1, "retry_backoff": False})
def explode(bsn):
    raise ValueError(f"Jongere Ayoub Bakker met BSN {bsn} bestaat niet")


def test_every_scheduled_task_is_a_registered_task():
    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name


def test_without_a_broker_a_published_task_runs_at_once(personas, case_a):
    assert publish(make_monthly_overview, OverviewKind.CASE, case_a.pk, THIS_MONTH)
    assert MonthlyOverview.objects.filter(case=case_a, kind=OverviewKind.CASE).count() == 1


def test_making_an_overview_twice_archives_it_once(personas, case_a):
    assert (
        make_monthly_overview.apply(args=[OverviewKind.CASE, case_a.pk, THIS_MONTH]).get() is True
    )
    assert (
        make_monthly_overview.apply(args=[OverviewKind.CASE, case_a.pk, THIS_MONTH]).get() is False
    )
    assert MonthlyOverview.objects.filter(case=case_a).count() == 1


def test_the_monthly_task_fans_out_one_task_per_overview_and_then_none(personas, case_a):
    CaseFactory(coordinator=personas.coordinator)
    generate = app.tasks["cases.generate_monthly_overviews"]
    assert generate.apply(kwargs={"month": THIS_MONTH}).get() == 3  # 2 cases, 1 caseload
    assert MonthlyOverview.objects.count() == 3
    assert generate.apply(kwargs={"month": THIS_MONTH}).get() == 0


def test_the_daily_tasks_each_do_their_work_once(personas, case_a):
    long_ago = timezone.now() - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS + 10)
    old = AccessLog.objects.create(action="view", result="allowed", route="home", at=long_ago)
    assert app.tasks["pga.purge_access_log"].apply().get() == 1
    assert not AccessLog.objects.filter(pk=old.pk).exists()
    assert app.tasks["pga.purge_access_log"].apply().get() == 0
    assert app.tasks["cases.expire_involvements"].apply().get() == 0
    assert app.tasks["cases.purge_expired_cases"].apply().get() == 0


def test_a_task_that_keeps_failing_is_listed_for_beheer_without_personal_data():
    result = explode.apply(args=["123456782"])
    assert result.failed()
    [failed] = FailedTask.objects.all()
    assert failed.task_name == "tests.explode" and failed.error == "ValueError"
    assert failed.location.startswith("tests/tasks/test_tasks.py:") and "explode" in failed.location
    stored = " ".join(str(value) for value in vars(failed).values())
    assert "123456782" not in stored and "Ayoub" not in stored and "Bakker" not in stored


def test_beheer_marks_a_failed_task_handled_with_who_in_the_history(client):
    explode.apply(args=["1"])
    beheerder = UserFactory(username="bert")
    assert resolve_failed_tasks(FailedTask.objects.all(), by=beheerder) == 1
    failed = FailedTask.objects.get()
    assert failed.resolved_at is not None
    assert failed.history.first().history_user == beheerder
    assert resolve_failed_tasks(FailedTask.objects.all(), by=beheerder) == 0
    assert timezone.now() - failed.failed_at < timedelta(minutes=1)


def test_beheer_finds_failed_tasks_in_beheer_and_marks_them_handled_there(client, personas):
    explode.apply(args=["123456782"])
    client.force_login(personas.beheer)
    index = client.get("/beheer/").content.decode()
    assert "/beheer/pga/failedtask/" in index and "/beheer/pga/emaildelivery/" in index
    listing = client.get("/beheer/pga/failedtask/").content.decode()
    assert "tests.explode" in listing and "ValueError" in listing
    assert "123456782" not in listing
    failed = FailedTask.objects.get()
    response = client.post(
        "/beheer/pga/failedtask/",
        {"action": "mark_resolved", "_selected_action": [failed.pk]},
    )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.resolved_at is not None
    assert failed.history.first().history_user == personas.beheer
    # A partner's employee never gets there.
    client.force_login(personas.petra)
    assert client.get("/beheer/pga/failedtask/").status_code in (302, 403, 404)

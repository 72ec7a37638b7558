"""Background work on a real Redis and a real Celery worker (in a thread of the test run,
so it shares the test database): an overview made by the worker, retries with back-off, a
task that keeps failing shown to beheer, and every entry of the scheduler run once.

CI starts Redis and sets PGA_TEST_REDIS_URL, so these always run there; elsewhere they skip
with a clear message when no Redis answers."""

import os
import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
import redis
from celery import shared_task
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.utils import timezone
from kombu import pools

from cases.models import MonthlyOverview, OverviewKind
from cases.overviews.tasks import make_monthly_overview
from pga.celery import app
from pga.jobs import queue_waiting_jobs
from pga.models import FailedTask, Job, JobStatus
from pga.tasks import publish

REDIS_URL = os.environ.get("PGA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
THIS_MONTH = f"{timezone.localdate():%Y-%m}"
QUICK_RETRIES = {
    "autoretry_for": (Exception,),
    "retry_backoff": 1,
    "retry_backoff_max": 1,
    "retry_jitter": False,
    "max_retries": 2,
}


def redis_or_skip():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if "PGA_TEST_REDIS_URL" in os.environ:
            pytest.fail(f"Redis op {REDIS_URL} antwoordt niet (CI start het in .ci/run)")
        pytest.skip(f"Geen Redis op {REDIS_URL}: start redis-server om deze tests te draaien")
    return client


@pytest.fixture
def worker(transactional_db):
    client = redis_or_skip()
    client.flushdb()
    app.loader.import_default_modules()
    use_broker(REDIS_URL, eager=False)
    try:
        with start_worker(
            app, pool="solo", concurrency=1, perform_ping_check=False, loglevel="WARNING"
        ) as running:
            yield running
    finally:
        use_broker(settings.CELERY_BROKER_URL, eager=True)
        client.flushdb()


def use_broker(url, *, eager):
    """Point the app at another broker: its connection pools were made for the old one
    (with no URL, Celery's default, amqp on localhost, which may well answer)."""
    pools.reset()  # kombu's registry of pools, per connection
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.update(broker_url=url, task_always_eager=eager)


@pytest.fixture
def finished():
    """Names of the tasks the worker finished, in order, with their state."""
    seen = []

    def note(sender=None, state=None, **kwargs):
        seen.append((sender.name, state))

    task_postrun.connect(note, weak=False)
    yield seen
    task_postrun.disconnect(note)


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


ATTEMPTS = []


@shared_task(name="tests.flaky", **QUICK_RETRIES)
def flaky():
    ATTEMPTS.append(time.monotonic())
    if len(ATTEMPTS) < 3:
        raise ConnectionError("mail server says no")
    return len(ATTEMPTS)


@shared_task(name="tests.broken", **QUICK_RETRIES)
def broken(case_number):
    raise LookupError(f"casus {case_number} onvindbaar")


def test_the_worker_makes_an_overview_published_by_the_web(worker, personas, case_a):
    assert publish(make_monthly_overview, OverviewKind.CASE, case_a.pk, THIS_MONTH)
    archived = MonthlyOverview.objects.filter(case=case_a, kind=OverviewKind.CASE)
    assert wait_for(archived.exists)
    assert archived.get().file.read().startswith(b"%PDF")


def test_a_failing_task_is_retried_with_back_off_until_it_succeeds(worker, finished):
    ATTEMPTS.clear()
    flaky.delay()
    assert wait_for(lambda: ("tests.flaky", "SUCCESS") in finished)
    assert len(ATTEMPTS) == 3
    assert ATTEMPTS[1] - ATTEMPTS[0] >= 0.9 and ATTEMPTS[2] - ATTEMPTS[1] >= 0.9
    assert not FailedTask.objects.exists()


def test_a_task_that_keeps_failing_ends_up_with_beheer(worker, finished):
    broken.delay("PGA-2026-0001")
    assert wait_for(lambda: ("tests.broken", "FAILURE") in finished, seconds=20)
    failed = FailedTask.objects.get()
    assert failed.task_name == "tests.broken" and failed.error == "LookupError"
    assert "PGA-2026-0001" not in f"{failed.location} {failed.error}"


def test_every_entry_of_the_scheduler_runs_once_on_the_worker(worker, finished, personas):
    schedule = settings.CELERY_BEAT_SCHEDULE
    for entry in schedule.values():
        app.send_task(entry["task"])
    expected = {entry["task"] for entry in schedule.values()}
    assert wait_for(lambda: expected <= {name for name, _state in finished})
    time.sleep(1)  # anything queued by them (one task per overview) finishes too
    runs = [name for name, _state in finished if name in expected]
    assert sorted(runs) == sorted(expected)  # each once
    assert all(state == "SUCCESS" for _name, state in finished)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnBroker:
    """A Redis of the test's own on a free port, to stop and start at will."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        assert wait_for(lambda: self._answers(client), seconds=10), "redis-server start niet"

    @staticmethod
    def _answers(client):
        try:
            return client.ping()
        except redis.exceptions.ConnectionError:
            return False

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def own_broker(transactional_db):
    if shutil.which("redis-server") is None:
        redis_or_skip()  # CI has it (Debian's redis-server); elsewhere skip with the reason
        pytest.skip("redis-server niet gevonden")
    broker = OwnBroker()
    broker.start()
    app.loader.import_default_modules()
    use_broker(broker.url, eager=False)
    try:
        yield broker
    finally:
        use_broker(settings.CELERY_BROKER_URL, eager=True)
        if broker.process.poll() is None:
            broker.stop()


def test_with_the_broker_down_pages_work_jobs_wait_and_nothing_is_lost(
    own_broker, client, personas, case_a
):
    own_broker.stop()
    client.force_login(personas.coordinator)
    started = time.monotonic()
    page = client.get(f"/maandoverzichten/{THIS_MONTH}.pdf", {"alle": "1"}, follow=True)
    assert time.monotonic() - started < 5  # the request does not hang on the broker
    assert page.status_code == 200 and "In de wachtrij" in page.content.decode()
    assert client.get("/casussen/").status_code == 200  # other pages carry on
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED
    # The broker comes back; the scheduler's sweep queues the waiting job; a worker runs it.
    own_broker.start()
    Job.objects.filter(pk=job.pk).update(queued_at=timezone.now() - timedelta(minutes=5))
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        assert queue_waiting_jobs() == 1
        assert wait_for(lambda: Job.objects.get(pk=job.pk).status == JobStatus.DONE)
    job.refresh_from_db()
    assert client.get(job.get_download_url()).content.startswith(b"%PDF")

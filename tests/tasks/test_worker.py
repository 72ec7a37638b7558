"""Background work on a real Redis and a real Celery worker (in a thread of the test run,
so it shares the test database): an overview made by the worker, retries with back-off, a
task that keeps failing shown to beheer, and every entry of the scheduler run once.

CI starts Redis and sets PGA_TEST_REDIS_URL, so these always run there; elsewhere they skip
with a clear message when no Redis answers."""

import hashlib
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

from cases.meetings.services import cancel_meeting, invite_partner, update_meeting
from cases.models import MonthlyOverview, OverviewKind
from cases.notifications import kinds
from cases.notifications.tasks import send_reminders
from cases.overviews.tasks import make_monthly_overview
from cases.plan.services import make_agreement
from pga import jobs
from pga.celery import app
from pga.jobs import queue_waiting_jobs
from pga.models import DeliveryStatus, EmailDelivery, FailedTask, Job, JobStatus
from pga.notifications import queue_waiting_emails
from pga.tasks import publish
from tests.base import involve
from tests.factories import AgendaItemFactory, AgreementFactory, CaseFactory, MeetingFactory
from tests.mailserver import MailServer
from tests.notifications.checks import assert_says_nothing_personal

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


def test_the_team_pdf_job_goes_through_its_states_on_the_worker(
    worker, client, personas, case_a, monkeypatch
):
    """Asked for on a page, queued, taken by the worker, its progress reported, done: the
    status view shows each state, and the result is the PDF with its hash."""
    for _ in range(3):
        CaseFactory(coordinator=personas.coordinator)
    seen = []
    progress = jobs._progress

    def watched(job_id):
        report = progress(job_id)

        def note(done, total):
            report(done, total)
            job = Job.objects.get(pk=job_id)
            seen.append((job.status, job.done, job.total))

        return note

    monkeypatch.setattr(jobs, "_progress", watched)
    client.force_login(personas.coordinator)
    page = client.get(f"/maandoverzichten/{THIS_MONTH}.pdf", {"alle": "1"})
    job = Job.objects.get()
    assert page.status_code == 302 and page["Location"] == job.get_absolute_url()
    assert wait_for(lambda: Job.objects.get(pk=job.pk).status == JobStatus.DONE)
    assert seen and all(status == JobStatus.RUNNING for status, _d, _t in seen)
    assert [done for _s, done, _t in seen] == sorted(done for _s, done, _t in seen)
    assert seen[-1][1] == seen[-1][2] > 0  # all of it, before the file is stored
    status = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "Klaar" in status and job.get_download_url() in status
    job.refresh_from_db()
    pdf = client.get(job.get_download_url()).content
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == job.sha256


def test_each_event_mails_its_people_through_the_worker_saying_nothing_personal(
    worker, personas, case_a, settings
):
    personas.petra.email = "petra@politie.nl"
    personas.petra.save()
    personas.wim.email = "wim@woningstichting.nl"
    personas.wim.save()
    today = timezone.localdate()
    with MailServer() as server:
        for name, value in server.settings().items():
            setattr(settings, name, value)

        def step(action, *args, mails=1, **kwargs):
            # One event at a time: the worker's reads and the next event's writes do not
            # meet (SQLite, locally, locks a whole table).
            before = len(server.messages)
            action(*args, **kwargs)
            assert wait_for(lambda: len(server.messages) >= before + mails)

        step(involve, CaseFactory(), personas.woningcorporatie, by=personas.coordinator)
        step(
            make_agreement,
            case_a,
            by=personas.coordinator,
            description="Huisbezoek",
            partner=personas.politie,
            due_on=today + timedelta(days=20),
        )
        meeting = MeetingFactory()
        item = AgendaItemFactory(meeting=meeting, case=case_a)
        step(invite_partner, item, personas.politie, by=personas.coordinator)
        step(update_meeting, meeting, by=personas.coordinator, location="Wijkbureau Noord")
        step(cancel_meeting, meeting, by=personas.coordinator, reason="Zaal niet beschikbaar")
        AgreementFactory(case=case_a, partner=personas.politie, due_on=today + timedelta(days=2))
        case_a.involvements.filter(partner=personas.politie).update(
            expires_on=today + timedelta(days=10)
        )
        step(send_reminders, today, mails=2)
        expected = {
            ("wim@woningstichting.nl", kinds.INVOLVED.sentence),
            ("petra@politie.nl", kinds.AGREEMENT_NEW.sentence),
            ("petra@politie.nl", kinds.MEETING_NEW.sentence),
            ("petra@politie.nl", kinds.MEETING_CHANGED.sentence),
            ("petra@politie.nl", kinds.MEETING_CANCELLED.sentence),
            ("petra@politie.nl", kinds.AGREEMENT_DUE.sentence),
            ("petra@politie.nl", kinds.ACCESS_ENDING.sentence),
        }
        assert wait_for(lambda: len(server.messages) >= len(expected))
        time.sleep(0.5)
        got = set()
        for message in server.messages:
            body = message.get_body(preferencelist=("plain",)).get_content()
            sentence = next(k.sentence for k in kinds_by_sentence() if k.sentence in body)
            got.add((message["To"], sentence))
            attachments = [part.get_content() for part in message.iter_attachments()]
            assert_says_nothing_personal(
                "\n".join([message["Subject"], body, *map(str, attachments)])
            )
        assert got >= expected
        assert len(server.messages) == len(got)  # nothing twice
    waiting_or_failed = [DeliveryStatus.QUEUED, DeliveryStatus.FAILED]
    assert not EmailDelivery.objects.filter(status__in=waiting_or_failed).exists()


def kinds_by_sentence():
    from pga.notifications import KINDS

    return sorted(KINDS.values(), key=lambda kind: -len(kind.sentence))


def test_a_mail_server_that_refuses_gets_the_mail_later_and_once(
    worker, finished, personas, settings
):
    personas.wim.email = "wim@woningstichting.nl"
    personas.wim.save()
    with MailServer(refuse=2) as server:
        for name, value in server.settings().items():
            setattr(settings, name, value)
        involve(CaseFactory(), personas.woningcorporatie, by=personas.coordinator)
        assert wait_for(lambda: ("pga.send_email", "SUCCESS") in finished, seconds=30)
        time.sleep(0.5)
        assert server.connections == 3
        assert len(server.messages) == 1
    delivery = EmailDelivery.objects.get(user=personas.wim)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 3)
    assert delivery.sent_at is not None
    assert not FailedTask.objects.exists()


def test_a_mail_server_that_keeps_refusing_marks_the_mail_failed_for_beheer(
    worker, finished, personas, settings, monkeypatch
):
    from pga import notifications

    monkeypatch.setattr(notifications.send_email, "max_retries", 1)
    personas.wim.email = "wim@woningstichting.nl"
    personas.wim.save()
    with MailServer(refuse=99) as server:
        for name, value in server.settings().items():
            setattr(settings, name, value)
        involve(CaseFactory(), personas.woningcorporatie, by=personas.coordinator)
        assert wait_for(lambda: ("pga.send_email", "FAILURE") in finished, seconds=30)
    delivery = EmailDelivery.objects.get(user=personas.wim)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 2)
    assert delivery.error == "SMTPConnectError"
    failed = FailedTask.objects.get()
    assert failed.task_name == "pga.send_email" and failed.error == "SMTPConnectError"


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
    # An event's e-mail: recorded, waiting for the broker.
    personas.wim.email = "wim@woningstichting.nl"
    personas.wim.save()
    involve(CaseFactory(), personas.woningcorporatie, by=personas.coordinator)
    delivery = EmailDelivery.objects.get(user=personas.wim)
    assert delivery.status == DeliveryStatus.QUEUED
    # The broker comes back; the scheduler's sweep queues the waiting job; a worker runs it.
    own_broker.start()
    Job.objects.filter(pk=job.pk).update(queued_at=timezone.now() - timedelta(minutes=5))
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        assert queue_waiting_jobs() == 1
        assert wait_for(lambda: Job.objects.get(pk=job.pk).status == JobStatus.DONE)
        assert queue_waiting_emails(timezone.now() + timedelta(minutes=16)) == 1
        sent = EmailDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENT)
        assert wait_for(sent.exists)
    job.refresh_from_db()
    assert client.get(job.get_download_url()).content.startswith(b"%PDF")

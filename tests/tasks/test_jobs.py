"""Long work with progress (pga/jobs.py): the whole team's caseload PDF is a job; the user
sees it, leaves, comes back and downloads it; nobody else reaches it; a second request
joins the first; a job whose subject the user may no longer see is not delivered; results
expire."""

import os
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pga.jobs import queue_waiting_jobs, remove_expired_jobs, start_job
from pga.models import AccessLog, Job, JobStatus

pytestmark = pytest.mark.django_db
THIS_MONTH = f"{timezone.localdate():%Y-%m}"
KIND = "caseload_team_pdf"


def ask_team_pdf(client):
    return client.get(f"/maandoverzichten/{THIS_MONTH}.pdf", {"alle": "1"}, follow=True)


def test_the_team_caseload_pdf_is_a_job_the_coordinator_downloads(client, personas, case_a):
    client.force_login(personas.coordinator)
    page = ask_team_pdf(client)
    job = page.context["job"]
    assert page.redirect_chain[-1][0] == f"/taken/{job.pk}/"
    assert job.status == JobStatus.DONE and job.user == personas.coordinator  # no broker: at once
    assert "Klaar." in page.content.decode() and job.get_download_url() in page.content.decode()
    download = client.get(job.get_download_url())
    assert download["Content-Type"] == "application/pdf" and download.content.startswith(b"%PDF")
    assert job.sha256 and timezone.now() < job.expires_at <= timezone.now() + timedelta(
        hours=settings.JOB_RESULT_HOURS
    )
    routes = list(AccessLog.objects.filter(object_type="pga.job").values_list("route", flat=True))
    assert "job_detail" in routes and "job_download" in routes


def test_nobody_else_reaches_the_job_or_its_result(client, personas, case_a):
    client.force_login(personas.coordinator)
    job = ask_team_pdf(client).context["job"]
    other_coordinator = personas.coordinator.__class__.objects.create(username="karim")
    other_coordinator.groups.add(Group.objects.get(name=settings.COORDINATORS_GROUP))
    for user in (personas.petra, personas.wim, other_coordinator):
        client.force_login(user)
        assert client.get(job.get_absolute_url()).status_code == 404
        assert client.get(job.get_download_url()).status_code == 404


def test_a_result_is_not_delivered_once_its_subject_is_out_of_sight(client, personas, case_a):
    client.force_login(personas.coordinator)
    job = ask_team_pdf(client).context["job"]
    personas.coordinator.groups.remove(Group.objects.get(name=settings.COORDINATORS_GROUP))
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(job.get_download_url()).status_code == 404


def test_a_second_request_joins_the_job_that_waits(personas, case_a):
    with mock.patch("pga.jobs.publish"):  # a broker nobody reads yet
        first = start_job(personas.coordinator, KIND, {"month": THIS_MONTH})
        second = start_job(personas.coordinator, KIND, {"month": THIS_MONTH})
    assert first.pk == second.pk and first.status == JobStatus.QUEUED
    assert Job.objects.count() == 1


def test_the_sweep_queues_a_job_left_waiting_and_it_runs_once(client, personas, case_a):
    with mock.patch("pga.jobs.publish"):
        job = start_job(personas.coordinator, KIND, {"month": THIS_MONTH})
    Job.objects.filter(pk=job.pk).update(queued_at=timezone.now() - timedelta(minutes=5))
    client.force_login(personas.coordinator)
    waiting = client.get(job.get_absolute_url()).content.decode()
    assert "In de wachtrij" in waiting and 'hx-trigger="every 2s"' in waiting
    assert queue_waiting_jobs() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert queue_waiting_jobs() == 0


def test_results_are_removed_when_they_expire(client, personas, case_a):
    client.force_login(personas.coordinator)
    job = ask_team_pdf(client).context["job"]
    path = job.file.path
    assert remove_expired_jobs() == 0
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert remove_expired_jobs() == 1
    assert not Job.objects.filter(pk=job.pk).exists()
    assert not os.path.exists(path)


def test_the_downloads_page_lists_the_users_own_jobs_in_a_fixed_number_of_queries(
    client, personas, case_a
):
    def measured():
        client.get("/taken/")  # (the first request may renew the session)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/taken/")
        return len(queries), len(response.context["jobs"])

    with mock.patch("pga.jobs.publish"):
        start_job(personas.coordinator, KIND, {"month": "2026-01"})
        client.force_login(personas.coordinator)
        few = measured()
        for number in range(29):
            start_job(personas.coordinator, KIND, {"month": "2026-01", "n": number})
    many = measured()
    assert few[1] == 1 and many[1] == 30
    assert few[0] == many[0]
    client.force_login(personas.petra)
    assert client.get("/taken/").context["jobs"] == []


def test_a_long_team_caseload_is_laid_out_in_parts_and_joined(client, personas, case_a):
    """More rows than PART_ROWS: each part is loaded and laid out on its own (memory of one
    part), the PDF holds every case once, in the list's order, pages numbered on across the
    parts, and the figures after the table once, counting every row."""
    from pypdf import PdfReader

    from cases.overviews import pdf as overviews
    from tests.factories import CaseFactory

    others = [CaseFactory(coordinator=personas.coordinator) for _ in range(4)]
    numbers = {case.number for case in [case_a, *others]}
    parts = []
    real_load = overviews._load_rows

    def counted_load(active, month, ids=None):
        rows = real_load(active, month, ids)
        parts.append(len(rows))
        return rows

    client.force_login(personas.coordinator)
    with (
        mock.patch.object(overviews, "PART_ROWS", 2),
        mock.patch.object(overviews, "_load_rows", counted_load),
    ):
        job = ask_team_pdf(client).context["job"]
    assert job.status == JobStatus.DONE
    listed = overviews.visible_cases(personas.coordinator).count()
    assert parts and max(parts) <= 2 and sum(parts) == listed  # never more than a part at once
    reader = PdfReader(job.file.open("rb"))
    text = [page.extract_text() for page in reader.pages]
    whole = "\n".join(text)
    for number in numbers:
        assert whole.count(number) == 1, number
    assert whole.count("In- en uitstroom") == 1 and whole.count("Lopende casussen") == 1
    assert f"{listed} lopende casus" in text[0]
    # Page numbers run on: the last page says how many pages came before it.
    assert len(reader.pages) >= len(parts)
    assert f"Pagina {len(reader.pages)}" in text[-1]
    assert all(f"Pagina {i}" in page for i, page in enumerate(text, start=1))

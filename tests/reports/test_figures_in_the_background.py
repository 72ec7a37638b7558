"""The Sturingsinformatie counts every case of its period, so a worker counts its figures
(cases/reports/jobs.py), never the web request: the page shows the progress until they are
there (htmx asks again), figures counted a few minutes ago are shown again with the time
they were counted, "Opnieuw tellen" counts them anew; downloads and the API wait for them
too. Nothing but the suppressed tables is stored."""

import json
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.utils import timezone

from pga.jobs import run_job
from pga.models import Job, JobStatus
from tests.api.helpers import api_get, api_key, system_account
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db
THIS_MONTH = f"{timezone.localdate():%Y-%m}"
QUERY = {"van": THIS_MONTH, "tot": THIS_MONTH}


def inflow_total(page: str) -> str:
    """The total of the period's inflow, as the page's table shows it."""
    section = page.split('id="tabel-instroom"')[1].split("</section>")[0]
    match = re.search(r"<th scope=\"row\">Totaal over de periode</th><td>([^<]*)</td>", section)
    return match.group(1)


def test_with_a_worker_the_page_shows_progress_then_the_tables(client, marloes):
    for _ in range(6):
        CaseFactory(registered_on=timezone.localdate())
    client.force_login(marloes)
    with mock.patch("pga.jobs.publish"):  # a broker whose worker has not started yet
        page = client.get("/sturing/", QUERY).content.decode()
        assert "De cijfers worden zo geteld" in page and 'hx-trigger="every 2s"' in page
        assert 'id="tabel-instroom"' not in page
        # A download waits for the figures: back to the page, with a word why.
        export = client.get("/sturing/instroom.csv", QUERY, follow=True)
        assert export.redirect_chain[-1][0].startswith("/sturing/?van=")
        assert "worden nog geteld" in export.content.decode()
        # The page's poll joins the same job: nothing is counted twice.
        poll = client.get("/sturing/", QUERY, headers={"HX-Request": "true"}).content.decode()
        assert "<html" not in poll and 'id="report-figures"' in poll
        assert Job.objects.filter(kind="report_figures").count() == 1
    job = Job.objects.get(kind="report_figures")
    assert job.status == JobStatus.QUEUED and job.user == marloes
    run_job.apply(args=[job.pk])  # the worker counts
    poll = client.get("/sturing/", QUERY, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in poll and "<html" not in poll
    assert inflow_total(poll) == "6" and "Geteld op" in poll
    rows = client.get("/sturing/instroom.csv", QUERY).content.decode("utf-8-sig").splitlines()
    assert rows[-1] == "Totaal over de periode;6;0"


def test_figures_counted_minutes_ago_are_shown_again_until_counted_anew(client, marloes):
    for _ in range(6):
        CaseFactory(registered_on=timezone.localdate())
    client.force_login(marloes)
    assert inflow_total(client.get("/sturing/", QUERY).content.decode()) == "6"
    CaseFactory(registered_on=timezone.localdate())
    again = client.get("/sturing/", QUERY).content.decode()
    assert inflow_total(again) == "6" and "Opnieuw tellen" in again
    anew = client.get("/sturing/", {**QUERY, "opnieuw": "1"}, follow=True)
    # Counted anew, then the address without "opnieuw": a reload does not count again.
    assert anew.redirect_chain[-1][0] == f"/sturing/?van={THIS_MONTH}&tot={THIS_MONTH}"
    assert inflow_total(anew.content.decode()) == "7"
    # Past REPORT_FIGURES_MINUTES they are counted anew by themselves.
    CaseFactory(registered_on=timezone.localdate())
    old = timezone.now() - timedelta(minutes=settings.REPORT_FIGURES_MINUTES + 1)
    Job.objects.filter(kind="report_figures").update(finished_at=old)
    assert inflow_total(client.get("/sturing/", QUERY).content.decode()) == "8"


def test_one_users_figures_are_not_anothers_and_not_on_the_downloads_page(
    client, marloes, personas
):
    client.force_login(marloes)
    client.get("/sturing/", QUERY)
    client.force_login(personas.coordinator)
    client.get("/sturing/", QUERY)
    assert Job.objects.filter(kind="report_figures").count() == 2
    assert "de cijfers tellen" not in client.get("/taken/").content.decode()


def test_only_the_suppressed_tables_are_stored(client, marloes, three_in_ijsselmonde):
    client.force_login(marloes)
    client.get("/sturing/", {"district": three_in_ijsselmonde.pk})
    job = Job.objects.get(kind="report_figures")
    with job.file.open("rb") as handle:
        tables = json.loads(handle.read())
    inflow = next(t for t in tables if t["slug"] == "instroom")
    assert inflow["rows"][-1] == ["Totaal over de periode", [{"kleiner_dan": 5}, 0]]
    assert 3 not in [v for t in tables for _label, values in t["rows"] for v in values]


def test_the_api_answers_202_while_the_figures_are_counted(client, personas):
    from cases.api.views import FIGURES_RETRY_SECONDS

    key = api_key(system_account("datawarehouse", management=True), personas.beheer)
    with mock.patch("pga.jobs.publish"):
        waiting = api_get(client, "/api/v1/cijfers/", key)
    assert waiting.status_code == 202
    assert waiting["Retry-After"] == str(FIGURES_RETRY_SECONDS)
    assert "tabellen" not in json.loads(waiting.content)
    run_job.apply(args=[Job.objects.get(kind="report_figures").pk])
    counted = api_get(client, "/api/v1/cijfers/", key)
    assert counted.status_code == 200 and json.loads(counted.content)["tabellen"]

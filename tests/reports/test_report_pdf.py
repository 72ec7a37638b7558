"""The whole Sturingsinformatie as a PDF for the directorate: the page's filter, the page's
permission, the page's suppressed tables; made in the background (a job, like the team's
caseload PDF: it counts every case of the city); logged with its filter like the exports."""

import pytest
from django.conf import settings

from cases.models import District
from cases.reports.forms import ReportFilterForm
from cases.reports.pdf import report_pdf_html
from pga.models import AccessLog, JobStatus
from tests.cases.test_monthly_overview_pdfs import pdf_text
from tests.reports.test_report_page import THIS_MONTH

pytestmark = pytest.mark.django_db


def report_pdf(client, query):
    """Ask for the report, follow to its job's page (no broker: made at once), download."""
    page = client.get("/sturing/rapport.pdf", query, follow=True)
    job = page.context["job"]
    assert page.redirect_chain[-1][0] == job.get_absolute_url()
    assert job.status == JobStatus.DONE and job.kind == "report_pdf"
    return client.get(job.get_download_url())


def test_the_report_opens_with_its_period_and_every_title(client, marloes):
    client.force_login(marloes)
    response = report_pdf(client, {"van": "2026-01", "tot": THIS_MONTH})
    assert response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="sturingsinformatie-2026-01-tm-{THIS_MONTH}.pdf"'
    )
    text = pdf_text(response)
    assert "Sturingsinformatie PGA" in text and settings.PGA_ORGANISATION in text
    assert "januari 2026" in text and "Hele stad" in text
    assert f"“< {settings.REPORT_MIN_CELL}”" in text
    page = client.get("/sturing/", {"van": "2026-01", "tot": THIS_MONTH}).content.decode()
    titles = [part.split("</h2>")[0] for part in page.split('class="utrecht-heading-2"')[1:]]
    assert len(titles) == 8
    for title in titles:
        assert title.split(">", 1)[1] in text


def test_a_district_of_three_shows_less_than_five_and_never_three(
    client,
    marloes,
    three_in_ijsselmonde,  # noqa: F811
):
    client.force_login(marloes)
    query = {"district": three_in_ijsselmonde.pk}
    response = report_pdf(client, query)
    text = pdf_text(response)
    assert "IJsselmonde" in text
    assert "Totaal over de periode < 5 0" in text
    # The cells: every line but the running header and footer and the date made.
    cells = [
        word
        for line in text.splitlines()
        if not line.startswith(("Gemaakt op", "Vertrouwelijk"))
        for word in line.split()
    ]
    assert "< 5" in " ".join(cells) and "3" not in cells
    form = ReportFilterForm(query)
    html = report_pdf_html(marloes, form.period())
    body = html.split("</header>")[1]
    assert ">3<" not in body and "&lt; 5" in body


def test_the_page_links_to_the_report_with_its_filter(client, marloes):
    place = District.objects.get(name="Charlois")
    client.force_login(marloes)
    page = client.get("/sturing/", {"van": "2026-01", "district": place.pk}).content.decode()
    link = page.split("Hele rapport als PDF")[0].rsplit("href=", 1)[1]
    assert link.startswith(f'"/sturing/rapport.pdf?van=2026-01&amp;tot={THIS_MONTH}')
    assert f"district={place.pk}" in link


def test_partner_employees_and_beheer_are_refused(client, personas):
    for user in (personas.petra, personas.wim, personas.beheer):
        client.force_login(user)
        assert client.get("/sturing/rapport.pdf").status_code == 403, user


def test_a_report_job_is_not_delivered_once_the_user_may_no_longer_read_figures(client, personas):
    client.force_login(personas.coordinator)
    job = client.get("/sturing/rapport.pdf", follow=True).context["job"]
    assert client.get(job.get_download_url()).status_code == 200
    personas.coordinator.groups.clear()
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(job.get_download_url()).status_code == 404


@pytest.mark.parametrize(
    "query", [{"van": "nooit"}, {"van": "2026-05", "tot": "2026-01"}, {"district": "999999"}]
)
def test_a_bad_filter_is_400(client, marloes, query):
    client.force_login(marloes)
    response = client.get("/sturing/rapport.pdf", query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_the_report_is_logged_with_its_filter(client, marloes):
    place = District.objects.get(name="Charlois")
    client.force_login(marloes)
    query = {"van": "2026-01", "tot": THIS_MONTH, "district": place.pk}
    client.get("/sturing/rapport.pdf", query)
    row = AccessLog.objects.filter(route="cases:report_pdf").get()
    assert (row.route, row.action) == ("cases:report_pdf", "download")
    assert f"district={place.pk}" in row.detail and "van=2026-01" in row.detail

"""Monthly overviews: what they hold, that need-to-know holds in print, and safe rendering."""

import io
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from pypdf import PdfReader

from cases.casefile.services import record_assessment
from cases.models import ContactVisibility, InterventionStatus
from cases.months import Month
from cases.overviews.pdf import case_overview_context
from pga.models import AccessLog
from tests.base import involve, job_result
from tests.factories import (
    ContactFactory,
    InterventionFactory,
    PartnerFactory,
    assessment_domains,
)

pytestmark = pytest.mark.django_db
THIS_MONTH = Month.parse(f"{timezone.localdate():%Y-%m}")


def pdf_text(response) -> str:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@contextmanager
def fetches_seen(callback):
    """Calls ``callback(url)`` for every URL the PDF renderer asks our fetcher for."""
    from pga import pdf

    original = pdf.static_only_fetcher

    def spying_fetcher():
        fetcher = original()
        real_fetch = fetcher.fetch

        def fetch(url, headers=None):
            callback(url)
            return real_fetch(url, headers)

        fetcher.fetch = fetch
        return fetcher

    with mock.patch.object(pdf, "static_only_fetcher", spying_fetcher):
        yield


@pytest.fixture
def month_of_contacts(personas, case_a):
    wijkteam = PartnerFactory(name="Wijkteam Zuid")
    involve(case_a, wijkteam, by=personas.coordinator)
    when = max(timezone.now() - timedelta(hours=2), THIS_MONTH.start)
    ContactFactory(
        case=case_a,
        partner=personas.politie,
        occurred_at=when,
        summary="Rustig gesprek op het plein",
    )
    ContactFactory(
        case=case_a,
        partner=wijkteam,
        occurred_at=when,
        summary="Vertrouwelijk over thuissituatie",
        visibility=ContactVisibility.RESTRICTED,
    )
    return wijkteam


def test_the_case_overview_pdf_holds_the_youth_and_the_months_contacts(
    client, personas, case_a, month_of_contacts
):
    client.force_login(personas.coordinator)
    text = pdf_text(client.get(f"/casussen/{case_a.pk}/maandoverzicht/{THIS_MONTH}.pdf"))
    assert str(case_a.youth) in text and case_a.number in text
    assert f"Maandoverzicht {THIS_MONTH.label}" in text
    assert "Vertrouwelijk — PGA" in text and "Pagina 1 van" in text
    assert "Rustig gesprek op het plein" in text
    assert "Vertrouwelijk over thuissituatie" in text  # the coordinator sees restricted ones
    assert case_a.youth.bsn not in text  # no BSN on paper, for anyone


def test_a_partners_pdf_holds_only_what_the_partner_sees(
    client, personas, case_a, month_of_contacts
):
    record_assessment(
        case_a,
        by=personas.coordinator,
        assessed_on=case_a.registered_on,
        scores={assessment_domains()[0]: 2},
    )
    client.force_login(personas.petra)
    text = pdf_text(client.get(f"/casussen/{case_a.pk}/maandoverzicht/{THIS_MONTH}.pdf"))
    assert "Rustig gesprek op het plein" in text
    assert "Vertrouwelijk over thuissituatie" not in text
    assert "ZRM" not in text
    assert case_a.youth.bsn not in text


def test_a_partner_asking_for_a_case_it_may_not_see_gets_404_and_it_is_logged(client, wim, case_a):
    client.force_login(wim)
    assert client.get(f"/casussen/{case_a.pk}/maandoverzicht/{THIS_MONTH}.pdf").status_code == 404
    row = AccessLog.objects.get()
    assert (row.action, row.result, row.case_id) == ("download", "refused", case_a.pk)


def test_every_download_is_in_the_access_log(client, coordinator, case_a):
    client.force_login(coordinator)
    client.get(f"/casussen/{case_a.pk}/maandoverzicht/{THIS_MONTH}.pdf")
    client.get(f"/maandoverzichten/{THIS_MONTH}.pdf")
    assert list(AccessLog.objects.order_by("pk").values_list("action", "result", "route")) == [
        ("download", "allowed", "cases:case_overview_pdf"),
        ("download", "allowed", "cases:caseload_overview_pdf"),
    ]


def test_the_caseload_pdf_lists_the_viewers_cases_only(client, personas, case_a):
    from tests.factories import CaseFactory

    other = CaseFactory()
    assert other.coordinator != personas.coordinator
    client.force_login(personas.coordinator)
    # A coordinator's own caseload by default, the whole team on request.
    text = pdf_text(client.get(f"/maandoverzichten/{THIS_MONTH}.pdf"))
    assert case_a.number in text and other.number not in text
    # (The whole team's is made in the background: tests/tasks/test_jobs.py.)
    text = pdf_text(job_result(client, f"/maandoverzichten/{THIS_MONTH}.pdf", alle="1"))
    assert case_a.number in text and other.number in text
    assert f"Caseload {THIS_MONTH.label}" in text and "Instroom" in text
    client.force_login(personas.petra)
    text = pdf_text(client.get(f"/maandoverzichten/{THIS_MONTH}.pdf"))
    assert case_a.number in text and other.number not in text


@pytest.mark.parametrize("month", ["2099-01", "2026-13", "2026-00"])
def test_a_future_or_impossible_month_is_a_404_not_a_500(client, coordinator, case_a, month):
    client.force_login(coordinator)
    assert client.get(f"/casussen/{case_a.pk}/maandoverzicht/{month}.pdf").status_code == 404
    assert client.get(f"/maandoverzichten/{month}.pdf").status_code == 404


def test_a_malformed_month_is_a_404(client, coordinator, case_a):
    client.force_login(coordinator)
    assert client.get(f"/casussen/{case_a.pk}/maandoverzicht/2026-5.pdf").status_code == 404


def test_a_month_before_the_case_existed_is_a_404(client, coordinator, case_a):
    client.force_login(coordinator)
    before = case_a.registered_on.replace(day=1) - timedelta(days=1)
    assert client.get(f"/casussen/{case_a.pk}/maandoverzicht/{before:%Y-%m}.pdf").status_code == 404


def test_user_text_cannot_make_the_renderer_fetch_files_or_urls(client, personas, case_a):
    hostile = '<img src="file:///etc/passwd"> <img src="http://example.org/x.png"> <link rel=stylesheet href="file:///etc/hosts">'
    ContactFactory(
        case=case_a,
        partner=personas.politie,
        summary=hostile,
        occurred_at=max(timezone.now() - timedelta(hours=1), THIS_MONTH.start),
    )
    client.force_login(personas.coordinator)
    fetched = []
    with fetches_seen(lambda url: fetched.append(url)):
        text = pdf_text(client.get(f"/casussen/{case_a.pk}/maandoverzicht/{THIS_MONTH}.pdf"))
    assert '<img src="file:///etc/passwd">' in text.replace("\n", " ")  # printed as text
    assert fetched and all(url.startswith("https://pga.invalid/static/") for url in fetched)


def test_the_fetcher_refuses_anything_but_our_static_files():
    from pga.pdf import RefusedURL, static_only_fetcher

    fetcher = static_only_fetcher()
    assert fetcher.fetch("https://pga.invalid/static/css/pdf.css").status == 200
    for url in (
        "file:///etc/passwd",
        "http://example.org/",
        "data:text/plain,x",
        "https://pga.invalid/static/../../pga/settings.py",
        "https://pga.invalid/beheer/",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_the_overview_context_counts_contacts_per_partner_and_kind(
    personas, case_a, month_of_contacts
):
    context = case_overview_context(personas.coordinator, case_a, THIS_MONTH)
    assert dict(context["contacts_per_partner"]) == {
        "Politie Rotterdam": [("Gesprek", 1)],
        "Wijkteam Zuid": [("Gesprek", 1)],
    }


def test_the_rendered_html_has_every_section_of_the_overview(personas, case_a, month_of_contacts):
    from django.template.loader import render_to_string

    from cases.overviews.pdf import (
        CASELOAD_TEMPLATE,
        caseload_overview_context,
        render_case_overview_html,
    )

    html = render_case_overview_html(personas.coordinator, case_a, THIS_MONTH)
    for heading in (
        "Jongere",
        "Huishouden",
        "Status en fase",
        "Betrokken partners",
        "Interventies",
        "Contactmomenten deze maand",
        "ZRM-ontwikkeling",
        "Wijzigingen deze maand",
        "Vooruitblik",
    ):
        assert f"<h2>{heading}</h2>" in html, heading
    assert "Betrokkenheid Wijkteam Zuid aangemaakt" in html  # the month's changes, from the history
    caseload = render_to_string(
        CASELOAD_TEMPLATE, caseload_overview_context(personas.coordinator, THIS_MONTH)
    )
    for heading in ("Lopende casussen", "In- en uitstroom", "Interventies per spoor"):
        assert f"<h2>{heading}</h2>" in caseload, heading
    assert "Instroom en uitstroom, 12 maanden tot en met" in caseload
    # The print chart: one SVG with the legend inside, no tooltips or hidden tables to lay out.
    assert caseload.count("<svg") == 1 and caseload.count("<title>") == 1  # the document's


def test_the_zrm_chart_in_print_is_the_light_one(personas, case_a):
    from cases.overviews.pdf import render_case_overview_html

    record_assessment(
        case_a,
        by=personas.coordinator,
        assessed_on=case_a.registered_on,
        scores={domain: 3 for domain in assessment_domains()[:4]},
    )
    html = render_case_overview_html(personas.coordinator, case_a, THIS_MONTH)
    assert "Ontwikkeling per ZRM-domein" in html
    assert html.count("<svg") == 1 and "chart__data" not in html
    assert html.count("<title>") == 1  # the document's own; none per bar


def test_the_collector_is_paused_while_a_pdf_is_laid_out_and_restored_after():
    import gc

    from pga import pdf

    seen = []
    html = '<link rel="stylesheet" href="/static/css/pdf.css"><p>Test</p>'
    assert gc.isenabled()
    with fetches_seen(lambda url: seen.append(gc.isenabled())):
        assert pdf.render_pdf(html).startswith(b"%PDF")
    assert seen == [False] and gc.isenabled()
    gc.disable()  # someone else's choice is left alone
    try:
        pdf.render_pdf(html)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_interventions_started_and_ended_in_the_month_are_marked(personas, case_a):
    from cases.overviews.pdf import render_case_overview_html

    first = THIS_MONTH.first
    InterventionFactory(
        case=case_a, status=InterventionStatus.AFGEROND, started_on=first, ended_on=first
    )
    InterventionFactory(
        case=case_a, status=InterventionStatus.LOPEND, started_on=first - timedelta(days=40)
    )
    html = render_case_overview_html(personas.coordinator, case_a, THIS_MONTH)
    markers = [row.split('<td class="marker">')[1].split("</td>")[0] for row in
               html.split("<tr>") if '<td class="marker">' in row]  # fmt: skip
    assert sorted(markers) == ["", "gestart beëindigd"]

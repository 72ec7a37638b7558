"""generate_monthly_overviews: archives, idempotence, failures, workers; archived downloads."""

import hashlib
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from cases.models import MonthlyOverview, OverviewKind
from cases.months import Month
from tests.factories import CaseFactory

THIS_MONTH = f"{timezone.localdate():%Y-%m}"


def generate(*args):
    out, err = StringIO(), StringIO()
    call_command("generate_monthly_overviews", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_it_archives_every_active_case_and_each_coordinators_caseload(personas, case_a):
    other = CaseFactory(coordinator=personas.coordinator)
    out, _err = generate("--month", THIS_MONTH, "--user", "sanne")
    overviews = MonthlyOverview.objects.all()
    assert set(overviews.filter(kind=OverviewKind.CASE).values_list("case", flat=True)) == {
        case_a.pk,
        other.pk,
    }
    assert list(
        overviews.filter(kind=OverviewKind.CASELOAD).values_list("coordinator", flat=True)
    ) == [personas.coordinator.pk]
    for overview in overviews:
        content = overview.file.read()
        assert (
            content.startswith(b"%PDF") and overview.sha256 == hashlib.sha256(content).hexdigest()
        )
        assert overview.generated_by == personas.coordinator
        assert overview.history.get().history_change_reason == "Maandoverzicht gemaakt"
    assert "3 gemaakt" in out and "3/3" in out


@pytest.mark.django_db
def test_a_second_run_makes_nothing_unless_forced(personas, case_a):
    generate("--month", THIS_MONTH)
    out, _err = generate("--month", THIS_MONTH)
    assert "0 te maken" in out and MonthlyOverview.objects.count() == 2
    assert MonthlyOverview.objects.filter(case=case_a).count() == 1
    out, _err = generate("--month", THIS_MONTH, "--force")
    assert "2 te maken" in out and MonthlyOverview.objects.count() == 4


@pytest.mark.django_db
def test_a_forced_run_adds_a_version_and_keeps_every_earlier_one(client, personas, case_a):
    generate("--month", THIS_MONTH)
    first = MonthlyOverview.objects.get(case=case_a)
    first_content = first.file.read()
    generate("--month", THIS_MONTH, "--force")
    first.refresh_from_db()
    newest = MonthlyOverview.objects.filter(case=case_a).newest_first().first()
    assert newest.pk != first.pk
    assert first.file.read() == first_content  # the earlier file is still there, unchanged
    assert hashlib.sha256(first_content).hexdigest() == first.sha256
    assert newest.history.get().history_change_reason.startswith(
        "Maandoverzicht opnieuw gemaakt (versie 2"
    )
    client.force_login(personas.coordinator)
    page = client.get(f"/casussen/{case_a.pk}/").content.decode()
    assert f"/maandoverzichten/{newest.pk}/" in page  # the newest is the one shown
    assert "1 eerdere versie" in page and f"/maandoverzichten/{first.pk}/" in page


@pytest.mark.django_db
def test_one_failing_case_does_not_stop_the_others_and_the_run_fails(personas, case_a):
    other = CaseFactory(coordinator=personas.coordinator)
    from cases.overviews import batch

    real = batch.render_case_overview_html

    def broken_for_case_a(user, case, month):
        if case.pk == case_a.pk:
            raise RuntimeError("kapotte sjabloon")
        return real(user, case, month)

    err = StringIO()
    with mock.patch.object(batch, "render_case_overview_html", broken_for_case_a):
        with pytest.raises(CommandError, match="1 maandoverzicht"):
            call_command(
                "generate_monthly_overviews", "--month", THIS_MONTH, stdout=StringIO(), stderr=err
            )
    assert (
        f"MISLUKT casus {case_a.pk} {THIS_MONTH}: RuntimeError: kapotte sjabloon" in err.getvalue()
    )
    assert MonthlyOverview.objects.filter(case=other).exists()
    assert not MonthlyOverview.objects.filter(case=case_a).exists()
    assert MonthlyOverview.objects.filter(kind=OverviewKind.CASELOAD).exists()


@pytest.mark.django_db
def test_the_default_month_is_the_previous_one(personas):
    CaseFactory(
        coordinator=personas.coordinator, registered_on=timezone.localdate() - timedelta(days=70)
    )
    generate()
    assert set(MonthlyOverview.objects.values_list("month", flat=True)) == {Month.previous().first}


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["2099-01", "2026-13", "volgende"])
def test_a_bad_month_is_a_clear_error(month):
    with pytest.raises(CommandError, match="Ongeldige of toekomstige maand"):
        generate("--month", month)


@pytest.mark.django_db
def test_coordinators_download_archived_overviews_partners_do_not(client, personas, case_a):
    generate("--month", THIS_MONTH)
    overview = MonthlyOverview.objects.get(case=case_a)
    url = f"/casussen/{case_a.pk}/maandoverzichten/{overview.pk}/"
    client.force_login(personas.coordinator)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert hashlib.sha256(response.content).hexdigest() == overview.sha256
    assert url in client.get(f"/casussen/{case_a.pk}/").content.decode()
    client.force_login(personas.petra)  # the archive holds the coordinator's view
    assert client.get(url).status_code == 404
    assert url not in client.get(f"/casussen/{case_a.pk}/").content.decode()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="forked workers need a shared database (CI: PostgreSQL)",
)
@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_render_the_same_archive(personas, case_a):
    CaseFactory(coordinator=personas.coordinator)
    out, _err = generate("--month", THIS_MONTH, "--workers", "2")
    assert "2 werkproces(sen)" in out and "3 gemaakt" in out
    assert MonthlyOverview.objects.count() == 3

"""Case.open_agreement_due_on: a derived copy kept by Agreement.save() and delete(), the
earliest deadline of the case's open agreements, on which a coordinator's dashboard and
caseload find "casussen met een verlopen afspraak" (issue 22). It must say what the
agreements say, whoever writes them, and never change the case's history or version; a
partner's filter still asks the agreements it sees."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.caseload.dashboard import figures
from cases.caseload.queries import caseload
from cases.models import Agreement, AgreementStatus, Case
from cases.models.plan import refresh_open_agreement_due
from cases.plan.services import finish_agreement, make_agreement, update_agreement
from tests.factories import AgreementFactory, CaseFactory

pytestmark = pytest.mark.django_db


def due(case):
    return Case.objects.values_list("open_agreement_due_on", flat=True).get(pk=case.pk)


def test_it_follows_every_agreement_made_changed_finished_and_removed(personas, case_a):
    versions = (case_a.history.count(), Case.objects.get(pk=case_a.pk).version)
    today = timezone.localdate()
    case_a.agreements.all().delete()
    assert due(case_a) is None
    soon = make_agreement(
        case_a,
        by=personas.coordinator,
        partner=personas.politie,
        description="Huisbezoek afleggen",
        due_on=today + timedelta(days=3),
    )
    later = make_agreement(
        case_a,
        by=personas.coordinator,
        partner=personas.politie,
        description="Gesprek met school",
        due_on=today + timedelta(days=20),
    )
    assert due(case_a) == today + timedelta(days=3)
    update_agreement(soon, by=personas.coordinator, due_on=today + timedelta(days=30))
    assert due(case_a) == today + timedelta(days=20)  # moved with the change
    finish_agreement(later, by=personas.coordinator, status=AgreementStatus.GEDAAN)
    assert due(case_a) == today + timedelta(days=30)  # a finished one counts no more
    Agreement.objects.get(pk=soon.pk).delete()
    assert due(case_a) is None
    # No history row and no new version of the case for a derived column.
    assert (case_a.history.count(), Case.objects.get(pk=case_a.pk).version) == versions


def test_after_a_bulk_insert_it_is_filled_for_every_case(personas):
    cases = [CaseFactory() for _ in range(2)]
    when = timezone.localdate() - timedelta(days=2)
    Agreement.objects.bulk_create(
        [AgreementFactory.build(case=cases[0], partner=personas.politie, due_on=when)]
    )
    assert due(cases[0]) is None  # bulk_create skips save()
    refresh_open_agreement_due(None, every=True)
    assert due(cases[0]) == when and due(cases[1]) is None


def test_the_dashboard_tile_and_the_filter_agree_with_the_agreements(personas):
    today = timezone.localdate()
    late, on_time, finished, without = (CaseFactory() for _ in range(4))
    AgreementFactory(case=late, partner=personas.politie, due_on=today + timedelta(days=9))
    AgreementFactory(case=on_time, partner=personas.politie, due_on=today + timedelta(days=5))
    Agreement.objects.filter(case=late).update(due_on=today - timedelta(days=1))  # time passed
    refresh_open_agreement_due(late.pk)
    done = AgreementFactory(case=finished, partner=personas.politie)
    Agreement.objects.filter(pk=done.pk).update(
        due_on=today - timedelta(days=4), status=AgreementStatus.GEDAAN, status_on=today
    )
    refresh_open_agreement_due(finished.pk)
    mine = {late.pk, on_time.pk, finished.pk, without.pk}
    rows = caseload(personas.coordinator, {"coordinator": "alle", "agreement_overdue": "1"})
    assert {case.pk for case in rows} & mine == {late.pk}
    overdue_cases = Case.objects.open().filter(
        agreements__status=AgreementStatus.OPEN, agreements__due_on__lt=today
    )
    tile = next(
        t for t in figures(personas.coordinator)["tiles"] if "verlopen afspraak" in t["label"]
    )
    assert tile["count"] == overdue_cases.distinct().count() >= 1

"""Case.latest_contact_at: a derived copy kept by Contact.save(), on which a coordinator's
caseload sorts and filters "no contact in N days" (issue 22). It must say what the contacts
say, whoever writes them, and never change the case's history or version."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.caseload.queries import caseload
from cases.contacts.services import log_contact, update_contact
from cases.models import Case, ContactKind, ContactVisibility, ContactWith
from cases.models.work import refresh_latest_contact
from tests.factories import CaseFactory, ContactFactory

pytestmark = pytest.mark.django_db


def latest(case):
    return Case.objects.values_list("latest_contact_at", flat=True).get(pk=case.pk)


def test_it_follows_every_contact_written_and_corrected(personas, case_a):
    versions = (case_a.history.count(), Case.objects.get(pk=case_a.pk).version)
    now = timezone.now()
    contact = log_contact(
        case_a,
        by=personas.petra,
        partner=personas.politie,
        occurred_at=now - timedelta(hours=2),
        kind=ContactKind.GESPREK,
        with_whom=ContactWith.JONGERE,
        summary="Gesprek op school.",
        visibility=ContactVisibility.RESTRICTED,  # a coordinator sees it too
    )
    assert latest(case_a) == contact.occurred_at
    update_contact(contact, by=personas.petra, occurred_at=now - timedelta(days=3))
    expected = max(
        [
            now - timedelta(days=3),
            *case_a.contacts.exclude(pk=contact.pk).values_list("occurred_at", flat=True),
        ]
    )
    assert latest(case_a) == expected  # moved back with the correction
    # No history row and no new version of the case for a derived column.
    assert (case_a.history.count(), Case.objects.get(pk=case_a.pk).version) == versions


def test_after_a_bulk_insert_it_is_filled_for_every_case(personas):
    cases = [CaseFactory() for _ in range(3)]
    when = timezone.now() - timedelta(days=5)
    ContactFactory._meta.model.objects.bulk_create(
        [ContactFactory.build(case=cases[0], occurred_at=when, partner=personas.politie,
                              author=personas.petra)]
    )  # fmt: skip
    assert latest(cases[0]) is None  # bulk_create skips save()
    refresh_latest_contact()
    assert latest(cases[0]) == when and latest(cases[1]) is None


def test_the_coordinators_sort_and_filter_agree_with_the_contacts(personas):
    now = timezone.now()
    recent, old, never = CaseFactory(), CaseFactory(), CaseFactory()
    ContactFactory(case=recent, occurred_at=now - timedelta(days=2))
    ContactFactory(case=old, occurred_at=now - timedelta(days=60))
    mine = {recent.pk, old.pk, never.pk}

    def listed(**data):
        rows = caseload(personas.coordinator, {"coordinator": "alle", **data})
        return [case.pk for case in rows if case.pk in mine]

    assert listed(sort="-contact") == [recent.pk, old.pk, never.pk]  # never: last both ways
    assert listed(sort="contact") == [old.pk, recent.pk, never.pk]
    assert set(listed(no_contact_days=30)) == {old.pk, never.pk}
    rows = {c.pk: c for c in caseload(personas.coordinator, {"coordinator": "alle"})}
    assert rows[recent.pk].last_contact_at == latest(recent)

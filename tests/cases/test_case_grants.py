"""Grants follow involvements: given by involve_partner, taken by end_involvement, rebuilt by
sync_case_permissions."""

from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command

from cases.casefile.services import end_involvement
from cases.models import Case, CaseGroupObjectPermission, CaseUserObjectPermission
from tests.base import involve
from tests.factories import CaseFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def grants(case, partner):
    return set(
        CaseGroupObjectPermission.objects.filter(
            content_object=case, group=partner.group
        ).values_list("permission__codename", flat=True)
    )


def test_involving_a_partner_grants_its_group_view_and_log_contact(personas):
    assert grants(personas.case_a, personas.politie) == {"view_case", "log_contact"}
    row = CaseGroupObjectPermission.history.filter(history_type="+").first()
    assert row.history_user == personas.coordinator
    assert row.history_change_reason == "Nodig voor de aanpak"  # the reason given


def test_ending_an_involvement_revokes_the_grants_with_who_and_why(personas):
    end_involvement(
        personas.case_a.involvements.get(), by=personas.coordinator, reason="Traject afgerond"
    )
    assert grants(personas.case_a, personas.politie) == set()
    removed = CaseGroupObjectPermission.history.filter(history_type="-")
    assert removed.count() == 2
    assert {(r.history_user, r.history_change_reason) for r in removed} == {
        (personas.coordinator, "Traject afgerond")
    }


def test_a_failed_involvement_grants_nothing(personas):
    inactive = PartnerFactory(is_active=False)
    with pytest.raises(ValidationError):
        involve(personas.case_a, inactive, by=personas.coordinator)
    assert grants(personas.case_a, inactive) == set()


def test_grants_cascade_with_the_case(personas):
    case_pk = personas.case_a.pk
    Case.objects.get(pk=case_pk).delete()
    assert not CaseGroupObjectPermission.objects.filter(content_object_id=case_pk).exists()


def run_sync():
    out = StringIO()
    call_command("sync_case_permissions", stdout=out)
    return out.getvalue()


def test_sync_on_a_consistent_database_changes_nothing(personas):
    assert "Geen wijzigingen" in run_sync()


def test_sync_rebuilds_grants_from_involvements_and_is_idempotent(personas):
    case_a, politie = personas.case_a, personas.politie
    CaseGroupObjectPermission.objects.filter(
        content_object=case_a, permission__codename="log_contact"
    ).delete()
    stray_case = CaseFactory()
    view_case = Permission.objects.get(codename="view_case")
    CaseGroupObjectPermission.objects.create(
        content_object=stray_case, group=personas.woningcorporatie.group, permission=view_case
    )
    CaseUserObjectPermission.objects.create(
        content_object=stray_case, user=UserFactory(username="ghost"), permission=view_case
    )
    output = run_sync()
    assert f"+ {case_a.number}: {politie.group.name} log_contact" in output
    assert f"- {stray_case.number}: {personas.woningcorporatie.group.name} view_case" in output
    assert f"- {stray_case.number}: gebruiker ghost" in output
    assert grants(case_a, politie) == {"view_case", "log_contact"}
    assert not CaseUserObjectPermission.objects.exists()
    history_rows = CaseGroupObjectPermission.history.count()
    assert "Geen wijzigingen" in run_sync()
    assert CaseGroupObjectPermission.history.count() == history_rows


def test_sync_puts_every_employee_in_exactly_their_own_partner_group(personas):
    petra, wim = personas.petra, personas.wim
    petra.groups.remove(personas.politie.group)
    wim.groups.add(personas.politie.group)
    output = run_sync()
    assert "+ petra in groep Ketenpartner: Politie Rotterdam" in output
    assert "- wim uit groep Ketenpartner: Politie Rotterdam" in output
    assert set(wim.groups.values_list("name", flat=True)) == {"Ketenpartner: Woningstichting Test"}
    assert "Geen wijzigingen" in run_sync()

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases import services
from cases.models import (
    Case,
    CaseStatus,
    ClosureReason,
    InterventionStatus,
    InvolvementRole,
    LegalBasis,
)
from tests.factories import (
    CaseFactory,
    InterventionFactory,
    InvolvementFactory,
    PartnerFactory,
    YouthFactory,
    intervention_type,
)

pytestmark = pytest.mark.django_db


def register(coordinator, **fields):
    return services.register_case(
        youth=YouthFactory(),
        coordinator=coordinator,
        by=coordinator,
        priority_rationale="Onderbouwing",
        referral_reason="Aanmelding",
        **fields,
    )


def test_registered_cases_get_consecutive_numbers_per_year(coordinator):
    first = register(coordinator, registered_on=timezone.localdate().replace(month=1, day=2))
    second = register(coordinator, registered_on=timezone.localdate().replace(month=1, day=3))
    year = timezone.localdate().year
    assert (first.number, second.number) == (f"PGA-{year}-0001", f"PGA-{year}-0002")
    assert first.status == CaseStatus.AANGEMELD


def test_it_refuses_a_status_step_outside_the_flow(coordinator):
    case = register(coordinator)
    with pytest.raises(ValidationError, match="geen toegestane stap"):
        services.change_status(case, CaseStatus.ACTIEF, by=coordinator, reason="Te snel")
    case.refresh_from_db()
    assert case.status == CaseStatus.AANGEMELD


def test_not_admitted_is_reachable_only_from_screening(coordinator):
    case = register(coordinator)
    with pytest.raises(ValidationError):
        services.change_status(
            case,
            CaseStatus.NIET_OPGENOMEN,
            by=coordinator,
            reason="x",
            closure_reason=ClosureReason.NIET_PGA_WAARDIG,
        )
    services.change_status(case, CaseStatus.SCREENING, by=coordinator, reason="Screening")
    services.change_status(
        case,
        CaseStatus.NIET_OPGENOMEN,
        by=coordinator,
        reason="Geen PGA-criteria",
        closure_reason=ClosureReason.NIET_PGA_WAARDIG,
    )
    assert case.is_closed and case.closed_on == timezone.localdate()


def test_a_status_change_needs_a_reason(coordinator):
    case = register(coordinator)
    with pytest.raises(ValidationError) as raised:
        services.change_status(case, CaseStatus.SCREENING, by=coordinator, reason="  ")
    assert raised.value.message_dict == {"reason": ["Geef een reden op."]}


def test_the_first_move_to_active_sets_the_start_date(coordinator):
    case = register(coordinator)
    services.change_status(case, CaseStatus.SCREENING, by=coordinator, reason="Screening")
    services.change_status(case, CaseStatus.ACTIEF, by=coordinator, reason="Opgenomen")
    assert case.started_on == timezone.localdate()
    assert case.next_review_on == timezone.localdate() + timedelta(days=91)


def test_closing_needs_a_closure_reason(coordinator, case_a):
    with pytest.raises(ValidationError) as raised:
        services.change_status(case_a, CaseStatus.AFGESLOTEN, by=coordinator, reason="Klaar")
    assert "closure_reason" in raised.value.message_dict


def test_closing_is_refused_while_an_intervention_runs(coordinator, case_a):
    InterventionFactory(
        case=case_a, status=InterventionStatus.LOPEND, started_on=case_a.registered_on
    )
    with pytest.raises(ValidationError, match="lopende interventies"):
        services.change_status(
            case_a,
            CaseStatus.AFGESLOTEN,
            by=coordinator,
            reason="Klaar",
            closure_reason=ClosureReason.DOELEN_BEREIKT,
        )
    assert Case.objects.get(pk=case_a.pk).status == CaseStatus.ACTIEF


def test_closing_ends_every_active_involvement_with_the_reason(coordinator, case_a):
    services.change_status(
        case_a,
        CaseStatus.AFGESLOTEN,
        by=coordinator,
        reason="Doelen bereikt",
        closure_reason=ClosureReason.DOELEN_BEREIKT,
    )
    involvement = case_a.involvements.get()
    assert involvement.ended_on == timezone.localdate()
    assert involvement.end_reason == "Casus afgesloten: Doelen bereikt"
    assert involvement.history.first().history_user == coordinator


def test_involving_an_inactive_partner_is_refused(coordinator, case_a):
    partner = PartnerFactory(is_active=False)
    with pytest.raises(ValidationError, match="niet meer actief"):
        services.involve_partner(
            case_a,
            partner,
            by=coordinator,
            role=InvolvementRole.BETROKKEN,
            legal_basis=LegalBasis.CONVENANT,
        )
    assert not case_a.involvements.filter(partner=partner).exists()


def test_involving_an_already_involved_partner_is_refused_in_dutch(personas):
    with pytest.raises(ValidationError) as raised:
        services.involve_partner(
            personas.case_a,
            personas.politie,
            by=personas.coordinator,
            role=InvolvementRole.BETROKKEN,
            legal_basis=LegalBasis.CONVENANT,
        )
    assert raised.value.message_dict == {
        "partner": ["Deze ketenpartner is al betrokken bij de casus."]
    }
    assert personas.case_a.involvements.count() == 1


def test_an_involvement_with_legal_basis_other_needs_a_note(coordinator, case_a):
    with pytest.raises(ValidationError) as raised:
        services.involve_partner(
            case_a,
            PartnerFactory(),
            by=coordinator,
            role=InvolvementRole.BETROKKEN,
            legal_basis=LegalBasis.OVERIG,
        )
    assert "legal_basis_note" in raised.value.message_dict


def test_ending_an_ended_involvement_is_refused_and_changes_nothing(coordinator):
    involvement = InvolvementFactory()
    services.end_involvement(involvement, by=coordinator, reason="Taak afgerond")
    rows = involvement.history.count()
    with pytest.raises(ValidationError, match="al beëindigd"):
        services.end_involvement(involvement, by=coordinator, reason="Nogmaals")
    involvement.refresh_from_db()
    assert involvement.end_reason == "Taak afgerond"
    assert involvement.history.count() == rows


def test_an_intervention_end_before_its_start_gets_a_dutch_field_error(coordinator, case_a):
    with pytest.raises(ValidationError) as raised:
        services.add_intervention(
            case_a,
            by=coordinator,
            intervention_type=intervention_type(),
            responsible_partner=PartnerFactory(),
            goal="Doel",
            status=InterventionStatus.AFGEROND,
            started_on=timezone.localdate(),
            ended_on=timezone.localdate() - timedelta(days=1),
        )
    assert raised.value.message_dict["ended_on"] == [
        f"De einddatum kan niet voor de startdatum ({timezone.localdate():%d-%m-%Y}) liggen."
    ]


def test_a_contact_in_the_future_is_refused(coordinator, case_a, personas):
    with pytest.raises(ValidationError) as raised:
        services.log_contact(
            case_a,
            by=personas.petra,
            partner=personas.politie,
            occurred_at=timezone.now() + timedelta(hours=2),
            kind="gesprek",
            with_whom="jongere",
            summary="Gesprek",
        )
    assert "occurred_at" in raised.value.message_dict
    assert not case_a.contacts.exists()


def test_a_contact_before_the_case_was_registered_is_refused(case_a, personas):
    with pytest.raises(ValidationError, match="voor de aanmelddatum"):
        services.log_contact(
            case_a,
            by=personas.petra,
            partner=personas.politie,
            occurred_at=timezone.now() - timedelta(days=365),
            kind="gesprek",
            with_whom="jongere",
            summary="Gesprek",
        )


def test_every_service_change_bumps_the_version(coordinator):
    case = CaseFactory(status=CaseStatus.AANGEMELD, started_on=None)
    services.update_case(case, by=coordinator, reason="Leefwereld", drives="Status in de groep")
    assert case.version == 2
    assert Case.objects.get(pk=case.pk).version == 2

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.casefile.services import (
    add_intervention,
    change_status,
    end_involvement,
    involve_partner,
    update_case,
)
from cases.contacts.services import log_contact
from cases.models import (
    Case,
    CaseStatus,
    ClosureReason,
    InterventionStatus,
    InvolvementRole,
    LegalBasis,
)
from cases.registration.services import register_case
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
    return register_case(
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
        change_status(case, CaseStatus.ACTIEF, by=coordinator, reason="Te snel")
    case.refresh_from_db()
    assert case.status == CaseStatus.AANGEMELD


def test_not_admitted_is_reachable_only_from_screening(coordinator):
    case = register(coordinator)
    with pytest.raises(ValidationError):
        change_status(
            case,
            CaseStatus.NIET_OPGENOMEN,
            by=coordinator,
            reason="x",
            closure_reason=ClosureReason.NIET_PGA_WAARDIG,
        )
    change_status(case, CaseStatus.SCREENING, by=coordinator, reason="Screening")
    change_status(
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
        change_status(case, CaseStatus.SCREENING, by=coordinator, reason="  ")
    assert raised.value.message_dict == {"reason": ["Geef een reden op."]}


def test_the_first_move_to_active_sets_the_start_date(coordinator):
    case = register(coordinator)
    change_status(case, CaseStatus.SCREENING, by=coordinator, reason="Screening")
    change_status(
        case,
        CaseStatus.ACTIEF,
        by=coordinator,
        reason="Opgenomen",
        informing={"informed_on": timezone.localdate()},
    )
    assert case.started_on == timezone.localdate()
    assert case.next_review_on == timezone.localdate() + timedelta(days=91)


def test_closing_needs_a_closure_reason(coordinator, case_a):
    with pytest.raises(ValidationError) as raised:
        change_status(case_a, CaseStatus.AFGESLOTEN, by=coordinator, reason="Klaar")
    assert "closure_reason" in raised.value.message_dict


def test_closing_is_refused_while_an_intervention_runs(coordinator, case_a):
    InterventionFactory(
        case=case_a, status=InterventionStatus.LOPEND, started_on=case_a.registered_on
    )
    with pytest.raises(ValidationError, match="lopende interventies"):
        change_status(
            case_a,
            CaseStatus.AFGESLOTEN,
            by=coordinator,
            reason="Klaar",
            closure_reason=ClosureReason.DOELEN_BEREIKT,
        )
    assert Case.objects.get(pk=case_a.pk).status == CaseStatus.ACTIEF


def test_closing_ends_every_active_involvement_with_the_reason(coordinator, case_a):
    change_status(
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
        involve_partner(
            case_a,
            partner,
            by=coordinator,
            role=InvolvementRole.BETROKKEN,
            legal_basis=LegalBasis.CONVENANT,
            reason="Nodig voor de aanpak",
        )
    assert not case_a.involvements.filter(partner=partner).exists()


def test_involving_an_already_involved_partner_is_refused_in_dutch(personas):
    with pytest.raises(ValidationError) as raised:
        involve_partner(
            personas.case_a,
            personas.politie,
            by=personas.coordinator,
            role=InvolvementRole.BETROKKEN,
            legal_basis=LegalBasis.CONVENANT,
            reason="Nodig voor de aanpak",
        )
    assert raised.value.message_dict == {
        "partner": ["Deze ketenpartner is al betrokken bij de casus."]
    }
    assert personas.case_a.involvements.count() == 1


def test_an_involvement_with_legal_basis_other_needs_a_note(coordinator, case_a):
    with pytest.raises(ValidationError) as raised:
        involve_partner(
            case_a,
            PartnerFactory(),
            by=coordinator,
            role=InvolvementRole.BETROKKEN,
            legal_basis=LegalBasis.OVERIG,
            reason="Nodig voor de aanpak",
        )
    assert "legal_basis_note" in raised.value.message_dict


def test_ending_an_ended_involvement_is_refused_and_changes_nothing(coordinator):
    involvement = InvolvementFactory()
    end_involvement(involvement, by=coordinator, reason="Taak afgerond")
    rows = involvement.history.count()
    with pytest.raises(ValidationError, match="al beëindigd"):
        end_involvement(involvement, by=coordinator, reason="Nogmaals")
    involvement.refresh_from_db()
    assert involvement.end_reason == "Taak afgerond"
    assert involvement.history.count() == rows


def test_an_intervention_end_before_its_start_gets_a_dutch_field_error(coordinator, case_a):
    with pytest.raises(ValidationError) as raised:
        add_intervention(
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
        log_contact(
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
        log_contact(
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
    update_case(case, by=coordinator, reason="Plan", next_steps="Status in de groep")
    assert case.version == 2
    assert Case.objects.get(pk=case.pk).version == 2


# Services say what they change, and changes of visibility say why. --------------------------


def test_an_edit_service_refuses_a_field_that_has_its_own_service(coordinator, case_a):
    from cases.casefile.services import update_case

    with pytest.raises(TypeError, match="status"):
        update_case(case_a, by=coordinator, status="afgesloten")
    case_a.refresh_from_db()
    assert case_a.status != "afgesloten"


def test_a_partner_changes_only_the_progress_of_its_intervention(personas, case_a):
    from cases.casefile.services import update_intervention
    from tests.factories import InterventionFactory

    own = InterventionFactory(case=case_a, responsible_partner=personas.politie)
    with pytest.raises(TypeError, match="goal"):
        update_intervention(own, by=personas.petra, goal="Anders")
    update_intervention(own, by=personas.petra, outcome="Loopt goed")
    own.refresh_from_db()
    assert own.outcome == "Loopt goed"


def test_involving_a_partner_without_a_reason_is_refused(coordinator, case_a):
    partner = PartnerFactory()
    with pytest.raises(ValidationError) as raised:
        involve_partner(
            case_a,
            partner,
            by=coordinator,
            role=InvolvementRole.BETROKKEN,
            legal_basis=LegalBasis.CONVENANT,
            reason=" ",
        )
    assert raised.value.message_dict == {"reason": ["Geef een reden op."]}
    assert not case_a.involvements.filter(partner=partner).exists()


def test_making_a_contact_readable_by_others_needs_a_reason(personas, case_a):
    from django.utils import timezone

    from cases.contacts.services import log_contact, update_contact
    from cases.models import ContactVisibility

    contact = log_contact(
        case_a,
        by=personas.petra,
        partner=personas.politie,
        occurred_at=timezone.now(),
        kind="gesprek",
        with_whom="jongere",
        summary="Gesprek",
        visibility=ContactVisibility.RESTRICTED,
    )
    with pytest.raises(ValidationError):
        update_contact(contact, by=personas.petra, visibility=ContactVisibility.SHARED)
    contact.refresh_from_db()
    assert contact.visibility == ContactVisibility.RESTRICTED
    update_contact(
        contact,
        by=personas.petra,
        visibility=ContactVisibility.SHARED,
        reason="Relevant voor het wijkteam",
    )
    assert contact.history.first().history_change_reason == "Relevant voor het wijkteam"

"""Every record keeps its history, with the acting user and the reason."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.models import HistoricalChanges

from cases.casefile.services import change_status, involve_partner
from cases.models import CaseStatus, District, InvolvementRole, LegalBasis
from cases.registration.services import register_case
from tests.factories import PartnerFactory, YouthFactory

pytestmark = pytest.mark.django_db


def concrete_domain_models():
    for label in ("cases", "partners"):
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, HistoricalChanges) or model._meta.abstract:
                continue  # the history tables themselves
            yield model


def test_every_concrete_model_of_cases_and_partners_keeps_history():
    models = list(concrete_domain_models())
    missing = [
        model._meta.label
        for model in models
        if getattr(model._meta, "simple_history_manager_attribute", None) is None
    ]
    assert len(models) >= 14, [m._meta.label for m in models]
    assert missing == []


def test_user_accounts_keep_history_without_password_hashes():
    user_model = get_user_model()
    historical = user_model.history.model
    field_names = {field.name for field in historical._meta.get_fields()}
    assert "is_active" in field_names
    assert "password" not in field_names


def test_registering_a_case_writes_a_history_row_with_user_and_reason(coordinator):
    case = register_case(
        youth=YouthFactory(),
        coordinator=coordinator,
        by=coordinator,
        priority_rationale="Hoog risico op afglijden",
        referral_reason="Melding wijkagent",
    )
    row = case.history.get()
    assert row.history_type == "+"
    assert row.history_user == coordinator
    assert row.history_change_reason == "Casus aangemeld"


def test_changing_a_case_writes_a_row_with_the_acting_user_and_reason(coordinator, case_a):
    case_a.status = CaseStatus.SCREENING
    case_a.save()
    change_status(case_a, CaseStatus.ACTIEF, by=coordinator, reason="Casusoverleg: opnemen")
    latest = case_a.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == coordinator
    assert latest.history_change_reason == "Casusoverleg: opnemen"
    assert latest.status == CaseStatus.ACTIEF
    assert latest.prev_record.status == CaseStatus.SCREENING


def test_involving_a_partner_is_in_the_history_of_the_involvement(coordinator, case_a):
    partner = PartnerFactory()
    involvement = involve_partner(
        case_a,
        partner,
        by=coordinator,
        role=InvolvementRole.INFORMATIE,
        legal_basis=LegalBasis.CONVENANT,
        reason="Schuld bij woningcorporatie",
    )
    row = involvement.history.get()
    assert (row.history_user, row.history_change_reason) == (
        coordinator,
        "Schuld bij woningcorporatie",
    )


def test_a_change_in_the_admin_is_recorded_with_the_logged_in_user(client, beheer):
    district = District.objects.get(name="Pernis")
    client.force_login(beheer)
    response = client.post(
        f"/beheer/cases/district/{district.pk}/change/", {"name": "Pernis", "is_active": ""}
    )
    assert response.status_code == 302, response.content[:500]
    latest = district.history.first()
    assert latest.is_active is False
    assert latest.history_user == beheer  # set by HistoryRequestMiddleware
    assert latest.history_change_reason == "Gewijzigd in functioneel beheer"


def test_every_model_and_field_has_an_explicit_dutch_verbose_name():
    missing = []
    for model in concrete_domain_models():
        if "verbose_name" not in model._meta.original_attrs:
            missing.append(model._meta.label)
        for field in model._meta.get_fields(include_hidden=False):
            if not field.concrete or field.auto_created:
                continue
            if "verbose_name" not in field.deconstruct()[3]:
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == []


def test_history_managers_are_built_once_not_on_every_access(monkeypatch, coordinator, case_a):
    """``Model.history`` is read dozens of times a Historie page; django-simple-history's own
    descriptor builds a manager class (inspect.getmembers over QuerySet) on each access."""
    from simple_history.manager import HistoryManager

    from cases.models import Case, Insight
    from pga.history import ReusedHistoryDescriptor

    tracked = [
        model
        for model in apps.get_models(include_auto_created=True)
        if getattr(model._meta, "simple_history_manager_attribute", None)
    ]
    assert len(tracked) >= 15
    for model in tracked:
        descriptor = vars(model)[model._meta.simple_history_manager_attribute]
        assert isinstance(descriptor, ReusedHistoryDescriptor), model._meta.label
    # The many-to-many snapshot of a history row (an insight's themes) too.
    assert isinstance(vars(Insight.history.model)["themes"], ReusedHistoryDescriptor)

    def built(*args, **kwargs):
        raise AssertionError("a manager class was built on access")

    monkeypatch.setattr(HistoryManager, "from_queryset", classmethod(built))
    case_a.status = CaseStatus.SCREENING
    case_a.save()
    change_status(case_a, CaseStatus.ACTIEF, by=coordinator, reason="Start")
    # Class access reads every case's rows, instance access only that case's.
    assert Case.history.filter(id=case_a.pk).count() == case_a.history.count() >= 2
    assert set(case_a.history.values_list("id", flat=True)) == {case_a.pk}
    assert Case.history.as_of(timezone.now()).filter(pk=case_a.pk).exists()

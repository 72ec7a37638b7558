"""Dates make sense everywhere: the rules of cases/models/dates.py, shown at the field in the
forms, and backed by the database where they must always hold."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.models import Case, CaseStatus, Intervention, Youth
from cases.models.dates import EARLIEST_DATE, RULES, date_constraints
from tests.cases.test_registration import form as registration_form
from tests.factories import CaseFactory, InterventionFactory, intervention_type

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def nl(day):
    return day.strftime("%d-%m-%Y")


@pytest.fixture
def sanne(client, coordinator):
    client.raise_request_exception = False
    client.force_login(coordinator)
    return client


def edit_case(client, case, **changes):
    page = client.get(f"/casussen/{case.pk}/bewerken/")
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({name: value.isoformat() for name, value in changes.items()})
    return client.post(f"/casussen/{case.pk}/bewerken/", data)


def test_a_case_registered_in_1900_is_refused_at_the_field(sanne, case_a):
    case_a.started_on = None
    case_a.status = CaseStatus.AANGEMELD
    case_a.save()
    response = edit_case(sanne, case_a, registered_on=date(1900, 1, 1))
    assert response.context["form"].errors["registered_on"] == [
        f"De aanmelddatum kan niet voor {nl(EARLIEST_DATE)} liggen."
    ]


def test_informed_in_the_future_is_refused_at_the_field(sanne, case_a):
    response = edit_case(sanne, case_a, informed_on=date(2031, 1, 1))
    assert response.context["form"].errors["informed_on"] == [
        "De datum van informeren kan niet in de toekomst liggen."
    ]


def test_a_review_date_before_the_registration_is_refused_at_the_field(sanne, case_a):
    response = edit_case(sanne, case_a, next_review_on=date(1900, 1, 1))
    assert response.context["form"].errors["next_review_on"] == [
        f"De volgende evaluatie kan niet voor de aanmelddatum ({nl(case_a.registered_on)}) liggen."
    ]


def test_a_review_more_than_five_years_ahead_is_refused(sanne, case_a):
    response = edit_case(sanne, case_a, next_review_on=TODAY() + timedelta(days=6 * 366))
    assert "meer dan 5 jaar vooruit" in response.context["form"].errors["next_review_on"][0]


def test_a_youth_born_in_1900_is_refused_at_registration(sanne, coordinator):
    response = sanne.post(
        "/casussen/nieuw/",
        registration_form(coordinator, **{"jongere-date_of_birth": "1900-01-01"}),
    )
    assert response.status_code == 200
    errors = response.context["registration"].youth.errors["date_of_birth"]
    assert errors == ["De geboortedatum kan niet voor 01-01-1970 liggen."]
    assert not Youth.objects.filter(last_name="Bakker").exists()


def test_a_youth_too_young_or_too_old_for_a_pga_is_refused_at_their_date_of_birth(
    sanne, coordinator
):
    for born in (TODAY() - timedelta(days=5 * 365), TODAY() - timedelta(days=40 * 365)):
        response = sanne.post(
            "/casussen/nieuw/",
            registration_form(coordinator, **{"jongere-date_of_birth": born.isoformat()}),
        )
        [error] = response.context["registration"].youth.errors["date_of_birth"]
        assert "de PGA is voor jongeren van 10 tot en met 27 jaar" in error
    assert not Case.objects.filter(youth__last_name="Bakker").exists()


def test_changing_a_date_of_birth_keeps_the_age_at_registration_plausible(sanne, case_a):
    youth = case_a.youth
    page = sanne.get(f"/jongeren/{youth.pk}/bewerken/")
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["date_of_birth"] = "1975-05-05"
    response = sanne.post(f"/jongeren/{youth.pk}/bewerken/", data)
    [error] = response.context["form"].errors["date_of_birth"]
    assert "de PGA is voor jongeren" in error
    youth.refresh_from_db()
    assert youth.date_of_birth != date(1975, 5, 5)


def test_an_intervention_cannot_end_in_the_future(sanne, case_a, personas):
    intervention = InterventionFactory(
        case=case_a,
        responsible_partner=personas.politie,
        status="lopend",
        started_on=case_a.registered_on,
    )
    response = sanne.post(
        f"/casussen/{case_a.pk}/interventies/{intervention.pk}/bewerken/",
        {
            "intervention_type": intervention_type().pk,
            "responsible_partner": personas.politie.pk,
            "goal": "Doel",
            "status": "afgerond",
            "started_on": case_a.registered_on.isoformat(),
            "ended_on": "2031-01-01",
            "version": intervention.version,
        },
    )
    assert response.context["form"].errors["ended_on"] == [
        "De einddatum kan niet in de toekomst liggen."
    ]
    assert Intervention.objects.get(pk=intervention.pk).ended_on is None


def test_an_intervention_cannot_start_before_the_case_was_registered(sanne, case_a, personas):
    response = sanne.post(
        f"/casussen/{case_a.pk}/interventies/nieuw/",
        {
            "intervention_type": intervention_type().pk,
            "responsible_partner": personas.politie.pk,
            "goal": "Doel",
            "status": "lopend",
            "started_on": "2001-01-01",
        },
    )
    assert response.context["form"].errors["started_on"] == [
        f"De startdatum kan niet voor de aanmelddatum ({nl(case_a.registered_on)}) liggen."
    ]
    assert not case_a.interventions.exists()


def test_closing_before_the_start_date_is_refused_at_the_date(sanne, case_a):
    response = sanne.post(
        f"/casussen/{case_a.pk}/status/",
        {
            "status": "afgesloten",
            "reason": "Klaar",
            "closure_reason": "doelen_bereikt",
            "on": (case_a.started_on - timedelta(days=1)).isoformat(),
        },
    )
    assert response.context["form"].errors["on"] == [
        f"De afsluitdatum kan niet voor de startdatum ({nl(case_a.started_on)}) liggen."
    ]
    case_a.refresh_from_db()
    assert case_a.status == CaseStatus.ACTIEF


@pytest.mark.parametrize(
    "changes",
    [
        {"registered_on": date(1999, 12, 31), "started_on": None},
        {"next_review_on": date(1900, 1, 1)},
        {"closed_on": date(2000, 1, 1)},  # before the start, and before the registration
        {"informed_on": date(1900, 1, 1)},
    ],
)
def test_the_database_refuses_what_the_forms_refuse(changes):
    case = CaseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(**changes)


def test_every_order_and_earliest_date_rule_is_also_a_database_constraint():
    names = {
        constraint.name
        for model in ("case", "youth", "involvement", "intervention", "contact", "assessment")
        for constraint in date_constraints(model)
    }
    assert "case_registered_on_not_before_2000" in names
    assert "case_next_review_on_not_before_registered_on" in names
    db_constraints = {c.name for c in Case._meta.constraints}
    assert {c.name for c in date_constraints("case")} <= db_constraints
    assert set(RULES) >= {"case", "youth", "contact", "intervention", "involvement"}


def test_the_error_lands_on_the_field_the_user_changed_not_on_its_partner(sanne, case_a):
    case_a.informed_on = case_a.registered_on + timedelta(days=2)
    case_a.save()
    response = edit_case(sanne, case_a, registered_on=case_a.registered_on + timedelta(days=5))
    errors = response.context["form"].errors
    assert "informed_on" not in errors
    assert errors["registered_on"] == [
        f"De aanmelddatum kan niet na de datum van informeren ({nl(case_a.informed_on)}) liggen."
    ]

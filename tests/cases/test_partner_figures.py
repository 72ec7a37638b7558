"""Every figure a partner sees is computed from what that partner may see.

The caseload form's filter and sort fields are found, not listed: every field of
``CaseloadFilterForm`` is tried with values that follow from its type and choices. For each,
the partner's page (and its monthly PDFs) must not change when another organisation logs a
restricted contact in a shared case, or when an intervention or involvement appears in a case
the partner is not involved in. The same change does show for the coordinator and for the
contact's own organisation: the test can see a change when there is one.
"""

import re
from datetime import timedelta

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import timezone

from cases.caseload.forms import CaseloadFilterForm
from cases.caseload.queries import filter_choices
from cases.models import ContactVisibility, InterventionStatus
from cases.months import Month
from cases.overviews.pdf import (
    CASELOAD_TEMPLATE,
    caseload_overview_context,
    render_case_overview_html,
)
from partners.models import PartnerKind
from tests.base import involve
from tests.factories import (
    CaseFactory,
    ContactFactory,
    GroupMembershipFactory,
    InterventionFactory,
    MembershipFactory,
    PartnerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
GENERATED = re.compile(r'<p class="generated">.*?</p>', re.S)


def values_for(name, field, world):
    """The values worth trying for one filter field, from its type."""
    today = timezone.localdate()
    if isinstance(field, forms.ChoiceField):
        return [value for value, _label in field.choices if value not in ("", None)][:12]
    if isinstance(field, forms.IntegerField):
        low, high = field.min_value or 0, field.max_value or 3650
        return [n for n in (0, 1, 3, 7, 14, 30, 60, 365) if low <= n <= high]
    if isinstance(field, forms.DateField):
        return [today - timedelta(days=n) for n in (400, 60, 30, 7, 0)]
    if isinstance(field, forms.BooleanField):
        return ["on"]
    if isinstance(field, forms.CharField):
        return [world["case_a"].youth.last_name, world["case_a"].number, "PGA"]
    pytest.fail(f"The caseload filter {name!r} has a type this test does not know: {field}")


def queries(world, user):
    form = CaseloadFilterForm(choices=filter_choices(user))
    tried = []
    for name, field in form.fields.items():
        for value in values_for(name, field, world):
            tried.append({name: value})
            if name != "status":
                tried.append({name: value, "status": "alle"})
    assert {next(iter(q)) for q in tried} == set(CaseloadFilterForm.base_fields)
    return tried


def observe(client, user, world):
    """Everything the user's caseload shows for each filter and sort, and the monthly PDFs."""
    client.force_login(user)
    seen = {}
    for query in queries(world, user):
        response = client.get("/casussen/", query)
        assert response.status_code == 200, query
        key = tuple(sorted((k, str(v)) for k, v in query.items()))
        seen[key] = CSRF.sub("", response.content.decode())
    month = Month.parse(f"{timezone.localdate():%Y-%m}")
    seen["pdf:caseload"] = GENERATED.sub(
        "", render_to_string(CASELOAD_TEMPLATE, caseload_overview_context(user, month))
    )
    seen["pdf:case_a"] = GENERATED.sub("", render_case_overview_html(user, world["case_a"], month))
    return seen


def changed(before, after):
    return {key for key in before if before[key] != after[key]}


@pytest.fixture
def world(personas):
    coordinator, case_a = personas.coordinator, personas.case_a
    jeugdbescherming = PartnerFactory(
        name="Jeugdbescherming Test", kind=PartnerKind.JEUGDBESCHERMING
    )
    xavier = MembershipFactory(user=UserFactory(username="xavier"), partner=jeugdbescherming).user
    involve(case_a, jeugdbescherming, by=coordinator)
    case_b = CaseFactory(coordinator=coordinator)  # only jeugdbescherming is involved
    involve(case_b, jeugdbescherming, by=coordinator)
    GroupMembershipFactory(youth=case_a.youth)
    ContactFactory(
        case=case_a,
        partner=personas.politie,
        author=personas.petra,
        occurred_at=timezone.now() - timedelta(days=40),
    )
    return {
        "personas": personas,
        "case_a": case_a,
        "case_b": case_b,
        "jeugdbescherming": jeugdbescherming,
        "xavier": xavier,
    }


def foreign_changes(world):
    """What another organisation does that the police may not learn anything from."""
    personas, today = world["personas"], timezone.localdate()
    ContactFactory(
        case=world["case_a"],
        partner=world["jeugdbescherming"],
        author=world["xavier"],
        visibility=ContactVisibility.RESTRICTED,
        occurred_at=timezone.now() - timedelta(days=5),
    )
    InterventionFactory(
        case=world["case_b"],
        responsible_partner=world["jeugdbescherming"],
        status=InterventionStatus.LOPEND,
        started_on=world["case_b"].registered_on,
        planned_end_on=today + timedelta(days=5),
    )
    involve(world["case_b"], personas.woningcorporatie, by=personas.coordinator)


def test_foreign_restricted_contacts_interventions_and_involvements_change_nothing_a_partner_sees(
    client, world
):
    personas = world["personas"]
    observers = {
        "petra": personas.petra,
        "coordinator": personas.coordinator,
        "xavier": world["xavier"],
    }
    before = {name: observe(client, user, world) for name, user in observers.items()}
    foreign_changes(world)
    after = {name: observe(client, user, world) for name, user in observers.items()}

    assert len(before["petra"]) > 100
    assert changed(before["petra"], after["petra"]) == set()
    # Positive controls: the same change shows where it may.
    silent_30 = (("no_contact_days", "30"),)
    ending_14 = (("ending_within", "14"),)
    woningcorporatie = (("partner", str(personas.woningcorporatie.pk)),)
    assert {silent_30, ending_14, woningcorporatie} <= changed(
        before["coordinator"], after["coordinator"]
    )
    assert silent_30 in changed(before["xavier"], after["xavier"])
    assert "pdf:case_a" in changed(before["xavier"], after["xavier"])

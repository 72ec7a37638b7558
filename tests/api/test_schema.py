"""schemathesis against the API's own OpenAPI schema, as each kind of client: a partner's
system account, a management account, and one without a token. Every generated request
(valid and invalid input) must get no server error and an answer that matches the schema:
its status, its content type and its body."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cases.models import ContactVisibility
from tests.api.helpers import api_key, system_account
from tests.base import involve
from tests.factories import CaseFactory, ContactFactory, InterventionFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 25
pytestmark = pytest.mark.django_db


@pytest.fixture
def app():
    """Django as a WSGI app in this test's transaction: the signals that would close the
    connection before and after each request are off, as in Django's own test client."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def keys(personas):
    case = personas.case_a
    ContactFactory(case=case, partner=personas.politie, visibility=ContactVisibility.SHARED)
    ContactFactory(case=case, partner=personas.politie, visibility=ContactVisibility.RESTRICTED)
    InterventionFactory(case=case, responsible_partner=personas.politie)
    involve(
        CaseFactory(coordinator=personas.coordinator), personas.politie, by=personas.coordinator
    )
    return {
        "partner": api_key(system_account("zvh", partner=personas.politie), personas.beheer),
        "management": api_key(system_account("dwh", management=True), personas.beheer),
        "zonder token": None,
    }


def operations():
    schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(public=True))
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("client_kind", ["partner", "management", "zonder token"])
def test_every_operation_answers_as_documented(app, keys, client_kind, settings_api_unlimited):
    headers = {"Authorization": f"Bearer {keys[client_kind]}"} if keys[client_kind] else {}
    found = operations()
    assert {op.label for op in found} >= {
        "GET /api/v1/casussen/",
        "GET /api/v1/casussen/{case_id}/",
        "GET /api/v1/casussen/{case_id}/contactmomenten/",
        "GET /api/v1/casussen/{case_id}/interventies/",
        "GET /api/v1/cijfers/",
    }
    statuses = set()
    for operation in found:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call_and_validate(app=app, headers=headers, checks=CHECKS)
            statuses.add(response.status_code)

        check()
    expected = {"partner": 200, "management": 403, "zonder token": 401}[client_kind]
    assert expected in statuses

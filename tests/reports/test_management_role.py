"""The management role sees aggregated figures and nothing else: no case, youth, group or
meeting, not even one whose id it guesses; and it is never held by a chain partner."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from partners.models import Right
from partners.permissions import is_management
from partners.roles import role_and_organisation
from partners.services import approve_rights_change, propose_rights_change
from tests.api.helpers import api_key, system_account
from tests.factories import MembershipFactory, UserFactory
from tests.test_access_matrix import build_world, refusals

pytestmark = pytest.mark.django_db


def refused(route, response):
    if route.is_api:  # read as a management system account: no case, write nothing
        method = response.request["REQUEST_METHOD"]
        return response.status_code in ((403, 404) if method == "GET" else (405,))
    if route.is_admin:
        return response.status_code == 302 and response.url.startswith("/beheer/login/")
    return response.status_code in (403, 404)


def test_management_gets_403_or_404_on_every_route_with_an_object_id(client, personas, marloes):
    objects = build_world(personas)
    client.force_login(marloes)
    key = api_key(system_account("dwh", management=True), personas.beheer)
    tried, failures = refusals(client, objects, refused, api_key=key)
    assert tried > 100
    assert failures == []


@pytest.mark.parametrize("url", ["/casussen/", "/groepen/", "/overleggen/", "/afspraken/"])
def test_management_has_no_caseload_no_groups_no_meetings(client, personas, marloes, url):
    client.force_login(marloes)
    response = client.get(url)
    assert response.status_code in (403, 404)
    assert personas.case_a.number not in response.content.decode()


def test_management_is_granted_by_two_beheerders_and_never_to_a_partner_employee(personas, marloes):
    bea = UserFactory(username="bea")
    bea.groups.add(*personas.beheer.groups.all())
    newcomer = UserFactory(username="nieuw")
    change = propose_rights_change(
        newcomer, Right.MANAGEMENT, grant=True, by=personas.beheer, reason="Directie"
    )
    assert not is_management(newcomer)
    approve_rights_change(change, by=bea)
    newcomer.refresh_from_db()
    assert newcomer.groups.filter(name=settings.MANAGEMENT_GROUP).exists()
    with pytest.raises(ValidationError, match="krijgt geen rol van de gemeente"):
        propose_rights_change(
            personas.wim, Right.MANAGEMENT, grant=True, by=personas.beheer, reason="x"
        )
    with pytest.raises(ValidationError, match="rol van de gemeente"):
        propose_rights_change(
            marloes, Right.ORGANISATION, grant=True, partner=personas.politie,
            by=personas.beheer, reason="x",
        )  # fmt: skip


def test_a_partner_employee_in_the_management_group_is_no_management(personas, marloes):
    MembershipFactory(user=marloes, partner=personas.politie)
    marloes.refresh_from_db()
    assert not is_management(marloes)


def test_management_is_named_by_its_role_to_a_data_subject(marloes):
    assert role_and_organisation(marloes).startswith("Management, ")

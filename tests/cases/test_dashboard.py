from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import CaseStatus, ClosureReason, Priority
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_a_coordinator_lands_on_the_dashboard_with_figures_that_link_to_the_caseload(
    client, coordinator, case_a
):
    today = timezone.localdate()
    CaseFactory(
        registered_on=today, started_on=None, status=CaseStatus.AANGEMELD, priority=Priority.HOOG
    )
    CaseFactory(status=CaseStatus.AFGESLOTEN, closed_on=today, closure_reason=ClosureReason.OVERIG)
    client.force_login(coordinator)
    response = client.get("/")
    tiles = {tile["label"]: tile for tile in response.context["tiles"]}
    assert tiles["Nieuw aangemeld deze maand"]["count"] == 1
    assert tiles["Afgesloten deze maand"]["count"] == 1
    linked = client.get(tiles["Nieuw aangemeld deze maand"]["url"])
    assert len(linked.context["page"].object_list) == 1
    aangemeld = response.context["matrix"][0]
    assert aangemeld["status"] == CaseStatus.AANGEMELD
    assert [cell["count"] for cell in aangemeld["cells"]] == [1, 0, 0]
    assert client.get(aangemeld["cells"][0]["url"]).context["page"].paginator.count == 1


def test_the_dashboard_chart_shows_12_months_of_inflow_and_outflow(client, coordinator, case_a):
    CaseFactory(registered_on=timezone.localdate() - timedelta(days=400))
    client.force_login(coordinator)
    page = client.get("/").content.decode()
    assert "Instroom en uitstroom per maand, laatste 12 maanden" in page
    assert page.count(": Instroom (aangemeld) ") == 12  # one bar (with its title) a month
    assert page.count(": Uitstroom (afgesloten) ") == 12


def test_partners_have_no_dashboard_but_their_agreements(client, petra):
    """A partner's home is Mijn afspraken (issue 16), never the team's figures."""
    client.force_login(petra)
    page = client.get("/").content.decode()
    assert '<h1 class="utrecht-heading-1">Mijn afspraken</h1>' in page
    assert "Vandaag aandacht" not in page and "Instroom" not in page

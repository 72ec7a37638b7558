"""Named personas every test can use (see tests/conftest.py for the fixtures).

- Sanne, procescoördinator: sees every case.
- Petra, wijkagent at the Politie: her organisation is involved in case A.
- Wim, of the woningcorporatie: his organisation is involved in nothing.
- Bert, functioneel beheer: maintains partners and reference lists in /beheer/.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from cases.casefile.services import involve_partner
from cases.models import Case, CaseStatus, InvolvementRole, LegalBasis
from partners.models import PartnerKind
from tests.factories import (
    CaseFactory,
    CoordinatorFactory,
    MembershipFactory,
    PartnerFactory,
    UserFactory,
)

PASSWORD = "correct-horse-battery"


@dataclass
class Personas:
    coordinator: object
    petra: object
    wim: object
    beheer: object
    politie: object
    woningcorporatie: object
    case_a: Case


def involve(case, partner, *, by, **fields):
    """Involve ``partner`` in ``case`` the way the product does: through the service, which
    grants the partner's group access."""
    return involve_partner(
        case,
        partner,
        by=by,
        **{
            "role": InvolvementRole.BETROKKEN,
            "legal_basis": LegalBasis.CONVENANT,
            "started_on": case.registered_on,
            "reason": "Nodig voor de aanpak",
            # Open for months from today, however long ago the case was registered.
            "expires_on": timezone.localdate() + timedelta(days=180),
            **fields,
        },
    )


def make_coordinator(username="sanne"):
    return CoordinatorFactory(username=username, first_name="Sanne", last_name="de Vries")


def make_personas() -> Personas:
    coordinator = make_coordinator()
    politie = PartnerFactory(name="Politie Rotterdam", kind=PartnerKind.POLITIE)
    woningcorporatie = PartnerFactory(
        name="Woningstichting Test", kind=PartnerKind.WONINGCORPORATIE
    )
    petra = MembershipFactory(
        user=UserFactory(username="petra", first_name="Petra", last_name="Jansen"),
        partner=politie,
        job_title="Wijkagent",
    ).user
    wim = MembershipFactory(
        user=UserFactory(username="wim", first_name="Wim", last_name="Smit"),
        partner=woningcorporatie,
    ).user
    beheer = UserFactory(username="bert", first_name="Bert", last_name="Beheer", is_staff=True)
    beheer.groups.add(Group.objects.get(name=settings.ADMINISTRATORS_GROUP))
    case_a = CaseFactory(coordinator=coordinator, status=CaseStatus.ACTIEF)
    involve(case_a, politie, by=coordinator, contact_person=petra)
    return Personas(coordinator, petra, wim, beheer, politie, woningcorporatie, case_a)


def page_queries(client, url: str, rows: str = "page") -> tuple[int, int]:
    """(queries, rows shown) of a list page, for the same-count-with-1-and-30-rows tests. The
    first request renews the session (at most once a minute), so it is not counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), len(response.context[rows].object_list)


def migrate(target):
    """Migrate the test database to ``target`` (app, migration); the project state's apps."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state(target).apps


def migrate_to_latest():
    """Back to the newest migration of every app: a test that migrated backwards must not
    leave an old schema to the tests after it (PostgreSQL keeps the test database)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def job_result(client, url, **params):
    """The result of the background job that ``url`` starts (pga/jobs.py): follows the
    redirect to the job's page (without a broker the job is done at once), downloads it."""
    page = client.get(url, params, follow=True)
    assert page.status_code == 200, page.content[:300]
    job = page.context["job"]
    assert job.status == "klaar", job.status
    return client.get(job.get_download_url())

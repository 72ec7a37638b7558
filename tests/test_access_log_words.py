"""The inzagelog reads in words: who (name and organisation) looked at which tab, contact,
intervention or PDF, with a fixed number of queries per page."""

from datetime import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from cases.casefile.tabs import TABS
from pga.access_log import ROUTE_ACTIONS
from pga.access_log_words import ACTION_WORDS, ROUTE_WORDS, TAB_LABELS, describe_rows
from pga.models import AccessLog
from tests.base import page_queries
from tests.factories import ContactFactory, InterventionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def toezicht(db):
    user = UserFactory(username="tessa", first_name="Tessa", last_name="Toezicht")
    user.groups.add(Group.objects.get(name=settings.SUPERVISORS_GROUP))
    return user


def logged(user, route, method="GET", action="view", **fields):
    organisation = user.membership.partner.name if hasattr(user, "membership") else ""
    return AccessLog.objects.create(
        user=user,
        username=user.username,
        organisation=organisation,
        action=action,
        result="allowed",
        route=route,
        method=method,
        **fields,
    )


def words_of(row):
    [described] = describe_rows([row])
    return described.words


def test_every_logged_route_has_words():
    for route, action in ROUTE_ACTIONS.items():
        actions = set(action.values()) if isinstance(action, dict) else {action}
        if route.startswith("admin:") or actions <= set(ACTION_WORDS) | {None}:
            continue
        assert route in ROUTE_WORDS, route


def test_the_tab_words_are_the_case_pages_tabs():
    assert {key: str(label) for key, label in TAB_LABELS.items()} == dict(TABS)


def test_toezicht_reads_a_tab_in_words_with_the_persons_name_and_organisation(
    client, personas, case_a, toezicht
):
    client.force_login(personas.petra)
    client.get(f"/casussen/{case_a.pk}/", {"tab": "contacten"})
    client.force_login(toezicht)
    page = client.get("/toezicht/inzagelog/", {"gebruiker": "petra"}).content.decode()
    assert "Tabblad Contacten bekeken" in page
    assert "Petra Jansen" in page and "Politie Rotterdam" in page
    assert "tab=contacten" not in page


def test_a_contact_reads_by_its_date_and_organisation(personas, case_a):
    when = timezone.make_aware(datetime(2026, 3, 12, 10, 0))
    contact = ContactFactory(case=case_a, partner=personas.politie, occurred_at=when)
    row = logged(
        personas.petra, "cases:contact_detail", object_type="cases.contact",
        object_id=str(contact.pk), case_id=case_a.pk,
    )  # fmt: skip
    assert words_of(row) == "Contact van 12-03-2026 (Politie Rotterdam) bekeken"


def test_an_intervention_reads_by_its_type(personas, case_a):
    intervention = InterventionFactory(case=case_a)
    row = logged(
        personas.coordinator, "cases:intervention_detail", object_type="cases.intervention",
        object_id=str(intervention.pk), case_id=case_a.pk,
    )  # fmt: skip
    name = intervention.intervention_type.name
    assert words_of(row) == f"Interventie ‘{name}’ bekeken"


@pytest.mark.parametrize(
    "route, expected",
    [
        ("cases:case_overview_pdf", "Casusoverzicht-PDF (maandoverzicht) gedownload"),
        ("cases:informing_letter", "Informatiebrief-PDF gedownload"),
        ("cases:case_history", "Historie van de casus bekeken"),
    ],
)
def test_pdfs_and_the_history_read_in_words(personas, case_a, route, expected):
    row = logged(
        personas.coordinator, route, action="download", object_type="cases.case",
        object_id=str(case_a.pk), case_id=case_a.pk,
    )  # fmt: skip
    assert words_of(row) == expected


def test_a_form_says_whether_it_was_opened_or_sent(personas, case_a):
    contact = ContactFactory(case=case_a, partner=personas.politie)
    fields = {"object_type": "cases.contact", "object_id": str(contact.pk)}
    opened = logged(personas.petra, "cases:contact_edit", **fields)
    sent = logged(personas.petra, "cases:contact_edit", method="POST", action="change", **fields)
    assert words_of(opened).startswith("Formulier geopend: contact van ")
    assert words_of(sent).startswith("Formulier verstuurd: contact van ")
    assert words_of(sent).endswith("(Politie Rotterdam) corrigeren")


def test_a_record_that_is_gone_reads_by_its_number(personas):
    row = logged(
        personas.petra, "cases:contact_detail", object_type="cases.contact", object_id="999999"
    )
    assert words_of(row) == "Contact nr. 999999 (niet meer aanwezig) bekeken"


def test_words_name_no_content_of_the_record(personas, case_a):
    contact = ContactFactory(case=case_a, partner=personas.politie, summary="GEHEIM verhaal")
    row = logged(
        personas.petra, "cases:contact_detail", object_type="cases.contact",
        object_id=str(contact.pk),
    )  # fmt: skip
    assert "GEHEIM" not in words_of(row) and str(case_a.youth) not in words_of(row)


def test_the_log_page_takes_as_many_queries_for_30_rows_as_for_1(
    client, personas, case_a, toezicht
):
    def add_row():
        user = UserFactory()
        contact = ContactFactory(case=case_a, partner=personas.politie)
        intervention = InterventionFactory(case=case_a)
        for route, kind, pk in (
            ("cases:contact_detail", "cases.contact", contact.pk),
            ("cases:intervention_detail", "cases.intervention", intervention.pk),
        ):
            logged(user, route, object_type=kind, object_id=str(pk), case_id=case_a.pk)

    client.force_login(toezicht)
    add_row()
    few = page_queries(client, "/toezicht/inzagelog/?actie=view")
    for _ in range(14):
        add_row()
    many = page_queries(client, "/toezicht/inzagelog/?actie=view")
    assert few[1] == 2 and many[1] == 30
    assert few[0] == many[0]


@pytest.mark.parametrize(
    "action, route, expected",
    [
        ("login", "login", "Ingelogd"),
        ("login_failed", "two_factor_verify", "Inloggen mislukt"),
        ("logout", "logout", "Uitgelogd"),
        ("log_read", "supervision_access_log", "Inzagelog geraadpleegd"),
        (
            "admin",
            "admin:partners_partner_change",
            "Functioneel beheer: ketenpartner nr. 3 bekeken",
        ),
        ("view", "", "Onbekende pagina bekeken"),
    ],
)
def test_logins_beheer_and_unknown_pages_read_in_words(personas, action, route, expected):
    fields = {"object_type": "partners.partner", "object_id": "3"} if route.startswith("a") else {}
    row = logged(personas.coordinator, route, action=action, **fields)
    assert words_of(row) == expected


@pytest.mark.parametrize(
    "route, method, object_type, object_id, expected",
    [
        ("admin:index", "GET", "", "", "startpagina bekeken"),
        ("admin:", "GET", "", "", "onbekende of verouderde beheerpagina opgevraagd"),
        ("admin:password_change", "GET", "", "", "formulier eigen wachtwoord wijzigen geopend"),
        ("admin:axes_accessattempt_changelist", "GET", "", "", "lijst van inlogpogingen bekeken"),
        ("admin:partners_partner_changelist", "GET", "", "", "lijst van ketenpartners bekeken"),
        ("admin:partners_partner_change", "POST", "partners.partner", "3", "ketenpartner nr. 3 gewijzigd"),
        ("admin:otp_static_staticdevice_change", "GET", "otp_static.staticdevice", "2", "set reservecodes nr. 2 bekeken"),
        ("admin:cases_case_simple_history", "GET", "cases.case", "7", "eerdere versie van casus nr. 7 bekeken"),
        ("admin:partners_partner_change", "GET", "partners.partner", "^([^/]+)/x/$", "ketenpartner (onbekend nummer) bekeken"),
    ],
)  # fmt: skip
def test_beheer_pages_read_in_words_whatever_the_route(
    personas, route, method, object_type, object_id, expected
):
    row = logged(
        personas.coordinator, route, method=method, action="admin",
        object_type=object_type, object_id=object_id,
    )  # fmt: skip
    assert words_of(row) == f"Functioneel beheer: {expected}"


def test_beheer_requests_log_the_model_and_id_of_any_app_label(client, personas):
    """otp_static holds an underscore; the simple-history version page names its record by
    position, not by keyword."""
    from django.contrib.auth.models import User  # noqa: PLC0415

    admin = User.objects.create_superuser("root", password="x")
    client.force_login(admin)
    for path in (
        "/beheer/otp_static/staticdevice/2/change/",
        f"/beheer/cases/case/{personas.case_a.pk}/history/"
        f"{personas.case_a.history.first().history_id}/",
    ):
        client.get(path)
    rows = AccessLog.objects.filter(route__startswith="admin:").order_by("pk")
    assert [(r.object_type, r.object_id) for r in rows if r.object_type] == [
        ("otp_static.staticdevice", "2"),
        ("cases.case", str(personas.case_a.pk)),
    ]

"""The demo loader: recognisable, complete, and idempotent."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from cases.demo import DEMO_PASSWORD, MARKER_GROUP
from cases.models import (
    CaseStatus,
    Contact,
    ContactVisibility,
    Household,
    InterventionType,
    Track,
    YouthGroup,
)
from partners.models import Membership, Partner

pytestmark = pytest.mark.django_db(transaction=False)


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for label in ("cases", "partners", "auth")
        for model in apps.get_app_config(label).get_models()
    }


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True  # as in `make run`
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_without_debug_it_refuses_unless_told_it_is_sure(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="alleen met DEBUG=true"):
        call_command("load_demo")
    assert not YouthGroup.objects.filter(name=MARKER_GROUP).exists()
    call_command("load_demo", "--ik-weet-het-zeker", stdout=open("/dev/null", "w"))
    assert YouthGroup.objects.filter(name=MARKER_GROUP).exists()


def test_it_never_loads_into_a_database_with_real_cases(case_a, settings):
    settings.DEBUG = True
    for arguments in ([], ["--ik-weet-het-zeker"]):
        with pytest.raises(CommandError, match="1 casus"):
            call_command("load_demo", *arguments)
    assert not get_user_model().objects.filter(username="karim").exists()


def test_it_refuses_a_real_case_added_after_the_demo_too(demo):
    from tests.factories import CaseFactory

    CaseFactory()
    with pytest.raises(CommandError, match="geen demogegevens"):
        call_command("load_demo")


def test_a_second_run_adds_nothing(demo, capsys):
    before = row_counts()
    call_command("load_demo")
    assert row_counts() == before
    assert "al geladen" in capsys.readouterr().out


def test_it_prints_the_accounts_and_the_password(demo, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    for username in ("beheer", "sanne", "karim", "petra", "wim"):
        assert f"  {username} " in out
    assert "http://127.0.0.1:8000/inloggen/" in out
    assert "make code user=" in out  # how to get the second factor's code
    call_command("load_demo", "--poort", "8001")  # make run PORT=8001
    assert "http://127.0.0.1:8001/inloggen/" in capsys.readouterr().out


def test_the_charlois_group_has_about_eight_boys_with_two_brother_pairs(demo):
    group = YouthGroup.objects.get(name=MARKER_GROUP)
    assert group.district.name == "Charlois"
    members = [m.youth for m in group.memberships.select_related("youth")]
    assert 7 <= len(members) <= 9
    per_household = {}
    for youth in members:
        per_household.setdefault(youth.household_id, []).append(youth)
    assert sum(1 for youths in per_household.values() if len(youths) == 2) >= 2


def test_every_household_has_the_mother_as_key_figure(demo):
    for household in Household.objects.prefetch_related("members"):
        key_figures = [m for m in household.members.all() if m.is_key_figure]
        assert [m.relation for m in key_figures] == ["moeder"], household


def test_cases_in_every_status_and_interventions_in_every_track(demo):
    from cases.models import Case, Intervention

    assert set(Case.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    tracks = set(Intervention.objects.values_list("intervention_type__track", flat=True))
    assert tracks == set(Track.values)
    assert InterventionType.objects.count() > len(Track.values)


def test_a_working_teams_caseload_a_few_dozen_cases_and_two_groups(demo):
    from cases.models import Case

    assert 30 <= Case.objects.count() <= 45
    assert Case.objects.open().count() >= 25  # the caseload pages (25 a page)
    assert YouthGroup.objects.count() == 2
    assert all(group.memberships.count() >= 5 for group in YouthGroup.objects.all())


def test_the_history_is_spread_over_the_months_it_describes(demo):
    """Not every row at the moment the demo was loaded: a contact is correctable for a day,
    and a monthly overview's 'wijzigingen deze maand' lists that month's changes only."""
    from datetime import timedelta

    from django.utils import timezone

    from cases.models import Case

    now = timezone.now()
    months = {(row.history_date.year, row.history_date.month) for row in Case.history.all()}
    assert len(months) >= 12
    for case in Case.objects.all():
        first = case.history.earliest("history_date")
        assert first.history_date.date() == case.registered_on
    correctable = Contact.objects.filter(created_at__gte=now - timedelta(hours=24)).count()
    assert correctable <= Contact.objects.count() / 20  # today's few, not all of them
    for contact in Contact.objects.all()[:50]:
        assert contact.created_at >= contact.occurred_at
        assert contact.history.get().history_date == contact.created_at


def test_hundreds_of_contacts_over_the_months_some_restricted(demo):
    assert 300 <= Contact.objects.count() <= 700
    assert Contact.objects.filter(visibility=ContactVisibility.RESTRICTED).exists()
    for contact in Contact.objects.select_related("case"):
        contact.full_clean()  # not in the future, not before the case was registered


def test_about_ten_partners_of_different_kinds(demo):
    assert Partner.objects.count() >= 10
    assert Partner.objects.values("kind").distinct().count() >= 10


def test_demo_accounts_can_log_in_with_their_roles(demo, client):
    user_model = get_user_model()
    coordinators = user_model.objects.filter(groups__name=settings.COORDINATORS_GROUP)
    assert coordinators.count() == 2
    beheer = user_model.objects.get(username="beheer")
    assert beheer.is_staff and not beheer.is_superuser
    partner_employees = Membership.objects.exclude(partner__kind="gemeente")
    assert partner_employees.values("partner").distinct().count() >= 4
    for username in ("beheer", "sanne", "petra"):
        response = client.post("/inloggen/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        client.post("/uitloggen/")


def test_the_demo_history_names_who_did_it_and_why(demo):
    from cases.models import Case

    case = Case.objects.filter(status=CaseStatus.AFGESLOTEN).order_by("number").first()
    reasons = list(case.history.values_list("history_change_reason", flat=True))
    assert "Besproken in het casusoverleg: opgenomen in de PGA" in reasons
    assert all(row.history_user == case.coordinator for row in case.history.all())


def test_every_interventions_responsible_partner_is_involved_in_its_case(demo):
    from cases.models import Intervention

    for intervention in Intervention.objects.select_related("case", "responsible_partner"):
        partners = set(intervention.case.involvements.values_list("partner", flat=True))
        assert intervention.responsible_partner_id in partners, intervention


def test_every_case_that_became_active_was_informed_or_says_why_not_yet(demo):
    """The duty to inform (cases/informing): two demo youths are not informed yet, one of
    them past the date to reconsider, so the dashboard's list shows something."""
    from cases.models import Case

    started = Case.objects.filter(started_on__isnull=False)
    assert started.count() >= 20
    for case in started:
        assert case.informed_on or (case.not_informed_reason and case.inform_review_on), case
    assert started.filter(informed_on__isnull=True).count() == 2
    assert Case.objects.inform_review_overdue().count() == 1


def test_the_demo_api_accounts_read_what_their_organisation_sees(demo, client):
    from cases.demo import demo_api_key
    from cases.permissions import visible_cases

    account = get_user_model().objects.get(username="zvh-politie")
    answer = client.get(
        "/api/v1/casussen/",
        {"pagina_grootte": 100},
        HTTP_AUTHORIZATION=f"Bearer {demo_api_key('zvh-politie')}",
    ).json()
    assert answer["aantal"] == visible_cases(account).count() > 0
    figures = client.get(
        "/api/v1/cijfers/", HTTP_AUTHORIZATION=f"Bearer {demo_api_key('datawarehouse')}"
    )
    assert figures.status_code == 200 and figures.json()["tabellen"]
    refused = client.get(
        "/api/v1/casussen/", HTTP_AUTHORIZATION=f"Bearer {demo_api_key('datawarehouse')}"
    )
    assert refused.status_code == 403

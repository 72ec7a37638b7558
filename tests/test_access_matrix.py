"""The access matrix: every route that takes an object id, tried by someone who may not see
that object, answers 404 (or sends an anonymous visitor to the login).

The test finds the routes itself by walking the URL resolver, so a view added later without
protection makes it fail without anyone editing this file. Id parameters are recognised by
name; a route with a parameter this file does not know fails the test, which asks for the
name to be added below (follow the convention: ``<int:case_id>``, ``<int:contact_id>``, …).
"""

import re
from dataclasses import dataclass

import pytest
from axes import models as axes_models
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.casefile.services import record_assessment
from cases.casefile.tabs import TABS
from cases.groups.services import change_group_phase
from cases.handover.services import make_handover
from cases.models import (
    AgendaItem,
    Agreement,
    Assessment,
    AssessmentDomain,
    Case,
    CaseUserObjectPermission,
    Contact,
    District,
    Goal,
    GroupGoal,
    GroupIntervention,
    GroupMembership,
    Handover,
    Household,
    HouseholdMember,
    Insight,
    Intervention,
    InterventionType,
    Involvement,
    Meeting,
    MonthlyOverview,
    OverviewKind,
    PersonRelation,
    PurgedCase,
    Youth,
    YouthGroup,
)
from cases.overviews.batch import Job, store
from cases.proportionality.toetsing import record_toets
from cases.registration.services import next_case_number
from partners.models import Right
from partners.services import propose_rights_change
from pga.access_log import action_for
from pga.jobs import start_job
from pga.models import AccessAction, AccessLog, FailedTask, Notification
from pga.models import Job as BackgroundJob
from pga.notifications import notify
from tests.api.helpers import api_key, system_account
from tests.factories import (
    AgendaItemFactory,
    AgreementFactory,
    ContactFactory,
    DecisionFactory,
    GoalEvaluationFactory,
    GoalFactory,
    GroupGoalFactory,
    GroupInterventionFactory,
    GroupMembershipFactory,
    GroupReadingFactory,
    HouseholdMemberFactory,
    InsightFactory,
    InterventionFactory,
    InvitationFactory,
    PersonRelationFactory,
    ThemeFactory,
    UserFactory,
    assessment_domains,
)

# Parameter name → the model whose id it carries (our views' convention).
ID_PARAMETERS = {
    "case_id": Case,
    "youth_id": Youth,
    "household_id": Household,
    "member_id": HouseholdMember,
    "group_id": YouthGroup,
    "group_membership_id": GroupMembership,
    "involvement_id": Involvement,
    "intervention_id": Intervention,
    "contact_id": Contact,
    "assessment_id": Assessment,
    "overview_id": MonthlyOverview,
    "meeting_id": Meeting,
    "agenda_item_id": AgendaItem,
    "goal_id": Goal,
    "agreement_id": Agreement,
    "relation_id": PersonRelation,
    "insight_id": Insight,
    "group_goal_id": GroupGoal,
    "group_intervention_id": GroupIntervention,
    "job_id": BackgroundJob,
    "notification_id": Notification,
    "handover_id": Handover,
}
# Admin-style parameters: the model follows from the route name (admin:<app>_<model>_<view>).
ADMIN_ID_PARAMETERS = {"object_id", "id", "pk"}
# Parameters that carry no object id, with a value that makes the route resolve.
THIS_MONTH = f"{timezone.localdate():%Y-%m}"
OTHER_PARAMETERS = {
    "month": THIS_MONTH,
    "period": THIS_MONTH,
    "table": "instroom",
    "rest": "onbekend/",  # the API's catch-all for addresses it does not have
}
# Parameters of routes that take no object at all (skipped: nothing to protect by id).
NON_OBJECT_PARAMETERS = {"app_label", "url"}


@dataclass
class Route:
    namespace: str
    name: str
    route: str  # the full path pattern, e.g. "beheer/cases/case/<path:object_id>/change/"
    parameters: list

    @property
    def label(self):
        return f"{self.namespace}:{self.name}" if self.name else f"{self.namespace}:<naamloos>"

    @property
    def is_admin(self):
        return self.namespace == "admin"

    @property
    def is_api(self):
        """The read-only API: a system account's token, not a session, opens it."""
        return self.namespace == "api"


def walk(patterns, namespace="", prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(
                entry.url_patterns, entry.namespace or namespace, prefix + str(entry.pattern)
            )
        elif isinstance(entry, URLPattern):
            pattern, parameters = named(str(entry.pattern), entry.pattern.regex, namespace)
            yield Route(namespace, entry.name or "", prefix + pattern, parameters)


# Names for a regular expression's unnamed groups: django-simple-history's version page in
# beheer is ^([^/]+)/history/([^/]+)/$ (record, version). Elsewhere an unnamed group gets a
# name value_for() does not know, so the test asks for it to be named.
POSITIONAL = {"admin": ("object_id", "version_id")}
UNNAMED_GROUP = re.compile(r"\((?!\?)[^()]*\)")


def named(pattern, regex, namespace):
    """(the pattern with its unnamed groups as <name>, every parameter's name)."""
    parameters = list(regex.groupindex)
    if regex.groups == len(parameters):
        return pattern, parameters
    names = iter(POSITIONAL.get(namespace, ()))
    unnamed = []

    def name(_match):
        unnamed.append(next(names, f"positional_{len(unnamed)}"))
        return f"<{unnamed[-1]}>"

    return UNNAMED_GROUP.sub(name, pattern).lstrip("^").rstrip("$"), parameters + unnamed


OBJECT_ID_PARAMETERS = set(ID_PARAMETERS) | ADMIN_ID_PARAMETERS | {"version_id", "content_type_id"}


def routes_with_object_ids(urlconf=None):
    """Routes that name an object by id. A parameter the matrix does not know also counts,
    so that urls_for() stops the test and asks for it to be named."""
    for route in walk(get_resolver(urlconf).url_patterns):
        names = set(route.parameters) - NON_OBJECT_PARAMETERS - set(OTHER_PARAMETERS)
        if names:
            yield route


def admin_model(route):
    match = re.match(r"beheer/(\w+)/(\w+)/", route.route)
    assert match, f"Unknown admin route {route.route}"
    return ContentType.objects.get(app_label=match.group(1), model=match.group(2)).model_class()


def value_for(parameter, route, objects):
    if parameter in ID_PARAMETERS:
        return objects[ID_PARAMETERS[parameter]].pk
    if route.is_admin and parameter == "content_type_id":  # "view on site"
        return ContentType.objects.get_for_model(Case).pk
    if route.is_admin and parameter == "object_id" and "content_type_id" in route.parameters:
        return objects[Case].pk
    if route.is_admin and parameter in ADMIN_ID_PARAMETERS:
        return objects[admin_model(route)].pk
    if route.is_admin and parameter == "version_id":
        return objects[admin_model(route)].history.first().history_id
    if parameter in OTHER_PARAMETERS:
        return OTHER_PARAMETERS[parameter]
    pytest.fail(
        f"Route {route.route} has parameter {parameter!r}, which the access matrix does not "
        "know. Name id parameters <model>_id and add them to ID_PARAMETERS."
    )


def urls_for(route, objects):
    """The URL of ``route`` filled with ids of existing objects."""
    if route.route.startswith("^"):
        pytest.fail(f"Route {route.route} is a regular expression: use path() for routes with ids.")
    values = {parameter: value_for(parameter, route, objects) for parameter in route.parameters}
    return ["/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route.route)]


# Routes that change state on GET or end the session; they have no page to look at.
NOT_PAGES = {"admin:logout", "admin:view_on_site", "admin:autocomplete", "admin:jsi18n"}


def every_page(objects, *, admin: bool) -> list[str]:
    """The URL of every page (every tab of the case page), filled with ids from
    build_world(): downloads and routes that are no page left out."""
    urls = []
    for route in walk(get_resolver().url_patterns):
        if (
            route.label.lstrip(":") in NOT_PAGES
            or route.label in NOT_PAGES
            or route.is_admin != admin
        ):
            continue
        get = action_for(route.label.lstrip(":"), "GET")
        if get == AccessAction.DOWNLOAD:
            continue  # downloads, not pages: known by the access log's action, not by the URL
        if get is None:
            continue  # a GET the route refuses (logout, mark all read): posted to, not a page
        if "url" in route.parameters:
            continue  # the admin's catch-all: not a page
        if route.is_api:
            continue  # JSON for systems (tests/api/), not a page
        if "app_label" in route.parameters:  # the admin's page per app
            urls.extend(f"/beheer/{label}/" for label in ("cases", "partners", "auth"))
        elif route.name == "case_detail":  # every tab of the case page
            [url] = urls_for(route, objects)
            urls.extend(f"{url}?tab={key}" for key, _label in TABS)
        else:
            urls.extend(urls_for(route, objects))
    return sorted(set(urls))


def build_world(personas):
    """One case with something of every kind hanging from it; Wim's organisation is
    involved in nothing."""
    case = personas.case_a
    coordinator = personas.coordinator
    HouseholdMemberFactory(household=case.youth.household)
    membership = GroupMembershipFactory(youth=case.youth)
    group = membership.youth_group
    other = GroupMembershipFactory(youth_group=group).youth
    PersonRelationFactory(youth=case.youth, other_youth=other, kind="invloed")
    InsightFactory(case=case).themes.add(ThemeFactory(name="Testthema"))
    InsightFactory(case=None, youth_group=group, kind="behoefte")
    GroupReadingFactory(youth_group=group)
    change_group_phase(
        group, by=coordinator, phase="duiding", entered_on=case.registered_on, reason="x"
    )
    goal_of_group = GroupGoalFactory(youth_group=group)
    GroupInterventionFactory(
        youth_group=group, goal=goal_of_group, responsible_partner=personas.politie
    )
    InterventionFactory(case=case, responsible_partner=personas.politie)
    ContactFactory(case=case, partner=personas.politie, author=personas.petra)
    item = AgendaItemFactory(case=case)
    InvitationFactory(item=item, partner=personas.politie)
    DecisionFactory(item=item)
    goal = GoalFactory(case=case)
    GoalEvaluationFactory(goal=goal, agenda_item=item)
    AgreementFactory(case=case, partner=personas.politie, goal=goal, agenda_item=item)
    record_assessment(
        case,
        by=coordinator,
        assessed_on=case.registered_on,
        scores={assessment_domains()[0]: 3},
    )
    record_toets(
        case,
        by=coordinator,
        reviewed_on=timezone.localdate(),
        meets_criteria=True,
        adds_value=True,
        scale_down_possible=False,
        reason="Nog nodig",
        decisions={i: ("behouden", "Nodig") for i in case.involvements.active()},
    )
    store(Job(OverviewKind.CASE, case.pk, THIS_MONTH), b"%PDF-1.7 archief", by=coordinator)
    make_handover(
        case,
        by=coordinator,
        recipient="Zorg- en Veiligheidshuis Rijnmond",
        legal_ground="convenant_zvh",
        explanation="Escalatie",
        sections=["includes_summary"],
    )
    with transaction.atomic():
        next_case_number(timezone.localdate().year, by=coordinator)  # its counter
    # An open proposal in the rechtenlog, so its pages (view, decide) are tried too.
    propose_rights_change(
        UserFactory(username="nieuw"),
        Right.COORDINATOR,
        grant=True,
        by=personas.beheer,
        reason="Test",
    )
    # A user-level grant exists only so its admin pages are tried too.
    CaseUserObjectPermission.objects.create(
        content_object=case,
        user=coordinator,
        permission=Permission.objects.get(codename="view_case"),
    )
    AccessLog.objects.create(action="view", result="allowed", user=coordinator, case=case)
    # The coordinator's background job (the team's caseload PDF): nobody else's to see.
    start_job(coordinator, "caseload_team_pdf", {"month": THIS_MONTH})
    # A background task that kept failing, for beheer's list (/beheer/pga/failedtask/).
    FailedTask.objects.create(task_name="cases.make_monthly_overview", error="OSError")
    # The coordinator's notification: nobody else's to open.
    (notification,) = notify([coordinator], "dagoverzicht", key="matrix", url="/")
    PurgedCase.objects.create(
        closed_month=case.registered_on.replace(day=1),
        status="afgesloten",
        contacts=0,
        interventions=0,
        involvements=0,
        assessments=0,
    )
    # Second-factor devices (django-otp) have admin pages, one of which shows the secret.
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    static = StaticDevice.objects.create(user=coordinator, name="Reservecodes")
    static.token_set.create(token="abcd1234")
    # The lock-out's records (django-axes) have admin pages too.
    attempt = {
        "user_agent": "test",
        "ip_address": "10.0.0.1",
        "username": "x",
        "http_accept": "*/*",
        "path_info": "/inloggen/",
    }
    axes_models.AccessAttempt.objects.create(
        **attempt, get_data="", post_data="", failures_since_start=1
    )
    axes_models.AccessFailureLog.objects.create(**attempt)
    axes_models.AccessLog.objects.create(**attempt)
    # An API token (beheer's page and its decision page).
    api_key(system_account("systeem-politie", partner=personas.politie), personas.beheer)
    objects = {}
    for model in ContentType.objects.filter(
        app_label__in=["cases", "partners", "auth", "pga", "axes", "otp_totp", "otp_static"]
    ):
        model_class = model.model_class()
        if model_class is not None and model_class.objects.exists():
            objects[model_class] = model_class.objects.first()
    objects[Case] = case
    objects[Group] = personas.politie.group
    objects[type(coordinator)] = coordinator
    objects[Notification] = notification
    for reference in (District, InterventionType, AssessmentDomain):
        assert reference in objects
    return objects


def refusals(client, objects, expected, urlconf=None, api_key=None):
    """Try every route × method; return (tried, failures). The API's routes are tried with
    ``api_key``, the token of a system account of the same organisation (or none)."""
    tried, failures = 0, []
    for route in routes_with_object_ids(urlconf):
        token = {"HTTP_AUTHORIZATION": f"Bearer {api_key}"} if api_key and route.is_api else {}
        for url in urls_for(route, objects):
            for method in ("get", "post"):
                response = getattr(client, method)(url, **token)
                tried += 1
                if not expected(route, response):
                    failures.append(
                        f"{method.upper()} {url} ({route.label}) → {response.status_code}"
                    )
    return tried, failures


def _tried_urls(objects):
    return [url for route in routes_with_object_ids() for url in urls_for(route, objects)]


def refused_for_logged_in(route, response):
    if route.is_api:
        # Read only: any other method is refused before an object is looked up (the same
        # answer whether the object exists or not); a read of another's object is a 404.
        method = response.request["REQUEST_METHOD"]
        return response.status_code == (404 if method == "GET" else 405)
    if route.is_admin:
        # Partner employees are not staff: the admin sends them to its own login.
        return response.status_code == 302 and response.url.startswith("/beheer/login/")
    return response.status_code == 404


def refused_for_anonymous(route, response):
    if route.is_api:
        return response.status_code == 401  # no token: the API has no login page
    if response.status_code != 302:
        return False
    return response.url.startswith("/beheer/login/" if route.is_admin else "/inloggen/")


def report(capsys, line):
    with capsys.disabled():  # shown in every run, not only on failure
        print(line)


@pytest.mark.django_db
def test_an_uninvolved_partner_gets_404_on_every_route_with_an_object_id(client, personas, capsys):
    objects = build_world(personas)
    client.force_login(personas.wim)
    # The API as a system account of Wim's organisation (Woningstichting).
    key = api_key(
        system_account("systeem-woning", partner=personas.woningcorporatie), personas.beheer
    )
    tried, failures = refusals(client, objects, refused_for_logged_in, api_key=key)
    report(capsys, f"\naccess matrix: {tried} route × method × object combinations as Wim")
    assert any(url.startswith("/api/") for url in _tried_urls(objects))
    assert tried > 100
    assert failures == []


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_on_every_route_with_an_object_id(
    client, personas, capsys
):
    objects = build_world(personas)
    tried, failures = refusals(client, objects, refused_for_anonymous)
    report(capsys, f"\naccess matrix: {tried} route × method × object combinations anonymous")
    assert failures == []


# The matrix must be able to fail: an unprotected view is caught. -----------------------------


def leaky_case_view(request, case_id):
    from django.http import HttpResponse

    return HttpResponse(Case.objects.get(pk=case_id).number)


urlpatterns = [path("lek/<int:case_id>/", leaky_case_view, name="leaky_case")]


@pytest.mark.django_db
def test_the_matrix_catches_a_view_that_forgets_to_ask_the_permissions_module(client, personas):
    objects = build_world(personas)
    client.force_login(personas.wim)
    with override_settings(ROOT_URLCONF=__name__):
        tried, failures = refusals(client, objects, refused_for_logged_in, urlconf=__name__)
    assert tried == 2
    assert failures == [
        f"GET /lek/{personas.case_a.pk}/ (:leaky_case) → 200",
        f"POST /lek/{personas.case_a.pk}/ (:leaky_case) → 200",
    ]

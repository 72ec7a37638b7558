"""Timings and query counts of the pages people use most, at city scale, in one process.

Every request goes through the whole middleware stack as in production (session, second
factor, access log), with Django's test client, logged in and warm: a few requests first,
then ``runs`` timed ones. Queries are counted on one extra request, so counting never slows
the timed ones.
"""

import statistics
import time
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.seed import LARGE_GROUP_NAME, SMALL_GROUP_NAME, group_partner, totp_key
from cases.casefile.history import entry_count
from cases.casefile.tabs import TABS
from cases.models import (
    Agreement,
    Case,
    CaseGroupObjectPermission,
    CaseStatus,
    District,
    Insight,
    Invitation,
    Meeting,
    OverviewKind,
    PersonRelation,
    Priority,
    YouthGroup,
)
from cases.months import Month
from cases.permissions import content_cases, visible_cases
from cases.reports.queries import default_period
from partners.models import Membership, Partner, PartnerKind

User = get_user_model()

# The goals of issue 9, in milliseconds and queries.
LIST = {"p50": 30, "p95": 100, "queries": 10}
TAB = {"p95": 150, "queries": 20}
# The casusoverleg and the agreements (issue 16): as fast as a list (p50), the meeting page
# and the case's Afspraken tab with the query budget of a case tab.
AGREEMENT_LIST = LIST
MEETING_PAGE = {"p50": LIST["p50"], "p95": LIST["p95"], "queries": TAB["queries"]}
AGREEMENTS_TAB = {**TAB, "p50": LIST["p50"]}
# The group page (issue 17): in the list goals (p50, p95), with the query budget of a case
# tab as the meeting page has (it holds a table of members with their cases, a sociogram, the
# themes and the plan), and a query count that does not grow with the group. Its Historie is
# held to the goal of a case's.
GROUP_PAGE = MEETING_PAGE
GROUP_HISTORY = TAB
# The Sturingsinformatie (issue 21): the page and a table's CSV within the list goals, with
# the same query count for the whole city over a year as for one district over a month.
REPORT_PAGE = {"p50": LIST["p50"], "p95": LIST["p95"]}
CASE_PDF_SECONDS = 0.3
# A month at the limits of what a form accepts (issue 14): still a few seconds at most.
WORST_CASE_PDF_SECONDS = 3.0
WORST_CASE_CONTACTS = 200
BATCH_PDFS_PER_SECOND = 10
PARTNER_RATIO = 1.5
ADMIN_RATIO = 1.0


@dataclass
class Timing:
    name: str
    group: str
    p50_ms: float
    p95_ms: float
    queries: int
    status: int
    goal: dict = field(default_factory=dict)
    misses: list = field(default_factory=list)

    def check(self):
        for key, limit in self.goal.items():
            value = {"p50": self.p50_ms, "p95": self.p95_ms, "queries": self.queries}[key]
            if value > limit:
                self.misses.append(f"{key} {value:g} > {limit:g}")
        return self


def percentile(values, share):
    ordered = sorted(values)
    index = min(int(round(share * (len(ordered) - 1))), len(ordered) - 1)
    return ordered[index]


def logged_in(user) -> Client:
    """A client past the password and the second factor, as after a real login."""
    client = Client()
    client.force_login(user, backend="pga.auth.PGABackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


def count_queries(request) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = request()
    return len(queries), response.status_code


def timed(name, group, request, *, runs, warmup=3, goal=None) -> Timing:
    for _ in range(warmup):
        response = request()
        if response.status_code >= 400:
            raise RuntimeError(f"{name}: HTTP {response.status_code}")
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = request()
        samples.append((time.perf_counter() - started) * 1000)
    queries, status = count_queries(request)
    return Timing(
        name=name,
        group=group,
        p50_ms=round(statistics.median(samples), 1),
        p95_ms=round(percentile(samples, 0.95), 1),
        queries=queries,
        status=status,
        goal=goal or {},
    ).check()


def pick_people(large_case_id):
    """The large case's coordinator, and an employee of the partner that sees most cases
    (the police in a real city): the heaviest lists there are."""
    large = Case.objects.select_related("coordinator").get(pk=large_case_id)
    busiest = (
        Membership.objects.exclude(partner__kind=PartnerKind.GEMEENTE)
        .values("partner_id")
        .annotate(cases=Count("partner__group__casegroupobjectpermission"))
        .order_by("-cases")
        .first()
    )
    partner_user = (
        User.objects.filter(membership__partner_id=busiest["partner_id"]).order_by("pk").first()
    )
    return large, large.coordinator, partner_user


def measure_pages(large_case_id, *, runs=30, progress=print, meeting_id=None) -> dict:
    large, coordinator, partner_user = pick_people(large_case_id)
    coordinator_client = logged_in(coordinator)
    partner_client = logged_in(partner_user)
    list_url = reverse("cases:case_list")
    district = District.objects.filter(youths__cases__status=CaseStatus.ACTIEF).first()
    common_name = (
        Case.objects.open()
        .values("youth__last_name")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()["youth__last_name"]
    )
    one_number = Case.objects.open().order_by("pk").values_list("number", flat=True).first()
    results = []

    def get(client, url, **headers):
        return lambda: client.get(url, headers=headers or None)

    pages = [
        ("Dashboard", coordinator_client, reverse("home")),
        ("Caseload, ongefilterd", coordinator_client, list_url),
        (
            "Caseload, gefilterd",
            coordinator_client,
            f"{list_url}?status=actief&priority={Priority.HOOG}&district={district.pk}",
        ),
        ("Caseload, gezocht", coordinator_client, f"{list_url}?q={common_name}"),
        ("Caseload, één treffer", coordinator_client, f"{list_url}?q={one_number}"),
        ("Caseload, pagina 5", coordinator_client, f"{list_url}?status=alle&pagina=5"),
        ("Caseload, filter via htmx", coordinator_client, f"{list_url}?status=actief"),
        ("Mijn casussen (partner)", partner_client, list_url),
    ]
    # Every column of the whole team's caseload, sorted as its header's first click does.
    from cases.caseload.queries import PARTNER_SORTS, SORT_WORDS, SORTS

    pages += [
        (
            f"Caseload hele team, sortering {SORT_WORDS[key]}",
            coordinator_client,
            f"{list_url}?coordinator=alle&sort={key}",
        )
        for key in SORTS
        if key not in PARTNER_SORTS
    ]
    for name, client, url in pages:
        headers = {"HX-Request": "true"} if "htmx" in name else {}
        progress(name)
        results.append(timed(name, "lijst", get(client, url, **headers), runs=runs, goal=LIST))

    admin_url = reverse("admin:cases_case_changelist")
    progress("Django-admin")
    # The baseline is Django's own admin listing the same cases. Only functioneel beheer
    # reaches /beheer/, and only a coordinator sees cases there: for the baseline the
    # coordinator holds both roles, in a transaction that is rolled back.
    from django.contrib.auth.models import Group

    with transaction.atomic():
        coordinator.groups.add(Group.objects.get(name=settings.ADMINISTRATORS_GROUP))
        admin = timed(
            "Django-admin, casussen", "basislijn", get(coordinator_client, admin_url), runs=runs
        )
        admin_same = timed(
            "Django-admin, status actief",
            "basislijn",
            get(coordinator_client, f"{admin_url}?status__exact=actief"),
            runs=runs,
        )
        transaction.set_rollback(True)
    ours_same = timed(
        "Caseload, status actief",
        "lijst",
        get(coordinator_client, f"{list_url}?status=actief"),
        runs=runs,
        goal=LIST,
    )
    results += [admin, admin_same, ours_same]

    # A small case with something of every kind (so every tab has rows to show): its query
    # counts must equal the large case's.
    small = (
        Case.objects.filter(
            status=CaseStatus.ACTIEF,
            youth__household__members__isnull=False,
            youth__group_memberships__isnull=False,
            assessments__isnull=False,
            interventions__isnull=False,
        )
        .filter(Exists(Agreement.objects.filter(case=OuterRef("pk"))))
        .filter(goals__isnull=False)
        .exclude(pk=large.pk)
        .annotate(n=Count("contacts", distinct=True))
        .filter(n__gte=1)
        .order_by("n", "pk")
        .first()
    ) or Case.objects.exclude(pk=large.pk).filter(status=CaseStatus.ACTIEF).first()
    same_counts = {}
    for key, label in TABS:
        url = (
            reverse("cases:case_history", args=[large.pk])
            if key == "historie"
            else f"{large.get_absolute_url()}?tab={key}"
        )
        progress(f"Tab {label}")
        goal = AGREEMENTS_TAB if key == "afspraken" else TAB
        timing = timed(
            f"Casus, tab {label}", "casus", get(coordinator_client, url), runs=runs, goal=goal
        )
        results.append(timing)
        small_url = url.replace(f"/{large.pk}/", f"/{small.pk}/")
        same_counts[label] = (timing.queries, count_queries(get(coordinator_client, small_url))[0])
    partner_case = (
        visible_cases(partner_user)
        .filter(status=CaseStatus.ACTIEF)
        .exclude(pk=large.pk)  # saving contacts must not change the large case
        .order_by("pk")
        .first()
    )
    for key in ("overzicht", "contacten"):
        url = f"{partner_case.get_absolute_url()}?tab={key}"
        progress(f"Partner tab {key}")
        results.append(
            timed(
                f"Casus als partner, tab {key}",
                "casus",
                get(partner_client, url),
                runs=runs,
                goal=TAB,
            )
        )

    plan = measure_plan_pages(coordinator_client, meeting_id, runs=runs, progress=progress)
    results += plan["timings"]

    groups = measure_group_pages(coordinator_client, runs=runs, progress=progress)
    results += groups["timings"]

    page_sets = {}
    for key, measure_set in PAGE_SETS.items():
        page_sets[key] = measure_set(coordinator_client, runs=runs, progress=progress)
        results += page_sets[key]["timings"]

    progress("Contact opslaan")
    results.append(save_contacts(partner_client, partner_case, runs=runs))

    ratios = {
        "partner_vs_coordinator": round(
            _named(results, "Mijn casussen (partner)").p50_ms
            / _named(results, "Caseload, ongefilterd").p50_ms,
            2,
        ),
        "caseload_vs_admin": round(ours_same.p50_ms / admin_same.p50_ms, 2),
        "caseload_vs_admin_unfiltered": round(
            _named(results, "Caseload, ongefilterd").p50_ms / admin.p50_ms, 2
        ),
    }
    history_entries = entry_count(coordinator, large)
    return {
        "people": {
            "coordinator": coordinator.username,
            "partner_user": partner_user.username,
            "partner": str(partner_user.membership.partner),
            "partner_cases": visible_cases(partner_user).count(),
            "coordinator_open_cases": Case.objects.open().count(),
            "large_case": large.number,
            "large_case_history_entries": history_entries,
            "large_case_contacts": large.contacts.count(),
            "small_case": small.number,
            "large_case_agreements": large.agreements.count(),
            **plan["people"],
            **groups["people"],
            **{k: v for page_set in page_sets.values() for k, v in page_set["people"].items()},
            "dashboard_overdue_rows": _dashboard_overdue_rows(coordinator_client),
        },
        "timings": [asdict(r) for r in results],
        "ratios": ratios,
        "same_query_count_small_vs_large_case": same_counts,
        "same_query_count_plan_pages": plan["same_counts"],
        "same_query_count_group_pages": groups["same_counts"],
        # Per set of PAGE_SETS: its title and {page: (large, small)}.
        "same_query_count_sets": {
            key: {"title": page_set["title"], "counts": page_set["same_counts"]}
            for key, page_set in page_sets.items()
        },
    }


def _dashboard_overdue_rows(client) -> int:
    """The dashboard's overdue agreements per partner and per case (issue 16): rows shown,
    each a link to the open agreements narrowed to it. The timings above include them."""
    html = client.get(reverse("home")).content.decode()
    rows = html.count("verlopen=1")
    if not rows and Agreement.objects.overdue(timezone.localdate()).exists():
        raise RuntimeError("Het dashboard toont de verlopen afspraken niet")
    return rows


def open_agreements_per_partner():
    """[(partner id, open agreements its employees see)], most first: what Mijn afspraken
    lists (only partners with an employee, only cases the partner may see)."""
    seen = CaseGroupObjectPermission.objects.filter(
        content_object=OuterRef("case"),
        group=OuterRef("partner__group"),
        permission__codename="view_case",
    )
    staffed = Membership.objects.filter(partner=OuterRef("partner"))
    return list(
        Agreement.objects.open()
        .filter(Exists(seen), Exists(staffed))
        .values_list("partner")
        .annotate(n=Count("pk"))
        .order_by("-n", "partner")
    )


def _employee(partner_id):
    return User.objects.filter(membership__partner_id=partner_id).order_by("pk").first()


def pick_plan(meeting_id=None) -> dict:
    """The meeting the seed made to be timed (else the one with most agreements), a small
    held meeting to compare its query count with, and the partners whose employees see the
    most and the fewest open agreements."""
    meetings = Meeting.objects.annotate(
        item_count=Count("items", distinct=True), agreement_count=Count("items__agreements")
    )
    meeting = (
        meetings.get(pk=meeting_id)
        if meeting_id
        else meetings.order_by("-agreement_count", "pk").first()
    )
    small = (
        meetings.filter(agreement_count__gt=0)
        .exclude(pk=meeting.pk)
        .order_by("item_count", "pk")
        .first()
    )
    per_partner = open_agreements_per_partner()
    today = timezone.localdate()
    overdue = list(
        Agreement.objects.overdue(today)
        .values_list("partner")
        .annotate(n=Count("pk"))
        .order_by("-n", "partner")
    )
    invited = (
        Invitation.objects.filter(item__meeting=meeting, partner__memberships__isnull=False)
        .values_list("partner")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "partner")
        .first()
    )
    if meeting is None or not per_partner or not overdue or invited is None:
        raise RuntimeError("De seed heeft geen casusoverleg met afspraken (bench/seed.py)")
    return {
        "meeting": meeting,
        "small_meeting": small,
        "busiest": per_partner[0],
        "quietest": per_partner[-1],
        "overdue_most": overdue[0],
        "overdue_fewest": overdue[-1],
        "meeting_partner": invited[0],
    }


def measure_plan_pages(coordinator_client, meeting_id=None, *, runs, progress) -> dict:
    """The casusoverleg page, Mijn afspraken, the coordinator's open agreements. Each page
    whose size grows with the data is compared with a small one of the same kind: their
    query counts must be equal."""
    plan = pick_plan(meeting_id)
    meeting, small_meeting = plan["meeting"], plan["small_meeting"]
    busy, quiet = plan["busiest"], plan["quietest"]
    busy_user, quiet_user = _employee(busy[0]), _employee(quiet[0])
    busy_client, quiet_client = logged_in(busy_user), logged_in(quiet_user)
    invited_client = logged_in(_employee(plan["meeting_partner"]))
    list_url = reverse("cases:agreement_list")
    meeting_url = reverse("cases:meeting_detail", args=[meeting.pk])

    def overdue_of(partner_id):
        return f"{list_url}?partner={partner_id}&verlopen=1"

    pages = [
        (
            f"Casusoverleg ({meeting.item_count} punten, {meeting.agreement_count} afspraken)",
            coordinator_client,
            meeting_url,
            (coordinator_client, reverse("cases:meeting_detail", args=[small_meeting.pk]))
            if small_meeting
            else None,
            MEETING_PAGE,
        ),
        ("Casusoverleg als uitgenodigde partner", invited_client, meeting_url, None, MEETING_PAGE),
        (
            "Mijn afspraken (partner, startpagina)",
            busy_client,
            reverse("home"),
            (quiet_client, reverse("home")),
            AGREEMENT_LIST,
        ),
        ("Open afspraken (coördinator)", coordinator_client, list_url, None, AGREEMENT_LIST),
        (
            "Open afspraken, verlopen bij één partner",
            coordinator_client,
            overdue_of(plan["overdue_most"][0]),
            (coordinator_client, overdue_of(plan["overdue_fewest"][0])),
            AGREEMENT_LIST,
        ),
        (
            "Casusoverleggen (lijst)",
            coordinator_client,
            reverse("cases:meeting_list"),
            None,
            AGREEMENT_LIST,
        ),
    ]
    timings, same_counts = [], {}
    for name, client, url, small, goal in pages:
        progress(name)
        timing = timed(name, "overleg", lambda c=client, u=url: c.get(u), runs=runs, goal=goal)
        timings.append(timing)
        if small is not None:
            small_client, small_url = small
            small_client.get(small_url)  # warm, as the timed one is (session, device)
            same_counts[name] = (
                timing.queries,
                count_queries(lambda c=small_client, u=small_url: c.get(u))[0],
            )
    today = timezone.localdate()
    return {
        "timings": timings,
        "same_counts": same_counts,
        "people": {
            "meeting": f"{meeting} (id {meeting.pk})",
            "meeting_items": meeting.item_count,
            "meeting_agreements": meeting.agreement_count,
            "small_meeting_items": small_meeting.item_count if small_meeting else None,
            "agreements_partner": f"{busy_user.membership.partner} ({busy_user.username})",
            "agreements_partner_open": busy[1],
            "quiet_partner": f"{quiet_user.membership.partner} ({quiet_user.username})",
            "quiet_partner_open": quiet[1],
            "open_agreements": Agreement.objects.open().count(),
            "overdue_agreements": Agreement.objects.overdue(today).count(),
            "agreements": Agreement.objects.count(),
            "meetings": Meeting.objects.count(),
        },
    }


def pick_groups() -> dict:
    """The large group the seed made to be timed, the small one to compare its query counts
    with, and the partner (of those that see all of the small group) that sees most of the
    large group's current members but not all."""
    groups = {
        g.name: g for g in YouthGroup.objects.filter(name__in=[LARGE_GROUP_NAME, SMALL_GROUP_NAME])
    }
    if len(groups) < 2:
        raise RuntimeError("De seed heeft geen groepen van de groepsaanpak (bench/seed.py)")
    large, small = groups[LARGE_GROUP_NAME], groups[SMALL_GROUP_NAME]

    def current(group):
        return list(
            group.memberships.filter(until_on__isnull=True).values_list("youth_id", flat=True)
        )

    large_youths, small_youths = current(large), current(small)
    counts = {}
    staffed = (
        Partner.objects.exclude(kind=PartnerKind.GEMEENTE)
        .filter(memberships__isnull=False)
        .distinct()
        .order_by("pk")
    )
    for partner in staffed:
        cases = content_cases(_employee(partner.pk))  # a group is content (dat sees none)

        def seen(youths, cases=cases):
            return cases.filter(youth_id__in=youths).values("youth_id").distinct().count()

        if seen(small_youths) == len(small_youths) and seen(large_youths):
            counts[partner.pk] = seen(large_youths)
    partner_id = group_partner(counts, len(large_youths))
    if partner_id is None:
        raise RuntimeError("Geen partner ziet leden van beide groepen (bench/seed.py)")
    return {
        "large": large,
        "small": small,
        "members": len(large_youths),
        "partner_id": partner_id,
        "partner_sees": counts[partner_id],
    }


def measure_group_pages(coordinator_client, *, runs, progress) -> dict:
    """The group page of the large group, for a coordinator and for an employee of a partner
    that sees some of its members, and its Historie; each compared with the small group's:
    the page's query counts must be equal."""
    picked = pick_groups()
    large, small, members = picked["large"], picked["small"], picked["members"]
    partner_user = _employee(picked["partner_id"])
    partner_client = logged_in(partner_user)
    current = large.memberships.filter(until_on__isnull=True).values("youth_id")
    relations = PersonRelation.objects.filter(youth_id__in=current).count()
    insights = Insight.objects.filter(youth_id__in=current).count() + large.insights.count()

    def page(group):
        return reverse("cases:group_detail", args=[group.pk])

    def history(group):
        return reverse("cases:group_history", args=[group.pk])

    pages = [
        (
            "groepspagina, coördinator",
            f"Groepspagina ({members} leden, {relations} relaties, {insights} inzichten)",
            coordinator_client,
            page,
            GROUP_PAGE,
        ),
        (
            "groepspagina, partner",
            f"Groepspagina als partner ({picked['partner_sees']} van {members} leden zichtbaar)",
            partner_client,
            page,
            GROUP_PAGE,
        ),
        ("Historie, coördinator", "Groep, Historie", coordinator_client, history, GROUP_HISTORY),
        ("Historie, partner", "Groep, Historie als partner", partner_client, history,
         GROUP_HISTORY),
    ]  # fmt: skip
    timings, same_counts = [], {}
    for key, name, client, url, goal in pages:
        progress(name)
        large_url, small_url = url(large), url(small)
        timing = timed(name, "groep", lambda c=client, u=large_url: c.get(u), runs=runs, goal=goal)
        timings.append(timing)
        client.get(small_url)  # warm, as the timed one is
        same_counts[key] = (
            timing.queries,
            count_queries(lambda c=client, u=small_url: c.get(u))[0],
        )
    return {
        "timings": timings,
        "same_counts": same_counts,
        "people": {
            "large_group": f"{large} (id {large.pk})",
            "large_group_members": members,
            "large_group_relations": relations,
            "large_group_insights": insights,
            "small_group_members": small.memberships.filter(until_on__isnull=True).count(),
            "group_partner": f"{partner_user.membership.partner} ({partner_user.username})",
            "group_partner_sees_members": picked["partner_sees"],
        },
    }


def smallest_district():
    """The district with the fewest cases (at least one): the small side of the
    Sturingsinformatie's query count comparison."""
    return (
        District.objects.annotate(n=Count("youths__cases"))
        .filter(n__gt=0)
        .order_by("n", "pk")
        .first()
    )


MANAGEMENT_USERNAME = "directie"


def management_user():
    """The management account (directie: the Sturingsinformatie only, no organisation, no
    case). Made on first use rather than by the seed, so the seed's data stay those of the
    runs before issue 21; a --reuse run finds it."""
    from django.contrib.auth.models import Group

    user, made = User.objects.get_or_create(
        username=MANAGEMENT_USERNAME,
        defaults={"first_name": "Directie", "last_name": "Veiligheid"},
    )
    if made:
        user.groups.add(Group.objects.get(name=settings.MANAGEMENT_GROUP))
        TOTPDevice.objects.create(
            user=user, name="Benchmark-app", key=totp_key(user.username), confirmed=True
        )
    return user


def measure_report_pages(coordinator_client, *, runs, progress) -> dict:
    """The Sturingsinformatie (issue 21) of the last twelve months for the whole city, as a
    coordinator and as management, and one table's CSV: each compared with the same page
    for the smallest district over this month only; their query counts must be equal."""
    management_client = logged_in(management_user())
    page, csv = reverse("cases:report"), reverse("cases:report_csv", args=["interventies"])
    year = default_period()
    place = smallest_district()
    small = f"?van={year.last}&tot={year.last}&district={place.pk}"
    # The figures are counted by a worker (cases/reports/jobs.py); the page and the CSV show
    # the ones counted a few minutes ago. "?opnieuw=1" counts them again: without a broker
    # that work is done within the request, so its row times the worker's work (plus the
    # page), which has no list goal: it is not a web request in production.
    again = "?opnieuw=1&"
    pages = [
        ("Sturingsinformatie, cijfers tellen 12 maanden hele stad (achtergrondtaak)",
         coordinator_client, page + again, None),
        ("Sturingsinformatie, 12 maanden hele stad, getelde cijfers (coördinator)",
         coordinator_client, page + "?", REPORT_PAGE),
        ("Sturingsinformatie, 12 maanden hele stad, getelde cijfers (management)",
         management_client, page + "?", REPORT_PAGE),
        ("Sturingsinformatie, interventies als CSV (management)", management_client, csv + "?",
         REPORT_PAGE),
    ]  # fmt: skip
    timings, same_counts = [], {}
    for name, client, url, goal in pages:
        progress(name)
        # Followed: counting anew leads back to the page, which then shows the figures.
        timing = timed(name, "sturing", lambda c=client, u=url: c.get(u, follow=True),
                       runs=runs, goal=goal)  # fmt: skip
        timings.append(timing)
        client.get(url + small[1:], follow=True)  # warm, as the timed one is
        same_counts[name] = (
            timing.queries,
            count_queries(lambda c=client, u=url + small[1:]: c.get(u, follow=True))[0],
        )
    return {
        "title": f"Queries sturingsinformatie, hele stad 12 maanden = {place.name} 1 maand",
        "timings": timings,
        "same_counts": same_counts,
        "people": {
            "report_period": year.label,
            "report_cases_registered_in_period": Case.objects.filter(
                registered_on__range=(year.start, year.end)
            ).count(),
            "report_small_district": place.name,
        },
    }


API_USERNAME = "bench-api"


def api_client() -> tuple[Client, Partner]:
    """A client with the token of a system account of the partner that sees most cases
    (issue 21's API), made on first use like the management account. The token row is
    written as the two beheerders' approval would leave it; the key is the bench's own."""
    from partners.models import ApiToken, ApiTokenStatus
    from partners.tokens import key_hash

    busiest = (
        Partner.objects.exclude(kind=PartnerKind.GEMEENTE)
        .annotate(cases=Count("group__casegroupobjectpermission"))
        .order_by("-cases", "pk")
        .first()
    )
    key = f"pga_bench001_{totp_key(API_USERNAME)}"
    account, made = User.objects.get_or_create(
        username=API_USERNAME, defaults={"first_name": "Systeem", "last_name": "Benchmark"}
    )
    if made:
        account.set_unusable_password()
        account.save()
        Membership.objects.create(user=account, partner=busiest)
        account.groups.add(busiest.group)
        proposer, _ = User.objects.get_or_create(username="bench-beheer-1")
        decider, _ = User.objects.get_or_create(username="bench-beheer-2")
        ApiToken.objects.create(
            user=account,
            name="Benchmark",
            prefix="bench001",
            key_hash=key_hash(key),
            expires_on=timezone.localdate() + timedelta(days=365),
            reason="Benchmark",
            proposed_by=proposer,
            status=ApiTokenStatus.ACTIVE,
            decided_by=decider,
            decided_at=timezone.now(),
        )
    partner = Membership.objects.get(user=account).partner
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}"), partner


def measure_api_pages(coordinator_client, *, runs, progress) -> dict:
    """The API as the busiest partner's system account: a page of 100 cases and the large
    case's contacts, each compared with a page of one; their query counts must be equal."""
    client, partner = api_client()
    cases = reverse("api:case_list")
    case = (
        visible_cases(Membership.objects.get(user__username=API_USERNAME).user)
        .annotate(n=Count("contacts"))
        .order_by("-n", "pk")
        .first()
    )
    contacts = reverse("api:case_contacts", args=[case.pk])
    pages = [
        ("API, pagina van 100 casussen (ketenpartner)", f"{cases}?pagina_grootte=100"),
        ("API, contactmomenten van een casus (100)", f"{contacts}?pagina_grootte=100"),
    ]
    timings, same_counts = [], {}
    for name, url in pages:
        progress(name)
        timing = timed(name, "api", lambda u=url: client.get(u), runs=runs, goal=LIST)
        timings.append(timing)
        one = url.replace("pagina_grootte=100", "pagina_grootte=1")
        client.get(one)
        same_counts[name] = (timing.queries, count_queries(lambda u=one: client.get(u))[0])
    return {
        "title": "Queries API, pagina van 100 = pagina van 1",
        "timings": timings,
        "same_counts": same_counts,
        "people": {
            "api_partner": partner.name,
            "api_partner_cases": client.get(cases).json()["aantal"],
        },
    }


# Sets of pages measured after the group pages: key → function(coordinator_client, *, runs,
# progress) returning {"title", "timings", "same_counts": {page: (large, small)}, "people"}.
# The report shows each set's query counts, large against small, as one row. A new set of
# pages (the REST API's page of 100 cases, say) is one more function and one more line here.
PAGE_SETS = {
    "sturing": measure_report_pages,
    "api": measure_api_pages,
}


def report_pdf(client, *, runs) -> Timing:
    """The whole Sturingsinformatie as the directorate's PDF, twelve months, whole city. A
    background job: without a broker it is made within the request, and the redirect leads
    to its page."""
    return timed(
        "Sturingsinformatie, 12 maanden hele stad (PDF)",
        "pdf",
        lambda: client.get(reverse("cases:report_pdf"), follow=True),
        runs=runs,
        warmup=1,
    )


def group_pdf(client, group, month, *, runs) -> Timing:
    """The large group's monthly overview (issue 17), timed only. A background job: without
    a broker it is made within the request, and the redirect leads to its page."""
    members = group.memberships.filter(until_on__isnull=True).count()
    url = reverse("cases:group_overview_pdf", args=[group.pk, str(month)])
    return timed(
        f"Maandoverzicht jeugdgroep, {members} leden (PDF)",
        "pdf",
        lambda: client.get(url, follow=True),
        runs=runs,
        warmup=1,
    )


def _named(results, name):
    return next(r for r in results if r.name == name)


def save_contacts(client, case, *, runs):
    """Logging a contact with htmx, as on the case page: the form, then the save."""
    url = reverse("cases:contact_create", args=[case.pk])
    made = [0]

    def post():
        made[0] += 1
        return client.post(
            url,
            {
                "occurred_at": time.strftime("%Y-%m-%dT%H:%M", time.localtime(time.time() - 3600)),
                "kind": "gesprek",
                "with_whom": "jongere",
                "summary": f"Benchmarkcontact {made[0]}: gesprek over school.",
                "follow_up": "",
                "visibility": "gedeeld",
            },
            headers={"HX-Request": "true"},
        )

    timing = timed("Contactmoment opslaan (htmx)", "opslaan", post, runs=runs, goal=TAB)
    if timing.status != 200:
        raise RuntimeError(f"Saving a contact answered HTTP {timing.status}")
    return timing


def worst_case_pdf(client, case, coordinator, *, runs) -> Timing:
    """This month's overview of a case whose every text is at its maximum length, with
    WORST_CASE_CONTACTS contacts of maximum length this month: the most a user can make a
    PDF hold. Made in a transaction that is rolled back, so the seeded data stays as it was."""
    from cases.models import Contact, ContactKind, ContactVisibility, ContactWith
    from cases.models.limits import TEXT_LIMITS

    def text(length):
        return ("Uitgebreid verslag van een gesprek over school, thuis en vrienden. " * 200)[
            :length
        ]

    now = timezone.now()
    start = timezone.localtime(now).replace(day=1, hour=0, minute=0)
    step = (now - start) / (WORST_CASE_CONTACTS + 1)
    partner = case.involvements.select_related("partner").first().partner
    with transaction.atomic():
        for field, length in TEXT_LIMITS["case"].items():
            setattr(case, field, text(length))
        case.not_informed_reason = ""
        case.save()
        Contact.objects.bulk_create(
            Contact(
                case=case,
                partner=partner,
                author=coordinator,
                occurred_at=start + step * (n + 1),
                kind=ContactKind.GESPREK,
                with_whom=ContactWith.JONGERE,
                summary=text(TEXT_LIMITS["contact"]["summary"]),
                follow_up=text(TEXT_LIMITS["contact"]["follow_up"]),
                visibility=ContactVisibility.SHARED,
            )
            for n in range(WORST_CASE_CONTACTS)
        )
        this_month = f"{timezone.localdate():%Y-%m}"
        timing = timed(
            f"Maandoverzicht casus, maximale inhoud ({WORST_CASE_CONTACTS} contacten, PDF)",
            "pdf",
            lambda: client.get(reverse("cases:case_overview_pdf", args=[case.pk, this_month])),
            runs=runs,
            warmup=1,
            goal={"p95": WORST_CASE_PDF_SECONDS * 1000},
        )
        transaction.set_rollback(True)
    return timing


def measure_pdfs(large_case_id, *, runs=10, batch_jobs=40, progress=print) -> dict:
    """One case overview and one caseload overview on demand, and the monthly batch."""
    from cases.overviews import batch

    large, coordinator, _partner = pick_people(large_case_id)
    client = logged_in(coordinator)
    month = Month.previous()
    results = []
    progress("PDF casus")
    case_pdf = timed(
        "Maandoverzicht casus (PDF)",
        "pdf",
        lambda: client.get(reverse("cases:case_overview_pdf", args=[large.pk, str(month)])),
        runs=runs,
        warmup=2,
        goal={"p50": CASE_PDF_SECONDS * 1000},
    )
    results.append(case_pdf)
    progress("PDF caseload")
    caseload_url = reverse("cases:caseload_overview_pdf", args=[str(month)])
    results.append(
        timed(
            "Maandoverzicht eigen caseload (PDF)",
            "pdf",
            lambda: client.get(caseload_url),
            runs=max(runs // 2, 3),
            warmup=1,
        )
    )
    progress("PDF caseload hele team")
    results.append(
        timed(
            "Maandoverzicht caseload hele team (PDF)",
            "pdf",
            lambda: client.get(caseload_url + "?alle=1", follow=True),  # a job, as above
            runs=1,
            warmup=0,
        )
    )
    progress("PDF jeugdgroep")
    results.append(group_pdf(client, pick_groups()["large"], month, runs=max(runs // 3, 2)))
    progress("PDF sturingsinformatie")
    results.append(report_pdf(logged_in(management_user()), runs=max(runs // 3, 2)))
    progress("PDF casus, maximale inhoud")
    results.append(worst_case_pdf(client, large, coordinator, runs=max(runs // 3, 2)))
    jobs = batch.jobs_for(month, force=True)
    case_jobs = [j for j in jobs if j.kind == OverviewKind.CASE]
    caseload_jobs = [j for j in jobs if j.kind == OverviewKind.CASELOAD]
    # The real mix: about one caseload overview per 45 case overviews.
    share = max(1, round(batch_jobs * len(caseload_jobs) / max(len(jobs), 1)))
    step = max(len(case_jobs) // max(batch_jobs - share, 1), 1)
    sample = case_jobs[::step][: batch_jobs - share] + caseload_jobs[:share]
    throughput = {}
    for workers in (1, 2):
        progress(f"Batch, {workers} worker(s)")
        started = time.perf_counter()
        stored, failures = batch.run(sample, workers=workers, by=coordinator)
        seconds = time.perf_counter() - started
        if failures:
            raise RuntimeError(f"Batch failures: {failures[:3]}")
        throughput[workers] = round(len(stored) / seconds, 1)
    return {
        "timings": [asdict(r) for r in results],
        "batch": {
            "jobs": len(sample),
            "caseload_jobs": share,
            "month": str(month),
            "pdfs_per_second": throughput,
            "goal": BATCH_PDFS_PER_SECOND,
        },
    }

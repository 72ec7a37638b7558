"""The coordinator's dashboard: a handful of figures, each a link to the filtered caseload."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from cases.caseload.queries import WHOLE_TEAM, filter_caseload
from cases.models import CLOSED_STATUSES, CaseStatus, Priority
from cases.months import month_starts, short_label
from cases.permissions import visible_agreements, visible_cases, visible_involvements
from partners.models import Partner
from pga.charts import Series, bar_chart
from pga.counting import count_each


def caseload_url(**params):
    """The caseload behind a figure: the dashboard counts the whole team's cases, so its
    links show the whole team's (the caseload itself opens on the coordinator's own)."""
    return reverse("cases:case_list") + "?" + urlencode({**params, "coordinator": WHOLE_TEAM})


def figures(user, today=None) -> dict:
    today = today or timezone.localdate()
    cases = visible_cases(user)
    month_start = today.replace(day=1)
    open_statuses = [s for s in CaseStatus if s not in CLOSED_STATUSES]
    counts = {
        (row["status"], row["priority"]): row["n"]
        for row in cases.open().values("status", "priority").annotate(n=Count("*"))
    }
    matrix = [
        {
            "status": status,
            "cells": [
                {
                    "priority": priority,
                    "count": counts.get((status.value, priority.value), 0),
                    "url": caseload_url(status=status.value, priority=priority.value),
                }
                for priority in Priority
            ],
            "total": sum(counts.get((status.value, p.value), 0) for p in Priority),
            "url": caseload_url(status=status.value),
        }
        for status in open_statuses
    ]

    tiles = [
        ("Nieuw aangemeld deze maand", {"status": "alle", "registered_from": month_start}),
        ("Afgesloten deze maand", {"status": "alle", "closed_from": month_start}),
        ("Evaluatie verlopen", {"review_overdue": "1"}),
        # A soft hyphen: on a phone's half-width tile the long word breaks where Dutch does.
        ("Proportionaliteits\u00adtoets verlopen", {"toets_overdue": "1"}),
        ("Casussen met een verlopen afspraak", {"agreement_overdue": "1"}),
        ("Interventie eindigt binnen 14 dagen", {"ending_within": 14}),
        ("Geen contact in 30 dagen", {"no_contact_days": 30}),
    ]
    months = month_starts(today, 12)
    # Every tile and every bar of the chart in one statement, each counted by its own plan
    # (an index on the dates, a partial index of the open rows): no scan of every case.
    wanted = {
        f"tile{i}": filter_caseload(user, cases, params, today)
        for i, (_label, params) in enumerate(tiles)
    }
    for i, month in enumerate(months):
        end = months[i + 1] if i + 1 < len(months) else (today + timedelta(days=1))
        wanted[f"in{i}"] = cases.filter(registered_on__gte=month, registered_on__lt=end)
        wanted[f"out{i}"] = cases.filter(closed_on__gte=month, closed_on__lt=end)
    counted = count_each(**wanted)
    return {
        "matrix": matrix,
        "priorities": list(Priority),
        "tiles": [
            {
                "label": label,
                "count": counted[f"tile{i}"],
                "url": caseload_url(**{k: v for k, v in params.items() if k != "status" or v}),
            }
            for i, (label, params) in enumerate(tiles)
        ],
        **overdue_agreements(user, today),
        **expiring_involvements(user, today),
        **inform_reviews_overdue(cases, today),
        "chart": flow_chart(
            months,
            [counted[f"in{i}"] for i in range(len(months))],
            [counted[f"out{i}"] for i in range(len(months))],
        ),
    }


def overdue_agreements(user, today, per_case=10) -> dict:
    """Overdue agreements per partner and per case (the most first), each a link to the
    list of open agreements narrowed to it: three queries, whatever the numbers. Both are
    counted from the index of the open agreements by due date alone (case and partner are
    in it); names and numbers are joined to the few rows shown, not to every agreement."""
    overdue = visible_agreements(user).overdue(today).order_by()
    list_url = reverse("cases:agreement_list")
    # COUNT(*), not COUNT(id): the id is not in the index, and reading it meant the table.
    counted = dict(overdue.values_list("partner").annotate(n=Count("*")).order_by())
    names = dict(Partner.objects.filter(pk__in=list(counted)).values_list("pk", "name"))
    per_partner = [
        {
            "label": names[partner],
            "count": n,
            "url": f"{list_url}?{urlencode({'partner': partner, 'verlopen': 1})}",
        }
        for partner, n in sorted(counted.items(), key=lambda row: (-row[1], names[row[0]]))
    ]
    # The cases with the most overdue agreements (a group's agreements, without a case,
    # count as one more row: one extra is read and passed over).
    most = (overdue.values("case").annotate(n=Count("*")).order_by("-n", "case").values("case"))[
        : per_case + 1
    ]
    counts = overdue.filter(case=OuterRef("pk")).values("case").annotate(n=Count("pk")).values("n")
    per_case = [
        {
            "label": f"{case.number} · {case.youth.first_name}",
            "count": case.overdue_count,
            "url": f"{list_url}?{urlencode({'casus': case.pk, 'verlopen': 1})}",
        }
        for case in visible_cases(user)
        .filter(pk__in=most)
        .annotate(overdue_count=Subquery(counts))
        .select_related("youth")
        .only("number", "youth__first_name")
        .order_by("-overdue_count", "number")[:per_case]
    ]
    return {"overdue_per_partner": per_partner, "overdue_per_case": per_case}


def expiring_involvements(user, today, shown=25) -> dict:
    """Involvements whose access ends within the warning period (14 days by default),
    soonest first: the coordinator renews or lets them end. One query, whatever the
    numbers: the first ``shown`` (and whether there are more)."""
    days = settings.INVOLVEMENT_EXPIRY_WARNING_DAYS
    rows = list(
        visible_involvements(user)
        .active(today)
        .filter(expires_on__lte=today + timedelta(days=days))
        .exclude(case__status__in=CLOSED_STATUSES)
        .select_related("case__youth", "partner")
        .order_by("expires_on", "case__number", "partner__name")[: shown + 1]
    )
    return {
        "expiring": rows[:shown],
        "expiring_more": len(rows) > shown,
        "expiry_warning_days": days,
    }


# The dashboard lists this many cases whose reason not to inform has passed its review
# date; the caseload filter shows them all.
INFORM_REVIEW_ROWS = 25


def inform_reviews_overdue(cases, today) -> dict:
    """Open cases not informed yet whose date to reconsider the reason has passed, the
    longest overdue first (number, youth, review date): one query, however many."""
    overdue = list(
        cases.inform_review_overdue(today)
        .select_related("youth")
        .only("number", "inform_review_on", "youth__first_name", "youth__name_prefix",
              "youth__last_name")
        .order_by("inform_review_on", "number")[: INFORM_REVIEW_ROWS + 1]
    )  # fmt: skip
    return {
        "inform_overdue": overdue[:INFORM_REVIEW_ROWS],
        "inform_overdue_more": len(overdue) > INFORM_REVIEW_ROWS,
        "inform_overdue_url": caseload_url(inform_review_overdue="1"),
    }


def flow_chart(months, inflow, outflow) -> str:
    labels = [short_label(m) for m in months]
    return bar_chart(
        "Instroom en uitstroom per maand, laatste 12 maanden",
        labels,
        [
            Series("Instroom (aangemeld)", inflow, "a"),
            Series("Uitstroom (afgesloten)", outflow, "b"),
        ],
    )

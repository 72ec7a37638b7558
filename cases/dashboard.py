"""The coordinator's dashboard: a handful of figures, each a link to the filtered caseload."""

from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from cases.caseload import filter_caseload
from cases.models import CLOSED_STATUSES, CaseStatus, Priority
from cases.permissions import visible_cases
from pga.charts import Series, bar_chart

MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def caseload_url(**params):
    return reverse("cases:case_list") + ("?" + urlencode(params) if params else "")


def month_starts(today: date, count: int) -> list[date]:
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def figures(user, today=None) -> dict:
    today = today or timezone.localdate()
    cases = visible_cases(user)
    month_start = today.replace(day=1)
    open_statuses = [s for s in CaseStatus if s not in CLOSED_STATUSES]
    counts = {
        (row["status"], row["priority"]): row["n"]
        for row in cases.open().values("status", "priority").annotate(n=Count("pk"))
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

    def tile(label, params):
        return {
            "label": label,
            "count": filter_caseload(cases, params, today).count(),
            "url": caseload_url(**{k: v for k, v in params.items() if k != "status" or v}),
        }

    tiles = [
        tile("Nieuw aangemeld deze maand", {"status": "alle", "registered_from": month_start}),
        tile("Afgesloten deze maand", {"status": "alle", "closed_from": month_start}),
        tile("Evaluatie verlopen", {"review_overdue": "1"}),
        tile("Interventie eindigt binnen 14 dagen", {"ending_within": 14}),
        tile("Geen contact in 30 dagen", {"no_contact_days": 30}),
    ]
    return {
        "matrix": matrix,
        "priorities": list(Priority),
        "tiles": tiles,
        "chart": flow_chart(cases, today),
    }


def flow_chart(cases, today) -> str:
    months = month_starts(today, 12)
    start = months[0]
    inflow = dict(
        cases.filter(registered_on__gte=start)
        .annotate(month=TruncMonth("registered_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    outflow = dict(
        cases.filter(closed_on__gte=start)
        .annotate(month=TruncMonth("closed_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    labels = [f"{MONTHS[m.month - 1]} {m:%y}" for m in months]
    return bar_chart(
        "Instroom en uitstroom per maand, laatste 12 maanden",
        labels,
        [
            Series("Instroom (aangemeld)", [inflow.get(m, 0) for m in months], "a"),
            Series("Uitstroom (afgesloten)", [outflow.get(m, 0) for m in months], "b"),
        ],
    )

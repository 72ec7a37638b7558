"""The figures of the Sturingsinformatie: counts, medians and shares over the cases
``cases.permissions.report_cases`` hands out, never a row about a person.

Each figure is one aggregate query (Count with a filter, values().annotate()), so the page
asks the same number of queries for a district of three cases as for the whole city over
three years. Medians and quartiles are computed in Python (SQLite has no percentile_cont)
over the day counts of only the cases that reached that step in the period.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import quantiles

from django.conf import settings
from django.db.models import Case as DbCase
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cases.models import (
    CLOSED_STATUSES,
    Agreement,
    AgreementStatus,
    CaseStatus,
    ClosureReason,
    Intervention,
    InterventionStatus,
    Priority,
    ProportionalityReview,
    Track,
)
from cases.models.people import youth_in_district
from cases.months import Month, short_label
from cases.permissions import report_cases
from cases.reports.suppression import Column, Table, suppress
from partners.models import PartnerKind


@dataclass(frozen=True)
class Period:
    first: Month
    last: Month
    district: object = None  # a District, or None for the whole city

    @property
    def start(self) -> date:
        return self.first.first

    @property
    def end(self) -> date:
        return self.last.last

    def months(self) -> list[Month]:
        months, month = [], self.first
        while (month.year, month.month) <= (self.last.year, self.last.month):
            months.append(month)
            following = month.last + timedelta(days=1)
            month = Month(following.year, following.month)
        return months

    def query(self) -> str:
        """The period as the page's and the exports' query string."""
        where = f"&district={self.district.pk}" if self.district else ""
        return f"van={self.first}&tot={self.last}{where}"

    @property
    def label(self) -> str:
        where = self.district.name if self.district else "hele stad"
        return f"{self.first.label} t/m {self.last.label}, {where}"


def default_period(today=None) -> Period:
    """The last twelve months up to and including this one."""
    last = Month.current(today)
    first_day = date(last.year - 1, last.month, 1) + timedelta(days=31)
    return Period(Month(first_day.year, first_day.month), last)


def counted_cases(user, period: Period):
    cases = report_cases(user)
    if period.district is not None:
        cases = cases.filter(youth_in_district(period.district, "youth__"))
    return cases


def _of(rows, cases):
    """``rows`` (records with a ``case``) of the counted cases. Over every case (the whole
    city: ``report_cases`` hands them out unfiltered) that is ``case IS NOT NULL``: joining
    26,000 agreements with 3,000 cases to keep them all cost half the figure's time at city
    scale (``make bench``)."""
    if not cases.query.has_filters():
        return rows.filter(case__isnull=False)
    return rows.filter(case__in=cases.values("pk"))


def _in(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def _per_month(cases, field: str, period: Period, kind: str):
    return (
        cases.filter(**{f"{field}__range": (period.start, period.end)})
        .annotate(kind=Value(kind), month=TruncMonth(field))
        .values_list("kind", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )


def flow(cases, period: Period) -> Table:
    """Instroom (aangemeld) and uitstroom (afgesloten) per month: one query, grouped by
    month over only the period's cases (a filtered count per month read every case once per
    month: 10 ms for 36 months at city scale)."""
    months = period.months()
    counted = {
        (kind, (month.year, month.month)): n
        for kind, month, n in _per_month(cases, "registered_on", period, "in").union(
            _per_month(cases, "closed_on", period, "out"), all=True
        )
    }
    table = Table(
        "instroom",
        "Instroom en uitstroom per maand",
        "Maand",
        [Column("Instroom (aangemeld)"), Column("Uitstroom (afgesloten)")],
    )
    for month in months:
        key = (month.year, month.month)
        table.add(
            short_label(month.first), [counted.get(("in", key), 0), counted.get(("out", key), 0)]
        )
    table.add_total_row("Totaal over de periode")
    return table


OPEN_STATUSES = [s for s in CaseStatus if s not in CLOSED_STATUSES]


def open_at_end(cases, period: Period) -> Table:
    """Cases open on the period's last day, by status and priority: one query. A case closed
    since counts with the phase it had then, read from its dates (started: actief; else
    screening); a case still open with its status now."""
    end = period.end
    status_then = DbCase(
        When(closed_on__gt=end, started_on__lte=end, then=Value(CaseStatus.ACTIEF.value)),
        When(closed_on__gt=end, then=Value(CaseStatus.SCREENING.value)),
        default=F("status"),
        output_field=CharField(),
    )
    rows = (
        cases.filter(registered_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        .annotate(status_then=status_then)
        .values("status_then", "priority")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(row["status_then"], row["priority"]): row["n"] for row in rows}
    priorities = list(Priority)
    columns = [Column(f"Prioriteit {p.label.lower()}") for p in priorities]
    columns.append(Column("Totaal", parts=tuple(range(len(priorities)))))
    table = Table(
        "status",
        "Lopende casussen aan het eind van de periode, per status en prioriteit",
        "Status",
        columns,
    )
    for status in OPEN_STATUSES:
        values = [counts.get((status.value, p.value), 0) for p in priorities]
        table.add(status.label, [*values, sum(values)])
    table.add_total_row()
    return table


def closure_reasons(cases, period: Period) -> Table:
    """Why the cases closed in the period were closed: one query."""
    counts = dict(
        cases.filter(_in("closed_on", period))
        .values_list("closure_reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table = Table(
        "afsluiting",
        "Redenen van afsluiting (casussen afgesloten in de periode)",
        "Reden",
        [Column("Aantal casussen")],
    )
    for reason in ClosureReason:
        table.add(reason.label, [counts.get(reason.value, 0)])
    table.add_total_row()
    return table


def _spread(days: list[int]) -> list:
    """[n, median, p25, p75] in days; the quartiles need at least two values."""
    if not days:
        return [0, None, None, None]
    if len(days) == 1:
        return [1, days[0], days[0], days[0]]
    p25, p50, p75 = quantiles(days, n=4, method="inclusive")
    return [len(days), round(p50), round(p25), round(p75)]


def durations(cases, period: Period) -> Table:
    """Days from registration to active (cases started in the period) and from active to
    closed (cases closed in the period after having started): two queries, over only those
    cases."""
    to_active = [
        (started - registered).days
        for registered, started in cases.filter(_in("started_on", period)).values_list(
            "registered_on", "started_on"
        )
    ]
    to_closed = [
        (closed - started).days
        for started, closed in cases.filter(
            _in("closed_on", period), started_on__isnull=False
        ).values_list("started_on", "closed_on")
    ]
    table = Table(
        "doorlooptijd",
        "Doorlooptijden in dagen: mediaan en spreiding (25e–75e percentiel)",
        "Stap",
        [
            Column("Aantal casussen"),
            Column("Mediaan (dagen)", kind="days", over=0),
            Column("25e percentiel", kind="days", over=0),
            Column("75e percentiel", kind="days", over=0),
        ],
    )
    table.add("Van aanmelding tot actief (gestart in de periode)", _spread(to_active))
    table.add("Van actief tot afgesloten (afgesloten in de periode)", _spread(to_closed))
    return table


def interventions(cases, period: Period) -> Table:
    """Interventions by track and type: started in the period, ended in it (afgerond or
    gestopt) and running at its end: one query."""
    end = period.end
    rows = (
        _of(Intervention.objects, cases)
        .values("intervention_type__track", "intervention_type__name")
        .annotate(
            started=Count("pk", filter=_in("started_on", period)),
            finished=Count(
                "pk", filter=_in("ended_on", period) & Q(status=InterventionStatus.AFGEROND)
            ),
            stopped=Count(
                "pk", filter=_in("ended_on", period) & Q(status=InterventionStatus.GESTOPT)
            ),
            running=Count(
                "pk",
                filter=Q(started_on__lte=end)
                & (Q(ended_on__isnull=True) | Q(ended_on__gt=end))
                & ~Q(status=InterventionStatus.VOORGESTELD),
            ),
        )
        .order_by("intervention_type__track", "intervention_type__name")
    )
    tracks = dict(Track.choices)
    table = Table(
        "interventies",
        "Interventies per spoor en soort",
        "Spoor en soort",
        [
            Column("Gestart in de periode"),
            Column("Afgerond in de periode"),
            Column("Gestopt in de periode"),
            Column("Lopend aan het eind"),
        ],
    )
    for row in rows:
        values = [row["started"], row["finished"], row["stopped"], row["running"]]
        if any(values):
            label = f"{tracks.get(row['intervention_type__track'], '')}: "
            table.add(label + row["intervention_type__name"], values)
    table.add_total_row()
    return table


def agreements(cases, period: Period, today=None) -> Table:
    """Agreements in cases with their deadline in the period, per kind of partner: done on
    time, done late, open past the deadline, the rest (open before its deadline, no longer
    needed): one query."""
    today = today or timezone.localdate()
    done = Q(status=AgreementStatus.GEDAAN)
    rows = (
        _of(Agreement.objects, cases)
        .filter(_in("due_on", period))
        .values("partner__kind")
        .annotate(
            on_time=Count("pk", filter=done & Q(status_on__lte=F("due_on"))),
            late=Count("pk", filter=done & Q(status_on__gt=F("due_on"))),
            overdue=Count("pk", filter=Q(status=AgreementStatus.OPEN, due_on__lt=today)),
            total=Count("pk"),
        )
        .order_by()
    )
    counts = {row["partner__kind"]: row for row in rows}
    table = Table(
        "afspraken",
        "Afspraken met een deadline in de periode, per soort partner",
        "Soort partner",
        [
            Column("Op tijd gedaan"),
            Column("Te laat gedaan"),
            Column("Open, deadline verlopen"),
            Column("Overig (nog niet verlopen, niet meer nodig)"),
            Column("Totaal", parts=(0, 1, 2, 3)),
        ],
    )
    for kind in PartnerKind:
        row = counts.get(kind.value)
        if row:
            rest = row["total"] - row["on_time"] - row["late"] - row["overdue"]
            table.add(kind.label, [row["on_time"], row["late"], row["overdue"], rest, row["total"]])
    table.add_total_row()
    return table


def toetsen(cases, period: Period) -> Table:
    """Proportionaliteitstoetsen held in the period, on time or late: due at the previous
    toets's next date, the first one an interval after the case started. One query, over
    only the period's toetsen."""
    previous = ProportionalityReview.objects.filter(
        case=OuterRef("case"), reviewed_on__lt=OuterRef("reviewed_on")
    ).order_by("-reviewed_on", "-pk")
    rows = (
        _of(ProportionalityReview.objects, cases)
        .filter(_in("reviewed_on", period))
        .annotate(due=Subquery(previous.values("next_due_on")[:1]))
        .values_list("reviewed_on", "due", "case__started_on")
    )
    interval = timedelta(days=settings.PROPORTIONALITY_INTERVAL_DAYS)
    on_time = late = 0
    for reviewed_on, due, started_on in rows:
        due = due or (started_on + interval if started_on else reviewed_on)
        if reviewed_on <= due:
            on_time += 1
        else:
            late += 1
    table = Table(
        "toetsen",
        "Proportionaliteitstoetsen in de periode",
        "Toetsen",
        [Column("Op tijd"), Column("Te laat"), Column("Totaal", parts=(0, 1))],
    )
    table.add("Gehouden in de periode", [on_time, late, on_time + late])
    return table


def informing(cases, period: Period) -> Table:
    """The duty to inform, for the cases started in the period: informed, a reason not to
    inform recorded, or neither; and the share with the duty met. One query."""
    counted = cases.filter(_in("started_on", period)).aggregate(
        informed=Count("pk", filter=Q(informed_on__isnull=False)),
        reason=Count("pk", filter=Q(informed_on__isnull=True) & ~Q(not_informed_reason="")),
        total=Count("pk"),
    )
    neither = counted["total"] - counted["informed"] - counted["reason"]
    met = counted["informed"] + counted["reason"]
    share = round(100 * met / counted["total"]) if counted["total"] else None
    table = Table(
        "informeren",
        "Informatieplicht bij casussen gestart in de periode",
        "Casussen",
        [
            Column("Geïnformeerd"),
            Column("Reden vastgelegd om niet te informeren"),
            Column("Geen van beide"),
            Column("Totaal", parts=(0, 1, 2)),
            Column("Informatieplicht vervuld (%)", kind="pct", over=3),
        ],
    )
    table.add(
        "Gestart in de periode",
        [counted["informed"], counted["reason"], neither, counted["total"], share],
    )
    return table


FIGURES = {
    "instroom": flow,
    "status": open_at_end,
    "afsluiting": closure_reasons,
    "doorlooptijd": durations,
    "interventies": interventions,
    "afspraken": agreements,
    "toetsen": toetsen,
    "informeren": informing,
}


def report_tables(user, period: Period) -> list[Table]:
    """Every figure of the page, suppressed, in the page's order."""
    cases = counted_cases(user, period)
    return [suppress(figure(cases, period)) for figure in FIGURES.values()]

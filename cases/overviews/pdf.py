"""Monthly overviews (maandoverzichten), per case and per caseload, as the viewer may see them.

Everything comes through ``cases.permissions``: a partner's PDF holds what that partner sees
on screen and no more. No BSN is printed, for anyone: a paper copy needs none.
"""

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from cases.casefile.history import MEETING_KINDS, timeline_between
from cases.casefile.zrm import zrm_chart
from cases.models import (
    CLOSED_STATUSES,
    Agreement,
    AssessmentScore,
    CaseStatus,
    ClosureReason,
    GoalEvaluation,
    InterventionStatus,
    Track,
)
from cases.models.dates import EARLIEST_DATE
from cases.months import Month, month_starts, short_label
from cases.permissions import (
    content_cases,
    may_see_assessments,
    may_see_toetsen,
    visible_agenda_items,
    visible_agreements,
    visible_assessments,
    visible_cases,
    visible_contacts,
    visible_decisions,
    visible_goals,
    visible_interventions,
    visible_involvements,
    with_access,
)
from cases.proportionality.queries import toets_history
from partners.permissions import is_coordinator
from pga.charts import Series, bar_chart

# A PDF of legitimate content stays a few pages and renders in seconds: it prints the
# month's most recent contacts with their summaries cut at a length a reader takes in, and
# says how many more there are; every count (per partner and kind) stays complete.
PDF_CONTACTS = 40
PDF_SUMMARY_CHARACTERS = 800
# The toets history: the most recent toetsen (about a year's), with how many more there are.
PDF_TOETSEN = 4


def _meta(user):
    return {
        "generated_at": timezone.localtime(),
        "generated_by": (user.get_full_name() or user.get_username()) if user else "systeem",
    }


def case_overview_context(user, case, month: Month) -> dict:
    if month.last < case.registered_on:
        raise Http404("De casus bestond in deze maand nog niet")
    contacts = list(
        visible_contacts(user, case)
        .filter(occurred_at__gte=month.start, occurred_at__lt=month.end)
        .select_related("partner", "author")
        .order_by("partner__name", "occurred_at")
    )
    per_partner = defaultdict(Counter)
    for contact in contacts:
        per_partner[contact.partner.name][contact.get_kind_display()] += 1
    interventions = list(
        visible_interventions(user, case)
        .exclude(status=InterventionStatus.VOORGESTELD, started_on__isnull=True)
        .filter(Q(started_on__lte=month.last) | Q(started_on__isnull=True))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=month.first))
        .select_related("intervention_type", "responsible_partner")
        .order_by("intervention_type__track", "started_on")
    )
    for row in interventions:
        # A flag per row, not "{% if i in started %}": a list lookup per row is quadratic.
        row.started_in_month = bool(row.started_on) and month.first <= row.started_on <= month.last
        row.ended_in_month = bool(row.ended_on) and month.first <= row.ended_on <= month.last
    # The casusoverleg, its decisions and agreements have their own sections below.
    changes = timeline_between(user, case, month.start, month.end, leave_out=MEETING_KINDS)
    status_changes = [
        (entry, change)
        for entry in changes
        if entry.kind == "case"
        for change in entry.changes
        if change.label == "status" and change.old
    ]
    household = case.youth.household
    return {
        **_meta(user),
        "case": case,
        "youth": case.youth,
        "age": case.youth.age_on(month.last),
        "household": household,
        "members": list(household.members.all()) if household else [],
        "month": month,
        "involvements": list(
            visible_involvements(user, case)
            .filter(started_on__lte=month.last)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=month.first))
            .select_related("partner", "contact_person")
        ),
        "interventions": interventions,
        "contacts": contacts,
        "contacts_printed": sorted(
            sorted(contacts, key=lambda c: c.occurred_at)[-PDF_CONTACTS:],
            key=lambda c: (c.partner.name, c.occurred_at),
        ),
        "contacts_not_printed": max(len(contacts) - PDF_CONTACTS, 0),
        "summary_characters": PDF_SUMMARY_CHARACTERS,
        "contacts_per_partner": sorted(
            (name, sorted(kinds.items())) for name, kinds in per_partner.items()
        ),
        "status_changes": status_changes,
        "changes": changes,
        **_plan_and_meetings(user, case, month),
        "zrm_chart": zrm_chart(_assessments_until(user, case, month), for_print=True),
        "show_zrm": may_see_assessments(user),
        **_toetsen(user, case, month),
    }


def _toetsen(user, case, month) -> dict:
    """The proportionaliteitstoetsen held up to the month's end: for who may see them."""
    if not may_see_toetsen(user):
        return {"show_toetsen": False}
    toetsen = toets_history(user, case, until=month.last)
    return {
        "show_toetsen": True,
        "toetsen": toetsen[:PDF_TOETSEN],
        "toetsen_not_printed": max(len(toetsen) - PDF_TOETSEN, 0),
    }


def _plan_and_meetings(user, case, month) -> dict:
    """The month's meetings about the case (the items the user sees), their decisions, and
    the agreements opened, done and overdue in the month; the plan's goals."""
    items = list(
        visible_agenda_items(user)
        .filter(case=case, meeting__starts_at__gte=month.start, meeting__starts_at__lt=month.end)
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )
    agreements = visible_agreements(user, case).select_related("partner", "goal__domain")
    opened = list(
        agreements.filter(
            pk__in=Agreement.history.filter(
                case_id=case.pk,
                history_type="+",
                history_date__gte=month.start,
                history_date__lt=month.end,
            ).values("id")
        ).order_by("due_on")
    )
    finished = list(
        agreements.exclude(status="open")
        .filter(status_on__gte=month.first, status_on__lte=month.last)
        .order_by("status_on")
    )
    made_now = {a.pk for a in opened}
    for agreement in finished:  # made and finished in the month: one line, not two
        agreement.made_this_month = agreement.pk in made_now
    finished_ids = {a.pk for a in finished}
    return {
        "meeting_items": items,
        "decisions": list(
            visible_decisions(user, case)
            .filter(item__in=[item.pk for item in items])
            .select_related("item__meeting")
            .order_by("item__meeting__starts_at", "pk")
        ),
        "agreements_opened": [a for a in opened if a.pk not in finished_ids],
        "agreements_done": finished,
        "agreements_overdue": list(
            agreements.filter(due_on__lte=month.last, due_on__lt=timezone.localdate())
            .filter(Q(status="open") | Q(status_on__gt=month.last))
            .order_by("due_on")
        ),
        "goals": list(
            visible_goals(user, case)
            .select_related("domain")
            .prefetch_related(
                Prefetch(
                    "evaluations",
                    queryset=GoalEvaluation.objects.filter(
                        evaluated_on__gte=month.first, evaluated_on__lte=month.last
                    ).order_by("-evaluated_on", "-pk"),
                    to_attr="month_evaluations",
                )
            )
        ),
    }


def _assessments_until(user, case, month):
    return list(
        visible_assessments(user, case)
        .filter(assessed_on__lte=month.last)
        .prefetch_related(
            Prefetch("scores", queryset=AssessmentScore.objects.select_related("domain"))
        )
        .order_by("assessed_on")
    )


CASELOAD_TEMPLATE = "pdf/caseload_overview.html"
# A caseload overview of more rows than this (the whole team of a big city: hundreds of
# pages) is loaded, laid out and written in parts of this many rows, one after the other, and
# the parts' PDFs joined (pga.pdf.render_pdf_parts): the memory it takes is that of one part,
# however many cases the team has.
PART_ROWS = 400


def _caseload_basis(user, month: Month, coordinator_user=None):
    """The overview's running cases (a queryset, in the list's order) and every figure
    that is not a row: the rows themselves are loaded part by part (``_load_rows``)."""
    cases = visible_cases(user)
    if coordinator_user is not None:
        cases = cases.filter(coordinator=coordinator_user)
    month_contacts = visible_contacts(user).filter(
        case=OuterRef("pk"), occurred_at__gte=month.start, occurred_at__lt=month.end
    )
    last_contact = visible_contacts(user).filter(case=OuterRef("pk"), occurred_at__lt=month.end)
    active = (
        cases.filter(registered_on__lte=month.last)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=month.first))
        .exclude(status=CaseStatus.NIET_OPGENOMEN)
        .select_related("youth", "coordinator")
        .prefetch_related(
            Prefetch(
                "involvements",
                queryset=visible_involvements(user)
                .active()
                .select_related("partner")
                .order_by("partner__name"),
                to_attr="active_involvements",
            )
        )
        .annotate(
            contacts_this_month=Coalesce(
                Subquery(month_contacts.values("case").annotate(n=Count("pk")).values("n")[:1]), 0
            ),
            last_contact_at=Subquery(
                last_contact.order_by("-occurred_at").values("occurred_at")[:1]
            ),
        )
    )
    # A partner's list is not in the order of a priority it may not see ('dat' rows).
    coordinator = is_coordinator(user)
    active = with_access(user, active).order_by(
        *(("priority", "youth__last_name", "number") if coordinator
          else ("youth__last_name", "number"))
    )  # fmt: skip
    closed = cases.filter(
        closed_on__gte=month.first, closed_on__lte=month.last, status__in=CLOSED_STATUSES
    )
    reasons = dict(ClosureReason.choices)
    closed_reasons = list(
        closed.filter(pk__in=content_cases(user).values("pk")).values_list(
            "closure_reason", flat=True
        )
    )
    per_track = Counter(
        visible_interventions(user)
        .filter(case__in=active.values("pk"), started_on__lte=month.last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=month.first))
        .values_list("intervention_type__track", flat=True)
    )
    outflow_total = closed.count()
    return active, {
        **_meta(user),
        "month": month,
        "coordinator_user": coordinator_user,
        "inflow": cases.filter(
            registered_on__gte=month.first, registered_on__lte=month.last
        ).count(),
        "outflow": sorted(
            (reasons.get(reason, reason), n) for reason, n in Counter(closed_reasons).items()
        ),
        "outflow_total": outflow_total,
        "outflow_reason_hidden": outflow_total - len(closed_reasons),
        "per_track": [(label, per_track.get(value, 0)) for value, label in Track.choices],
        "chart": _flow_chart(cases, month),
    }


def _load_rows(active, month: Month, ids=None) -> list:
    """The rows of ``active`` (those of ``ids`` only, if given), in the list's order, each
    with whether its review date passed in the month."""
    rows = list(active if ids is None else active.filter(pk__in=ids))
    for row in rows:
        # The review date is content: a 'dat' row shows none and is not counted.
        row.review_overdue_in_month = (
            row.shows_content
            and not row.is_closed
            and row.next_review_on is not None
            and row.next_review_on < month.last
        )
    return rows


def caseload_overview_context(user, month: Month, coordinator_user=None, basis=None) -> dict:
    """The whole overview in one context, for a caseload of up to PART_ROWS rows; ``basis``
    is what ``_caseload_basis`` returned, if the caller has it already."""
    active, figures = basis or _caseload_basis(user, month, coordinator_user)
    rows = _load_rows(active, month)
    return {
        **figures,
        "rows": rows,
        "row_count": len(rows),
        "overdue_count": sum(row.review_overdue_in_month for row in rows),
        "first_part": True,
        "last_part": True,
    }


# How many earlier months the caseload page offers as a monthly overview (PDF).
EARLIER_MONTHS = 24


def earlier_months(user, today=None, count=EARLIER_MONTHS) -> list[dict]:
    """The months before this one whose caseload overview the user can open today, newest
    first: those in which a case the user sees *now* was active (as the overview counts
    them). A partner is not offered a month of a case it no longer sees; a coordinator gets
    per month whether its own caseload and the team's hold a case. One query."""
    today = today or timezone.localdate()
    starts = [first for first in month_starts(today, count + 1)[:-1] if first >= EARLIEST_DATE]
    months = [Month(first.year, first.month) for first in starts]
    cases = visible_cases(user).exclude(status=CaseStatus.NIET_OPGENOMEN)
    coordinator = is_coordinator(user)
    counts = {}
    for i, month in enumerate(months):
        active = Q(registered_on__lte=month.last) & (
            Q(closed_on__isnull=True) | Q(closed_on__gte=month.first)
        )
        counts[f"all{i}"] = Count("pk", filter=active)
        if coordinator:
            counts[f"own{i}"] = Count("pk", filter=active & Q(coordinator=user))
    counted = cases.aggregate(**counts) if counts else {}
    rows = [
        {"month": month, "team": counted[f"all{i}"] > 0, "own": counted.get(f"own{i}", 0) > 0}
        for i, month in enumerate(months)
    ]
    return [row for row in reversed(rows) if row["team"]]


def _flow_chart(cases, month):
    months = month_starts(month.last, 12)
    inflow = Counter(
        date(d.year, d.month, 1)
        for d in cases.filter(
            registered_on__gte=months[0], registered_on__lte=month.last
        ).values_list("registered_on", flat=True)
    )
    outflow = Counter(
        date(d.year, d.month, 1)
        for d in cases.filter(closed_on__gte=months[0], closed_on__lte=month.last).values_list(
            "closed_on", flat=True
        )
    )
    return bar_chart(
        "Instroom en uitstroom, 12 maanden tot en met " + month.label,
        [short_label(m) for m in months],
        [
            Series("Instroom", [inflow.get(m, 0) for m in months], "a"),
            Series("Uitstroom", [outflow.get(m, 0) for m in months], "b"),
        ],
        for_print=True,
    )


def render_case_overview_html(user, case, month: Month) -> str:
    return render_to_string("pdf/case_overview.html", case_overview_context(user, case, month))


def render_caseload_overview_pdf(
    user, month: Month, coordinator_user=None, progress=None
) -> tuple[bytes, list]:
    """The caseload overview as PDF, and the ids of the cases it lists. Up to PART_ROWS rows
    in one piece; more (the whole team) in parts of PART_ROWS rows, each loaded and laid out
    after the previous one is written, so neither the rows nor the layout of the whole
    caseload are ever in memory at once. ``progress(done, total)`` is told after each part."""
    from pga.pdf import render_pdf, render_pdf_parts

    active, figures = _caseload_basis(user, month, coordinator_user)
    ids = list(active.values_list("pk", flat=True))
    if len(ids) <= PART_ROWS:
        context = caseload_overview_context(user, month, basis=(active, figures))
        pdf = render_pdf(render_to_string(CASELOAD_TEMPLATE, context))
        if progress:
            progress(1, 1)
        return pdf, [row.pk for row in context["rows"]]
    chunks = [ids[i : i + PART_ROWS] for i in range(0, len(ids), PART_ROWS)]

    def parts():
        overdue = 0
        for number, chunk in enumerate(chunks):
            rows = _load_rows(active, month, chunk)
            overdue += sum(row.review_overdue_in_month for row in rows)
            # The figures after the table (the last part) count every row before them.
            yield render_to_string(
                CASELOAD_TEMPLATE,
                {
                    **figures,
                    "rows": rows,
                    "row_count": len(ids),
                    "overdue_count": overdue,
                    "first_part": number == 0,
                    "last_part": number == len(chunks) - 1,
                },
            )
            if progress:
                progress(number + 1, len(chunks))

    return render_pdf_parts(parts()), ids

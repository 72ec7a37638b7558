"""The caseload list: the user's visible cases, filtered, searched and sorted.

Visibility comes from ``cases.permissions``; this module only narrows what the user may
already see.
"""

from datetime import timedelta

from django.db.models import Case as DbCase
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils import timezone

from cases.models import CLOSED_STATUSES, District, InterventionStatus
from cases.models.people import youth_in_district
from cases.permissions import (
    cases_with_toets_overdue,
    content_cases,
    visible_agreements,
    visible_cases,
    visible_contacts,
    visible_group_memberships,
    visible_interventions,
    visible_involvements,
    visible_youth_groups,
    with_access,
)
from cases.search.queries import search_cases
from partners.models import Partner
from partners.permissions import coordinators, is_coordinator, partner_of

SORTS = {
    "nummer": "number",
    "naam": "youth__last_name",
    "status": "status",
    "prioriteit": "priority",
    "aangemeld": "registered_on",
    "evaluatie": "next_review_on",
}

SORT_WORDS = {
    "nummer": "casusnummer",
    "naam": "achternaam",
    "status": "status",
    "prioriteit": "prioriteit",
    "aangemeld": "aanmelddatum",
    "evaluatie": "evaluatiedatum",
}
DEFAULT_SORT = "-aangemeld"
# Sort keys on the case's content: blank for a partner's 'dat' rows.
CONTENT_SORTS = frozenset({"prioriteit", "evaluatie"})


def sort_description(sort: str | None) -> str:
    """The list's order in words, for the table's caption: 'aanmelddatum, nieuwste eerst'."""
    sort = sort or DEFAULT_SORT
    key = sort.lstrip("-")
    words = SORT_WORDS.get(key, SORT_WORDS["aangemeld"])
    return f"{words}, {'aflopend' if sort.startswith('-') else 'oplopend'}"


def search(cases: QuerySet, text: str) -> QuerySet:
    """Every word must match the case number or a part of the youth's name, case and
    accents aside (``cases.search``)."""
    return search_cases(cases, text)


def filter_caseload(user, cases: QuerySet, data: dict, today=None) -> QuerySet:
    """Narrow ``cases`` by the list's filters. Every filter that looks past the case itself
    (contacts, interventions, involvements, groups) asks ``cases.permissions`` what ``user``
    may see: a filter over all contacts would betray other organisations' restricted ones."""
    today = today or timezone.localdate()
    status = data.get("status") or ""
    if status == "":
        cases = cases.open()
    elif status != "alle":
        cases = cases.filter(status=status)
    if data.get("q"):
        cases = search(cases, data["q"])
    # Filters on the case's content (priority, the youth's area, the review date) match
    # only the cases whose content the user may read: a 'dat' case never matches them, so
    # a filter cannot tell a partner what the case page does not.
    content = None if is_coordinator(user) else content_cases(user).values("pk")

    def on_content(condition: Q):
        return condition if content is None else condition & Q(pk__in=content)

    if data.get("priority"):
        cases = cases.filter(on_content(Q(priority=data["priority"])))
    if data.get("district"):
        cases = cases.filter(on_content(youth_in_district(data["district"], "youth__")))
    if data.get("coordinator"):
        cases = cases.filter(coordinator=data["coordinator"])
    if data.get("partner"):
        cases = cases.filter(
            Exists(
                visible_involvements(user)
                .active()
                .filter(case=OuterRef("pk"), partner=data["partner"])
            )
        )
    if data.get("youth_group"):
        cases = cases.filter(
            Exists(
                visible_group_memberships(user).filter(
                    youth=OuterRef("youth"), youth_group=data["youth_group"], until_on__isnull=True
                )
            )
        )
    if data.get("review_overdue"):
        cases = cases.review_overdue(today).filter(on_content(Q()))
    if data.get("inform_review_overdue") and is_coordinator(user):
        # The coordinators' worklist of the duty to inform; partners have no such filter.
        cases = cases.inform_review_overdue(today)
    if data.get("toets_overdue"):
        # Coordinators only: for anyone else the filter finds nothing (it betrays nothing).
        cases = cases.filter(pk__in=cases_with_toets_overdue(user, today).values("pk"))
    if data.get("agreement_overdue"):
        cases = cases.filter(
            Exists(visible_agreements(user).overdue(today).filter(case=OuterRef("pk")))
        )
    if data.get("registered_from"):
        cases = cases.filter(registered_on__gte=data["registered_from"])
    if data.get("closed_from"):
        cases = cases.filter(status__in=CLOSED_STATUSES, closed_on__gte=data["closed_from"])
    if data.get("ending_within") is not None:
        cases = cases.filter(
            Exists(
                interventions_ending(user, today, data["ending_within"]).filter(case=OuterRef("pk"))
            )
        )
    if data.get("no_contact_days"):
        since = timezone.now() - timedelta(days=data["no_contact_days"])
        cases = cases.exclude(
            Exists(visible_contacts(user).filter(case=OuterRef("pk"), occurred_at__gte=since))
        )
    return cases


def interventions_ending(user, today, days: int) -> QuerySet:
    return visible_interventions(user).filter(
        status=InterventionStatus.LOPEND,
        planned_end_on__gte=today,
        planned_end_on__lte=today + timedelta(days=days),
    )


def caseload(user, data: dict, today=None) -> QuerySet:
    """The rows of the caseload page, with what each row shows, in a fixed number of queries."""
    contacts = visible_contacts(user)
    if not is_coordinator(user):
        # A partner's list shows when its own organisation last saw the youth.
        contacts = contacts.filter(partner=partner_of(user))
    last_contact = (
        contacts.filter(case=OuterRef("pk")).order_by("-occurred_at").values("occurred_at")[:1]
    )
    cases = with_access(user, filter_caseload(user, visible_cases(user), data, today))
    sort = data.get("sort") or DEFAULT_SORT
    key = sort.lstrip("-")
    ordering = f"-{SORTS[key]}" if sort.startswith("-") else SORTS[key]
    if key in CONTENT_SORTS and not is_coordinator(user):
        # A 'dat' row sorts as if empty: its place must not betray its priority or date.
        order = DbCase(When(shows_content=True, then=F(SORTS[key])), default=None)
        ordering = (
            order.desc(nulls_last=True) if sort.startswith("-") else order.asc(nulls_last=True)
        )
    return (
        cases.select_related(
            "youth", "youth__district", "youth__household__district", "coordinator"
        )
        .annotate(last_contact_at=Subquery(last_contact))
        .order_by(ordering, "-number")
    )


def filter_choices(user) -> dict[str, list[tuple[int, str]]]:
    """The choices of the four list filters (gebied, coördinator, partner, jeugdgroep), in one
    UNION ALL query instead of one query per list; the youth groups are those the user sees."""

    def rows(queryset, key, label):
        return (
            queryset.order_by()
            .annotate(choice_list=Value(key, output_field=CharField()), choice_label=label)
            .values_list("choice_list", "pk", "choice_label")
        )

    full_name = Coalesce(
        NullIf(Trim(Concat("first_name", Value(" "), "last_name")), Value("")),
        "username",
        output_field=CharField(),
    )
    lists = [
        rows(District.objects.all(), "district", F("name")),
        rows(coordinators(), "coordinator", full_name),
        rows(Partner.objects.all(), "partner", F("name")),
        rows(visible_youth_groups(user), "youth_group", F("name")),
    ]
    choices = {key: [] for key in ("district", "coordinator", "partner", "youth_group")}
    for key, pk, label in lists[0].union(*lists[1:], all=True):
        choices[key].append((pk, label))
    for options in choices.values():
        options.sort(key=lambda option: option[1].lower())
    return choices

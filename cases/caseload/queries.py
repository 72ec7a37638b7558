"""The caseload list: the user's visible cases, filtered, searched and sorted.

Visibility comes from ``cases.permissions``; this module only narrows what the user may
already see.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Case as DbCase
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils import timezone

from cases.models import CLOSED_STATUSES, District, InterventionStatus, YouthGroup
from cases.models.people import youth_in_district
from cases.permissions import (
    cases_with_toets_overdue,
    content_cases,
    own_contacts_per_visible_case,
    own_open_agreements_per_visible_case,
    sees_every_agreement,
    sees_every_contact,
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

# The caseload's columns that sort, by the key in the URL (?sort=naam, ?sort=-naam). Every
# column of the table sorts; "toegang" is a partner's column only.
SORTS = {
    "nummer": "number",
    "naam": "youth__last_name",
    "leeftijd": "youth__date_of_birth",
    "gebied": "area_name",  # the youth's area, kept on the case (Case.area_name)
    "status": "status",
    "prioriteit": "priority",
    "coordinator": "coordinator_name",
    "aangemeld": "registered_on",
    "evaluatie": "next_review_on",
    "contact": "last_contact_at",
    "toegang": "access_until",
}
# A later date of birth is a younger youth: "leeftijd" ascending is youngest first.
REVERSED_SORTS = frozenset({"leeftijd"})
PARTNER_SORTS = frozenset({"toegang"})
# Columns that are never NULL: they sort without NULLS LAST, so that an index in the same
# order (cases.models.Case.Meta.indexes) serves the page with a LIMIT instead of a sort of
# every case. PostgreSQL matches an index only on the exact NULLS placement, and SQLite
# indexes have none. A partner's content sorts are CASE expressions that can be NULL.
NOT_NULL_SORTS = frozenset({"nummer", "naam", "leeftijd", "status", "prioriteit", "aangemeld"})

SORT_WORDS = {
    "nummer": "casusnummer",
    "naam": "achternaam",
    "leeftijd": "leeftijd",
    "gebied": "gebied",
    "status": "status",
    "prioriteit": "prioriteit",
    "coordinator": "coördinator",
    "aangemeld": "aanmelddatum",
    "evaluatie": "evaluatiedatum",
    "contact": "laatste contact",
    "toegang": "toegang tot",
}
DEFAULT_SORT = "-aangemeld"
# Sort keys on the case's content: blank for a partner's 'dat' rows.
CONTENT_SORTS = frozenset({"prioriteit", "evaluatie", "gebied"})
# ?coordinator=alle: the whole team's cases; without the parameter a coordinator's caseload
# shows the coordinator's own cases.
WHOLE_TEAM = "alle"
# A chosen option's label, as a combobox without JavaScript posts it, is read this far.
LONGEST_LABEL = 200


def sort_key(user, sort: str | None) -> str:
    """The list's sort as asked, if the user's table has that column; else the default."""
    sort = sort or DEFAULT_SORT
    key = sort.lstrip("-")
    if key not in SORTS or (key in PARTNER_SORTS and is_coordinator(user)):
        return DEFAULT_SORT
    return sort


def sort_description(sort: str | None) -> str:
    """The list's order in words, for the table's caption: 'aanmelddatum, aflopend'."""
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
    def on_content(condition: Q):
        # Built only for a filter that asks it: a partner's content cases are a subquery
        # whose making cost every page a few milliseconds.
        if is_coordinator(user):
            return condition
        return condition & Q(pk__in=content_cases(user).values("pk"))

    if data.get("priority"):
        cases = cases.filter(on_content(Q(priority=data["priority"])))
    if data.get("district"):
        cases = cases.filter(on_content(youth_in_district(data["district"], "youth__")))
    if data.get("coordinator") and data["coordinator"] != WHOLE_TEAM:
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
        if sees_every_agreement(user):
            # The case's first open deadline, kept on the case: a range of an index.
            cases = cases.filter(open_agreement_due_on__lt=today)
        else:
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
        if sees_every_contact(user):
            # A range of an index instead of a look into the contacts per open case.
            cases = cases.filter(Q(latest_contact_at__isnull=True) | Q(latest_contact_at__lt=since))
        else:
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


def _shown_columns(user) -> dict:
    """The computed columns a row shows (and the list may sort on): the last contact (a
    partner: of its own organisation), the youth's area and the coordinator's name."""
    if sees_every_contact(user):
        last_contact = F("latest_contact_at")  # the last contact, kept on the case, indexed
    else:
        # A partner's list shows when its own organisation last saw the youth.
        own = own_contacts_per_visible_case(user).filter(case=OuterRef("pk"))
        last_contact = Subquery(own.order_by("-occurred_at").values("occurred_at")[:1])
    return {
        "last_contact_at": last_contact,
        "coordinator_name": Coalesce(
            NullIf(Trim(Concat("coordinator__last_name", Value(" "), "coordinator__first_name")),
                   Value("")),
            "coordinator__username",
            output_field=CharField(),
        ),
    }  # fmt: skip


def caseload(user, data: dict, today=None) -> QuerySet:
    """The rows of the caseload page, with what each row shows, in a fixed number of queries:
    the last contact (a partner: of its own organisation) and, for a partner, the open
    agreements its own organisation carries out in the case."""
    partner = None if is_coordinator(user) else partner_of(user)
    cases = with_access(user, filter_caseload(user, visible_cases(user), data, today))
    cases = cases.select_related(
        "youth", "youth__district", "youth__household__district", "coordinator"
    ).annotate(**_shown_columns(user))
    if partner is not None:
        own_open = (
            own_open_agreements_per_visible_case(user)
            .filter(case=OuterRef("pk"))
            .order_by()
            .values("case")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        cases = cases.annotate(own_open_agreements=Coalesce(Subquery(own_open), 0))
    return cases.order_by(*ordering(user, data.get("sort")))


def caseload_ids(user, data: dict, today=None) -> QuerySet:
    """The ids of ``caseload``'s rows, in its order, with only what the filters and the sort
    need: no joins for columns the page shows but does not sort on. The page counts and
    slices these, then loads its 25 rows whole (``caseload(...).filter(pk__in=...)``)."""
    key = sort_key(user, data.get("sort")).lstrip("-")
    cases = filter_caseload(user, visible_cases(user), data, today)
    if not is_coordinator(user) and (key in CONTENT_SORTS or key in PARTNER_SORTS):
        cases = with_access(user, cases)  # a 'dat' row sorts as if blank; "toegang"
    shown = _shown_columns(user)
    if SORTS[key] in shown:
        cases = cases.annotate(**{SORTS[key]: shown[SORTS[key]]})
    return cases.order_by(*ordering(user, data.get("sort"))).values_list("pk", flat=True)


def ordering(user, sort: str | None) -> tuple:
    """The ORDER BY of the list; a 'dat' row sorts as if its content column were empty, so
    its place cannot betray its priority, area or review date."""
    sort = sort_key(user, sort)
    key = sort.lstrip("-")
    descending = sort.startswith("-") != (key in REVERSED_SORTS)
    column = F(SORTS[key])
    if key in CONTENT_SORTS and not is_coordinator(user):
        column = DbCase(When(shows_content=True, then=F(SORTS[key])), default=None)
    nulls_last = key not in NOT_NULL_SORTS or isinstance(column, DbCase)
    first = (
        column.desc(nulls_last=nulls_last or None)
        if descending
        else column.asc(nulls_last=nulls_last or None)
    )
    then = ("youth__first_name",) if key == "naam" else ()
    return (first, *then, "-number")


# The lists of the filters that grow with the city; past COMBOBOX_THRESHOLD options each is
# a search field (cases.choices) and the page loads only its chosen option.
GROWING_LISTS = ("coordinator", "partner", "youth_group")


def filter_choices(user, data=None) -> dict[str, list[tuple[int, str]]]:
    """The choices of the four list filters (gebied, coördinator, partner, jeugdgroep), in one
    UNION ALL query, however big the city: the districts whole; of each list that grows with
    the city, whether it holds more than COMBOBOX_THRESHOLD options (the first ones by key
    of the whole list, read from its primary key: not which of them the user may see, which
    for the police's 6,000 cases meant every youth group of them), the options the user may
    see among those first ones, and the option ``data`` chose, by key or, as a combobox
    without JavaScript posts it, by its label. ``long`` names the lists past the threshold:
    their search field needs only the chosen option (to validate it and show its label)."""
    data = data or {}
    threshold = settings.COMBOBOX_THRESHOLD

    def rows(queryset, key, label):
        return (
            queryset.order_by()
            .annotate(choice_list=Value(key, output_field=CharField()), choice_label=label)
            .values_list("choice_list", "pk", "choice_label")
        )

    def first_and_chosen(whole, seen, key, label):
        first = whole.order_by("pk").values("pk")[: threshold + 1]
        chosen = str(data.get(key) or "")[:LONGEST_LABEL].strip()
        wanted = Q(pk__in=first)
        if chosen.isdigit():
            wanted |= Q(pk=int(chosen))
        elif chosen:
            wanted |= Q(choice_label__iexact=chosen)
        # "key#" rows only count the whole list's first ones: no label is read.
        counted = rows(whole.filter(pk__in=first), f"{key}#", Value(""))
        return [counted, rows(seen, key, label).filter(wanted)]

    full_name = Coalesce(
        NullIf(Trim(Concat("first_name", Value(" "), "last_name")), Value("")),
        "username",
        output_field=CharField(),
    )
    lists = [
        rows(District.objects.all(), "district", F("name")),
        *first_and_chosen(coordinators(), coordinators(), "coordinator", full_name),
        *first_and_chosen(Partner.objects.all(), Partner.objects.all(), "partner", F("name")),
        *first_and_chosen(
            YouthGroup.objects.all(), visible_youth_groups(user), "youth_group", F("name")
        ),
    ]
    choices = {key: [] for key in ("district", *GROWING_LISTS)}
    whole = dict.fromkeys(GROWING_LISTS, 0)
    for key, pk, label in lists[0].union(*lists[1:], all=True):
        if key.endswith("#"):
            whole[key[:-1]] += 1
        else:
            choices[key].append((pk, label))
    choices["long"] = {key for key in GROWING_LISTS if whole[key] > threshold}
    for key in choices["long"]:
        # Only the chosen option is needed: the first ones were read to count.
        chosen = str(data.get(key) or "")[:LONGEST_LABEL].strip().casefold()
        choices[key] = [
            (pk, label)
            for pk, label in choices[key]
            if str(pk) == chosen or label.casefold() == chosen
        ]
    for key in ("district", *GROWING_LISTS):
        choices[key].sort(key=lambda option: option[1].lower())
    return choices

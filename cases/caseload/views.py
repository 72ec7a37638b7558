"""The start page (dashboard or caseload, by role) and the caseload list."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.utils.http import urlencode

from cases.caseload import export
from cases.caseload.dashboard import figures
from cases.caseload.forms import CaseloadFilterForm
from cases.caseload.queries import (
    WHOLE_TEAM,
    caseload,
    caseload_ids,
    filter_choices,
    sort_description,
    sort_key,
)
from cases.overviews.pdf import earlier_months
from cases.permissions import (
    ensure_case_user,
)
from cases.plan.views import open_agreements_page
from partners.permissions import (
    is_coordinator,
    is_management,
    may_read_access_log,
    may_use_admin,
    partner_of,
)
from pga.paging import BoundedPaginator
from pga.views import is_htmx

PAGE_SIZE = 25

# The table's columns: (sort key, header). Every column sorts; a partner's table has its
# own access as a last column.
COLUMNS = [
    ("nummer", "Casus"),
    ("naam", "Jongere"),
    ("leeftijd", "Leeftijd"),
    ("gebied", "Gebied"),
    ("status", "Status"),
    ("prioriteit", "Prioriteit"),
    ("coordinator", "Coördinator"),
    ("aangemeld", "Aangemeld"),
    ("evaluatie", "Volgende evaluatie"),
    ("contact", "Laatste contact"),
]
PARTNER_COLUMNS = [
    *COLUMNS[:-1],
    ("contact", "Laatste contact eigen organisatie"),
    ("toegang", "Uw toegang"),
]


def without_empty(query: QueryDict) -> str | None:
    """The query string without its empty parameters, if it had any (a GET form sends
    every field); None if there is nothing to strip."""
    kept = [(name, value) for name, values in query.lists() for value in values if value != ""]
    if len(kept) == sum(len(values) for _name, values in query.lists()):
        return None
    return urlencode(kept)


def url_with(query: QueryDict, **changes) -> str:
    """``?query`` with ``changes`` (None removes a parameter), on the first page."""
    params = query.copy()
    params.pop("pagina", None)
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    return "?" + params.urlencode() if params else "?"


def sort_headers(query: QueryDict, columns, sort: str) -> list[dict]:
    """Each column's header: a link that sorts on it (ascending, then descending) and keeps
    the filters; the sorted one says how (aria-sort)."""
    headers = []
    for key, label in columns:
        order = None
        if sort == key:
            order = "ascending"
        elif sort == f"-{key}":
            order = "descending"
        next_sort = f"-{key}" if sort == key else key
        headers.append({"label": label, "aria_sort": order, "url": url_with(query, sort=next_sort)})
    return headers


def list_filters(request, coordinator: bool):
    """The caseload's form and the filters it applies: a coordinator without a coordinator
    filter sees their own cases."""
    form = CaseloadFilterForm(
        request.GET or None, choices=filter_choices(request.user, request.GET)
    )
    filters = {}
    if form.is_bound:
        form.is_valid()  # a filter that is not valid shows its error at the field;
        filters = dict(form.cleaned_data)  # the valid ones still apply
    if coordinator and not filters.get("coordinator"):
        filters["coordinator"] = request.user.pk
    return form, filters


def export_query(query: QueryDict) -> str:
    """The list's filters and sort for the export links: the page number aside."""
    params = query.copy()
    params.pop("pagina", None)
    return params.urlencode()


@login_required
def case_list(request):
    """The caseload (a partner's Mijn casussen). A coordinator sees their own cases unless
    the URL says ?coordinator=alle (the whole team) or names another coordinator."""
    ensure_case_user(request.user)
    cleaned = without_empty(request.GET)
    if cleaned is not None:
        # A shared link carries only the filters that are set.
        return redirect(request.path + (f"?{cleaned}" if cleaned else ""))
    coordinator = is_coordinator(request.user)
    form, filters = list_filters(request, coordinator)
    sort = sort_key(request.user, filters.get("sort"))
    asked = request.GET.get("pagina")
    # The page's ids first, counted and sorted with only the joins the sort needs; then
    # those 25 rows with everything they show. Sorting the whole team's 8,000 open cases
    # with every joined column took 35-55 ms at 10× the city for the sorts no index serves.
    ids = caseload_ids(request.user, filters)
    page = BoundedPaginator(ids, PAGE_SIZE, asked_page=asked).get_page(asked)
    wanted = list(page.object_list)
    found = {case.pk: case for case in caseload(request.user, filters).filter(pk__in=wanted)}
    page.object_list = [found[pk] for pk in wanted]
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "is_coordinator": coordinator,
        "whole_team": filters.get("coordinator") == WHOLE_TEAM,
        "own_cases": str(filters.get("coordinator")) == str(request.user.pk),
        "own_url": url_with(request.GET, coordinator=None),
        "team_url": url_with(request.GET, coordinator=WHOLE_TEAM),
        "headers": sort_headers(request.GET, COLUMNS if coordinator else PARTNER_COLUMNS, sort),
        "filtered": any(name not in ("sort", "pagina") for name in request.GET),
        "sort_description": sort_description(sort),
        "export_query": export_query(request.GET),
    }
    if is_htmx(request):
        # htmx swaps only the list, not the field's error: the list says it too.
        context["search_note"] = " ".join(form.errors.get("q", []))
        return render(request, "cases/_caseload.html", context)
    return render(request, "cases/case_list.html", context)


@login_required
def caseload_months(request):
    """The earlier months whose caseload overview (PDF) the user can open: the caseload page
    loads them after itself (htmx), as they ask about every case the user sees (the police's
    6,000 at 10× the city) and the list must not wait for that. Opened as a page (no
    JavaScript, a shared link), the same list stands in a page of its own."""
    ensure_case_user(request.user)
    context = {
        "earlier_months": earlier_months(request.user),
        "is_coordinator": is_coordinator(request.user),
    }
    if is_htmx(request):
        return render(request, "cases/_caseload_months.html", context)
    return render(request, "cases/caseload_months.html", context)


def _export(request, write):
    """Every row the caseload page lists with these filters, as a file; a filter that is
    not valid refuses the export (the page would show it at the field)."""
    ensure_case_user(request.user)
    coordinator = is_coordinator(request.user)
    form, filters = list_filters(request, coordinator)
    if form.is_bound and form.errors:
        return HttpResponseBadRequest(
            "De filters van de export zijn niet geldig. Open de caseload, corrigeer de filters "
            "en exporteer opnieuw.",
            content_type="text/plain; charset=utf-8",
        )
    rows = export.export_rows(
        caseload(request.user, filters), COLUMNS if coordinator else PARTNER_COLUMNS
    )
    return write(rows, coordinator)


@login_required
def case_list_csv(request):
    return _export(request, export.csv_response)


@login_required
def case_list_xlsx(request):
    return _export(request, export.xlsx_response)


@login_required
def home(request):
    """Coordinators land on the dashboard, partner employees on their cases, management on
    the Sturingsinformatie, toezicht on the access log, functioneel beheer in /beheer/."""
    user = request.user
    if is_coordinator(user):
        return render(request, "cases/dashboard.html", figures(user))
    if is_management(user):
        return redirect("cases:report")
    if partner_of(user) is None and may_read_access_log(user):
        return redirect("supervision_access_log")
    if partner_of(user) is None and may_use_admin(user):
        return redirect("admin:index")
    if partner_of(user) is not None:
        return open_agreements_page(request)  # Mijn afspraken, with a link to their cases
    return redirect("cases:case_list")

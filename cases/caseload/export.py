"""The caseload list as CSV or XLSX: every row of the filtered list (up to a maximum), in
the list's order, with the columns of the user's table and what each cell shows there.

The rows are those of ``cases.caseload.queries.caseload``, the page's own queryset; a
partner's 'dat' row is blank where the page shows a dash. The BSN is no column of the list
and so of no export."""

from django.utils import timezone

from cases.reports.export import csv_bytes, download, xlsx_bytes

MAX_ROWS = 5000


def day(value) -> str:
    """A date (or a moment, in local time) as dd-mm-jjjj; empty if there is none."""
    if not value:
        return ""
    if getattr(value, "tzinfo", None) is not None:
        value = timezone.localtime(value)
    return value.strftime("%d-%m-%Y")


def access(case) -> str:
    level = "Wat-informatie" if case.access_level == "wat" else "Dat-informatie"
    return f"{level} · t/m {day(case.access_until)}"


def review(case) -> str:
    if case.is_closed or not case.shows_content or not case.next_review_on:
        return ""
    return day(case.next_review_on) + (" (verlopen)" if case.review_is_overdue else "")


# Per sort key of the page's columns (cases.caseload.views.COLUMNS): the cell as the page
# shows it, a dash as an empty cell.
CELLS = {
    "nummer": lambda case: case.number,
    "naam": lambda case: str(case.youth),
    "leeftijd": lambda case: case.youth.age,
    "gebied": lambda case: str(case.youth.area or "") if case.shows_content else "",
    "status": lambda case: case.get_status_display(),
    "prioriteit": lambda case: case.get_priority_display() if case.shows_content else "",
    "coordinator": lambda case: (
        case.coordinator.get_full_name() or case.coordinator.username if case.coordinator else ""
    ),
    "aangemeld": lambda case: day(case.registered_on),
    "evaluatie": review,
    "contact": lambda case: day(case.last_contact_at),
    "toegang": access,
}


def export_rows(cases, columns) -> list[list]:
    """The header and one row per case; past ``MAX_ROWS`` a last row says the rest is left
    out."""
    rows = [[label for _key, label in columns]]
    listed = list(cases[: MAX_ROWS + 1])
    for case in listed[:MAX_ROWS]:
        rows.append([CELLS[key](case) for key, _label in columns])
    if len(listed) > MAX_ROWS:
        rows.append(
            [f"Afgebroken na {MAX_ROWS} casussen: verfijn de filters om de rest te exporteren."]
        )
    return rows


def filename(coordinator: bool) -> str:
    return f"{'caseload' if coordinator else 'mijn-casussen'}-{timezone.localdate():%Y-%m-%d}"


def csv_response(rows, coordinator: bool):
    return download(csv_bytes(rows), filename(coordinator), "csv")


def xlsx_response(rows, coordinator: bool):
    title = "Caseload" if coordinator else "Mijn casussen"
    return download(xlsx_bytes(rows, title), filename(coordinator), "xlsx")

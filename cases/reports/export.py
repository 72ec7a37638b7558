"""Each table of the Sturingsinformatie as CSV (what Dutch Excel opens: UTF-8 with a BOM,
';' between fields) and as XLSX (openpyxl), suppressed cells as the text "< 5". The caseload
export (cases/caseload/export.py) writes its rows with the same two helpers."""

import csv
import io

from django.http import HttpResponse

from cases.reports.suppression import Suppressed, Table


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Suppressed):
        return str(value)
    return value


def header(table: Table) -> list[str]:
    return [table.row_header, *(column.label for column in table.columns)]


# A text that a spreadsheet would take for a formula (a name typed as "=HYPERLINK(…)"):
# written with a leading apostrophe, so it stays text in Excel and in openpyxl alike.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_bytes(rows) -> bytes:
    """``rows`` (lists of cells) as CSV for Dutch Excel: UTF-8 with a BOM, ';' between."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([as_text(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(rows, title: str, bold_rows=(1,), first_width=None) -> bytes:
    """``rows`` as one XLSX sheet named ``title``; the rows numbered in ``bold_rows`` bold."""
    from openpyxl import Workbook  # imported when asked: most pages never need it
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append([as_text(cell) for cell in row])
    for number in bold_rows:
        for cell in sheet[number]:
            cell.font = Font(bold=True)
    if first_width:
        sheet.column_dimensions["A"].width = first_width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(content: bytes, name: str, kind: str) -> HttpResponse:
    """The bytes as an attachment ``name.kind`` (kind: "csv" or "xlsx")."""
    content_type = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }[kind]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def table_rows(table: Table) -> list[list]:
    return [[label, *(_cell(v) for v in values)] for label, values in table.rows]


def csv_response(table: Table, period) -> HttpResponse:
    rows = [header(table), *table_rows(table)]
    return download(csv_bytes(rows), filename(table, period), "csv")


def xlsx_response(table: Table, period) -> HttpResponse:
    rows = [[f"{table.title} — {period.label}"], header(table), *table_rows(table)]
    content = xlsx_bytes(rows, table.slug, bold_rows=(1, 2), first_width=48)
    return download(content, filename(table, period), "xlsx")


def filename(table: Table, period) -> str:
    where = f"-gebied-{period.district.pk}" if period.district else ""
    return f"sturing-{table.slug}-{period.first}-tm-{period.last}{where}"

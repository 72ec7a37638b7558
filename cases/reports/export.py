"""Each table of the Sturingsinformatie as CSV (what Dutch Excel opens: UTF-8 with a BOM,
';' between fields) and as XLSX (openpyxl), suppressed cells as the text "< 5"."""

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


def csv_response(table: Table, period) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header(table))
    for label, values in table.rows:
        writer.writerow([label, *(_cell(v) for v in values)])
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(table, period)}.csv"'
    return response


def xlsx_response(table: Table, period) -> HttpResponse:
    from openpyxl import Workbook  # imported when asked: most pages never need it
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = table.slug
    sheet.append([f"{table.title} — {period.label}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(header(table))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for label, values in table.rows:
        sheet.append([label, *(_cell(v) for v in values)])
    sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(table, period)}.xlsx"'
    return response


def filename(table: Table, period) -> str:
    where = f"-gebied-{period.district.pk}" if period.district else ""
    return f"sturing-{table.slug}-{period.first}-tm-{period.last}{where}"

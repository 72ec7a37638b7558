"""The page's charts, drawn from the suppressed tables: a bar never shows what its table
hides (a suppressed cell draws no bar and reads "< 5")."""

from cases.reports.suppression import Table
from pga.charts import Series, bar_chart, horizontal_bar_chart

STYLES = ("a", "b", "c", "d")
# On paper the labels (closure reasons, track and kind) get the room the page gives them
# beside the chart; at the default 190 px the longest were cut off at the left.
PRINT_LABEL_WIDTH = 300


def _body(table: Table):
    return table.rows[:-1] if table.total_row else table.rows


def chart_for(table: Table, columns: int, *, for_print=False) -> str:
    """A chart of the table's first ``columns`` columns, without its total row (one SVG
    for the PDF with ``for_print``)."""
    rows = _body(table)
    labels = [label for label, _values in rows]
    series = [
        Series(table.columns[i].label, [values[i] for _label, values in rows], STYLES[i])
        for i in range(columns)
    ]
    if table.slug == "instroom":
        return bar_chart(table.title, labels, series, for_print=for_print)
    if for_print:
        return horizontal_bar_chart(
            table.title, labels, series, label_width=PRINT_LABEL_WIDTH, for_print=True
        )
    return horizontal_bar_chart(table.title, labels, series)


# Which tables get a chart, and of how many of their columns.
CHARTED = {"instroom": 2, "afsluiting": 1, "interventies": 2, "afspraken": 3}


def sections(tables, *, for_print=False) -> list[dict]:
    """Per table: the table and, where a chart helps, its chart beside it (the page) or
    above it (the PDF, ``for_print``)."""
    return [
        {
            "table": t,
            "chart": chart_for(t, CHARTED[t.slug], for_print=for_print)
            if t.slug in CHARTED and _body(t)
            else "",
        }
        for t in tables
    ]

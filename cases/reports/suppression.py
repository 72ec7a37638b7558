"""Small numbers suppressed: no figure on /sturing/ or in its exports lets anyone be
recognised.

- Primary: a count of 1 to REPORT_MIN_CELL - 1 people becomes the text "< 5" (with the
  setting's number); 0 stays 0. A median or quartile over fewer people than that, and a
  share whose denominator is smaller, is suppressed too.
- Secondary: where a row (or column) shows a total, one suppressed part could be derived by
  subtraction; so when exactly one part is suppressed, the smallest other non-zero part is
  suppressed as well. Rows and columns are checked again until nothing changes.

The tables hold numbers until ``suppress`` turns the unsafe ones into ``Suppressed`` cells;
the page, the CSV and the XLSX show those cells alike.
"""

from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class Suppressed:
    """A cell shown as "< 5" (its value is gone: it never reaches a template or a file)."""

    minimum: int

    def __str__(self):
        return f"< {self.minimum}"


@dataclass(frozen=True)
class Column:
    """A column of a table: ``kind`` "n" (a count of people), "days" (a median or quartile
    over the people counted in column ``over``) or "pct" (a share of the count in ``over``).
    ``total``: this count column is the sum of the columns ``parts``."""

    label: str
    kind: str = "n"
    over: int | None = None
    parts: tuple = ()


@dataclass
class Table:
    slug: str
    title: str
    row_header: str
    columns: list
    rows: list = field(default_factory=list)  # (label, [values])
    total_row: bool = False  # the last row sums the rows above (count columns)
    note: str = ""

    def add(self, label, values):
        self.rows.append((str(label), list(values)))

    def add_total_row(self, label="Totaal"):
        totals = [
            sum(row[i] for _label, row in self.rows) if column.kind == "n" else None
            for i, column in enumerate(self.columns)
        ]
        self.rows.append((label, totals))
        self.total_row = True


def is_small(value, minimum) -> bool:
    return isinstance(value, int) and 0 < value < minimum


def suppress(table: Table, minimum: int | None = None) -> Table:
    """The table with every unsafe cell replaced by ``Suppressed`` (in place)."""
    minimum = settings.REPORT_MIN_CELL if minimum is None else minimum
    hidden = Suppressed(minimum)
    for _label, values in table.rows:
        for i, column in enumerate(table.columns):
            if column.kind == "n" and is_small(values[i], minimum):
                values[i] = hidden
            elif column.kind in ("days", "pct"):
                base = values[column.over]
                if values[i] is not None and (
                    isinstance(base, Suppressed) or (isinstance(base, int) and base < minimum)
                ):
                    values[i] = hidden
    _secondary(table, hidden)
    return table


def _hide_one_more(cells, hidden) -> bool:
    """``cells``: (values, index) of the parts of one total. If exactly one is hidden, hide
    the smallest other non-zero one; True if something changed."""
    shown_nonzero = [(v[i], v, i) for v, i in cells if isinstance(v[i], int) and v[i] > 0]
    if sum(isinstance(v[i], Suppressed) for v, i in cells) != 1 or not shown_nonzero:
        return False
    _value, values, index = min(shown_nonzero, key=lambda item: item[0])
    values[index] = hidden
    return True


def _secondary(table: Table, hidden) -> None:
    changed = True
    while changed:
        changed = False
        for _label, values in table.rows:
            for column in table.columns:
                if column.parts:
                    changed |= _hide_one_more([(values, i) for i in column.parts], hidden)
        if table.total_row:
            body = [values for _label, values in table.rows[:-1]]
            for i, column in enumerate(table.columns):
                if column.kind == "n":
                    changed |= _hide_one_more([(values, i) for values in body], hidden)
        # A part hidden in a column may leave a row with exactly one hidden part: again.

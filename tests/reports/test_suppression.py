"""Small numbers are suppressed: a cell of 1–4 people reads "< 5", and a suppressed cell
cannot be derived from a total by subtraction."""

from django.test import override_settings

from cases.reports.suppression import Column, Suppressed, Table, suppress

HIDDEN = Suppressed(5)


def table_with_total(*rows):
    table = Table(
        "t", "T", "Rij", [Column("a"), Column("b"), Column("c"), Column("Totaal", parts=(0, 1, 2))]
    )
    for values in rows:
        table.add("r", [*values, sum(values)])
    return table


def test_counts_of_one_to_four_read_less_than_five_and_zero_stays_zero():
    table = Table("t", "T", "Rij", [Column("a")])
    for n in (0, 1, 4, 5, 12):
        table.add(str(n), [n])
    assert [str(v[0]) for _l, v in suppress(table).rows] == ["0", "< 5", "< 5", "5", "12"]


def test_one_suppressed_part_of_a_total_takes_the_smallest_other_part_with_it():
    [(_label, values)] = suppress(table_with_total((3, 20, 8))).rows
    assert values == [HIDDEN, 20, HIDDEN, 31]  # 31 - 20 no longer gives the 3


def test_two_suppressed_parts_need_no_more():
    [(_label, values)] = suppress(table_with_total((3, 20, 2))).rows
    assert values == [HIDDEN, 20, HIDDEN, 25]


def test_a_total_row_protects_a_column_too():
    table = Table("t", "T", "Rij", [Column("a")])
    for n in (3, 9, 6):
        table.add("r", [n])
    table.add_total_row()
    assert [v[0] for _l, v in suppress(table).rows] == [HIDDEN, 9, HIDDEN, 18]


def test_a_median_over_too_few_people_and_a_share_of_too_few_are_suppressed():
    table = Table(
        "t", "T", "Rij",
        [Column("n"), Column("mediaan", kind="days", over=0), Column("%", kind="pct", over=0)],
    )  # fmt: skip
    table.add("weinig", [4, 30, 75])
    table.add("genoeg", [5, 30, 80])
    assert [v for _l, v in suppress(table).rows] == [[HIDDEN] * 3, [5, 30, 80]]


@override_settings(REPORT_MIN_CELL=10)
def test_the_threshold_is_a_setting():
    table = Table("t", "T", "Rij", [Column("a")])
    table.add("r", [7])
    [(_label, [value])] = suppress(table).rows
    assert str(value) == "< 10"

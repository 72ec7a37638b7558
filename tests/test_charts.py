"""The SVG charts: a screen version with a tooltip per bar and the numbers as a table, and a
lighter print version (one path per series, legend inside the one SVG) for WeasyPrint."""

import re

import pytest

from pga.charts import PRINT_WIDTH, SCREEN_WIDTH, Series, bar_chart, horizontal_bar_chart

SERIES = [
    Series("Instroom", [3, 0, 5], "a"),
    Series("Uitstroom", [1, 2, 0], "b"),
]


def rectangles(path_d: str) -> int:
    return path_d.count("M")


def series_paths(svg: str) -> dict[str, str]:
    """The fill of each bar path, mapped to its drawing."""
    return {
        fill: d
        for d, fill in re.findall(r'<path d="([^"]*)" fill="([^"]*)"', svg)
        if fill != "none"
    }


def test_the_screen_version_has_a_bar_with_a_tooltip_per_value_and_a_table():
    svg = bar_chart("Instroom en uitstroom", ["jan", "feb", "mrt"], SERIES)
    assert svg.count("<title>") == 6
    assert "<title>feb: Uitstroom 2</title>" in svg
    assert "<table>" in svg and 'class="chart__legend"' in svg


def test_the_print_version_draws_each_series_as_one_path_without_empty_bars():
    svg = bar_chart("Instroom en uitstroom", ["jan", "feb", "mrt"], SERIES, for_print=True)
    assert svg.count("<svg") == 1  # legend swatches included
    assert "<title>" not in svg and "<table" not in svg
    paths = series_paths(svg)
    assert rectangles(paths["#014a6e"]) == 2  # Instroom: 3 and 5; the zero draws nothing
    assert rectangles(paths["url(#hatch)"]) == 2  # Uitstroom: 1 and 2
    for label in ("Instroom", "Uitstroom", "jan", "mrt"):
        assert f">{label}</text>" in svg
    assert 'id="hatch"' in svg  # the pattern the hatched series refers to


def test_the_print_bars_keep_their_heights():
    svg = bar_chart("Test", ["a", "b"], [Series("Aantal", [4, 2], "a")], for_print=True)
    heights = [int(h) for h in re.findall(r"v(\d+)h", series_paths(svg)["#014a6e"])]
    assert heights[0] == 2 * heights[1] > 0


def test_the_horizontal_print_chart_has_a_path_per_measurement_and_the_legend_inside():
    measurements = [
        Series("01-01-2026", [1, 5], "d"),
        Series("01-04-2026", [3, 4], "c"),
        Series("01-07-2026", [0, 2], "b"),
    ]
    svg = horizontal_bar_chart(
        "ZRM", ["Financiën", "Justitie"], measurements, scale_max=5, for_print=True
    )
    assert svg.count("<svg") == 1 and "<title>" not in svg
    drawn = re.findall(r'<path d="(M\d+ \d+h[^"]*)" (fill="[^"]*")', svg)
    assert [rectangles(d) for d, _fill in drawn] == [2, 2, 1]
    widths = [int(w) for w in re.findall(r"h(\d+)v", drawn[0][0])]
    assert widths[1] == 5 * widths[0]  # 5 against 1 on the same scale
    for label in ("Financiën", "Justitie", "01-01-2026", "01-07-2026"):
        assert f">{label}</text>" in svg
    screen = horizontal_bar_chart("ZRM", ["Financiën", "Justitie"], measurements, scale_max=5)
    assert "<title>Justitie, 01-07-2026: 2</title>" in screen


MONTHS_36 = [f"{m} {y}" for y in (24, 25, 26) for m in
             ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")]  # fmt: skip


def axis_labels(svg: str) -> list[tuple[float, str]]:
    """(x, text) of the category labels under the axis (the value labels are numbers)."""
    return [
        (float(x), text)
        for x, size, text in re.findall(
            r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle" font-size="(\d+)"[^>]*>([^<]*)<',
            svg,
        )
        if not text.isdigit()
    ]


@pytest.mark.parametrize("for_print, limit", [(True, PRINT_WIDTH), (False, SCREEN_WIDTH)])
def test_36_months_keep_their_labels_legible(for_print, limit):
    """Over 36 months (REPORT_MAX_MONTHS) the chart stays within the width it is shown at, so
    it is never scaled down (with its 11-unit text) to fit the page, and labels every few
    months without overlap; every month keeps its tick and its row in the table."""
    series = [Series("Instroom", list(range(36)), "a"), Series("Uitstroom", [5] * 36, "b")]
    svg = bar_chart("Instroom en uitstroom", MONTHS_36, series, for_print=for_print)
    width = int(re.search(r'<svg viewBox="0 0 (\d+) \d+" width="(\d+)"', svg).group(2))
    assert width <= limit
    assert set(re.findall(r'font-size="([\d.]+)"', svg)) == {"11"}
    labels = axis_labels(svg)
    # Every 3rd or 4th month from the first: the same months each year (a divisor of 12).
    texts = [t for _x, t in labels]
    step = MONTHS_36.index(texts[1])
    assert step in (3, 4) and texts == MONTHS_36[::step]
    for (x1, t1), (x2, t2) in zip(labels, labels[1:], strict=False):
        assert x2 - x1 >= 6 * (len(t1) + len(t2)) / 2 + 4, (t1, t2)  # no overlap at 11 units
    if not for_print:
        assert svg.count("<title>") == 72 and '<th scope="row">feb 25</th>' in svg


@pytest.mark.parametrize("for_print", [True, False])
def test_twelve_months_are_each_labelled_at_the_width_they_had(for_print):
    series = [Series("Instroom", [1] * 12, "a")]
    svg = bar_chart("Instroom", MONTHS_36[:12], series, for_print=for_print)
    assert [t for _x, t in axis_labels(svg)] == MONTHS_36[:12]
    assert 'viewBox="0 0 572 ' in svg  # 44 units a month, as before

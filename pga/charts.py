"""Small server-rendered SVG charts: no JavaScript, fine under a strict CSP, printable by
WeasyPrint, and readable in black and white (series differ in pattern, not only colour).

On screen every bar is its own ``<rect>`` with a tooltip, the legend is HTML and the numbers
follow as a table. For print (``for_print=True``) the same geometry becomes one SVG with one
``<path>`` per series and the legend drawn inside it: WeasyPrint lays out and draws every
element and every separate SVG on its own, and the screen version cost a case overview
about 110 ms; the print version about 25 ms.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

# Presentation attributes, not CSS: WeasyPrint applies no page stylesheet inside SVG, and
# the styles differ in pattern and tone, so they stay apart in black and white.
STYLES = {
    "a": 'fill="#014a6e"',
    "b": 'fill="url(#hatch)" stroke="#014a6e" stroke-width="1"',
    "c": 'fill="#7fb2cf" stroke="#014a6e" stroke-width="0.5"',
    "d": 'fill="#ffffff" stroke="#014a6e" stroke-width="1.5"',
}


def _height(value) -> int | float:
    """A value's bar length: a cell that is not a number (a suppressed "< 5", see
    cases.reports.suppression) draws no bar; its text shows in the tooltip and the table."""
    return value if isinstance(value, int | float) else 0


@dataclass
class Series:
    label: str
    values: list
    css_class: str  # "a" (solid dark), "b" (hatched), "c" (light), "d" (outline)

    @property
    def attrs(self):
        return mark_safe(STYLES[self.css_class])  # noqa: S308 - fixed strings above


def _print_chart(title, series, bars, *, width, height, grid, axis, labels, legend_at):
    """The print version of a chart (see the module's docstring): ``bars`` as (series, x, y,
    width, height), ``grid`` and ``axis`` as path data, ``labels`` as (x, y, anchor, text),
    the legend in a row from ``legend_at``."""
    paths = []
    for s in series:
        # A zero draws nothing rather than a hairline.
        d = "".join(
            f"M{x} {y}h{w}v{h}h{-w}z" for owner, x, y, w, h in bars if owner is s and w and h
        )
        if d:
            paths.append({"series": s, "d": d})
    x, y = legend_at
    legend = []
    for s in series:
        legend.append({"series": s, "x": x, "text_x": x + 18, "y": y})
        x += 18 + 7 * len(s.label) + 16  # about 7 units a character at font-size 11
    return render_to_string(
        "includes/_chart.print.svg.html",
        {
            "title": title,
            "width": max(width, x),
            "height": height,
            "grid": grid,
            "axis": axis,
            "labels": labels,
            "paths": paths,
            "legend": legend,
        },
    )


# The widest a bar chart is drawn, in SVG units (= CSS px at its natural size). Wider, it
# would be scaled down to fit and its 11-unit labels with it: at 36 months the 1,600-unit
# chart of 44 units a month shrank to 40 % in the PDF (4 pt labels). A4 with the PDF's 16 mm
# margins leaves 178 mm = 672 px. On screen the chart shares the row with its table (about
# 550 px at 1280); 572 is what twelve months always took (44 units each), so those stay as
# they were, a 4 % shrink there.
PRINT_WIDTH = 672
SCREEN_WIDTH = 572
GROUP_WIDTH = 44  # per category, when they fit
CHAR_WIDTH = 6.4  # about, per character of the 11-unit labels (DejaVu Sans: "aug 26" is 38)
# Label every how-many-th category when they do not all fit: divisors of 12, so month
# labels fall on the same months each year (every 3rd: a quarter).
LABEL_STEPS = (1, 2, 3, 4, 6, 12)


def label_step(labels: list[str], group_width: float) -> int:
    """Every how-many-th category gets its label, so that labels keep their size and do not
    overlap: the smallest step whose room holds the longest label and a gap."""
    needed = CHAR_WIDTH * max(map(len, labels), default=0) + 4
    for step in LABEL_STEPS:
        if step * group_width >= needed:
            return step
    return -(-int(needed) // max(int(group_width), 1))


def bar_chart(
    title: str,
    categories: list[str],
    series: list[Series],
    *,
    height=220,
    for_print=False,
    max_width=None,
) -> str:
    """Grouped bars, one group per category, with the numbers as a table for screen readers
    and for anyone who would rather read than look. Many categories (36 months) narrow the
    bars to fit ``max_width`` (PRINT_WIDTH or SCREEN_WIDTH) and label every few months,
    each month with a tick on the axis."""
    peak = max([max(map(_height, s.values), default=0) for s in series] + [1])
    left, bottom, top = 34, 28, 12
    room = (max_width or (PRINT_WIDTH if for_print else SCREEN_WIDTH)) - left - 10
    width_per_group = min(GROUP_WIDTH, room // max(len(categories), 1))
    gap = min(10, max(2, width_per_group // 4))
    bar_width = max(1, (width_per_group - gap) // max(len(series), 1))
    step = label_step(categories, width_per_group)
    plot_height = height - bottom - top
    groups = []
    for index, category in enumerate(categories):
        x0 = left + index * width_per_group + gap // 2
        bars = []
        for number, s in enumerate(series):
            value = s.values[index]
            bar_height = round(plot_height * _height(value) / peak)
            bars.append(
                {
                    "x": x0 + number * bar_width,
                    "y": top + plot_height - bar_height,
                    "height": bar_height,
                    "value": value,
                    "series": s,
                }
            )
        groups.append(
            {
                "label": category,
                "x": x0 + len(series) * bar_width // 2,
                "bars": bars,
                "labelled": index % step == 0,
            }
        )
    ticks = sorted({0, peak // 2, peak})
    tick_marks = [
        {"value": t, "y": top + plot_height - round(plot_height * t / peak)} for t in ticks
    ]
    width = left + len(categories) * width_per_group + 10
    baseline = top + plot_height
    # A short tick under every category when not every one is labelled.
    category_ticks = "".join(f"M{g['x']} {baseline}v4" for g in groups) if step > 1 else ""
    if for_print:
        return _print_chart(
            title,
            series,
            [
                (b["series"], b["x"], b["y"], bar_width, b["height"])
                for g in groups
                for b in g["bars"]
            ],
            width=width,
            height=height + 28,
            grid="".join(f"M{left} {t['y']}H{width}" for t in tick_marks),
            axis=f"M{left} {baseline}H{width}{category_ticks}",
            labels=[(left - 4, t["y"] + 4, "end", t["value"]) for t in tick_marks]
            + [(g["x"], baseline + 16, "middle", g["label"]) for g in groups if g["labelled"]],
            legend_at=(left, height + 8),
        )
    return render_to_string(
        "includes/_bar_chart.svg.html",
        {
            "title": title,
            "categories": categories,
            "series": series,
            "groups": groups,
            "bar_width": bar_width,
            "width": width,
            "height": height,
            "baseline": baseline,
            "left": left,
            "ticks": tick_marks,
            "category_ticks": category_ticks,
            "rows": [
                (category, [s.values[i] for s in series]) for i, category in enumerate(categories)
            ],
        },
    )


def horizontal_bar_chart(
    title: str,
    categories: list[str],
    series: list[Series],
    *,
    scale_max: int | None = None,
    label_width=190,
    for_print=False,
) -> str:
    """Bars to the right, one row of bars per category: long labels (e.g. ZRM domains) stay
    readable on the left. ``scale_max`` fixes the scale (5 for ZRM scores); ``label_width``
    is the room for the labels (in px)."""
    peak = scale_max or max([max(map(_height, s.values), default=0) for s in series] + [1])
    plot_width, bar, gap, top = 300, 7, 8, 8
    row_height = bar * len(series) + gap
    rows = []
    for index, category in enumerate(categories):
        y0 = top + index * row_height
        bars = [
            {
                "y": y0 + number * bar,
                "width": round(plot_width * _height(s.values[index]) / peak),
                "value": s.values[index],
                "series": s,
            }
            for number, s in enumerate(series)
        ]
        rows.append({"label": category, "y": y0 + (bar * len(series)) // 2 + 4, "bars": bars})
    height = top + len(categories) * row_height + 20
    ticks = range(0, peak + 1) if peak <= 10 else sorted({0, peak // 2, peak})
    tick_marks = [{"value": t, "x": label_width + round(plot_width * t / peak)} for t in ticks]
    if for_print:
        baseline = height - 20
        return _print_chart(
            title,
            series,
            [(b["series"], label_width, b["y"], b["width"], bar) for r in rows for b in r["bars"]],
            width=label_width + plot_width + 10,
            height=height + 24,
            grid="".join(f"M{t['x']} 0V{baseline}" for t in tick_marks),
            axis=f"M{label_width} 0V{baseline}",
            labels=[(t["x"], baseline + 14, "middle", t["value"]) for t in tick_marks]
            + [(label_width - 6, r["y"], "end", r["label"]) for r in rows],
            legend_at=(label_width, height + 4),
        )
    return render_to_string(
        "includes/_hbar_chart.svg.html",
        {
            "title": title,
            "series": series,
            "rows": rows,
            "bar": bar,
            "left": label_width,
            "width": label_width + plot_width + 10,
            "height": height,
            "baseline": height - 20,
            "ticks": tick_marks,
            "table": [(c, [s.values[i] for s in series]) for i, c in enumerate(categories)],
        },
    )

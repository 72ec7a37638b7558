"""Small server-rendered SVG charts: no JavaScript, fine under a strict CSP, printable by
WeasyPrint, and readable in black and white (series differ in pattern, not only colour)."""

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


@dataclass
class Series:
    label: str
    values: list
    css_class: str  # "a" (solid dark), "b" (hatched), "c" (light), "d" (outline)

    @property
    def attrs(self):
        return mark_safe(STYLES[self.css_class])  # noqa: S308 - fixed strings above


def bar_chart(title: str, categories: list[str], series: list[Series], *, height=220) -> str:
    """Grouped bars, one group per category, with the numbers as a table for screen readers
    and for anyone who would rather read than look."""
    peak = max([max(s.values, default=0) for s in series] + [1])
    width_per_group = 44
    bar_width = max(6, (width_per_group - 10) // max(len(series), 1))
    left, bottom, top = 34, 28, 12
    plot_height = height - bottom - top
    groups = []
    for index, category in enumerate(categories):
        x0 = left + index * width_per_group + 5
        bars = []
        for number, s in enumerate(series):
            value = s.values[index]
            bar_height = round(plot_height * value / peak)
            bars.append(
                {
                    "x": x0 + number * bar_width,
                    "y": top + plot_height - bar_height,
                    "height": bar_height,
                    "value": value,
                    "series": s,
                }
            )
        groups.append({"label": category, "x": x0 + len(series) * bar_width // 2, "bars": bars})
    ticks = sorted({0, peak // 2, peak})
    return render_to_string(
        "includes/_bar_chart.svg.html",
        {
            "title": title,
            "categories": categories,
            "series": series,
            "groups": groups,
            "bar_width": bar_width,
            "width": left + len(categories) * width_per_group + 10,
            "height": height,
            "baseline": top + plot_height,
            "left": left,
            "ticks": [
                {"value": t, "y": top + plot_height - round(plot_height * t / peak)} for t in ticks
            ],
            "rows": [
                (category, [s.values[i] for s in series]) for i, category in enumerate(categories)
            ],
        },
    )


def horizontal_bar_chart(
    title: str, categories: list[str], series: list[Series], *, scale_max: int | None = None
) -> str:
    """Bars to the right, one row of bars per category: long labels (e.g. ZRM domains) stay
    readable on the left. ``scale_max`` fixes the scale (5 for ZRM scores)."""
    peak = scale_max or max([max(s.values, default=0) for s in series] + [1])
    label_width, plot_width, bar, gap, top = 190, 300, 7, 8, 8
    row_height = bar * len(series) + gap
    rows = []
    for index, category in enumerate(categories):
        y0 = top + index * row_height
        bars = [
            {
                "y": y0 + number * bar,
                "width": round(plot_width * s.values[index] / peak),
                "value": s.values[index],
                "series": s,
            }
            for number, s in enumerate(series)
        ]
        rows.append({"label": category, "y": y0 + (bar * len(series)) // 2 + 4, "bars": bars})
    height = top + len(categories) * row_height + 20
    ticks = range(0, peak + 1) if peak <= 10 else sorted({0, peak // 2, peak})
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
            "ticks": [{"value": t, "x": label_width + round(plot_width * t / peak)} for t in ticks],
            "table": [(c, [s.values[i] for s in series]) for i, c in enumerate(categories)],
        },
    )

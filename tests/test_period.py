"""An intervention's period in words where a date is missing (issue 19: never "— – …"),
its dates kept on one line."""

from datetime import date
from types import SimpleNamespace

import pytest

from pga.templatetags.pga_forms import period

START, END = date(2026, 12, 1), date(2027, 1, 15)


def day(value):
    return f'<span class="nowrap">{value:%d-%m-%Y}</span>'


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"started_on": START, "ended_on": END}, f"{day(START)} – {day(END)}"),
        (
            {"started_on": START, "planned_end_on": END},
            f"vanaf {day(START)}, gepland tot {day(END)}",
        ),
        ({"started_on": START}, f"vanaf {day(START)}"),
        ({"ended_on": END}, f"tot en met {day(END)}"),
        ({}, "nog niet gestart"),
        ({"planned_end_on": END}, f"nog niet gestart, gepland tot {day(END)}"),
        ({"status": "lopend"}, "geen startdatum"),
    ],
)
def test_the_period_reads_in_words(fields, shown):
    values = {"started_on": None, "ended_on": None, "planned_end_on": None, "status": "voorgesteld"}
    assert str(period(SimpleNamespace(**{**values, **fields}))) == shown

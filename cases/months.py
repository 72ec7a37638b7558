"""Calendar months as the product speaks of them: in URLs (2026-05), in Dutch words (mei 2026,
mei 26), and as the periods of monthly overviews and charts."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.http import Http404
from django.utils import timezone

from cases.models.dates import EARLIEST_DATE

# Dutch month names, in full and as abbreviated on chart axes.
MONTH_NAMES = [
    ("januari", "jan"), ("februari", "feb"), ("maart", "mrt"), ("april", "apr"),
    ("mei", "mei"), ("juni", "jun"), ("juli", "jul"), ("augustus", "aug"),
    ("september", "sep"), ("oktober", "okt"), ("november", "nov"), ("december", "dec"),
]  # fmt: skip


def short_label(day: date) -> str:
    """The month of ``day`` on a chart axis: 'mrt 26'."""
    return f"{MONTH_NAMES[day.month - 1][1]} {day:%y}"


@dataclass
class Month:
    year: int
    month: int

    @classmethod
    def from_text(cls, text: str, today=None) -> "Month":
        """'2026-05' → Month. ValueError for a malformed month, one in the future, or one
        before the earliest date the product holds (cases.models.dates)."""
        year, month = (int(part) for part in text.split("-"))
        first = date(year, month, 1)
        today = today or timezone.localdate()
        if first > today.replace(day=1):
            raise ValueError("Deze maand ligt in de toekomst")
        if first < EARLIEST_DATE:
            raise ValueError("Uit deze maand zijn er geen gegevens")
        return cls(year, month)

    @classmethod
    def parse(cls, text: str, today=None) -> "Month":
        """As ``from_text``, with a 404 for a month that is not there."""
        try:
            return cls.from_text(text, today)
        except (ValueError, TypeError):
            raise Http404("Geen geldige maand") from None

    def available(self, today=None) -> "Month":
        """This month, if the product can hold data of it; else a 404."""
        return type(self).parse(str(self), today)

    @classmethod
    def current(cls, today=None) -> "Month":
        today = today or timezone.localdate()
        return cls(today.year, today.month)

    @classmethod
    def previous(cls, today=None) -> "Month":
        last_of_previous = (today or timezone.localdate()).replace(day=1) - timedelta(days=1)
        return cls(last_of_previous.year, last_of_previous.month)

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first, time.min))

    @property
    def end(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.last + timedelta(days=1), time.min))

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1][0]} {self.year}"

    def __str__(self):
        return f"{self.year:04d}-{self.month:02d}"


def month_starts(today: date, count: int) -> list[date]:
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


class MonthConverter:
    """<yyyy>-<mm> in a URL, as a Month."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value) -> Month:
        """Any real month; whether the product holds data of it is the view's 404
        (``Month.available``), so the refusal is logged with its route."""
        year, month = (int(part) for part in value.split("-"))
        date(year, month, 1)  # ValueError for month 00 or 13: no such route
        return Month(year, month)

    def to_url(self, value) -> str:
        return str(value)

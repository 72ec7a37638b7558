"""The Sturingsinformatie's filter: a period of whole months and an optional district, all
in the query string (the page and its exports take the same)."""

import logging
import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cases.models import District
from cases.months import Month
from cases.reports.queries import Period, default_period
from pga.widgets import LongSelect

logger = logging.getLogger(__name__)

MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class MonthField(forms.CharField):
    """A month as 2026-05; a Dutch message for anything else."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Jaar en maand, bijvoorbeeld 2026-01."))
        super().__init__(**kwargs)
        # No max_length validator: it would measure the Month, not the text (the pattern
        # below refuses anything longer).
        self.widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "size": 8, "maxlength": 7}
        )

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        match = MONTH.match(value)
        if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1900:
            raise forms.ValidationError(
                _("Vul een maand in als jaar-maand, bijvoorbeeld 2026-01."), code="invalid"
            )
        try:
            return Month.from_text(f"{match[1]}-{match[2]}")
        except ValueError as error:
            raise forms.ValidationError(f"{error}.", code="out_of_range") from None


class ReportFilterForm(forms.Form):
    van = MonthField(label=_("Van maand"), required=False)
    tot = MonthField(label=_("Tot en met maand"), required=False)
    district = forms.TypedChoiceField(
        label=_("Gebied"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=LongSelect,
        error_messages={"invalid_choice": _("Kies een gebied uit de lijst.")},
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        # One query: the list of districts (their ids are checked against it).
        self.districts = {d.pk: d for d in District.objects.order_by("name")}
        self.fields["district"].choices = [("", _("Hele stad"))] + [
            (pk, d.name) for pk, d in self.districts.items()
        ]
        default = default_period(today)
        self.fields["van"].widget.attrs["placeholder"] = str(default.first)
        self.fields["tot"].widget.attrs["placeholder"] = str(default.last)

    def clean(self):
        data = super().clean()
        if "van" in self.errors or "tot" in self.errors:
            return data  # the period is checked once both months read
        default = default_period(self.today)
        first, last = data.get("van"), data.get("tot")
        if first is None and last is None:
            first, last = default.first, default.last
        elif first is None:
            first = default_period(last.first).first
        elif last is None:
            last = default.last
        if (first.year, first.month) > (last.year, last.month):
            self.add_error("tot", _("De periode eindigt voordat hij begint."))
        elif _span(first, last) > settings.REPORT_MAX_MONTHS:
            self.add_error(
                "tot",
                _("Kies een periode van hoogstens %(max)s maanden.")
                % {"max": settings.REPORT_MAX_MONTHS},
            )
        if not self.errors:
            data["period"] = Period(first, last, self.districts.get(data.get("district")))
        return data

    def period(self) -> Period | None:
        """The asked period, or None (with the errors at the fields) when the input is
        wrong; the wrong input is logged without its values (they may be anything)."""
        if not self.is_valid():
            logger.info("Sturingsinformatie: ongeldige filter (%s)", ", ".join(self.errors))
            return None
        return self.cleaned_data["period"]


def _span(first: Month, last: Month) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1

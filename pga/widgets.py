"""Widgets every screen shares: dates as dd-mm-jjjj and times as uu:mm on every browser (a
native date picker follows the browser's locale, mm/dd/yyyy with AM/PM on an English one),
a select that renders long lists fast, and a combobox that asks the server instead of
holding a list that grows with the city."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

DATE_HINT = "dd-mm-jjjj"
TIME_HINT = "uu:mm"
DATE_INVALID = _("Vul een datum in als dd-mm-jjjj, bijvoorbeeld 31-01-2026.")
TIME_INVALID = _("Vul een tijd in als uu:mm (24 uur), bijvoorbeeld 14:30.")
DATETIME_INVALID = _("Vul een datum in als dd-mm-jjjj en een tijd als uu:mm (24 uur).")

_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::\d{2}(?:\.\d+)?)?")


def parse_date(text) -> datetime.date | None:
    """A date typed as 1-1-2026, 01-01-2026, 01/01/2026, 01.01.2026 or 2026-01-01 (ISO);
    None for anything else, an impossible date or a two-digit year (ambiguous at birth)."""
    text = str(text).strip()
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = match.groups()
    elif match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    else:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_time(text) -> datetime.time | None:
    """A time on a 24-hour clock: 9:05, 09:05, 09.05 (seconds allowed and dropped)."""
    match = _TIME.fullmatch(str(text).strip())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


class _HintedInput(forms.TextInput):
    """A text input with a visible format hint, tied to it with aria-describedby. What the
    user typed is passed on in the ``posted`` format when ``parse`` reads it, so the field
    accepts it whatever the locale's input formats; otherwise as typed, so the field refuses
    it and the page shows it back unchanged."""

    template_name = "includes/widgets/hinted_input.html"
    hint = ""
    value_type: type
    shown = ""

    def __init__(self, attrs=None):
        base = {"inputmode": "numeric", "autocomplete": "off", "class": self.css_class}
        super().__init__(attrs={**base, **(attrs or {})})

    @staticmethod
    def parse(text):
        raise NotImplementedError

    @staticmethod
    def posted(value) -> str:
        raise NotImplementedError

    def format_value(self, value):
        if isinstance(value, self.value_type):
            return value.strftime(self.shown)
        parsed = self.parse(value) if value else None
        return parsed.strftime(self.shown) if parsed else super().format_value(value)

    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        parsed = self.parse(raw) if raw else None
        return self.posted(parsed) if parsed else raw

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget_id = widget["attrs"].get("id")
        widget["hint"] = self.hint
        if widget_id:
            widget["hint_id"] = f"{widget_id}_hint"
            described = widget["attrs"].get("aria-describedby", "").split()
            widget["attrs"]["aria-describedby"] = " ".join([widget["hint_id"], *described])
        return context


class DateInput(_HintedInput):
    """dd-mm-jjjj as text, posted on as ISO."""

    hint = DATE_HINT
    css_class = "utrecht-textbox pga-date"
    value_type = datetime.date
    shown = "%d-%m-%Y"
    parse = staticmethod(parse_date)
    posted = staticmethod(datetime.date.isoformat)


class TimeInput(_HintedInput):
    """uu:mm on a 24-hour clock."""

    hint = TIME_HINT
    css_class = "utrecht-textbox pga-time"
    value_type = datetime.time
    shown = "%H:%M"
    parse = staticmethod(parse_time)
    posted = staticmethod(lambda time: time.strftime("%H:%M"))


class DateTimeInput(forms.MultiWidget):
    """A date (dd-mm-jjjj) and a time (uu:mm) side by side, posted as ``<name>_0`` and
    ``<name>_1``. A post with one ``<name>`` (ISO, ``2026-01-31T14:30``) is accepted too."""

    template_name = "includes/widgets/datetime.html"

    def __init__(self, attrs=None):
        time = TimeInput(attrs={"aria-label": _("Tijd (uu:mm)")})
        super().__init__(widgets=[DateInput(), time], attrs=attrs)

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_  # the label names the date; the time has its own

    def decompress(self, value):
        if isinstance(value, datetime.datetime):
            value = forms.DateTimeField().prepare_value(value)  # in the current time zone
            return [value.date(), value.time().replace(second=0, microsecond=0)]
        if isinstance(value, str) and value:
            date_part, _sep, time_part = value.replace("T", " ").partition(" ")
            return [date_part, time_part[:5]]
        return [None, None]

    def value_from_datadict(self, data, files, name):
        if f"{name}_0" not in data and f"{name}_1" not in data:
            return data.get(name)
        raw_date = (data.get(f"{name}_0") or "").strip()
        raw_time = (data.get(f"{name}_1") or "").strip()
        if not raw_date and not raw_time:
            return ""
        date, time = parse_date(raw_date), parse_time(raw_time)
        if date and time:
            return f"{date.isoformat()} {time.strftime('%H:%M')}"
        return f"{raw_date} {raw_time}".strip()  # refused by the field, shown back as typed

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)


class DateField(forms.DateField):
    widget = DateInput
    input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
    default_error_messages = {"invalid": DATE_INVALID}


class TimeField(forms.TimeField):
    widget = TimeInput
    input_formats = ["%H:%M", "%H:%M:%S"]
    default_error_messages = {"invalid": TIME_INVALID}


class DateTimeField(forms.DateTimeField):
    widget = DateTimeInput
    input_formats = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"]
    default_error_messages = {"invalid": DATETIME_INVALID}


TEMPORAL_FIELDS = {
    forms.DateTimeField: DateTimeField,
    forms.DateField: DateField,
    forms.TimeField: TimeField,
}


def dutch_temporal_fields(fields) -> None:
    """Give every date, time and date-time field of a form the dd-mm-jjjj / uu:mm widget,
    the formats it posts and its Dutch message (a ModelForm builds them from the model with
    Django's widgets). A month picker (type=month) is left alone."""
    for field in fields.values():
        for django_class, ours in TEMPORAL_FIELDS.items():
            if not isinstance(field, django_class) or isinstance(field, ours):
                continue
            if getattr(field.widget, "input_type", None) == "month":
                break
            if not isinstance(field.widget, ours.widget):
                kept = {k: v for k, v in field.widget.attrs.items() if k not in ("type", "class")}
                field.widget = ours.widget(attrs=kept)
                field.widget.is_required = field.required
            field.input_formats = ours.input_formats
            field.error_messages = {**field.error_messages, **ours.default_error_messages}
            break


class LongSelect(forms.Select):
    """A select for long, flat option lists (partners, youth groups, coordinators): the
    options are joined in Python instead of Django's two template includes per option, which
    cost the caseload's filter form 7 of its 30 ms at city scale."""

    template_name = "includes/widgets/long_select.html"

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)  # without optgroups()
        selected = set(context["widget"]["value"])
        context["widget"]["options"] = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in selected else "", label)
                for key, label in self.choices
            ),
        )
        return context


def date_widgets(*names):
    return {name: DateInput() for name in names}


class ComboBox(forms.Select):
    """A search field for a long list (coordinators, partners, youth groups): the page holds
    no options, the server (``source``, a URL name) answers with at most a handful as one
    types. The WAI-ARIA list-autocomplete combobox, built by pga.js (initComboBox): a text
    box with role="combobox", a listbox, arrow keys, Enter and Escape, and a hidden input
    named for the field that carries the chosen id.

    Without JavaScript the text box itself carries the field's name and shows the chosen
    option's label: posted back unchanged, that label is read as its key again
    (``value_from_datadict``), so the value is never lost; any other text is refused by the
    field like an unknown choice, shown back as typed. A ChoiceField keeps its full
    ``choices`` for validation (and for the label of the current value), so a combobox
    validates exactly as the select it replaces. A ModelChoiceField's queryset is never
    listed: the current value's label costs one query for that row (and without JavaScript
    only its id is read back)."""

    template_name = "includes/widgets/combobox.html"
    min_length = 2

    def __init__(self, source: str, *, label="", attrs=None, choices=()):
        super().__init__(attrs=attrs, choices=choices)
        self.source = source
        self.label = label

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.source, copy.label = self.source, self.label
        return copy

    def use_required_attribute(self, initial):
        # Select's version looks at the first choice, which runs a ModelChoiceField's query.
        return forms.Widget.use_required_attribute(self, initial)

    def _model_choices(self):
        """A ModelChoiceField's choices: the queryset, which must never be listed whole."""
        return getattr(self.choices, "queryset", None) is not None

    def _label_of(self, value: str) -> str | None:
        if self._model_choices():
            field = self.choices.field
            if value == "":
                return None  # its empty label is a row of dashes, nothing to show
            try:
                chosen = field.queryset.filter(pk=value).first()  # one row, one query
            except (ValueError, TypeError, ValidationError):
                return None
            return field.label_from_instance(chosen) if chosen else None
        return next((str(label) for key, label in self.choices if str(key) == value), None)

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)  # without optgroups()
        widget = context["widget"]
        current = widget["value"][0] if widget["value"] else ""
        widget_id = widget["attrs"].get("id") or f"id_{name}"
        empty = self._label_of("")
        widget.update(
            value=current,
            text="" if current == "" else (self._label_of(current) or current),
            source=reverse(self.source),
            label=self.label,
            min_length=self.min_length,
            placeholder=empty or "",
            listbox_id=f"{widget_id}_listbox",
            status_id=f"{widget_id}_status",
            hint_id=f"{widget_id}_hint",
            hint=_("Typ minstens %(count)s tekens en kies uit de lijst.")
            % {"count": self.min_length}
            + (" " + _("Leeg: %(label)s.") % {"label": empty} if empty else ""),
        )
        described = widget["attrs"].get("aria-describedby", "").split()
        widget["attrs"]["aria-describedby"] = " ".join([widget["hint_id"], *described])
        return context

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if not value or self._model_choices() or self._label_of(value) is not None:
            return value
        typed = value.strip().casefold()
        return next(
            (str(key) for key, label in self.choices if str(label).casefold() == typed), value
        )

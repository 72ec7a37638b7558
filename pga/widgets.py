"""Widgets every screen shares: native date pickers and a select that renders long lists fast."""

from django import forms
from django.utils.html import format_html_join


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


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


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")

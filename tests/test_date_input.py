"""Dates as dd-mm-jjjj and times as uu:mm on every browser: what the shared widgets accept,
refuse and show, and how a form's errors are tied to its fields and summarised."""

import datetime
import re

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, timezone

from pga.forms import ModelForm
from pga.widgets import DateField, DateTimeField, TimeField

JAN_1 = datetime.date(2026, 1, 1)


class Dates(forms.Form):
    on = DateField(label="Datum")
    at = TimeField(label="Tijd", required=False)
    moment = DateTimeField(label="Moment", required=False)
    choice = forms.ChoiceField(label="Keuze", choices=[("a", "A")], widget=forms.RadioSelect)


@pytest.mark.parametrize(
    "typed", ["1-1-2026", "01-01-2026", "01/01/2026", "2026-01-01", " 1.1.2026 "]
)
def test_a_date_is_accepted_day_first_or_iso(typed):
    form = Dates({"on": typed, "choice": "a"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == JAN_1


@pytest.mark.parametrize("typed", ["01/13/2026", "31-02-2026", "1-1-26", "morgen", "2026"])
def test_nonsense_or_an_ambiguous_date_gets_a_dutch_message_and_stays_as_typed(typed):
    form = Dates({"on": typed, "choice": "a"})
    assert form.errors["on"] == ["Vul een datum in als dd-mm-jjjj, bijvoorbeeld 31-01-2026."]
    assert f'value="{typed}"' in str(form["on"])


def test_a_date_is_shown_day_first_with_a_visible_hint_tied_to_the_input():
    html = str(Dates(initial={"on": JAN_1})["on"])
    assert 'type="text"' in html and 'value="01-01-2026"' in html
    assert 'inputmode="numeric"' in html and 'autocomplete="off"' in html
    assert 'id="id_on_hint">dd-mm-jjjj<' in html and 'aria-describedby="id_on_hint"' in html


@pytest.mark.parametrize("typed, expected", [("9:05", (9, 5)), ("21.30", (21, 30))])
def test_a_time_is_read_on_a_24_hour_clock(typed, expected):
    form = Dates({"on": "1-1-2026", "at": typed, "choice": "a"})
    assert form.is_valid() and form.cleaned_data["at"] == datetime.time(*expected)


@pytest.mark.parametrize("typed", ["24:00", "9 pm", "12:60"])
def test_a_time_off_the_clock_is_refused_in_dutch(typed):
    form = Dates({"on": "1-1-2026", "at": typed, "choice": "a"})
    assert form.errors["at"] == ["Vul een tijd in als uu:mm (24 uur), bijvoorbeeld 14:30."]


def test_a_date_and_time_come_from_two_inputs_or_one_iso_value():
    split = Dates({"on": "1-1-2026", "moment_0": "31-1-2026", "moment_1": "14:30", "choice": "a"})
    iso = Dates({"on": "1-1-2026", "moment": "2026-01-31T14:30", "choice": "a"})
    assert split.is_valid() and iso.is_valid()
    expected = timezone.make_aware(datetime.datetime(2026, 1, 31, 14, 30))
    assert split.cleaned_data["moment"] == iso.cleaned_data["moment"] == expected


def test_the_label_of_a_date_and_time_names_the_date_and_the_time_names_itself():
    page = render("{% field form.moment %}", Dates())
    assert '<label class="utrecht-form-label" for="id_moment_0">Moment' in page
    assert 'aria-label="Tijd (uu:mm)"' in page and 'id="id_moment_1"' in page


def test_a_model_form_gets_the_same_widget_and_message():
    from cases.models import Case

    class CaseDates(ModelForm):
        class Meta:
            model = Case
            fields = ["registered_on"]

    form = CaseDates({"registered_on": "13/31/2026"})
    assert form.errors["registered_on"][0].startswith("Vul een datum in als dd-mm-jjjj")
    assert "pga-date" in str(form["registered_on"])


def test_templates_show_dates_day_first_and_times_on_a_24_hour_clock():
    moment = timezone.make_aware(datetime.datetime(2026, 1, 5, 17, 45))
    shown = Template("{{ d|date }} {{ m|time }} {{ m|date:'DATETIME_FORMAT' }}").render(
        Context({"d": JAN_1, "m": moment})
    )
    assert shown == "01-01-2026 17:45 05-01-2026 17:45"
    assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%d-%m-%Y"


def render(template, form):
    return Template("{% load pga_forms %}" + template).render(Context({"form": form}))


def test_the_error_summary_links_to_each_field_in_error_by_its_label():
    page = render("{% error_summary form %}", Dates({"on": "morgen"}))
    assert "Er ging iets mis" in page and "Verbeter 2 velden" in page
    assert 'href="#id_on">Datum: Vul een datum in als dd-mm-jjjj' in page
    assert 'href="#id_choice_0">Keuze: ' in page  # a radio group: its first option
    assert "data-error-summary" in page and 'tabindex="-1"' in page


def test_a_form_without_errors_has_no_summary():
    assert "data-error-summary" not in render("{% error_summary form %}", Dates())


def test_each_field_error_is_tied_to_its_input_with_the_hint():
    page = render("{% field form.on %}", Dates({"on": "morgen"}))
    assert 'id="id_on_error"' in page
    assert 'aria-describedby="id_on_hint id_on_error"' in page and 'aria-invalid="true"' in page


def test_a_radio_group_error_is_tied_to_the_group_and_its_options():
    page = render("{% field form.choice %}", Dates({"on": "1-1-2026"}))
    assert 'utrecht-form-fieldset--html-fieldset" aria-describedby="id_choice_error"' in page
    option = re.search(r"<input[^>]*id=\"id_choice_0\"[^>]*>", page)[0]
    assert 'aria-describedby="id_choice_error"' in option and "utrecht-radio-button" in option
    # The input's class is on the inputs only: on the group's <div> it drew one tiny
    # radio button around all the options.
    assert re.search(r'<div id="id_choice" class="choice-group">', page)
    assert 'for="id_choice_0"' in page

"""pga.widgets.ComboBox on its own: the chosen label without the list, read back as its key."""

import pytest
from django import forms

from partners.models import Partner
from pga.widgets import ComboBox
from tests.factories import PartnerFactory


class PickForm(forms.Form):
    colour = forms.ChoiceField(
        label="Kleur",
        required=False,
        choices=[("", "Alle"), ("1", "Rood"), ("2", "Blauw")],
        widget=ComboBox("cases:choice_partners", label="Kleur"),
    )


def test_it_shows_the_chosen_label_and_no_options():
    html = str(PickForm({"colour": "2"})["colour"])
    assert 'value="Blauw"' in html and 'data-value="2"' in html
    assert "<option" not in html and "Rood" not in html
    assert 'placeholder="Alle"' in html


def test_the_label_posted_back_without_javascript_is_read_as_its_key():
    assert PickForm({"colour": " blauw "}).is_valid()
    form = PickForm({"colour": "blauw"})
    assert form.is_valid() and form.cleaned_data["colour"] == "2"
    form = PickForm({"colour": "Paars"})
    assert not form.is_valid()
    assert 'value="Paars"' in str(form["colour"])


@pytest.mark.django_db
def test_a_model_choice_costs_one_query_for_its_label_whatever_the_list(
    django_assert_num_queries,
):
    chosen = PartnerFactory(name="Halt Rotterdam")
    for _ in range(30):
        PartnerFactory()

    class PartnerForm(forms.Form):
        partner = forms.ModelChoiceField(
            Partner.objects.all(), widget=ComboBox("cases:choice_partners", label="Partner")
        )

    form = PartnerForm({"partner": str(chosen.pk)})
    assert form.is_valid() and form.cleaned_data["partner"] == chosen
    with django_assert_num_queries(1):
        html = str(form["partner"])
    assert 'value="Halt Rotterdam"' in html
    assert 'value="x"' in str(PartnerForm({"partner": "x"})["partner"])

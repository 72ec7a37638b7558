"""What every form shares: a single checkbox drawn like a choice group's option."""

import re

from django import forms
from django.template import Context, Template


class Filters(forms.Form):
    overdue = forms.BooleanField(label="Verlopen", required=False, help_text="Alleen die.")


def test_a_single_checkbox_is_the_theme_s_box_with_its_label_beside_it():
    page = Template("{% load pga_forms %}{% field form.overdue %}").render(
        Context({"form": Filters()})
    )
    field = re.search(r'<div class="([^"]*)">', page)[1].split()
    assert {"utrecht-form-field", "utrecht-form-field--checkbox"} <= set(field)
    box = re.search(r"<input[^>]*>", page)[0]
    # "--custom": drawn by the theme at 24 px like the radio buttons, not the browser's 13 px.
    for name in ("utrecht-checkbox--html-input", "utrecht-checkbox--custom"):
        assert name in box
    assert "utrecht-form-field__input" in box
    label = re.search(r"<label[^>]*>", page)[0]
    assert "utrecht-form-field__label" in label and 'for="id_overdue"' in label
    assert page.index("<input") < page.index("<label") < page.index("Alleen die.")

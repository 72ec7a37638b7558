"""What every form shares: a single checkbox drawn like a choice group's option, and a
select's empty choice that says something in Dutch."""

import re

import pytest
from django import forms
from django.template import Context, Template

from tests.test_access_matrix import build_world, every_page

pytestmark = pytest.mark.django_db


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


def test_no_select_on_any_page_offers_django_s_dashes(client, personas):
    """Django's "---------" as a select's empty choice says nothing, in no language."""
    urls = every_page(build_world(personas), admin=False)
    seen, problems = 0, {}
    for user in (personas.coordinator, personas.petra):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            seen += 1
            page = response.content.decode()
            if "---------" in page:
                problems[f"{user.username} {url}"] = ['a select offers "---------"']
    assert seen >= 80
    assert problems == {}, "\n".join(f"{url}: {found}" for url, found in problems.items())

"""What every form shares: a single checkbox drawn like a choice group's option, a select's
empty choice that says something in Dutch, and buttons whose colour means the same on every
page (primary: the one thing a form or a page is for; secondary: the rest)."""

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


def buttons(html: str) -> list[tuple[str, str, str]]:
    """(tag, class, text) of everything styled as a button."""
    found = re.findall(
        r'<(a|button|summary)\b[^>]*class="([^"]*utrecht-button[^"]*)"[^>]*>(.*?)</\1>', html, re.S
    )
    return [(tag, css, " ".join(re.sub(r"<[^>]+>", " ", text).split())) for tag, css, text in found]


def button_problems(page: str) -> list[str]:
    problems = []
    for form in re.findall(r"<form\b.*?</form>", page, re.S):
        styled = [b for b in buttons(form) if b[0] == "button"]
        primary = [text for _tag, css, text in styled if "--primary-action" in css]
        if styled and len(primary) != 1:
            problems.append(f"a form with {len(primary)} primary buttons: {styled}")
    links = [b for b in buttons(page) if b[0] == "a"]
    for _tag, css, text in links:
        if "utrecht-button-link" not in css.split():
            problems.append(f"link {text!r} styled as a <button> (utrecht-button-link)")
        if text in ("Annuleren", "Wis filters") and "--secondary-action" not in css:
            problems.append(f"{text!r} is not a secondary action")
    primary_links = [text for _tag, css, text in links if "--primary-action" in css]
    if len(primary_links) > 1:
        problems.append(f"more than one main action: {primary_links}")
    return problems


def test_every_page_s_selects_and_buttons_follow_the_house_style(client, personas):
    """Django's "---------" as a select's empty choice says nothing, in no language; each
    form has one primary button; a page has at most one link as its main action, and
    Annuleren and Wis filters are secondary everywhere."""
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
            found = button_problems(page)
            if "---------" in page:
                found.append('a select offers "---------"')
            if found:
                problems[f"{user.username} {url}"] = found
    assert seen >= 80
    assert problems == {}, "\n".join(f"{url}: {found}" for url, found in problems.items())

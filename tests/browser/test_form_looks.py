"""How form controls look before and after an answer: the caseload's yes/no filters are the
theme's 24 px boxes with the label beside them, in one row; a required radio button is not
drawn as an error before the form was sent, and is after the server refused it."""

from playwright.sync_api import expect

from tests.base import PASSWORD, make_personas
from tests.browser.conftest import login

BORDER = "el => getComputedStyle(el).borderTopColor"


def test_the_caseload_s_checkboxes_are_the_theme_s_boxes_beside_their_labels(page):
    make_personas()
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + "/casussen/")
    boxes = page.locator(".filters__checks input[type=checkbox]")
    expect(boxes).to_have_count(4)
    tops = set()
    for index in range(4):
        box = boxes.nth(index)
        label = page.locator(f"label[for='{box.get_attribute('id')}']")
        b, t = box.bounding_box(), label.bounding_box()
        assert b["width"] >= 24 and b["height"] >= 24, b  # not the browser's 13 px box
        assert t["x"] >= b["x"] + b["width"] and abs(t["y"] - b["y"]) < 6, (b, t)  # beside it
        tops.add(round(b["y"]))
    assert len(tops) == 1, tops  # one row, each box at the top of its cell


def test_a_required_radio_looks_invalid_only_after_the_server_said_so(page):
    personas = make_personas()
    login(page, "sanne", PASSWORD)
    page.goto(page.base_url + f"/casussen/{personas.case_a.pk}/toets/nieuw/")
    group = page.locator("input[name=meets_criteria]")
    radio = group.first
    assert radio.get_attribute("required") is not None  # so the browser finds it :invalid
    before = radio.evaluate(BORDER)
    group.evaluate_all("els => els.forEach(el => el.removeAttribute('required'))")
    assert radio.evaluate(BORDER) == before  # drawn as any radio that is not yet answered
    page.get_by_role("button", name="Toets vastleggen").click()
    page.wait_for_load_state()
    refused = page.locator("input[name=meets_criteria]").first
    expect(refused).to_have_attribute("aria-invalid", "true")
    assert refused.evaluate(BORDER) != before

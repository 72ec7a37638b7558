"""How form controls look: the caseload's yes/no filters are the theme's 24 px boxes with the
label beside them, in one row."""

from playwright.sync_api import expect

from tests.base import PASSWORD, make_personas
from tests.browser.conftest import login


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

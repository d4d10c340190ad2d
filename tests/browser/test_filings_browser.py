"""The filings page in a real browser: the generate controls of each form stay inside its row."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_format_checkboxes_are_small_and_stay_inside_the_forms_table(live_server, new_page):
    counsel = live_server.create_user("counsel", locale="zh")
    case = live_server.create_case(counsel, debtors=2, collateral=True)
    page = new_page("zh-CN")
    live_server.sign_in(page, counsel)
    page.goto(f"{live_server.url}/cases/{case.id}/filings")
    table = page.locator("[data-testid=forms]").bounding_box()
    boxes = page.locator("[data-testid=forms] input[type=checkbox]")
    assert boxes.count() >= 2
    for i in range(boxes.count()):
        box = boxes.nth(i).bounding_box()
        assert box["width"] < 30 and box["height"] < 30, box
    labels = page.locator("[data-testid=forms] label")
    for i in range(labels.count()):
        box = labels.nth(i).bounding_box()
        assert box["x"] + box["width"] <= table["x"] + table["width"] + 1, (i, box, table)
    # DOCX, PDF and the button share one line.
    first = page.locator("[data-testid=forms] form").first.bounding_box()
    assert first["height"] < 60, first
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0

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
    # A case at intake: the forms of later stages are folded under "Other forms"; unfold them.
    page.click("[data-testid=other-forms] summary")
    tables = "[data-testid=forms], [data-testid=forms-other]"
    assert page.locator(f":is({tables}) input[type=checkbox]").count() >= 2
    for testid in ("forms", "forms-other"):
        table = page.locator(f"[data-testid={testid}]").bounding_box()
        boxes = page.locator(f"[data-testid={testid}] input[type=checkbox]")
        for i in range(boxes.count()):
            box = boxes.nth(i).bounding_box()
            assert box["width"] < 30 and box["height"] < 30, box
        labels = page.locator(f"[data-testid={testid}] label")
        for i in range(labels.count()):
            box = labels.nth(i).bounding_box()
            assert box["x"] + box["width"] <= table["x"] + table["width"] + 1, (i, box, table)
    # DOCX, PDF and the button share one line.
    first = page.locator(f":is({tables}) form").first.bounding_box()
    assert first["height"] < 60, first
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0

"""Every main page in Chinese and English: no horizontal overflow, no CSP or script error; optional screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

#: Set LEGALOPS_SHOTS=/tmp/shots to keep full-page screenshots of every page checked here.
SHOTS = os.environ.get("LEGALOPS_SHOTS")


def _check(page, name: str, lang: str) -> None:
    """Assert the page fits the viewport's width, and keep a screenshot if asked."""
    page.wait_for_load_state("load")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} ({lang}) is {overflow}px wider than the window"
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{lang}-{name}.png"), full_page=True)


def _watch_console(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return problems


def _tour(page, base: str, case_id: int, lang: str) -> None:
    for name, path in [
        ("home", "/"),
        ("case-list", "/cases/"),
        ("case-page", f"/cases/{case_id}"),
        ("case-new", "/cases/new"),
        ("case-edit", f"/cases/{case_id}/edit"),
        ("debtor-new", f"/cases/{case_id}/debtors/new"),
        ("loan-new", f"/cases/{case_id}/loans/new"),
        ("collateral-new", f"/cases/{case_id}/collateral/new"),
        ("not-found", "/cases/999999"),
    ]:
        page.goto(base + path)
        _check(page, name, lang)
    page.goto(f"{base}/cases/{case_id}/debtors/new")
    page.select_option("#f-role", "borrower")
    page.fill("#f-name", "王五")
    page.fill("#f-id_number", "110101199003070000")
    page.click("[data-testid=form-submit]")
    page.wait_for_selector(".field.error")
    _check(page, "debtor-errors", lang)


def test_pages_fit_the_window_in_both_languages(live_server, new_page):
    """Tour the pages in Chinese, switch to English with the header's toggle, and tour them again."""
    counsel = live_server.create_user("counsel", locale="zh")
    firm = live_server.create_firm("上海市锦天城律师事务所（测试）")
    case = live_server.create_case(counsel, debtors=3, collateral=True, firm_id=firm.id)
    live_server.create_case(counsel, debtors=1)

    page = new_page("en-US")
    problems = _watch_console(page)
    page.goto(f"{live_server.url}/login")
    _check(page, "login", "en")

    page = new_page("zh-CN")
    problems += _watch_console(page)
    page.goto(f"{live_server.url}/login")
    assert page.get_attribute("html", "lang") == "zh-CN"
    _check(page, "login", "zh")
    live_server.sign_in(page, counsel)
    _tour(page, live_server.url, case.id, "zh")

    page.goto(f"{live_server.url}/")
    page.click("[data-testid=language-toggle]")
    page.wait_for_function("document.documentElement.lang === 'en'")
    _tour(page, live_server.url, case.id, "en")

    page.set_viewport_size({"width": 1024, "height": 768})
    for name, path in [("case-list", "/cases/"), ("case-page", f"/cases/{case.id}"), ("case-new", "/cases/new")]:
        page.goto(live_server.url + path)
        _check(page, f"{name}-1024", "en")
    assert [p for p in problems if "404" not in p] == []

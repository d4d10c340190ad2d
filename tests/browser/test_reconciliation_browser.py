"""Reconciliation through the real UI: finance imports a statement, matches a line by hand and closes the month."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import factories as f
import pytest
from sqlmodel import Session

from legalops.auth.models import User
from legalops.core.clock import today
from legalops.ledger.reconciliation import services as rec

pytestmark = pytest.mark.browser

ICBC_HEADER = ["交易日期", "流水号", "对方户名", "对方账号", "摘要", "借方发生额", "贷方发生额", "余额"]


def _last_month_day() -> dt.date:
    """Return the 10th of last month: an ended month, so it can be closed."""
    first = today().replace(day=1)
    return (first - dt.timedelta(days=1)).replace(day=10)


def _seed(live_server, counsel: User, day: dt.date):
    """Two cases (one expecting 3,000.00 on `day`), and the collection account; committed."""
    with Session(live_server.database.engine, expire_on_commit=False) as session:
        actor = session.get(User, counsel.id)
        expecting = f.case(session, actor, contract="HT-AUTO-0001")
        manual = f.case(session, actor, contract="HT-HAND-0002")
        rec.expect_recovery(session, case_id=expecting.id, amount=Decimal("3000.00"), expected_on=day,
                            source="settlement_instalment", payer="债务人0")
        account = rec.create_account(session, name="回款专户", bank="工商银行", account_number="6222020200112233",
                                     actor=actor)
        session.commit()
        return expecting, manual, account


def _statement(path, day: dt.date, expecting_reference: str) -> str:
    """Write an ICBC-style GBK CSV: one line quoting the expected case, one a human must place, one outgoing."""
    rows = [
        [day.isoformat(), "SN-0001", "债务人0", "6217000011112222", f"和解款 {expecting_reference}", "", "3,000.00", "9"],
        [(day + dt.timedelta(days=2)).isoformat(), "SN-0002", "王小明", "6217000033334444", "代为还款", "",
         "1,234.56", "8"],
        [(day + dt.timedelta(days=3)).isoformat(), "SN-0003", "工商银行", "", "手续费", "15.00", "", "7"],
    ]
    out = io.StringIO()
    csv.writer(out).writerows([ICBC_HEADER, *rows])
    path.write_bytes(out.getvalue().encode("gbk"))
    return str(path)


def _click(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def test_finance_imports_matches_by_hand_and_closes_the_month(live_server, new_page, tmp_path):
    """Import → one auto-match, one manual match posted on the case's ledger → the month closes and locks."""
    counsel = live_server.create_user("counsel")
    finance = live_server.create_user("finance")
    day = _last_month_day()
    period = f"{day:%Y-%m}"
    expecting, manual, account = _seed(live_server, counsel, day)
    base = live_server.url

    page = new_page("en-US")
    live_server.sign_in(page, finance)
    page.goto(f"{base}/finance/")
    assert page.locator("[data-testid=open-lines] tbody").inner_text().strip() == "Every line is dealt with."

    page.set_input_files("#f-file", _statement(tmp_path / "icbc.csv", day, expecting.reference))
    _click(page, "[data-testid=import-statement]")
    assert page.url == f"{base}/finance/"
    assert page.inner_text(".flash") == ("2 new lines: 1 matched, 1 left for manual matching, 0 skipped as "
                                         "duplicates, 1 outgoing lines ignored.")
    waiting = page.locator("[data-testid=open-lines] tbody tr[data-testid^=line-]")
    assert waiting.count() == 1
    row = waiting.first.inner_text()
    assert "王小明" in row and "代为还款" in row and "¥1,234.56" in row
    month = page.locator(f"[data-testid=month-{period}] td").all_inner_texts()
    assert month[:4] == [period, "1", "2", "1"]  # one entry posted, two lines, one waiting

    # Closing now is refused: a line still waits.
    _click(page, f"[data-testid=close-{period}]")
    assert page.inner_text("[data-testid=finance-error]") == f"1 statement lines of {period} still wait for a match."

    page.goto(f"{base}/finance/")
    _click(page, "[data-testid=open-lines] tbody tr[data-testid^=line-] a")
    line_url = page.url
    assert re.search(r"/finance/lines/\d+$", line_url)
    assert page.inner_text("h1") == "Statement line · ¥1,234.56"
    assert page.locator("[data-testid=candidates]").count() == 0  # nothing expected of that amount
    page.fill("#f-case", manual.reference)
    page.select_option("[data-testid=match-form] select[name=source]", "guarantor_payment")
    _click(page, "[data-testid=match-submit]")
    assert page.inner_text(".flash") == "The line was matched and the recovery posted."
    assert page.locator("[data-testid=open-lines] tbody").inner_text().strip() == "Every line is dealt with."
    assert page.locator(f"[data-testid=month-{period}] td").all_inner_texts()[:4] == [period, "2", "2", "0"]

    # The recovery is on the case's ledger, allocated to principal (no costs, no interest accrued).
    page.goto(f"{base}/cases/{manual.id}/ledger/")
    entries = page.locator("[data-testid=entries] tbody tr[data-testid^=entry-]")
    assert entries.count() == 1
    entry = entries.first.inner_text()
    assert "Guarantor payment" in entry and "王小明" in entry and "SN-0002" in entry and period in entry
    assert "¥1,234.56" in entry and "Principal ¥1,234.56" in entry
    principal = page.locator("[data-testid=claim-principal] td").all_inner_texts()
    assert principal[1:] == ["¥800,000.10", "¥1,234.56", "¥798,765.54"]
    assert page.inner_text("[data-testid=claim-total]") == "¥798,765.54"
    page.goto(f"{base}/cases/{expecting.id}/ledger/")
    assert page.inner_text("[data-testid=claim-total]") == "¥797,000.10"

    page.goto(f"{base}/finance/")
    _click(page, f"[data-testid=close-{period}]")
    assert page.inner_text(".flash") == f"{period} is closed."
    state = page.locator(f"[data-testid=month-{period}] td").nth(4).inner_text()
    assert re.fullmatch(r"Closed on \d{4}-\d{2}-\d{2}", state)
    assert page.locator(f"[data-testid=close-{period}]").count() == 0

    page.goto(line_url)
    assert "Matched" in page.inner_text("[data-testid=line]") and "Month closed" in page.inner_text("[data-testid=line]")
    assert page.locator("[data-testid=match-form]").count() == 0

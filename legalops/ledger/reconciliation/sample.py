"""A sample statement (ICBC-style CSV in GBK) built from the open expected recoveries, for the demo's import page."""

from __future__ import annotations

import csv
import datetime as dt
import io

from sqlalchemy import select
from sqlmodel import Session

from legalops.core.spreadsheet import safe_cell
from legalops.ledger.reconciliation.models import ExpectedRecovery

HEADER = ["交易日期", "流水号", "对方户名", "对方账号", "摘要", "借方发生额", "贷方发生额", "余额"]


def sample_statement(session: Session, today: dt.date, limit: int = 12) -> bytes:
    """Return a GBK CSV paying the open expected recoveries due by today, plus a fee, a transfer and an unknown payer."""
    expected = session.execute(select(ExpectedRecovery).where(ExpectedRecovery.status == "open",
                                                              ExpectedRecovery.expected_on <= today)
                               .order_by(ExpectedRecovery.expected_on, ExpectedRecovery.id).limit(limit)).scalars().all()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    day = today.replace(day=1) - dt.timedelta(days=1)
    for number, item in enumerate(expected, start=1):
        reference = item.references.split("|")[0]
        booked = min(max(item.expected_on, day.replace(day=1)), day)
        # Payer names are debtors' names from imported loan tapes: never let one become a formula in Excel.
        writer.writerow([booked.isoformat(), f"SAMPLE{booked:%Y%m}{number:04d}", safe_cell(item.payer or "某某（个人）"),
                         "", f"还款 {reference}" if number % 2 else "还款", "", f"{item.amount:.2f}", ""])
    writer.writerow([day.isoformat(), f"SAMPLE{day:%Y%m}9001", "工商银行", "", "账户管理费", "30.00", "", ""])
    writer.writerow([day.isoformat(), f"SAMPLE{day:%Y%m}9002", "华信资产管理股份有限公司", "", "内部调拨", "", "500000.00", ""])
    writer.writerow([day.isoformat(), f"SAMPLE{day:%Y%m}9003", "陈某某", "", "代还款", "", "12345.60", ""])
    return out.getvalue().encode("gb18030")

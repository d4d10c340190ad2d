"""Demo data for the ledger: recoveries over the last months, costs, a settlement plan, a bank account, expectations."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from legalops.auth.models import Role, User
from legalops.cases.models import Case, Loan
from legalops.core.clock import today
from legalops.ledger.reconciliation.models import BankAccount
from legalops.ledger.reconciliation.services import create_account, expect_recovery
from legalops.ledger.services import add_cost, post_recovery
from legalops.ledger.settlement import create_plan

SOURCES = ("voluntary_repayment", "guarantor_payment", "court_enforcement", "auction_proceeds")


def _month_day(now: dt.date, months_back: int, day: int) -> dt.date:
    year, month = now.year, now.month - months_back
    while month < 1:
        year, month = year - 1, month + 12
    return dt.date(year, month, min(day, 28))


def seed_ledger(session: Session) -> None:
    """Post realistic recoveries on the first demo cases (once), and prepare the statement import page."""
    # Keyed on the demo's own account: other demo seeders (court receipts) post ledger entries before this runs.
    if session.execute(select(BankAccount.id).limit(1)).first():
        return
    actor = session.execute(select(User).where(User.role == Role.finance)).scalars().first()
    now, rng = today(), random.Random(61)
    rows = session.execute(select(Case, Loan).join(Loan, Loan.case_id == Case.id).order_by(Case.id).limit(14)).all()
    for i, (case, loan) in enumerate(rows[:10]):
        add_cost(session, case_id=case.id, kind="案件受理费", amount=Decimal(rng.randrange(2000, 20000)),
                 incurred_on=_month_day(now, 7, 5), description="", actor=actor)
        for months_back in range(6, 0, -1):
            if rng.random() < 0.6:
                share = Decimal(rng.randrange(5, 40)) / 1000
                amount = (loan.outstanding_principal * share).quantize(Decimal("0.01"))
                if amount > 0:
                    post_recovery(session, case_id=case.id, amount=amount, received_on=_month_day(now, months_back, 3 + i),
                                  source=rng.choice(SOURCES), payer=f"付款人{i}", reference=f"DEMO-{i}-{months_back}",
                                  actor=actor)
    account = session.execute(select(BankAccount)).scalars().first() or create_account(
        session, name="不良资产回款专户", bank="中国工商银行上海分行", account_number="1001244309300012345", actor=actor)
    if len(rows) > 10:
        case, loan = rows[10]
        create_plan(session, case_id=case.id, agreed_on=_month_day(now, 3, 1), actor=actor, payer="和解债务人",
                    instalments=[(_month_day(now, back, 25), Decimal("20000.00")) for back in (2, 1, 0)],
                    note="执行和解协议")
        post_recovery(session, case_id=case.id, amount=Decimal("20000.00"), received_on=_month_day(now, 2, 24),
                      source="settlement_instalment", payer="和解债务人", reference="和解第1期", actor=actor)
    for case, _loan in rows[11:14]:
        expect_recovery(session, case_id=case.id, amount=Decimal(rng.randrange(30000, 90000)),
                        expected_on=_month_day(now, 1, 15), source="court_enforcement", payer="上海市浦东新区人民法院")
    del account

"""Helpers for the ledger tests: a case with a loan whose amounts at cut-off are known exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factories as f

from legalops.cases import services as case_services
from legalops.cases.schemas import LoanIn

CUTOFF = dt.date(2025, 1, 1)


def ledger_case(session, actor, *, principal="100000.00", interest="5000.00", penalty="0.00", rate=None,
                penalty_rate=None, compound_rate=None, firm_id=None, contract=None):
    """Open a case (one borrower) whose single loan has the given amounts outstanding at CUTOFF."""
    opener = actor if actor.role in ("counsel", "admin") else f.user(session, "counsel")
    case = f.case(session, opener, loan=False, firm_id=firm_id)
    case_services.add_loan(session, case, LoanIn(
        contract_number=contract or f"LG-{next(f._seq):06d}", principal=Decimal("1000000.00"),
        contract_rate=Decimal(rate) if rate else None, penalty_rate=Decimal(penalty_rate) if penalty_rate else None,
        compound_rate=Decimal(compound_rate) if compound_rate else None, cutoff_date=CUTOFF,
        outstanding_principal=Decimal(principal), outstanding_interest=Decimal(interest),
        outstanding_penalty=Decimal(penalty)), opener)
    session.flush()
    return case

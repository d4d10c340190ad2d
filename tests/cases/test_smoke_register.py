"""First checks of the case register on PostgreSQL and SQLite."""

from decimal import Decimal

import factories as f
from sqlalchemy import func, select

from legalops.cases.models import Loan


def test_money_sums_exactly_on_both_dialects(any_session):
    counsel = f.user(any_session)
    for i in range(10):
        c = f.case(any_session, counsel, debtors=1, loan=False)
        from legalops.cases import services
        from legalops.cases.schemas import LoanIn

        services.add_loan(any_session, c, LoanIn(contract_number=f"SUM-{i}", principal="0.10",
                                                 outstanding_principal="0.10"), counsel)
    any_session.flush()
    total = any_session.execute(
        select(func.sum(Loan.outstanding_principal)).where(Loan.contract_number.like("SUM-%"))).scalar_one()
    assert total == Decimal("1.00")
    assert isinstance(total, Decimal)

"""A realistic NPL case for the court-form tests: three defendants, two loans, one floating with the LPR."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factories as f

from legalops.cases import services
from legalops.cases.schemas import CollateralIn, DebtorIn, LoanIn

#: The statement's cut-off: the floating loan's penalty period crosses the LPR cut of 2025-05-20 (3.10% → 3.00%).
CUTOFF = dt.date(2025, 12, 31)


def floating_loan(number: str = "HT-2023-0001") -> LoanIn:
    """Return the floating loan: 1Y LPR + 1.5% (4.6% at signing), penalty and compound rates +50%."""
    return LoanIn(contract_number=number, principal=Decimal("1000000.00"), rate_terms="1Y LPR + 1.5%",
                  contract_rate=Decimal("4.6"), penalty_rate=Decimal("6.9"), signed_on=dt.date(2024, 11, 1),
                  disbursed_on=dt.date(2024, 11, 5), maturity_date=dt.date(2025, 3, 31),
                  default_date=dt.date(2025, 4, 1), cutoff_date=dt.date(2025, 2, 28),
                  outstanding_principal=Decimal("800000.10"), outstanding_interest=Decimal("12345.67"),
                  outstanding_penalty=Decimal("2345.60"))


def fixed_loan(number: str = "HT-2023-0002") -> LoanIn:
    """Return the fixed-rate loan: 4.35%, penalty and compound 6.525%."""
    return LoanIn(contract_number=number, principal=Decimal("300000.00"), contract_rate=Decimal("4.35"),
                  penalty_rate=Decimal("6.525"), compound_rate=Decimal("6.525"), signed_on=dt.date(2024, 9, 20),
                  disbursed_on=dt.date(2024, 9, 30), maturity_date=dt.date(2025, 9, 30),
                  cutoff_date=dt.date(2025, 6, 30), outstanding_principal=Decimal("300000.00"))


def npl_case(session, actor, *, firm_id: int | None = None, suffix: str = ""):
    """Open the case: borrower 张三, joint guarantor 李梅, mortgagor 上海A&B<贸易>有限公司 with a flat."""
    c = f.case(session, actor, debtors=0, loan=False, firm_id=firm_id)
    services.add_debtor(session, c, f.person("张三"), DebtorIn(role="borrower"), actor)
    services.add_debtor(session, c, f.person("李梅"), DebtorIn(role="joint_guarantor",
                                                                guarantee_limit=Decimal("1500000")), actor)
    owner = services.add_debtor(session, c, f.company("上海A&B<贸易>有限公司"), DebtorIn(role="mortgagor"), actor)
    services.add_collateral(session, c, CollateralIn(kind="real_estate", description="浦东新区某路1号101室",
                                                     certificate_number="沪(2023)浦字不动产权第0001号",
                                                     registered_amount=Decimal("1200000"),
                                                     owner_id=owner.party_id), actor)
    services.add_loan(session, c, floating_loan("HT-2023-0001" + suffix), actor)
    services.add_loan(session, c, fixed_loan("HT-2023-0002" + suffix), actor)
    session.flush()
    return c

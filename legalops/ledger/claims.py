"""The claim on a case to any date: costs, interest parts and principal accrued, minus what the ledger applied."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from legalops.assessment.calculators import interest as interest_calc
from legalops.assessment.calculators.base import DEFAULT_SETTINGS
from legalops.cases.models import Loan
from legalops.core.i18n import N_
from legalops.ledger.allocation import CITATIONS, PARTS, UNAPPLIED
from legalops.ledger.delay import delayed_performance, judgment_debt_payments
from legalops.ledger.models import ClaimCost, LedgerAllocation, LedgerEntry

ZERO = Decimal("0.00")
ONE_DAY = dt.timedelta(days=1)


@dataclass
class Claim:
    """Accrued, applied and outstanding amounts per part of the claim on one date, with the sources relied on."""

    as_of: dt.date
    accrued: dict[str, Decimal]
    applied: dict[str, Decimal]
    unapplied: Decimal = ZERO
    citations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Last day of the judgment's performance period when delayed-performance interest runs (judgment order).
    performance_end: dt.date | None = None

    @property
    def outstanding(self) -> dict[str, Decimal]:
        """Return what is still owed per part (accrued minus applied)."""
        return {part: self.accrued[part] - self.applied[part] for part in PARTS}

    @property
    def total(self) -> Decimal:
        """Return the whole outstanding claim."""
        return sum(self.outstanding.values(), ZERO)


def _interest(principal: Decimal, rate: Decimal | None, start: dt.date, end: dt.date, cited: dict) -> Decimal:
    """Return simple interest on `principal` from `start` to `end` (both counted) via the interest calculator."""
    if rate is None or principal <= 0 or end < start or not rate:
        return ZERO
    result = interest_calc.contract_interest(
        {"principal": principal, "rate": f"{rate.normalize():f}%", "from": start, "to": end, "basis": None},
        DEFAULT_SETTINGS)
    for c in result.citations:
        cited[f"{c.instrument}（{c.version}）{c.article}"] = None
    return Decimal(result.outputs["interest"])


class _LoanAccrual:
    """Running balances of one loan after its cut-off: principal and unpaid contract interest."""

    def __init__(self, loan: Loan, as_of: dt.date):
        self.loan = loan
        self.principal = loan.outstanding_principal
        self.unpaid_interest = loan.outstanding_interest
        self.cursor = (loan.cutoff_date or as_of) + ONE_DAY
        # After default the loan bears penalty interest if the contract sets one, else its contract rate (art. 676).
        self.penalty = loan.penalty_rate is not None

    def accrue_to(self, day: dt.date, totals: dict[str, Decimal], cited: dict) -> None:
        if day < self.cursor:
            return
        rate = self.loan.penalty_rate if self.penalty else self.loan.contract_rate
        part = "penalty_interest" if self.penalty else "contract_interest"
        totals[part] += _interest(self.principal, rate, self.cursor, day, cited)
        totals["compound_interest"] += _interest(self.unpaid_interest, self.loan.compound_rate, self.cursor, day, cited)
        self.cursor = day + ONE_DAY


def _spread(cut: Decimal, accruals: list[_LoanAccrual], attr: str) -> None:
    """Reduce (or, for a reversal, restore) a balance across the loans, earliest loan first (art. 560)."""
    if cut < 0:
        setattr(accruals[0], attr, getattr(accruals[0], attr) - cut)
        return
    for accrual in accruals:
        take = min(cut, getattr(accrual, attr))
        setattr(accrual, attr, getattr(accrual, attr) - take)
        cut -= take
    if cut and accruals:
        setattr(accruals[-1], attr, getattr(accruals[-1], attr) - cut)


def _applied_rows(session: Session, case_id: int, excluding: Collection[int] = ()):
    stmt = (select(LedgerEntry.received_on, LedgerAllocation.part, LedgerAllocation.amount)
            .join(LedgerAllocation, LedgerAllocation.entry_id == LedgerEntry.id)
            .where(LedgerEntry.case_id == case_id).order_by(LedgerEntry.received_on, LedgerEntry.id))
    if excluding:
        # An excluded entry's reversal goes with it, so the pair never leaves half a correction behind.
        stmt = stmt.where(LedgerEntry.id.not_in(list(excluding)),
                          LedgerEntry.reverses_id.is_(None) | LedgerEntry.reverses_id.not_in(list(excluding)))
    return session.execute(stmt).all()


def compute_claim(session: Session, case_id: int, as_of: dt.date, *, all_applied: bool = False,
                  excluding: Collection[int] = ()) -> Claim:
    """Compute the claim to `as_of`; `all_applied` also deducts entries dated later (posting a backdated entry).

    `excluding` names entries (and so their reversals) to leave out, e.g. the proceeds of the very sale the claim
    is computed for.
    """
    loans = list(session.execute(select(Loan).where(Loan.case_id == case_id).order_by(Loan.id)).scalars())
    accrued = {part: ZERO for part in PARTS}
    applied = defaultdict(lambda: ZERO)
    cited: dict[str, None] = {}
    for loan in loans:
        accrued["principal"] += loan.outstanding_principal
        accrued["contract_interest"] += loan.outstanding_interest
        accrued["penalty_interest"] += loan.outstanding_penalty
    costs = session.execute(select(ClaimCost.amount).where(ClaimCost.case_id == case_id,
                                                           ClaimCost.incurred_on <= as_of)).scalars()
    accrued["costs"] = sum(costs, ZERO)

    accruals = [_LoanAccrual(loan, as_of) for loan in loans]
    growth = defaultdict(lambda: ZERO)
    by_day: dict[dt.date, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for received_on, part, amount in _applied_rows(session, case_id, excluding):
        if received_on > as_of:
            if all_applied:
                applied[part] += amount
            continue
        applied[part] += amount
        by_day[received_on][part] += amount
    for received_on in sorted(by_day):
        # Net per day, so an entry and its reversal leave no split in the interest periods (no rounding trace).
        cuts = {part: by_day[received_on][part] for part in ("principal", "contract_interest")
                if by_day[received_on][part]}
        if cuts and accruals:
            # Interest runs on the balance before the payment up to its value date, on the rest afterwards.
            for accrual in accruals:
                accrual.accrue_to(received_on, growth, cited)
            for part, amount in cuts.items():
                _spread(amount, accruals, "principal" if part == "principal" else "unpaid_interest")
    for accrual in accruals:
        accrual.accrue_to(as_of, growth, cited)
    for part, amount in growth.items():
        accrued[part] += amount
    delay = delayed_performance(session, case_id, as_of, judgment_debt_payments(by_day))
    if delay is not None:
        accrued["delay_interest"] += delay.interest
        cited.update(dict.fromkeys(delay.citations))

    notes = []
    if any(loan.cutoff_date is None for loan in loans):
        notes.append(N_("A loan has no cut-off date: no interest is accrued on it after import."))
    claim = Claim(as_of, accrued, {part: applied[part] for part in PARTS}, applied[UNAPPLIED],
                  [*cited, CITATIONS["statutory"]], notes, delay.performance_end if delay else None)
    return claim

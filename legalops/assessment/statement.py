"""The claim calculation statement (债权计算明细表): each loan's interest by period, from the interest calculator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from legalops.assessment import lpr as lpr_table
from legalops.assessment.calculators import DEFAULT_SETTINGS, Citation, Settings
from legalops.assessment.calculators.interest import Rate, interest_citations, interest_periods
from legalops.cases.documents import FormContext, filing_base, validate_context
from legalops.cases.models import Case, DebtorRole, Loan
from legalops.cases.queries import list_debtors, list_loans
from legalops.core.clock import utcnow
from legalops.core.i18n import N_

ZERO = Decimal("0.00")
FACTOR = Decimal("0.0001")
#: §6.3: unpaid interest bears compound interest at the penalty rate; the loan contract's clause governs.
PBOC_PENALTY = Citation("中国人民银行关于人民币贷款利率有关问题的通知", "银发〔2003〕251号", "第三条")
LPR_QUOTES = Citation(lpr_table.SOURCE[0], lpr_table.SOURCE[1], "各期报价")
LABELS = {"contract_interest": "期内利息", "penalty_interest": "罚息", "compound_interest": "复利"}
TENORS = {"1Y": "一年期", "5Y": "五年期以上"}

#: Sources of delayed-performance interest after a judgment (民诉法 art. 264): enforcement registers a
#: callable(session, case, cutoff, settings) returning DelayedPerformancePeriod-shaped dicts.
DELAYED_PERFORMANCE: list[Callable[[Session, Case, dt.date, Settings], list[dict[str, Any]]]] = []


@dataclass
class LoanRates:
    """The three rates of a loan, or why they cannot be read."""

    contract: Rate | None = None
    penalty: Rate | None = None
    compound: Rate | None = None
    problems: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def _percent(value: Decimal) -> str:
    return format(value.normalize(), "f")


def rate_text(rate: Rate) -> str:
    """Describe a rate as the document prints it: 年利率4.35%, or 一年期LPR×1.5+2.25%."""
    if rate.fixed is not None:
        return f"年利率{_percent(rate.fixed)}%"
    text = f"{TENORS[rate.tenor]}LPR"
    if rate.multiplier != 1:
        text += f"×{_percent(rate.multiplier)}"
    if rate.spread:
        text += f"{'+' if rate.spread > 0 else '−'}{_percent(abs(rate.spread))}%"
    return text + "（浮动）"


def loan_rates(loan: Loan) -> LoanRates:
    """Read a loan's contract, penalty and compound rates; floating ones keep their multiple of the contract rate."""
    out = LoanRates()
    number = {"number": loan.contract_number}
    if loan.rate_terms:
        try:
            out.contract = Rate(loan.rate_terms)
        except ValueError:
            out.problems.append((N_("Loan %(number)s: the floating rate cannot be read (e.g. 1Y LPR + 1.5%%)."),
                                 number))
            return out
    elif loan.contract_rate is not None:
        out.contract = Rate(f"{loan.contract_rate}%")
    else:
        out.problems.append((N_("Loan %(number)s has no contract rate."), number))
        return out
    if loan.penalty_rate is None:
        out.problems.append((N_("Loan %(number)s has no penalty rate."), number))
        return out
    for name, value in (("penalty", loan.penalty_rate), ("compound", loan.compound_rate or loan.penalty_rate)):
        if not out.contract.floating:
            setattr(out, name, Rate(f"{value}%"))
            continue
        if not loan.contract_rate:
            out.problems.append((N_("Loan %(number)s floats with the LPR: record its contract rate at signing too."),
                                 number))
            return out
        factor = (value / loan.contract_rate).quantize(FACTOR)
        if factor * loan.contract_rate != value:
            out.problems.append((N_("Loan %(number)s floats with the LPR but its penalty or compound rate is not a "
                                    "fixed multiple of its contract rate."), number))
            return out
        setattr(out, name, out.contract.scaled(factor))
    return out


def _rows(kind: str, base: Decimal, rate: Rate, first: dt.date, last: dt.date, settings: Settings) -> list[dict]:
    if last < first or base <= 0:
        return []
    return [{"kind": kind, "label": LABELS[kind], "first_day": p.first_day, "last_day": p.last_day, "days": p.days,
             "base": base, "annual_rate": p.annual_rate.quantize(Decimal("0.000001")),
             "lpr": p.lpr, "amount": settings.round(p.exact)}
            for p in interest_periods(base, rate, first, last, settings.day_basis, settings)]


def rounding_text(settings: Settings) -> str:
    """Describe the rounding setting in the document's words, e.g. 各期间金额四舍五入至分."""
    mode = {"HALF_UP": "四舍五入", "CEILING": "向上取整", "FLOOR": "向下取整"}[settings.rounding_mode]
    return f"各期间金额{mode}至{'分' if settings.rounding == '0.01' else '元'}，合计为各期间金额之和"


def _sum(rows: list[dict], kind: str) -> Decimal:
    return sum((r["amount"] for r in rows if r["kind"] == kind), ZERO)


def loan_statement(loan: Loan, rates: LoanRates, borrowers: str, cutoff: dt.date, settings: Settings) -> dict:
    """Compute one loan's periods from its balance date to the cut-off (contract, penalty, compound interest)."""
    principal, balance, maturity = loan.outstanding_principal, loan.cutoff_date, loan.maturity_date
    step = dt.timedelta(days=1 if settings.interest_inclusive else 0)  # 算头不算尾 counts the balance date itself
    first = balance + step
    rows = _rows("contract_interest", principal, rates.contract, first, min(maturity, cutoff), settings)
    contract = _sum(rows, "contract_interest")
    overdue_from = max(first, maturity + step)
    rows += _rows("penalty_interest", principal, rates.penalty, overdue_from, cutoff, settings)
    rows += _rows("compound_interest", loan.outstanding_interest, rates.compound, first, cutoff, settings)
    if maturity >= first:  # the contract interest accrued after the balance date falls due at maturity
        rows += _rows("compound_interest", contract, rates.compound, maturity + step, cutoff, settings)
    sums = {kind: _sum(rows, kind) for kind in LABELS}
    return {
        "contract_number": loan.contract_number, "borrowers": borrowers, "principal": loan.principal,
        "outstanding_principal": principal, "balance_date": balance, "recorded_interest": loan.outstanding_interest,
        "recorded_penalty": loan.outstanding_penalty, "maturity_date": maturity,
        "rate_text": rate_text(rates.contract), "penalty_text": rate_text(rates.penalty),
        "compound_text": rate_text(rates.compound), "periods": rows, **sums,
        "total": principal + loan.outstanding_interest + loan.outstanding_penalty + sum(sums.values(), ZERO),
    }


def _check_loan(loan: Loan, cutoff: dt.date, missing: list) -> LoanRates:
    number = {"number": loan.contract_number}
    if loan.cutoff_date is None:
        missing.append((N_("Loan %(number)s has no balance date (基准日)."), number))
    elif loan.cutoff_date > cutoff:
        missing.append((N_("Loan %(number)s has balances after the statement's cut-off date."), number))
    if loan.maturity_date is None:
        missing.append((N_("Loan %(number)s has no maturity date."), number))
    rates = loan_rates(loan)
    missing.extend(rates.problems)
    return rates


def _totals(loans: list[dict], delayed: list[dict]) -> dict[str, Decimal]:
    keys = {"principal": "outstanding_principal", "recorded_interest": "recorded_interest",
            "recorded_penalty": "recorded_penalty", "contract_interest": "contract_interest",
            "penalty_interest": "penalty_interest", "compound_interest": "compound_interest"}
    totals = {name: sum((loan[key] for loan in loans), ZERO) for name, key in keys.items()}
    totals["delayed_performance"] = sum((Decimal(p["amount"]) for p in delayed), ZERO)
    totals["total"] = sum(totals.values(), ZERO)
    return totals


def _citations(rates: list[LoanRates], delayed: list[dict]) -> list[dict[str, str]]:
    cited: list[Citation] = []
    for r in rates:
        cited += [LPR_QUOTES if c == Citation(*lpr_table.SOURCE) else c for c in interest_citations(r.contract)]
        cited.append(PBOC_PENALTY)
    if delayed:
        cited += [Citation("中华人民共和国民事诉讼法", "2023修正 2024-01-01施行", "第二百六十四条")]
    return [c.as_dict() for c in dict.fromkeys(cited)]


def _notes(settings: Settings, cutoff: dt.date, floating: bool) -> list[str]:
    notes = ["各期间利息 = 计息基数 × 年利率 × 天数 ÷ " + str(settings.day_basis) + "。",
             "基准日及以前的本金、利息、罚息及复利以原告账册记载为准；基准日次日起按上表分段计算。"]
    if floating:
        notes.append("浮动利率按各期间适用的最新一期LPR分段计算，LPR自公布之日起适用；罚息、复利利率为合同利率的约定倍数。")
        if lpr_table.is_stale(cutoff):
            notes.append(f"LPR表最新一期为{lpr_table.quotes()[-1].published.isoformat()}，计算截止日之后公布的报价尚未录入。")
    return notes


def build_claim_statement(session: Session, case: Case, today: dt.date, *, settings: Settings = DEFAULT_SETTINGS,
                          cutoff: dt.date | None = None) -> FormContext:
    """Build the statement's context from the case's loans, or list what is missing."""
    cutoff = cutoff or today
    result = FormContext("claim_statement", snapshot_at=utcnow())
    data = filing_base(session, case, today, result.missing)
    loans = list_loans(session, case)
    if not loans:
        result.missing.append((N_("The case has no loan."), {}))
    rates = [_check_loan(loan, cutoff, result.missing) for loan in loans]
    if result.missing:
        return result
    borrowers = "、".join(p.name for link, p in list_debtors(session, case)
                         if link.role in (DebtorRole.borrower, DebtorRole.co_borrower))
    try:
        statements = [loan_statement(loan, r, borrowers, cutoff, settings)
                      for loan, r in zip(loans, rates, strict=True)]
    except lpr_table.LprUnavailable as exc:
        result.missing.append((N_("No LPR applies: %(reason)s"), {"reason": str(exc)}))
        return result
    delayed = [period for source in DELAYED_PERFORMANCE for period in source(session, case, cutoff, settings)]
    rounding = rounding_text(settings)
    data.update(cutoff_date=cutoff, loans=statements, delayed_performance=delayed, totals=_totals(statements, delayed),
                day_count={"basis": settings.day_basis, "inclusive": settings.interest_inclusive, "rounding": rounding},
                citations=_citations(rates, delayed),
                notes=_notes(settings, cutoff, any(r.contract.floating for r in rates)))
    return validate_context(result, data)

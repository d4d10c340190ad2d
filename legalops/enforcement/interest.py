"""Delayed-performance interest (the doubled part, 民诉法 art. 264) on the recorded judgment, to any date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session

from legalops.assessment.calculators import DEFAULT_SETTINGS, Result, Settings, calculate
from legalops.enforcement.queries import list_receipts
from legalops.ledger.delay import DelayFigure, register_delayed_performance_provider
from legalops.litigation.queries import judgment_clocks, latest_judgment


@dataclass
class DelayInterest:
    """The doubled-part interest to `as_of`, what it was computed on, and the calculator's steps and citations."""

    as_of: dt.date
    #: Last day of the performance period: interest runs from the day after.
    start: dt.date
    debt: Decimal
    paid: Decimal
    outstanding: Decimal
    days: int
    interest: Decimal
    result: Result


def delayed_performance_interest(session: Session, case_id: int, as_of: dt.date,
                                 settings: Settings = DEFAULT_SETTINGS,
                                 payments: list[tuple[dt.date, Decimal]] | None = None) -> DelayInterest | None:
    """Return the doubled-part interest on the case's judgment to `as_of`, or None until the period's end is known.

    Court receipts pay the judgment debt first (迟延履行利息解释 art. 4); each paid part bears interest up to its
    payment date and the unpaid rest up to `as_of` (art. 3). The claim calculation statement uses this.
    `payments` (value date, amount) replace the court receipts: the ledger passes every recovery after the
    judgment, since a debtor's own payment reduces the judgment debt as much as money through the court.
    """
    judgment = latest_judgment(session, case_id)
    if judgment is None:
        return None
    clocks = judgment_clocks(session, judgment)
    if clocks.performance_end is None:
        return None
    start, debt = clocks.performance_end.due_on, judgment.debt_amount
    if payments is None:
        received = [(receipt.received_on, receipt.amount) for receipt in list_receipts(session, case_id)]
    else:
        # Recoveries up to the judgment are already reflected in the debt it fixed.
        received = [(day, amount) for day, amount in payments if day > judgment.decided_on]
    parts, paid = [], Decimal("0.00")
    for received_on, amount in sorted(received, key=lambda item: item[0]):
        if received_on > as_of or paid >= debt:
            continue
        part = min(amount, debt - paid)
        paid += part
        parts.append({"date": received_on.isoformat(), "amount": str(part)})
    if paid < debt:
        parts.append({"date": max(as_of, start).isoformat(), "amount": str(debt - paid)})
    result = calculate("delay-interest", {"unpaid_judgment_debt": str(debt),
                                          "performance_period_last_day": start.isoformat(),
                                          "payments": parts}, settings)
    return DelayInterest(as_of, start, debt, paid, debt - paid, int(result.outputs["days"]),
                         Decimal(result.outputs["interest"]), result)


def register_ledger_provider(settings: Settings = DEFAULT_SETTINGS) -> None:
    """Let the ledger's claim include delayed-performance interest on the recorded judgment, with `settings`."""

    def provider(session: Session, case_id: int, as_of: dt.date,
                 payments: list[tuple[dt.date, Decimal]]) -> DelayFigure | None:
        figure = delayed_performance_interest(session, case_id, as_of, settings, payments)
        if figure is None:
            return None
        citations = tuple(f"{c.instrument}（{c.version}）{c.article}" for c in figure.result.citations)
        return DelayFigure(figure.interest, figure.start, citations)

    register_delayed_performance_provider(provider)

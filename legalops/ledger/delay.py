"""Delayed-performance interest (民诉法 art. 264) as a part of the ledger's claim, through a registered provider.

The ledger sits below litigation and enforcement, so it cannot read a judgment or its performance period.
Enforcement registers the calculator here (from create_app); the claim asks it for the doubled-part interest to a
date, handing over what the ledger has recovered, so the figure follows every posting and reversal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session

#: Parts whose recoveries do not pay the judgment debt (the doubled interest itself, money beyond the claim).
NOT_JUDGMENT_DEBT = ("delay_interest", "unapplied")


@dataclass(frozen=True)
class DelayFigure:
    """Doubled-part interest to a date, the last day of the performance period, and the sources relied on."""

    interest: Decimal
    performance_end: dt.date
    citations: tuple[str, ...] = ()


#: (session, case id, as-of date, [(value date, amount paid towards the judgment debt)]) -> figure or None.
DelayProvider = Callable[[Session, int, dt.date, list[tuple[dt.date, Decimal]]], "DelayFigure | None"]

_provider: list[DelayProvider] = []


def register_delayed_performance_provider(provider: DelayProvider) -> None:
    """Install the calculator of delayed-performance interest (a later registration replaces an earlier one)."""
    _provider[:] = [provider]


def judgment_debt_payments(by_day: Mapping[dt.date, Mapping[str, Decimal]]) -> list[tuple[dt.date, Decimal]]:
    """Return the net amount per value date that went to the judgment debt (not to delay interest or unapplied)."""
    payments = []
    for day in sorted(by_day):
        net = sum((amount for part, amount in by_day[day].items() if part not in NOT_JUDGMENT_DEBT), Decimal(0))
        if net > 0:
            payments.append((day, net))
    return payments


def delayed_performance(session: Session, case_id: int, as_of: dt.date,
                        payments: list[tuple[dt.date, Decimal]]) -> DelayFigure | None:
    """Return the case's doubled-part interest to `as_of`, or None without a provider or a known period end."""
    if not _provider:
        return None
    return _provider[0](session, case_id, as_of, payments)

"""Property tests: allocation conserves money; reversals restore balances exactly; the principal balance is derived."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factories as f
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_support import ledger_case

from legalops.ledger.allocation import ORDERS, PARTS, allocate_recovery
from legalops.ledger.claims import compute_claim
from legalops.ledger.services import allocations_of, post_recovery, reverse_entry

cents = st.integers(min_value=1, max_value=10**9).map(lambda n: Decimal(n).scaleb(-2))
owed = st.integers(min_value=0, max_value=10**9).map(lambda n: Decimal(n).scaleb(-2))


@given(amount=cents, outstanding=st.fixed_dictionaries({p: owed for p in PARTS}), order=st.sampled_from(sorted(ORDERS)))
def test_allocation_conserves_money(amount, outstanding, order):
    applied = allocate_recovery(amount, outstanding, ORDERS[order])
    assert sum(applied.values(), Decimal(0)) == amount
    assert all(v > 0 for v in applied.values())
    assert all(applied.get(p, 0) <= outstanding[p] for p in PARTS)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.integers(1, 3_000_000), st.integers(0, 60)), min_size=1, max_size=3))
def test_balance_is_principal_minus_allocated_and_reversals_restore(any_session, steps):
    nested = any_session.begin_nested()
    try:
        actor = f.user(any_session, "finance")
        case = ledger_case(any_session, actor, principal="20000.00", interest="1000.00", rate="4.35")
        as_of = dt.date(2025, 3, 31)
        before = compute_claim(any_session, case.id, as_of)
        entries, principal_applied = [], Decimal(0)
        for fen, offset in steps:
            entry = post_recovery(any_session, case_id=case.id, amount=Decimal(fen).scaleb(-2),
                                  received_on=dt.date(2025, 1, 1) + dt.timedelta(days=offset),
                                  source="voluntary_repayment", payer="p", reference="r", actor=actor)
            parts = allocations_of(any_session, entry)
            assert sum(parts.values(), Decimal(0)) == entry.amount
            principal_applied += parts.get("principal", Decimal(0))
            entries.append(entry)
        claim = compute_claim(any_session, case.id, as_of)
        assert claim.outstanding["principal"] == Decimal("20000.00") - principal_applied
        for entry in entries:
            reverse_entry(any_session, entry, "test", actor)
        assert compute_claim(any_session, case.id, as_of).outstanding == before.outstanding
    finally:
        nested.rollback()

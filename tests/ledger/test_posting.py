"""Posting recoveries: art. 561 allocation with its citation, agreed and judgment orders, reversals, append-only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factories as f
import pytest
from ledger_support import ledger_case
from sqlalchemy import delete, select, text, update

from legalops.core.errors import DomainError
from legalops.ledger.claims import compute_claim
from legalops.ledger.models import LedgerAllocation, LedgerEntry
from legalops.ledger.services import add_cost, allocations_of, post_recovery, reverse_entry

D = Decimal


def _post(session, case, amount, actor, day=dt.date(2025, 1, 1), **kw):
    return post_recovery(session, case_id=case.id, amount=D(amount), received_on=day, source=kw.pop("source", "voluntary_repayment"),
                         payer="债务人0", reference="REF", actor=actor, **kw)


def test_recovery_goes_to_costs_then_interest_then_principal(any_session):
    actor = f.user(any_session)
    case = ledger_case(any_session, actor, principal="100000.00", interest="5000.00", penalty="300.00")
    add_cost(any_session, case_id=case.id, kind="受理费", amount=D("1200.50"), incurred_on=dt.date(2024, 12, 1),
             description="", actor=actor)
    entry = _post(any_session, case, "10000.00", actor)
    assert allocations_of(any_session, entry) == {"costs": D("1200.50"), "contract_interest": D("5000.00"),
                                                  "penalty_interest": D("300.00"), "principal": D("3499.50")}
    assert entry.allocation_basis == "statutory" and "第五百六十一条" in entry.citation
    claim = compute_claim(any_session, case.id, dt.date(2025, 1, 1))
    assert claim.outstanding["principal"] == D("96500.50")
    assert claim.total == D("96500.50")


def test_agreed_and_judgment_orders(any_session):
    actor = f.user(any_session)
    case = ledger_case(any_session, actor, principal="1000.00", interest="100.00", penalty="50.00")
    entry = _post(any_session, case, "120.00", actor, order="bank_contract")
    assert allocations_of(any_session, entry) == {"penalty_interest": D("50.00"), "contract_interest": D("70.00")}
    assert entry.allocation_basis == "agreed" and "另有约定" in entry.citation
    judged = _post(any_session, case, "40.00", actor, order="judgment")
    assert allocations_of(any_session, judged) == {"contract_interest": D("30.00"), "principal": D("10.00")}
    assert "法释〔2014〕8号" in judged.citation
    with pytest.raises(DomainError) as exc:
        _post(any_session, case, "1.00", actor, order=["principal", "costs"])
    assert exc.value.field == "order"


def test_overpayment_is_held_unapplied(any_session):
    actor = f.user(any_session)
    case = ledger_case(any_session, actor, principal="100.00", interest="0.00")
    entry = _post(any_session, case, "150.00", actor)
    assert allocations_of(any_session, entry) == {"principal": D("100.00"), "unapplied": D("50.00")}


def test_interest_runs_on_the_reduced_principal(any_session):
    actor = f.user(any_session)
    case = ledger_case(any_session, actor, principal="36500.00", interest="0.00", penalty_rate="10")
    # 36,500 at 10 % a year is exactly 10 yuan a day, from the day after the cut-off.
    claim = compute_claim(any_session, case.id, dt.date(2025, 1, 11))
    assert claim.accrued["penalty_interest"] == D("100.00")
    assert any("第六百七十四条" in c for c in claim.citations)
    _post(any_session, case, "18350.00", actor, day=dt.date(2025, 1, 11))  # 100 interest, 18,250 principal
    claim = compute_claim(any_session, case.id, dt.date(2025, 1, 21))
    assert claim.accrued["penalty_interest"] == D("150.00")  # then 5 yuan a day on 18,250
    assert claim.outstanding["principal"] == D("18250.00")


def test_reversal_mirrors_and_restores(any_session):
    actor = f.user(any_session)
    case = ledger_case(any_session, actor, principal="1000.00", interest="100.00")
    before = compute_claim(any_session, case.id, dt.date(2025, 3, 1))
    entry = _post(any_session, case, "300.00", actor)
    with pytest.raises(DomainError):
        reverse_entry(any_session, entry, "  ", actor)
    mirror = reverse_entry(any_session, entry, "wrong case", actor)
    assert mirror.amount == D("-300.00") and mirror.reverses_id == entry.id
    assert allocations_of(any_session, mirror) == {"contract_interest": D("-100.00"), "principal": D("-200.00")}
    assert compute_claim(any_session, case.id, dt.date(2025, 3, 1)).outstanding == before.outstanding
    with pytest.raises(DomainError):
        reverse_entry(any_session, entry, "again", actor)
    with pytest.raises(DomainError):
        reverse_entry(any_session, mirror, "reverse the reversal", actor)


def test_bad_input_is_refused_with_the_field(any_session):
    actor = f.user(any_session)
    case = ledger_case(any_session, actor)
    for amount, field in (("0", "amount"), ("-5", "amount"), ("1.001", "amount")):
        with pytest.raises(DomainError) as exc:
            _post(any_session, case, amount, actor)
        assert exc.value.field == field
    with pytest.raises(DomainError) as exc:
        _post(any_session, case, "1", actor, source="gift")
    assert exc.value.field == "source"
    with pytest.raises(DomainError) as exc:
        _post(any_session, case, "1", actor, day=dt.date.today() + dt.timedelta(days=3))
    assert exc.value.field == "received_on"


def test_entries_are_append_only_in_the_orm(any_session):
    actor = f.user(any_session)
    entry = _post(any_session, ledger_case(any_session, actor), "10.00", actor)
    entry.amount = D("11.00")
    with pytest.raises(RuntimeError, match="append-only"):
        any_session.flush()
    any_session.rollback()
    with pytest.raises(RuntimeError, match="append-only"):
        any_session.execute(update(LedgerAllocation).values(amount=D("1")))
    with pytest.raises(RuntimeError, match="append-only"):
        any_session.execute(delete(LedgerEntry))


def test_database_refuses_update_delete_truncate(session):
    actor = f.user(session)
    entry = _post(session, ledger_case(session, actor), "10.00", actor)
    for sql in (f"UPDATE ledger_entry SET amount = 1 WHERE id = {entry.id}",
                f"DELETE FROM ledger_allocation WHERE entry_id = {entry.id}",
                "TRUNCATE ledger_allocation"):
        nested = session.connection().begin_nested()
        with pytest.raises(Exception, match="append-only"):
            session.connection().execute(text(sql))
        nested.rollback()
    assert session.execute(select(LedgerEntry.amount).where(LedgerEntry.id == entry.id)).scalar_one() == D("10.00")

"""Court receipts (执行款) post to the ledger: one entry per receipt, allocated, linked, and never posted twice."""

import datetime as dt
from decimal import Decimal

import factories as f
import pytest
from sqlalchemy import func, select

from legalops.cases import services as case_services
from legalops.cases.schemas import LoanIn
from legalops.core.errors import Conflict
from legalops.enforcement import queries, services
from legalops.enforcement.models import CourtReceipt
from legalops.enforcement.schemas import CourtReceiptIn
from legalops.ledger.claims import compute_claim
from legalops.ledger.models import LedgerEntry
from legalops.ledger.services import allocations_of, reverse_entry

D = Decimal
CUTOFF = dt.date(2025, 1, 1)


def _case(session, counsel):
    """A case whose one loan owes exactly 100,000.00 principal and 5,000.00 interest at CUTOFF, accruing nothing."""
    case = f.case(session, counsel, loan=False)
    case_services.add_loan(session, case, LoanIn(
        contract_number=f"ZX-{next(f._seq):06d}", principal=D("1000000.00"), cutoff_date=CUTOFF,
        outstanding_principal=D("100000.00"), outstanding_interest=D("5000.00"), outstanding_penalty=D("0.00")),
        counsel)
    session.flush()
    return case


def _entries(session, case):
    return list(session.execute(select(LedgerEntry).where(LedgerEntry.case_id == case.id)
                                .order_by(LedgerEntry.id)).scalars())


def _receipt(session, case, counsel, amount="8000.00", reference="(2025)沪0115执100号-1", day=CUTOFF):
    return services.record_court_receipt(session, case, CourtReceiptIn(
        amount=amount, received_on=day, reference=reference, payer="上海市浦东新区人民法院"), counsel)


def test_a_court_receipt_posts_one_allocated_entry_and_lowers_the_balance(any_session):
    counsel = f.user(any_session, "counsel")
    case = _case(any_session, counsel)
    assert compute_claim(any_session, case.id, CUTOFF).total == D("105000.00")

    receipt = _receipt(any_session, case, counsel)

    [entry] = _entries(any_session, case)
    assert (entry.source, entry.amount, entry.received_on) == ("court_enforcement", D("8000.00"), CUTOFF)
    assert (entry.reference, entry.payer) == ("(2025)沪0115执100号-1", "上海市浦东新区人民法院")
    assert entry.allocation_basis == "statutory"
    # 民法典 art. 561: interest before principal.
    assert allocations_of(any_session, entry) == {"contract_interest": D("5000.00"), "principal": D("3000.00")}
    assert receipt.ledger_entry_id == entry.id
    claim = compute_claim(any_session, case.id, CUTOFF)
    assert claim.outstanding["contract_interest"] == D("0.00")
    assert claim.outstanding["principal"] == D("97000.00")
    assert claim.total == D("97000.00")


def test_resubmitting_the_same_reference_returns_the_receipt_without_posting_again(any_session):
    counsel = f.user(any_session, "counsel")
    case = _case(any_session, counsel)
    first = _receipt(any_session, case, counsel)
    again = _receipt(any_session, case, counsel, amount="8000", reference="  (2025)沪0115执100号-1 ")

    assert again.id == first.id
    assert len(_entries(any_session, case)) == 1
    assert any_session.execute(select(func.count()).select_from(CourtReceipt)
                               .where(CourtReceipt.case_id == case.id)).scalar_one() == 1
    assert compute_claim(any_session, case.id, CUTOFF).total == D("97000.00")


def test_same_reference_with_other_figures_is_a_conflict_naming_the_reference(any_session):
    counsel = f.user(any_session, "counsel")
    case = _case(any_session, counsel)
    _receipt(any_session, case, counsel)
    with pytest.raises(Conflict) as exc:
        _receipt(any_session, case, counsel, amount="9000.00")
    assert exc.value.field == "reference"
    assert exc.value.params == {"reference": "(2025)沪0115执100号-1"}
    assert len(_entries(any_session, case)) == 1


def test_after_reversing_its_entry_the_reference_can_be_recorded_again(any_session):
    counsel = f.user(any_session, "counsel")
    case = _case(any_session, counsel)
    wrong = _receipt(any_session, case, counsel, amount="9000.00")
    reverse_entry(any_session, any_session.get(LedgerEntry, wrong.ledger_entry_id), "金额录错", counsel)
    right = _receipt(any_session, case, counsel)

    assert right.id != wrong.id and right.ledger_entry_id not in (None, wrong.ledger_entry_id)
    assert [e.amount for e in _entries(any_session, case)] == [D("9000.00"), D("-9000.00"), D("8000.00")]
    assert queries.get_standing_receipt(any_session, case.id, "(2025)沪0115执100号-1").id == right.id
    assert compute_claim(any_session, case.id, CUTOFF).total == D("97000.00")


def test_receipts_without_a_reference_each_post(any_session):
    counsel = f.user(any_session, "counsel")
    case = _case(any_session, counsel)
    one = _receipt(any_session, case, counsel, amount="1000.00", reference="")
    two = _receipt(any_session, case, counsel, amount="1000.00", reference="")

    assert one.id != two.id
    assert [e.id for e in _entries(any_session, case)] == [one.ledger_entry_id, two.ledger_entry_id]
    assert compute_claim(any_session, case.id, CUTOFF).total == D("103000.00")

"""Delayed-performance interest (民诉法 art. 264) in the ledger's claim, from the judgment enforcement registers.

The judgment fixes 800,000.10, takes effect on 20 Mar 2026 with ten days to perform: the doubled-part interest
(0.0175% a day) runs on the unpaid judgment debt from the day after 30 Mar 2026, and a recovery pays the judgment
debt before that interest (迟延履行利息解释 art. 4).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factories as f
import pytest

from legalops.cases.queries import list_debtors
from legalops.ledger.claims import compute_claim
from legalops.ledger.services import allocations_of, post_recovery, reverse_entry
from legalops.litigation import services as ls
from legalops.litigation.schemas import AwardIn, JudgmentIn

D = Decimal
DAY = dt.date


@pytest.fixture
def judged(session):
    """A case owing 800,000.10 principal (no interest accrues on the loan), with the judgment above."""
    counsel = f.user(session, "counsel")
    case, proceeding = f.in_litigation(session, counsel, dict(
        court_name="上海市浦东新区人民法院", jurisdiction_basis="agreed_clause",
        court_case_number="(2026)沪0115民初78号"))
    ((_, borrower),) = list_debtors(session, case)
    ls.record_judgment(session, case, proceeding, JudgmentIn(
        decided_on=DAY(2026, 2, 2), effective_on=DAY(2026, 3, 20), performance_days=10, debt_amount="800000.10",
        parties=[AwardIn(party_id=borrower.id, liability="joint_and_several", amount="800000.10")]), counsel)
    return session, case, f.user(session, "finance")


def test_claim_includes_delay_interest_from_the_end_of_the_performance_period(judged):
    session, case, _finance = judged
    claim = compute_claim(session, case.id, DAY(2026, 3, 30))
    assert (claim.performance_end, claim.accrued["delay_interest"]) == (DAY(2026, 3, 30), D("0.00"))
    # 800,000.10 x 0.0175% x 30 days = 4,200.000525 -> 4,200.00.
    claim = compute_claim(session, case.id, DAY(2026, 4, 29))
    assert claim.accrued["delay_interest"] == D("4200.00")
    assert claim.outstanding["principal"] == D("800000.10")
    assert claim.total == D("804200.10")
    assert any("第二百六十四条" in c for c in claim.citations)


def test_recoveries_pay_the_judgment_debt_first_and_stop_its_interest(judged):
    session, case, finance = judged
    first = post_recovery(session, case_id=case.id, amount=D("300000.00"), received_on=DAY(2026, 4, 9),
                          source="voluntary_repayment", payer="债务人0", reference="R1", actor=finance)
    assert (first.allocation_basis, allocations_of(session, first)) == ("judgment", {"principal": D("300000.00")})
    assert "法释〔2014〕8号" in first.citation
    # 300,000 paid after 10 days (525.00) + 500,000.10 unpaid for 30 days (2,625.000525) = 3,150.00.
    assert compute_claim(session, case.id, DAY(2026, 4, 29)).accrued["delay_interest"] == D("3150.00")

    # The judgment order pays the whole judgment debt before the doubled interest (statutory would take it first).
    second = post_recovery(session, case_id=case.id, amount=D("500100.10"), received_on=DAY(2026, 4, 29),
                           source="court_enforcement", payer="上海市浦东新区人民法院", reference="R2", actor=finance)
    assert allocations_of(session, second) == {"principal": D("500000.10"), "delay_interest": D("100.00")}
    later = compute_claim(session, case.id, DAY(2026, 5, 31))
    # The debt is paid: the interest stops at 3,150.00; what went to the interest does not count as debt paid.
    assert (later.accrued["delay_interest"], later.outstanding["delay_interest"]) == (D("3150.00"), D("3050.00"))
    assert later.total == D("3050.00")

    # Reversing the second payment restores the running interest: 525.00 + 500,000.10 x 62 days (5,425.001085).
    reverse_entry(session, second, "退回误划款", finance)
    restored = compute_claim(session, case.id, DAY(2026, 5, 31))
    assert restored.accrued["delay_interest"] == D("5950.00")
    assert restored.total == D("500000.10") + D("5950.00")

    # An agreed (here statutory) order given explicitly is still honoured: interest before principal.
    third = post_recovery(session, case_id=case.id, amount=D("1000.00"), received_on=DAY(2026, 5, 31),
                          source="voluntary_repayment", payer="债务人0", reference="R3", actor=finance,
                          order="statutory")
    assert (third.allocation_basis, allocations_of(session, third)) == ("statutory", {"delay_interest": D("1000.00")})


def test_recoveries_before_the_judgment_do_not_reduce_the_debt_it_fixed(judged):
    session, case, finance = judged
    post_recovery(session, case_id=case.id, amount=D("10000.00"), received_on=DAY(2026, 1, 15),
                  source="voluntary_repayment", payer="债务人0", reference="R0", actor=finance)
    claim = compute_claim(session, case.id, DAY(2026, 4, 29))
    assert claim.accrued["delay_interest"] == D("4200.00")
    assert claim.outstanding["principal"] == D("790000.10")


def test_without_a_judgment_no_delay_interest_and_the_statutory_order(session):
    finance = f.user(session, "finance")
    case = f.case(session, f.user(session, "counsel"))
    claim = compute_claim(session, case.id, DAY(2026, 4, 29))
    assert (claim.performance_end, claim.accrued["delay_interest"]) == (None, D("0.00"))
    entry = post_recovery(session, case_id=case.id, amount=D("100.00"), received_on=DAY(2026, 4, 29),
                          source="voluntary_repayment", payer="x", reference="", actor=finance)
    assert entry.allocation_basis == "statutory"


def test_ledger_page_shows_the_delay_interest_and_proposes_the_judgment_order(judged, client):
    session, case, finance = judged
    f.login(client, finance)
    page = client.get(f"/cases/{case.id}/ledger/?as_of=2026-04-29").get_data(as_text=True)
    row = page.split('data-testid="claim-delay_interest"')[1].split("</tr>")[0]
    assert row.count("¥4,200.00") == 2  # owed and outstanding
    assert '<option value="judgment" selected>' in page

"""Auction deadlines: the start of each round, the buyer's payment, and the latest dates of the next step."""

from __future__ import annotations

from sqlmodel import Session

from legalops.cases.models import Case, Collateral
from legalops.deadlines.refresh import register_refresher
from legalops.deadlines.services import cancel_deadlines, close_deadlines, sync_deadline
from legalops.disposal import queries
from legalops.disposal.checks import WANGPAI, cite, notice_citation
from legalops.disposal.models import AuctionRound, RoundStatus
from legalops.disposal.overview import local_day, proposals_after

SOURCE_ROUND = "disposal.round"
SOURCE_NEXT = "disposal.next_step"
OPEN = (RoundStatus.scheduled, RoundStatus.announced, RoundStatus.live)


def _payment_citation(row: AuctionRound) -> str:
    from legalops.assessment.calculators.base import Citation

    return cite(Citation(*WANGPAI, "第二十四条")) + "（逾期不付款视为悔拍，保证金不予退还）"


def sync_round_deadlines(session: Session, case: Case, item: Collateral, row: AuctionRound) -> None:
    """Create, move, close or cancel the deadlines that one round and its outcome give."""
    source_id = str(row.id)
    if row.status in OPEN:
        sync_deadline(session, case_id=case.id, kind="auction", due_on=local_day(row.starts_at),
                      title=f"第{row.round_number}次拍卖开始：{item.description}"[:300],
                      citation=cite(notice_citation(row.mode, row.round_number)), source=SOURCE_ROUND,
                      source_id=source_id)
    elif row.status in (RoundStatus.withdrawn, RoundStatus.suspended):
        cancel_deadlines(session, source=SOURCE_ROUND, source_id=source_id, kind="auction")
    else:
        close_deadlines(session, source=SOURCE_ROUND, source_id=source_id, kind="auction")
    if row.status == RoundStatus.sold and row.payment_deadline is not None:
        sync_deadline(session, case_id=case.id, kind="auction_payment", due_on=row.payment_deadline,
                      title=f"买受人{row.buyer}缴纳拍卖余款：{item.description}"[:300],
                      citation=_payment_citation(row), source=SOURCE_ROUND, source_id=source_id)
    elif row.status == RoundStatus.buyer_defaulted:
        cancel_deadlines(session, source=SOURCE_ROUND, source_id=source_id, kind="auction_payment")
    if row.status == RoundStatus.sold and row.transferred_on is not None:
        close_deadlines(session, source=SOURCE_ROUND, source_id=source_id, kind="auction_payment")
    _sync_next_steps(session, case, item, row)


def _sync_next_steps(session: Session, case: Case, item: Collateral, row: AuctionRound) -> None:
    """Give the latest dates of the next step after a failure; a later round of the item closes them."""
    for earlier in queries.list_rounds(session, item):
        if earlier.id != row.id and earlier.starts_at < row.starts_at:
            close_deadlines(session, source=SOURCE_NEXT, source_id=str(earlier.id))
    proposals = proposals_after(session, case, item, row)
    if not proposals:
        cancel_deadlines(session, source=SOURCE_NEXT, source_id=str(row.id))
        return
    for proposal in proposals:
        due = proposal.latest_start or proposal.latest_announce
        if due is None:
            continue
        what = "再次拍卖最迟开始日" if proposal.kind == "re_auction" else "变卖公告最迟发布日"
        sync_deadline(session, case_id=case.id, kind="auction", due_on=due,
                      title=f"第{row.round_number}次拍卖{'流拍' if row.status == RoundStatus.failed else '悔拍'}后"
                            f"{what}：{item.description}"[:300],
                      citation="；".join(proposal.citations), source=SOURCE_NEXT, source_id=str(row.id),
                      provisional_note=proposal.provisional)


def refresh_case(session: Session, case_id: int) -> None:
    """Re-sync every round's deadlines of a case (daily run, --recompute after a holiday table lands)."""
    case = session.get(Case, case_id)
    if case is None:
        return
    for row in queries.list_case_rounds(session, case):
        sync_round_deadlines(session, case, session.get(Collateral, row.collateral_id), row)


register_refresher("disposal", refresh_case)

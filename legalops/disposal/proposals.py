"""What may follow a failed round or a buyer's default: re-auction, sale, acceptance in lieu, release."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from legalops.assessment.calculators.auction import MAX_ROUND, auction_floors
from legalops.assessment.calculators.base import DEFAULT_SETTINGS, Citation
from legalops.core.i18n import N_
from legalops.core.money import format_yuan

from .checks import PAIMAI, WANGPAI, cite, latest_announcement, notice_citation, notice_days, period_last_day

#: Days within which a re-auction must follow a failure (网拍规定 art. 26; 拍卖变卖规定 art. 23/25).
REAUCTION_DAYS = {"online": 30, "commissioned": 60}
#: UNCERTAIN (legal-rules §4.1 item 2): online sale period and price come from practice; settings, not law.
SALE_DAYS = 60
SALE_ANNOUNCE_DAYS = 7  # 拍卖变卖规定 art. 25: sale announced within 7 days of the third auction ending


@dataclass
class Proposal:
    """One lawful next step with its floor price, latest dates, steps and citations."""

    kind: str
    title: str
    title_params: dict[str, Any] = field(default_factory=dict)
    price: Decimal | None = None
    latest_announce: dt.date | None = None
    latest_start: dt.date | None = None
    difference: Decimal | None = None
    steps: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    provisional: str | None = None
    #: The latest dates (latest_announce, latest_start) already past on the day the proposal was made.
    passed: list[str] = field(default_factory=list)

    def __post_init__(self):
        # Several steps rest on the same article; cite it once, in first-use order.
        self.citations = list(dict.fromkeys(self.citations))

    def to_dict(self) -> dict[str, Any]:
        """Return the proposal as plain data for templates and documents."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class EndedRound:
    """The facts of a round that failed or whose buyer defaulted."""

    mode: str
    asset: str
    round_number: int
    reserve: Decimal
    deposit: Decimal
    ended_on: dt.date
    status: str
    reference: Decimal | None = None


def _reauction(r: EndedRound, next_round: int, days: int, citation: Citation) -> Proposal:
    outputs = auction_floors({"mode": r.mode, "asset": r.asset, "round": next_round, "reference_price": r.reference,
                              "previous_reserve": r.reserve, "auction_start": None}, DEFAULT_SETTINGS)
    floor = Decimal(outputs.outputs["min_reserve"])
    start = period_last_day(r.ended_on, days)
    notice = notice_days(r.mode, r.asset, next_round)
    announce = latest_announcement(start.due_on, notice)
    proposal = Proposal("re_auction", N_("Re-auction (round %(round)s)"), {"round": next_round}, floor,
                        announce, start.due_on,
                        steps=list(outputs.steps) + [
                            f"流拍（{r.ended_on.isoformat()}）后 {days} 日内再次拍卖：不迟于 {start.due_on.isoformat()}",
                            f"再次拍卖应在拍卖 {notice} 日前公告（按日历日倒数，不顺延）：不迟于 {announce.isoformat()}"],
                        citations=[cite(citation)] + [cite(c) for c in outputs.citations]
                        + [cite(notice_citation(r.mode, next_round))],
                        provisional=start.provisional_note)
    return proposal


def _in_lieu(r: EndedRound, credited: Callable[[Decimal], Decimal]) -> Proposal:
    ours = credited(r.reserve)
    difference = r.reserve - ours
    return Proposal("in_lieu", N_("Acceptance in lieu of payment (以物抵债)"), price=r.reserve, difference=difference,
                    steps=[f"申请执行人可申请以流拍时的保留价 {format_yuan(r.reserve)} 以物抵债",
                           f"按该价格分配，我方债权可受偿 {format_yuan(ours)}；"
                           f"差额 {format_yuan(r.reserve)} − {format_yuan(ours)} = {format_yuan(difference)} "
                           "应在法院指定期间内补交"],
                    citations=[cite(Citation(*PAIMAI, "第十六条"))],
                    notes=[N_("The court sets the time to pay the difference (local practice, UNCERTAIN).")])


def _sale(r: EndedRound, citation: Citation, announce_within: int | None = None) -> Proposal:
    proposal = Proposal("sale", N_("Sale (变卖)"), price=r.reserve, citations=[cite(citation)],
                        notes=[N_("Sale price and period follow practice (the last reserve price, 60 days); "
                                  "a setting, UNCERTAIN in law.")])
    proposal.steps.append(f"变卖价格按最后一次拍卖的保留价：{format_yuan(r.reserve)}，变卖期 {SALE_DAYS} 日")
    if announce_within is not None:
        due = period_last_day(r.ended_on, announce_within)
        proposal.latest_announce, proposal.provisional = due.due_on, due.provisional_note
        proposal.steps.append(f"第三次拍卖流拍后 {announce_within} 日内发布变卖公告：不迟于 {due.due_on.isoformat()}")
    return proposal


def _release(citation: Citation) -> Proposal:
    return Proposal("release", N_("Release the seizure and return the property"), citations=[cite(citation)],
                    steps=["无人应买且申请执行人不接受以物抵债的，解除查封并退还被执行人（有其他执行措施的除外）"])


def _after_default(r: EndedRound) -> list[Proposal]:
    citation = Citation(*WANGPAI, "第二十四条") if r.mode == "online" else Citation(*PAIMAI, "第二十二条")
    forfeit = Proposal("forfeit", N_("Deposit forfeited"), price=r.deposit, citations=[cite(citation)],
                       steps=[f"悔拍人交纳的保证金 {format_yuan(r.deposit)} 不予退还，依次用于支付拍卖产生的费用损失、"
                              "弥补重新拍卖价款低于原拍卖价款的差价，剩余冲抵被执行人的债务"])
    notice = notice_days(r.mode, r.asset, r.round_number)
    # The re-auction repeats the defaulted round; practice keeps its starting price (no further reduction).
    again = Proposal("re_auction", N_("Re-auction without the defaulting buyer (round %(round)s)"),
                     {"round": r.round_number}, price=r.reserve, citations=[cite(citation),
                                                                             cite(notice_citation(r.mode, r.round_number))],
                     steps=[f"重新拍卖，原买受人不得参加竞买；起拍价沿用悔拍轮次的 {format_yuan(r.reserve)}",
                            f"重新拍卖应在拍卖 {notice} 日前公告"],
                     notes=[N_("No statutory period for the re-auction after a default; the starting price of the "
                               "defaulted round is kept (practice).")])
    return [forfeit, again]


def _flag_passed(proposals: list[Proposal], on: dt.date | None) -> list[Proposal]:
    """Mark the latest dates already past on `on`: the statutory period can no longer be met."""
    if on is None:
        return proposals
    for proposal in proposals:
        proposal.passed = [name for name in ("latest_announce", "latest_start")
                           if getattr(proposal, name) is not None and getattr(proposal, name) < on]
    return proposals


def propose(r: EndedRound, credited: Callable[[Decimal], Decimal], on: dt.date | None = None) -> list[Proposal]:
    """Return every lawful next step after a failed round or a buyer's default (legal-rules.md §4).

    With `on` (the day the proposal is made), latest dates already past are flagged in `passed`.
    """
    return _flag_passed(_propose(r, credited), on)


def _propose(r: EndedRound, credited: Callable[[Decimal], Decimal]) -> list[Proposal]:
    if r.status == "buyer_defaulted":
        return _after_default(r)
    last = MAX_ROUND[(r.mode, r.asset)]
    steps = [_in_lieu(r, credited)]
    if r.mode == "online":
        if r.round_number < last:
            steps.append(_reauction(r, r.round_number + 1, REAUCTION_DAYS["online"], Citation(*WANGPAI, "第二十六条")))
        else:
            steps.append(_sale(r, Citation(*WANGPAI, "第二十六条第二款")))
            steps.append(_release(Citation(*PAIMAI, "第二十四条、第二十五条")))
        return steps
    if r.round_number < last:
        article = "第二十三条" if r.round_number == 1 else "第二十五条"
        steps.append(_reauction(r, r.round_number + 1, REAUCTION_DAYS["commissioned"], Citation(*PAIMAI, article)))
    elif r.asset == "movable":
        steps.append(_release(Citation(*PAIMAI, "第二十四条")))
    else:
        steps.append(_sale(r, Citation(*PAIMAI, "第二十五条"), SALE_ANNOUNCE_DAYS))
        steps.append(_release(Citation(*PAIMAI, "第二十五条")))
    return steps

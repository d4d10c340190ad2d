"""Who gets what from a sale price: enforcement costs, secured creditors by rank, then our remaining claim."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from itertools import groupby
from typing import Any

from legalops.assessment.calculators.base import JIESHI, MINFADIAN, Citation
from legalops.core.money import CENT, format_yuan

from .checks import cite

JIANSHE = ("最高人民法院关于审理建设工程施工合同纠纷案件适用法律问题的解释（一）", "法释〔2020〕25号")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Claimant:
    """A creditor with a right to be paid from the proceeds, up to `cap`, in order of `rank`."""

    name: str
    rank: int
    cap: Decimal
    ours: bool = False
    kind: str = "mortgage"


@dataclass
class Distribution:
    """The proceeds split step by step; `ours` is what our claim recovers."""

    price: Decimal
    lines: list[dict[str, Any]] = field(default_factory=list)
    ours: Decimal = ZERO
    shortfall: Decimal = ZERO
    surplus: Decimal = ZERO
    #: The day our claim was counted to, how it was reached from the ledger, and the sources relied on.
    claim_on: dt.date | None = None
    claim_steps: list[str] = field(default_factory=list)
    claim_citations: list[str] = field(default_factory=list)

    def add(self, step: str, who: str, amount: Decimal, text: str, citation: Citation | None, ours: bool = False):
        """Append one payment with how it was reached and on what authority."""
        self.lines.append({"step": step, "who": who, "amount": amount, "text": text, "ours": ours,
                           "citation": cite(citation) if citation else ""})


def _pro_rata(available: Decimal, caps: list[Decimal]) -> list[Decimal]:
    """Split `available` in proportion to `caps`, down to the fen; leftover fen go to the largest caps first."""
    total = sum(caps, ZERO)
    shares = [(available * cap / total).quantize(CENT, rounding=ROUND_FLOOR) for cap in caps]
    left = available - sum(shares, ZERO)
    for index in sorted(range(len(caps)), key=lambda i: (-caps[i], i)):
        if left <= 0:
            break
        shares[index] += CENT
        left -= CENT
    return shares


def _rank_citation(kind: str) -> Citation:
    if kind == "statutory_priority":
        return Citation(*JIANSHE, "第三十六条")
    return Citation(*MINFADIAN, "第四百一十四条")


def distribute(price: Decimal, costs: Decimal, claimants: list[Claimant], our_claim: Decimal) -> Distribution:
    """Pay costs, then each rank up to its cap (equal ranks pro rata), then our unsecured rest, then the owner."""
    result = Distribution(price)
    left = price
    paid = min(costs, left)
    left -= paid
    result.add("costs", "执行费用", paid, f"{format_yuan(price)} 先支付执行费用 {format_yuan(paid)}，余 {format_yuan(left)}",
               Citation(*JIESHI, "第五百一十四条"))
    # Statutory priorities (e.g. construction price) come before mortgages of any rank.
    ordered = sorted(claimants, key=lambda c: (c.kind != "statutory_priority", c.rank))
    for (_, rank), group in groupby(ordered, key=lambda c: (c.kind != "statutory_priority", c.rank)):
        members = list(group)
        demand = sum((c.cap for c in members), ZERO)
        if demand <= left:
            shares = [c.cap for c in members]
        else:
            shares = _pro_rata(left, [c.cap for c in members]) if demand > 0 else [ZERO for _ in members]
        for claimant, share in zip(members, shares, strict=True):
            basis = (f"第 {rank} 顺位，在担保范围 {format_yuan(claimant.cap)} 内受偿"
                     + ("" if demand <= left else f"；同顺位按比例 {format_yuan(left)} × "
                        f"{format_yuan(claimant.cap)} ÷ {format_yuan(demand)}"))
            result.add("secured", claimant.name, share, f"{basis}：{format_yuan(share)}", _rank_citation(claimant.kind),
                       claimant.ours)
            if claimant.ours:
                result.ours += share
        left -= sum(shares, ZERO)
    unsecured = max(our_claim - result.ours, ZERO)
    rest = min(left, unsecured)
    left -= rest
    result.ours += rest
    result.add("unsecured", "我方剩余债权", rest,
               f"剩余价款 {format_yuan(rest + left)} 清偿我方未受担保的债权 {format_yuan(unsecured)}：{format_yuan(rest)}",
               Citation(*JIESHI, "第五百一十四条"), ours=True)
    result.surplus = left
    result.shortfall = our_claim - result.ours
    result.add("surplus", "财产所有人", left, f"余款 {format_yuan(left)} 退还财产所有人", None)
    return result

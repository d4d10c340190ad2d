"""The statutory checks a new auction round must pass: reserve floor, deposit range, notice period, bidding time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from legalops.assessment.calculators.auction import (
    COMMISSIONED_DEPOSIT_MIN,
    MAX_ROUND,
    NOTICE_DAYS,
    ONLINE_DEPOSIT,
    auction_floors,
)
from legalops.assessment.calculators.base import (
    CANKAO,
    DEFAULT_SETTINGS,
    PAIMAI,
    WANGPAI,
    CalculatorInputError,
    Citation,
)
from legalops.core import calendar as cal
from legalops.core.i18n import N_
from legalops.core.money import format_yuan
from legalops.deadlines.periods import DueDate, last_day_or_provisional

#: Collateral kinds auctioned as movables; everything else is real estate or another property right (网拍规定 art. 12).
MOVABLE_KINDS = frozenset({"vehicle", "equipment"})
MIN_BIDDING = dt.timedelta(hours=24)  # 网拍规定 art. 20


def asset_class(collateral_kind: str) -> str:
    """Return 'movable' or 'real_estate' (real estate and other property rights) for the notice periods."""
    return "movable" if collateral_kind in MOVABLE_KINDS else "real_estate"


def cite(citation: Citation) -> str:
    """Return a citation as one line: instrument (version) article."""
    return f"《{citation.instrument}》（{citation.version}）{citation.article}"


@dataclass
class RoundInput:
    """What the checks need to know about a proposed round."""

    mode: str
    asset: str
    round_number: int
    reserve: Decimal
    deposit: Decimal
    announced_on: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    reference: Decimal | None = None
    previous_reserve: Decimal | None = None


@dataclass
class RoundCheck:
    """The figures the rules give for a round and every rule the proposed round breaks."""

    figures: dict[str, Any] = field(default_factory=dict)
    violations: list[dict[str, Any]] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)

    def refuse(self, code: str, field_name: str, message: str, citation: Citation, **params) -> None:
        """Record a broken rule: its field, translatable message, parameters and citation."""
        self.violations.append({"code": code, "field": field_name, "message": message, "params": params,
                                "citation": cite(citation)})


def _floors(data: RoundInput, check: RoundCheck):
    """Run the auction-floors calculator; return its outputs or None when it cannot say."""
    values = {"mode": data.mode, "asset": data.asset, "round": data.round_number, "reference_price": data.reference,
              "previous_reserve": data.previous_reserve, "auction_start": data.starts_at.date()}
    try:
        return auction_floors(values, DEFAULT_SETTINGS)
    except CalculatorInputError as exc:
        if exc.field == "auction_start":
            # No holiday table for the year: the floors do not depend on it; the notice check counts plain days.
            return auction_floors(dict(values, auction_start=None), DEFAULT_SETTINGS)
        if exc.field == "round":
            check.refuse("round", "round_number", N_("There is no round %(round)s for this kind of auction: sale, "
                                                     "acceptance in lieu of payment or release follows."),
                         Citation(*WANGPAI, "第二十六条") if data.mode == "online"
                         else Citation(*PAIMAI, "第二十四条、第二十五条"), round=data.round_number)
        elif exc.field == "reference_price":
            check.refuse("reference", "reserve_price", N_("No valid reference price is recorded for this item, so "
                                                          "the first round's floor cannot be checked."),
                         Citation(*CANKAO, "第三十条"))
        else:
            check.refuse("previous", "previous_reserve", N_("Enter the previous round's reserve price."),
                         Citation(*WANGPAI, "第二十六条") if data.mode == "online" else Citation(*PAIMAI, "第五条"))
        return None


def check_round(data: RoundInput) -> RoundCheck:
    """Check a proposed round against the floors and periods of legal-rules.md §4."""
    check = RoundCheck()
    result = _floors(data, check)
    if result is not None:
        check.steps += result.steps
        floor = Decimal(result.outputs["min_reserve"])
        check.figures.update(min_reserve=str(floor), publish_no_later_than=result.outputs["publish_no_later_than"],
                             floor_citations=[cite(c) for c in result.citations])
        if data.reserve < floor:
            check.refuse("reserve", "reserve_price",
                         N_("The reserve price %(reserve)s is below the lowest lawful reserve %(floor)s."),
                         result.citations[0], reserve=format_yuan(data.reserve), floor=format_yuan(floor))
        _check_deposit(data, result.outputs, check)
    _check_notice(data, check)
    if data.mode == "online" and data.ends_at - data.starts_at < MIN_BIDDING:
        check.refuse("bidding", "ends_at", N_("Online bidding must last at least 24 hours."),
                     Citation(*WANGPAI, "第二十条"))
    return check


def _check_deposit(data: RoundInput, outputs: dict, check: RoundCheck) -> None:
    if data.mode == "online":
        low_rate, high_rate = ONLINE_DEPOSIT
        # The range applies to the round's actual starting price, not to the lowest lawful one.
        low = DEFAULT_SETTINGS.round_directed(data.reserve * low_rate, "CEILING")
        high = DEFAULT_SETTINGS.round_directed(data.reserve * high_rate, "FLOOR")
        check.figures.update(deposit_min=str(low), deposit_max=str(high))
        check.steps.append(f"保证金为本次起拍价的 5%–20%：{format_yuan(low)}–{format_yuan(high)}")
        if not low <= data.deposit <= high:
            check.refuse("deposit", "deposit",
                         N_("The deposit %(deposit)s is outside the lawful range %(low)s – %(high)s."),
                         Citation(*WANGPAI, "第十七条"), deposit=format_yuan(data.deposit), low=format_yuan(low),
                         high=format_yuan(high))
        return
    base = data.reference if data.reference is not None else data.reserve
    low = (Decimal(outputs["deposit_min"]) if outputs.get("deposit_min")
           else DEFAULT_SETTINGS.round_directed(base * COMMISSIONED_DEPOSIT_MIN, "CEILING"))
    check.figures.update(deposit_min=str(low), deposit_max=None)
    if data.deposit < low:
        check.refuse("deposit", "deposit", N_("The deposit %(deposit)s is below the lawful minimum %(low)s."),
                     Citation(*PAIMAI, "第十条"), deposit=format_yuan(data.deposit), low=format_yuan(low))


def notice_days(mode: str, asset: str, round_number: int) -> int:
    """Return the days of notice a round needs (网拍规定 arts. 12, 26; 拍卖变卖规定 art. 8)."""
    return NOTICE_DAYS[(mode, asset)][0 if round_number == 1 else 1]


def notice_citation(mode: str, round_number: int) -> Citation:
    """Return the article that sets a round's notice period."""
    if mode == "online":
        return Citation(*WANGPAI, "第十二条" if round_number == 1 else "第二十六条")
    return Citation(*PAIMAI, "第八条")


def latest_announcement(starts_on: dt.date, days: int) -> dt.date:
    """Return the last day to announce a round starting on `starts_on` with `days` of notice.

    The rule counts calendar days back from the auction ("拍卖N日前公告"): it is not the last day of a period, and a
    backward-counted notice is never rolled (legal-rules.md §3.1, §4); platforms publish on any day. The round check
    and the next-step proposal both use this, so they give the same date.
    """
    return cal.add_days(starts_on, -days)


def period_last_day(start: dt.date, days: int) -> DueDate:
    """Return the last day of a period of `days` from `start` ("N日内"), rolled forward off rest days (民诉法 art. 85);
    provisional (weekends only) when the holiday table lacks the year."""
    return last_day_or_provisional(cal.add_days(start, days))


def _check_notice(data: RoundInput, check: RoundCheck) -> None:
    if (data.mode, data.asset) not in NOTICE_DAYS or data.round_number < 1:
        return
    days = notice_days(data.mode, data.asset, min(data.round_number, MAX_ROUND[(data.mode, data.asset)]))
    latest = latest_announcement(data.starts_at.date(), days)
    check.figures.update(notice_days=days, announce_by=latest.isoformat())
    check.steps.append(f"拍卖开始日 {data.starts_at.date().isoformat()} − {days} 日 = {latest.isoformat()}，"
                       "公告不得晚于该日")
    if data.announced_on > latest:
        check.refuse("notice", "announced_on",
                     N_("The announcement on %(announced)s leaves less than %(days)s days before the auction; "
                        "announce by %(latest)s."),
                     notice_citation(data.mode, data.round_number), announced=data.announced_on.isoformat(),
                     days=days, latest=latest.isoformat())

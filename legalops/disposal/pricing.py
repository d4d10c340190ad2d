"""Reference-price rules (参考价规定 2018): the online-inquiry average, validity and the objection window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from legalops.assessment.calculators.base import CANKAO, Citation
from legalops.core import calendar as cal
from legalops.core.money import round_money
from legalops.deadlines.periods import DueDate, last_day_or_provisional

#: Platforms report within 3 days; if none does, one 3-day extension (art. 11).
REPORT_DAYS = 3
VALIDITY_YEARS = 1  # art. 27
GRACE_MONTHS = 6  # art. 27: sale within 6 months after expiry if announced within validity
OBJECTION_DAYS = 5  # art. 22


@dataclass
class Average:
    """The online-inquiry reference price and how it was reached."""

    value: Decimal | None
    counted: list[str]
    late: list[str]
    steps: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


def online_average(quotes: list[tuple[str, Decimal, dt.date]], requested_on: dt.date | None) -> Average:
    """Average the figures of the platforms that reported on time (arts. 11, 13); None if none did."""
    citations = [Citation(*CANKAO, "第十一条"), Citation(*CANKAO, "第十三条")]
    if requested_on is None:
        on_time = list(quotes)
        steps = ["未记录询价发出日期，按全部平台报告计算"]
    else:
        due = cal.add_days(requested_on, REPORT_DAYS)
        on_time = [q for q in quotes if q[2] <= due]
        steps = [f"询价结果应于 {due.isoformat()} 前出具（{REPORT_DAYS} 日）"]
        if not on_time:
            due = cal.add_days(due, REPORT_DAYS)
            on_time = [q for q in quotes if q[2] <= due]
            steps.append(f"均未按期出具，延长 {REPORT_DAYS} 日至 {due.isoformat()}")
    late = [q[0] for q in quotes if q not in on_time]
    if not on_time:
        return Average(None, [], late, steps + ["没有按期出具的询价结果，网络询价不成，应委托评估"],
                       citations + [Citation(*CANKAO, "第十四条")])
    total = sum((q[1] for q in on_time), Decimal("0"))
    value = round_money(total / len(on_time))
    figures = " + ".join(f"{q[1]:,.2f}" for q in on_time)
    steps.append(f"（{figures}）÷ {len(on_time)} = {value:,.2f} 元")
    return Average(value, [q[0] for q in on_time], late, steps, citations)


@dataclass(frozen=True)
class Validity:
    """How long a reference price may be used, with the rule."""

    expires_on: dt.date
    grace_until: dt.date
    citation: Citation
    steps: tuple[str, ...]


def validity(determined_on: dt.date) -> Validity:
    """Return the last day of validity (one year) and of the 6-month sale grace (art. 27)."""
    # The day of determination is not counted and the corresponding day ends the year (民法典 arts. 201-202);
    # validity is not a time limit for a party's act, so its last day is not moved off rest days.
    expires = cal.add_years(determined_on, VALIDITY_YEARS)
    grace = cal.add_months(expires, GRACE_MONTHS)
    steps = (f"参考价有效期最长一年：{determined_on.isoformat()} 确定，至 {expires.isoformat()} 届满",
             f"有效期内发布一拍公告或直接变卖的，有效期届满后六个月内（至 {grace.isoformat()}）完成处置无需重新定价")
    return Validity(expires, grace, Citation(*CANKAO, "第二十七条"), steps)


def is_usable(determined_on: dt.date, on: dt.date, first_announced_on: dt.date | None = None) -> bool:
    """Tell whether the price may still be used on `on`, counting the grace when announced in time."""
    v = validity(determined_on)
    if determined_on <= on <= v.expires_on:
        return True
    announced_in_time = first_announced_on is not None and determined_on <= first_announced_on <= v.expires_on
    return announced_in_time and v.expires_on < on <= v.grace_until


def objection_due(served_on: dt.date) -> DueDate:
    """Return the last day to object to a report served on `served_on` (art. 22: 5 days), flagged if provisional."""
    # A party's time limit: its last day rolls off rest days (民法典 art. 203); beyond the table it is provisional.
    return last_day_or_provisional(cal.add_days(served_on, OBJECTION_DAYS))


OBJECTION_CITATION = Citation(*CANKAO, "第二十二条")
NO_OBJECTION_METHODS = ("negotiation", "targeted_inquiry")
NO_OBJECTION_CITATION = Citation(*CANKAO, "第二十四条、第二十五条")

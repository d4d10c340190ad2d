"""Interest: doubled-part delay interest in enforcement, contract interest (fixed or LPR-floating), LPR lookup."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from legalops.assessment import lpr as lpr_table
from legalops.core.i18n import N_

from .base import (
    DEFAULT_SETTINGS,
    MINSUFA,
    CalculatorInputError,
    Citation,
    Convention,
    Field,
    Result,
    Settings,
    cn_date,
    exact,
    money,
    num,
    yuan,
)

DELAY_DAILY_RATE = Decimal("0.000175")  # 日万分之一点七五
_CHIYAN = ("最高人民法院关于执行程序中计算迟延履行期间的债务利息适用法律若干问题的解释", "法释〔2014〕8号 2014-08-01")

DELAY_SCHEMA = (
    Field("unpaid_judgment_debt", "money", label=N_("Unpaid money debt set by the effective decision (without ordinary interest)")),
    Field("performance_period_last_day", "date", label=N_("Last day of the performance period")),
    Field("paid_on", "date", required=False, label=N_("Payment date")),
    Field("payments", "list", required=False, label=N_("Payments in instalments"),
          item=(Field("date", "date"), Field("amount", "money"))),
    Field("excluded_days", "int", required=False, default=0, label=N_("Days of suspension or stay to deduct (not at the debtor's request)")),
)


def delay_days(last_day: dt.date, paid_on: dt.date, inclusive: bool, excluded: int = 0) -> int:
    """Count days of delay from the end of the performance period to a payment date."""
    days = (paid_on - last_day).days + (1 if inclusive else 0) - excluded
    return max(days, 0)


def delay_interest(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Compute the doubled-part interest for delayed performance at 0.0175% a day."""
    debt, last_day = values["unpaid_judgment_debt"], values["performance_period_last_day"]
    excluded = values["excluded_days"] or 0
    inclusive = settings.delay_interest_days == "inclusive"
    if values["paid_on"] and values["payments"]:
        raise CalculatorInputError("payments", "give either paid_on (paid in full) or payments, not both")
    if values["paid_on"]:
        parts = [(values["paid_on"], debt, "paid_on")]
    elif values["payments"]:
        parts = [(p["date"], p["amount"], f"payments[{i}]") for i, p in enumerate(values["payments"])]
        total = sum((amount for _, amount, _ in parts), Decimal(0))
        if total > debt:
            raise CalculatorInputError("payments", f"payments total {num(total)} exceeds the unpaid debt {num(debt)}")
    else:
        raise CalculatorInputError("paid_on", "is required (or give payments)")

    steps = [
        "加倍部分债务利息 = 未履行的金钱债务（不含一般债务利息）× 日万分之一点七五 × 迟延履行期间",
        f"迟延履行期间自履行期间届满之日（{cn_date(last_day)}）起计算至清偿之日",
    ]
    total_interest, max_days = Decimal(0), 0
    for paid_on, amount, _ in sorted(parts, key=lambda p: p[0]):
        days = delay_days(last_day, paid_on, inclusive, excluded)
        part = amount * DELAY_DAILY_RATE * days
        total_interest += part
        max_days = max(max_days, days)
        extra = f"（已扣除 {excluded} 日）" if excluded else ""
        steps.append(f"{num(amount)} 元于 {cn_date(paid_on)} 清偿：{days} 日{extra} × 0.0175% = {num(part)} 元")
    paid = sum((amount for _, amount, _ in parts), Decimal(0))
    if paid < debt:
        steps.append(f"尚余 {num(debt - paid)} 元未清偿，其迟延履行利息继续计算至实际清偿之日")
    interest = settings.round(total_interest)
    steps.append(f"加倍部分债务利息合计：{num(total_interest)} 元，取整为 {yuan(interest)} 元")
    steps.append("一般债务利息按生效法律文书计算，不在此列；财产不足时先清偿金钱债务，再清偿加倍部分利息")
    citations = [Citation(*MINSUFA, "第二百六十四条"), Citation(*_CHIYAN, "第一条"),
                 Citation(*_CHIYAN, "第二条"), Citation(*_CHIYAN, "第三条"), Citation(*_CHIYAN, "第四条")]
    conventions = [
        Convention("delay_interest_days", settings.delay_interest_days,
                   "exclusive：清偿日 − 履行期间届满日；inclusive 另加一日（legal-rules.md §3.7）"),
        settings.rounding_convention(),
    ]
    return Result("delay-interest", {"days": max_days, "interest": money(interest)}, steps, citations, conventions)


_RATE = re.compile(
    r"^(?:(?P<fixed>\d+(?:\.\d+)?)\s*%|(?P<tenor>[15])\s*Y\s*LPR)"
    r"(?:\s*[*×X]\s*(?P<mult>\d+(?:\.\d+)?))?"
    r"(?:\s*(?P<sign>[+-])\s*(?P<spread>\d+(?:\.\d+)?)\s*(?P<unit>%|BP))?$"
)


class Rate:
    """An annual rate: fixed percent, or 1Y/5Y LPR times a multiplier plus a spread (all in percent)."""

    def __init__(self, text: str):
        normalized = unicodedata.normalize("NFKC", text).strip().upper().replace("＋", "+")
        match = _RATE.match(normalized)
        if not match:
            raise ValueError('expected "4.35%", "1Y LPR", "5Y LPR + 1.5%", "1Y LPR - 50bp" or "1Y LPR * 1.5"')
        self.text = text.strip()
        self.fixed = Decimal(match["fixed"]) if match["fixed"] else None
        self.tenor = f"{match['tenor']}Y" if match["tenor"] else None
        self.multiplier = Decimal(match["mult"]) if match["mult"] else Decimal(1)
        spread = Decimal(match["spread"]) if match["spread"] else Decimal(0)
        if match["unit"] == "BP":
            spread /= 100
        self.spread = -spread if match["sign"] == "-" else spread

    @property
    def floating(self) -> bool:
        """Tell whether the rate follows the LPR."""
        return self.tenor is not None

    def percent_on(self, day: dt.date) -> Decimal:
        """Return the annual rate in percent applicable on a day."""
        base = self.fixed if self.fixed is not None else lpr_table.lpr_on(day).rate(self.tenor)
        return base * self.multiplier + self.spread

    def scaled(self, factor: Decimal) -> Rate:
        """Return this rate times `factor`, e.g. a penalty rate 'contract rate + 50%' (factor 1.5, §6.3)."""
        if self.fixed is not None:
            return Rate(f"{num(self.fixed * factor)}%")
        spread = self.spread * factor
        sign = "-" if spread < 0 else "+"
        return Rate(f"{self.tenor} LPR * {num(self.multiplier * factor)} {sign} {num(abs(spread))}%")


CONTRACT_SCHEMA = (
    Field("principal", "money", label=N_("Principal (yuan)")),
    Field("rate", "text", label=N_("Annual rate, e.g. 4.35%, 1Y LPR, 5Y LPR + 1.5%")),
    Field("from", "date", label=N_("Interest from")),
    Field("to", "date", label=N_("Interest to")),
    Field("basis", "choice", required=False, choices=("365", "360"), label=N_("Days in the interest year")),
)


def _segments(rate: Rate, start: dt.date, end_exclusive: dt.date) -> list[tuple[dt.date, dt.date, Decimal]]:
    """Split [start, end_exclusive) where the applicable LPR changes."""
    cuts = [start]
    if rate.floating:
        cuts += [q.published for q in lpr_table.quotes_between(start, end_exclusive - dt.timedelta(days=1))]
    cuts.append(end_exclusive)
    segments = []
    for seg_start, seg_end in zip(cuts, cuts[1:], strict=False):
        percent = rate.percent_on(seg_start)
        if segments and segments[-1][2] == percent:
            segments[-1] = (segments[-1][0], seg_end, percent)  # an unchanged quote is not a new segment
        else:
            segments.append((seg_start, seg_end, percent))
    return segments


@dataclass(frozen=True)
class InterestPeriod:
    """One period of simple interest at one rate: first and last day counted, base, rate, LPR, exact amount."""

    first_day: dt.date
    last_day: dt.date
    days: int
    base: Decimal
    annual_rate: Decimal
    #: The LPR quote the floating rate rests on in this period (None for a fixed rate).
    lpr: Decimal | None
    lpr_published: dt.date | None
    exact: Decimal
    basis: int


def interest_periods(principal: Decimal, rate: Rate, start: dt.date, end: dt.date, basis: int,
                     settings: Settings = DEFAULT_SETTINGS) -> list[InterestPeriod]:
    """Split simple interest on `principal` from `start` to `end` into periods at one rate each (§6.5 conventions)."""
    end_exclusive = end + dt.timedelta(days=1) if settings.interest_inclusive else end
    if end_exclusive <= start:
        return []
    periods = []
    for seg_start, seg_end, percent in _segments(rate, start, end_exclusive):
        days = (seg_end - seg_start).days
        quote = lpr_table.lpr_on(seg_start) if rate.floating else None
        periods.append(InterestPeriod(
            seg_start, seg_end - dt.timedelta(days=1), days, principal, percent,
            quote.rate(rate.tenor) if quote else None, quote.published if quote else None,
            principal * percent / 100 * days / basis, basis))
    return periods


def interest_citations(rate: Rate) -> list[Citation]:
    """Return what contract interest rests on: 民法典 arts. 674 and 676, and the LPR announcements if floating."""
    citations = [Citation("中华人民共和国民法典", "2021-01-01施行", "第六百七十四条"),
                 Citation("中华人民共和国民法典", "2021-01-01施行", "第六百七十六条")]
    if rate.floating:
        citations.append(Citation(*lpr_table.SOURCE))
    return citations


def interest_conventions(settings: Settings, basis: int) -> list[Convention]:
    """Return the day-count settings (legal-rules.md §6.5) and the rounding policy the interest rests on."""
    return [
        Convention("interest_inclusive", settings.interest_inclusive,
                   "“自…起至…止”通常起止日均计入；银行实务多算头不算尾（§6.5）"),
        Convention("day_basis", basis, "年计息天数 365 或 360（§6.5）"),
        settings.rounding_convention(),
    ]


def contract_interest(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Compute simple interest on a principal over a period, splitting at LPR changes for floating rates."""
    principal, start, end = values["principal"], values["from"], values["to"]
    try:
        rate = Rate(values["rate"])
    except ValueError as exc:
        raise CalculatorInputError("rate", str(exc)) from None
    if end < start:
        raise CalculatorInputError("to", "must not be before from")
    basis = int(values["basis"]) if values["basis"] else settings.day_basis
    inclusive = settings.interest_inclusive
    try:
        periods = interest_periods(principal, rate, start, end, basis, settings)
    except lpr_table.LprUnavailable as exc:
        raise CalculatorInputError("from", str(exc)) from None
    counting = "起止日均计入" if inclusive else "算头不算尾"
    steps = [f"本金 {num(principal)} 元，利率 {rate.text}，自 {cn_date(start)} 至 {cn_date(end)}（{counting}），"
             f"日利率 = 年利率 ÷ {basis}"]
    total, breakdown = Decimal(0), []
    for p in periods:
        total += p.exact
        steps.append(f"{cn_date(p.first_day)}至{cn_date(p.last_day)}，{p.days} 日，年利率 {num(p.annual_rate)}%："
                     f"{num(principal)} × {num(p.annual_rate)}% × {p.days} ÷ {basis} = "
                     f"{num(p.exact.quantize(Decimal('0.0001')))} 元")
        breakdown.append({"from": p.first_day.isoformat(), "to": p.last_day.isoformat(), "days": p.days,
                          "annual_rate": exact(p.annual_rate), "interest": money(settings.round(p.exact))})
    interest = settings.round(total)
    steps.append(f"利息合计（逐段精确相加后一次取整）：{yuan(interest)} 元")
    if rate.floating:
        steps.append("浮动利率按各期间适用的最新一期 LPR 分段计算（每月20日前后公布，自公布日起适用）")
        if lpr_table.is_stale(end):
            steps.append(f"注意：LPR 表最新一期为 {cn_date(lpr_table.quotes()[-1].published)}，请先更新 LPR 表")
    return Result("contract-interest", {"interest": money(interest), "breakdown": breakdown}, steps,
                  interest_citations(rate), interest_conventions(settings, basis))


LPR_SCHEMA = (Field("date", "date", label=N_("Date")),)


def lpr(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Return the 1-year and 5-year LPR in force on a date."""
    day = values["date"]
    try:
        quote = lpr_table.lpr_on(day)
    except lpr_table.LprUnavailable as exc:
        raise CalculatorInputError("date", str(exc)) from None
    steps = [f"{cn_date(day)}适用 {cn_date(quote.published)} 公布的 LPR：一年期 {quote.lpr_1y}%，五年期以上 {quote.lpr_5y}%"]
    if lpr_table.is_stale(day):
        steps.append(f"注意：LPR 表最新一期为 {cn_date(lpr_table.quotes()[-1].published)}，其后公布的报价尚未录入")
    return Result(
        "lpr",
        {"lpr_1y": f"{quote.lpr_1y:.2f}", "lpr_5y": f"{quote.lpr_5y:.2f}"},
        steps,
        [Citation(*lpr_table.SOURCE)],
    )

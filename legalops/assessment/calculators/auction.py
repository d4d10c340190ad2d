"""Judicial auction floors: minimum reserve price, deposit range and the latest announcement date."""

from __future__ import annotations

from decimal import Decimal

from legalops.core import calendar as cal
from legalops.core.i18n import N_

from .base import (
    CANKAO,
    DEFAULT_SETTINGS,
    PAIMAI,
    WANGPAI,
    CalculatorInputError,
    Citation,
    Convention,
    Field,
    Result,
    Settings,
    cn_date,
    money,
    num,
    yuan,
)

# (mode, asset) -> (days of notice for round 1, for later rounds); 网拍规定 arts. 12, 26; 拍卖变卖规定 art. 8.
NOTICE_DAYS = {
    ("online", "real_estate"): (30, 15),
    ("online", "movable"): (15, 7),
    ("commissioned", "real_estate"): (15, 15),
    ("commissioned", "movable"): (7, 7),
}
# Highest round each route allows before sale (变卖) or return (网拍规定 art. 26; 拍卖变卖规定 arts. 24-25).
MAX_ROUND = {
    ("online", "real_estate"): 2,
    ("online", "movable"): 2,
    ("commissioned", "real_estate"): 3,
    ("commissioned", "movable"): 2,
}
ONLINE_FIRST_FLOOR = Decimal("0.7")
NEXT_ROUND_FLOOR = Decimal("0.8")
ONLINE_DEPOSIT = (Decimal("0.05"), Decimal("0.2"))
COMMISSIONED_DEPOSIT_MIN = Decimal("0.05")

AUCTION_SCHEMA = (
    Field("mode", "choice", choices=("online", "commissioned"), label=N_("Auction mode")),
    Field("asset", "choice", choices=("real_estate", "movable"), label=N_("Type of property")),
    Field("round", "int", label=N_("Auction round")),
    Field("reference_price", "money", required=False, label=N_("Reference or appraised price (yuan)")),
    Field("previous_reserve", "money", required=False, label=N_("Starting or reserve price of the previous round (yuan)")),
    Field("auction_start", "date", required=False, label=N_("Auction start date")),
)


def auction_floors(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Return the lowest lawful reserve, the deposit range and the latest announcement day for a round."""
    mode, asset, rnd = values["mode"], values["asset"], values["round"]
    reference, previous = values["reference_price"], values["previous_reserve"]
    online = mode == "online"
    if rnd < 1:
        raise CalculatorInputError("round", "must be 1 or more")
    if rnd > MAX_ROUND[(mode, asset)]:
        after = ("网络司法拍卖第二次流拍后可以在同一平台变卖（网拍规定第二十六条）" if online
                 else "流拍后应以物抵债、变卖或解除查封（拍卖变卖规定第二十四条、第二十五条）")
        raise CalculatorInputError("round", f"no round {rnd} for {mode} {asset}: {after}")
    citations: list[Citation] = []
    steps: list[str] = []
    if rnd == 1:
        if reference is None:
            raise CalculatorInputError("reference_price", "is required for round 1")
        if online:
            exact_floor = reference * ONLINE_FIRST_FLOOR
            steps.append(f"第一次网络拍卖起拍价不得低于参考价的 70%：{num(reference)} × 70% = {num(exact_floor)} 元")
            citations += [Citation(*WANGPAI, "第十条"), Citation(*CANKAO, "第三十条")]
        else:
            exact_floor = reference
            steps.append(f"第一次拍卖以评估价为保留价：{num(reference)} 元")
            citations.append(Citation(*PAIMAI, "第五条"))
    else:
        if previous is None:
            raise CalculatorInputError("previous_reserve", f"is required for round {rnd}")
        exact_floor = previous * NEXT_ROUND_FLOOR
        steps.append(f"再次拍卖的起拍价/保留价降价幅度不得超过前次的 20%：{num(previous)} × 80% = {num(exact_floor)} 元")
        citations.append(Citation(*WANGPAI, "第二十六条") if online else Citation(*PAIMAI, "第五条"))
    # A floor is rounded up and a cap down, so the rounded figures never cross the legal limit.
    min_reserve = settings.round_directed(exact_floor, "CEILING")
    steps.append(f"最低起拍价（向上取整至 {settings.rounding} 元）：{yuan(min_reserve)} 元")

    if online:
        low, high = ONLINE_DEPOSIT
        deposit_min = settings.round_directed(min_reserve * low, "CEILING")
        deposit_max = settings.round_directed(min_reserve * high, "FLOOR")
        steps.append(f"保证金为起拍价的 5%–20%；按最低起拍价计：{yuan(deposit_min)}–{yuan(deposit_max)} 元")
        citations.append(Citation(*WANGPAI, "第十七条"))
    else:
        deposit_max = None
        if reference is not None:
            deposit_min = settings.round_directed(reference * COMMISSIONED_DEPOSIT_MIN, "CEILING")
            steps.append(f"保证金不得低于评估价或市价的 5%：{yuan(deposit_min)} 元，无上限规定")
        else:
            deposit_min = None
            steps.append("保证金不得低于评估价或市价的 5%：未提供评估价，无法计算")
        citations.append(Citation(*PAIMAI, "第十条"))

    days = NOTICE_DAYS[(mode, asset)][0 if rnd == 1 else 1]
    kind = "不动产" if asset == "real_estate" else "动产"
    steps.append(f"{kind}第{rnd}次拍卖应在拍卖 {days} 日前公告")
    citations.append(Citation(*WANGPAI, "第十二条" if rnd == 1 else "第二十六条") if online
                     else Citation(*PAIMAI, "第八条"))
    publish = None
    conventions = []
    start = values["auction_start"]
    if start is not None:
        target = cal.add_days(start, -days)
        try:
            publish = cal.roll_back(target)
        except cal.CalendarYearMissing as exc:
            raise CalculatorInputError("auction_start", str(exc)) from None
        steps.append(f"拍卖开始日 {cn_date(start)} − {days} 日 = {cn_date(target)}")
        if publish != target:
            steps.append(f"{cn_date(target)}为休息日；倒计期间不向后顺延，提前至 {cn_date(publish)}")
        conventions.append(Convention("backward_deadline", "roll_back",
                                      "倒计期间遇休息日是否顺延未有定论；保守地提前至前一个工作日（legal-rules.md §3.1）"))
    conventions.append(Convention("floor_rounding", "CEILING/FLOOR",
                                  "下限向上取整、上限向下取整，保证取整后不突破法定比例"))
    outputs = {
        "min_reserve": money(min_reserve),
        "deposit_min": money(deposit_min) if deposit_min is not None else None,
        "deposit_max": money(deposit_max) if deposit_max is not None else None,
        "publish_no_later_than": publish.isoformat() if publish else None,
    }
    return Result("auction-floors", outputs, steps, citations, conventions)

"""Court fees under the 诉讼费用交纳办法: acceptance, preservation, enforcement and payment-order fees."""

from __future__ import annotations

from decimal import Decimal

from legalops.core.i18n import N_

from .base import (
    DEFAULT_SETTINGS,
    JIAONA,
    JIESHI,
    CalculatorInputError,
    Citation,
    Field,
    Result,
    Settings,
    exact,
    money,
    num,
    pct,
    yuan,
)

# (lower bound, upper bound or None, marginal rate): bands above the flat first band.
ACCEPTANCE_FLAT = (Decimal("10000"), Decimal("50"))
ACCEPTANCE_BANDS = (
    (Decimal("10000"), Decimal("100000"), Decimal("0.025")),
    (Decimal("100000"), Decimal("200000"), Decimal("0.02")),
    (Decimal("200000"), Decimal("500000"), Decimal("0.015")),
    (Decimal("500000"), Decimal("1000000"), Decimal("0.01")),
    (Decimal("1000000"), Decimal("2000000"), Decimal("0.009")),
    (Decimal("2000000"), Decimal("5000000"), Decimal("0.008")),
    (Decimal("5000000"), Decimal("10000000"), Decimal("0.007")),
    (Decimal("10000000"), Decimal("20000000"), Decimal("0.006")),
    (Decimal("20000000"), None, Decimal("0.005")),
)
PRESERVATION_FLAT = (Decimal("1000"), Decimal("30"))
PRESERVATION_BANDS = (
    (Decimal("1000"), Decimal("100000"), Decimal("0.01")),
    (Decimal("100000"), None, Decimal("0.005")),
)
PRESERVATION_CAP = Decimal("5000")
ENFORCEMENT_FLAT = (Decimal("10000"), Decimal("50"))
ENFORCEMENT_BANDS = (
    (Decimal("10000"), Decimal("500000"), Decimal("0.015")),
    (Decimal("500000"), Decimal("5000000"), Decimal("0.01")),
    (Decimal("5000000"), Decimal("10000000"), Decimal("0.005")),
    (Decimal("10000000"), None, Decimal("0.001")),
)


def _tiered(amount: Decimal, flat: tuple[Decimal, Decimal], bands) -> tuple[Decimal, list[str]]:
    """Sum a marginal schedule: a flat fee up to the first bound, then a rate on each band's slice."""
    flat_top, flat_fee = flat
    total = flat_fee
    steps = [f"{num(flat_top)} 元以下部分：{num(flat_fee)} 元"]
    for low, high, rate in bands:
        if amount <= low:
            break
        top = amount if high is None else min(amount, high)
        part = (top - low) * rate
        total += part
        label = f"超过 {num(low)} 元" + (f"至 {num(high)} 元" if high is not None else "")
        steps.append(f"{label}部分 {num(top - low)} 元 × {pct(rate)}：{num(part)} 元")
    return total, steps


def acceptance_fee_exact(amount: Decimal) -> Decimal:
    """Return the unrounded property-case acceptance fee for a claim (交纳办法 art. 13(1))."""
    return _tiered(amount, ACCEPTANCE_FLAT, ACCEPTANCE_BANDS)[0]


def preservation_fee_exact(amount: Decimal) -> Decimal:
    """Return the unrounded preservation application fee, capped at 5,000 (交纳办法 art. 14(2))."""
    return min(_tiered(amount, PRESERVATION_FLAT, PRESERVATION_BANDS)[0], PRESERVATION_CAP)


def enforcement_fee_exact(amount: Decimal) -> Decimal:
    """Return the unrounded enforcement application fee for an enforced amount (交纳办法 art. 14(1))."""
    return _tiered(amount, ENFORCEMENT_FLAT, ENFORCEMENT_BANDS)[0]


ACCEPTANCE_SCHEMA = (
    Field("claim_amount", "money", required=False, label=N_("Amount claimed (yuan)")),
    Field("procedure", "choice", required=False, choices=("ordinary", "simple"), default="ordinary", label=N_("Trial procedure")),
    Field("closed_by", "choice", required=False, choices=("judgment", "mediation", "withdrawal"),
          default="judgment", label=N_("How the case was closed")),
    Field("stage", "choice", required=False, choices=("first_instance", "appeal"), default="first_instance",
          label=N_("Instance")),
    Field("appealed_amount", "money", required=False, label=N_("Amount appealed (yuan)")),
)


def acceptance_fee(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Compute the acceptance fee for a property case, halved at most once."""
    citations = [Citation(*JIAONA, "第十三条第（一）项")]
    if values["stage"] == "appeal":
        amount = values.get("appealed_amount")
        if amount is None:
            raise CalculatorInputError("appealed_amount", "is required when stage is appeal")
        if values["procedure"] == "simple":
            raise CalculatorInputError("procedure", "simple procedure applies only at first instance; use ordinary for an appeal")
        citations.append(Citation(*JIAONA, "第十七条"))
        steps = [f"二审按不服一审判决部分的上诉请求数额 {num(amount)} 元计算"]
    else:
        amount = values.get("claim_amount")
        if amount is None:
            raise CalculatorInputError("claim_amount", "is required")
        steps = [f"诉讼请求金额 {num(amount)} 元，分段累计计算"]
    full, band_steps = _tiered(amount, ACCEPTANCE_FLAT, ACCEPTANCE_BANDS)
    steps += band_steps
    steps.append(f"案件受理费合计：{num(full)} 元")

    grounds = []
    if values["procedure"] == "simple":
        grounds.append("适用简易程序")
        citations.append(Citation(*JIAONA, "第十六条"))
    if values["closed_by"] in ("mediation", "withdrawal"):
        grounds.append("以调解方式结案" if values["closed_by"] == "mediation" else "申请撤诉")
        citations.append(Citation(*JIAONA, "第十五条"))
    payable = full
    if grounds:
        payable = full / 2
        steps.append(f"{'、'.join(grounds)}，减半交纳：{num(payable)} 元")
        if len(grounds) > 1:
            steps.append("同时符合多个减半条件的，只能减半一次")
            citations.append(Citation(*JIESHI, "第二百零六条"))
    fee = settings.round(payable)
    steps.append(f"{settings.rounding_words()}：{yuan(fee)} 元")
    return Result(
        "acceptance-fee",
        {"fee": money(fee), "fee_exact": exact(payable)},
        steps,
        citations,
        [settings.rounding_convention()],
    )


PRESERVATION_SCHEMA = (Field("preserved_amount", "money", label=N_("Amount actually preserved (yuan)")),)


def preservation_fee(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Compute the preservation application fee on the amount actually preserved."""
    amount = values["preserved_amount"]
    raw, steps = _tiered(amount, PRESERVATION_FLAT, PRESERVATION_BANDS)
    steps.insert(0, f"实际保全财产数额 {num(amount)} 元")
    steps.append(f"合计：{num(raw)} 元")
    exact_fee = min(raw, PRESERVATION_CAP)
    if raw > PRESERVATION_CAP:
        steps.append(f"最多不超过 5,000 元：{num(exact_fee)} 元")
    fee = settings.round(exact_fee)
    steps.append(f"{settings.rounding_words()}：{yuan(fee)} 元")
    return Result(
        "preservation-fee",
        {"fee": money(fee)},
        steps,
        [Citation(*JIAONA, "第十四条第（二）项")],
        [settings.rounding_convention()],
    )


ENFORCEMENT_SCHEMA = (Field("enforced_amount", "money", label=N_("Amount actually enforced (yuan)")),)


def enforcement_fee(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Compute the enforcement application fee, collected after enforcement from the debtor."""
    amount = values["enforced_amount"]
    raw, steps = _tiered(amount, ENFORCEMENT_FLAT, ENFORCEMENT_BANDS)
    steps.insert(0, f"实际执行金额 {num(amount)} 元")
    steps.append(f"合计：{num(raw)} 元（执行后交纳，由被执行人负担）")
    fee = settings.round(raw)
    steps.append(f"{settings.rounding_words()}：{yuan(fee)} 元")
    return Result(
        "enforcement-fee",
        {"fee": money(fee)},
        steps,
        [Citation(*JIAONA, "第十四条第（一）项"), Citation(*JIAONA, "第二十条第二款"),
         Citation(*JIAONA, "第三十八条第一款")],
        [settings.rounding_convention()],
    )


PAYMENT_ORDER_SCHEMA = (Field("claim_amount", "money", label=N_("Amount demanded (yuan)")),)


def payment_order_fee(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Compute the payment-order fee: one third of the exact acceptance fee, rounded once."""
    amount = values["claim_amount"]
    full, steps = _tiered(amount, ACCEPTANCE_FLAT, ACCEPTANCE_BANDS)
    steps.insert(0, f"请求金额 {num(amount)} 元，先按财产案件受理费标准计算")
    steps.append(f"财产案件受理费：{num(full)} 元")
    third = full / 3
    steps.append(f"按其三分之一交纳：{num(full)} ÷ 3 = {num(third.quantize(Decimal('0.000001')))} 元")
    fee = settings.round(third)
    steps.append(f"{settings.rounding_words()}：{yuan(fee)} 元")
    return Result(
        "payment-order-fee",
        {"fee": money(fee)},
        steps,
        [Citation(*JIAONA, "第十四条第（三）项"), Citation(*JIAONA, "第十三条第（一）项")],
        [settings.rounding_convention()],
    )

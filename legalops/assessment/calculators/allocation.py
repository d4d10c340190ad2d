"""Allocation of a partial payment to costs, interest and principal (民法典 art. 561)."""

from __future__ import annotations

from decimal import Decimal

from legalops.core.i18n import N_

from .base import DEFAULT_SETTINGS, CalculatorInputError, Citation, Field, Result, Settings, money, num

PARTS = ("expenses", "interest", "principal")
DEFAULT_ORDER = PARTS
_LABELS = {"expenses": "实现债权的有关费用", "interest": "利息", "principal": "主债务（本金）"}

ALLOCATION_SCHEMA = (
    Field("payment", "money", label=N_("Amount of this payment (yuan)")),
    Field("outstanding", "object", label=N_("Amounts outstanding"), item=tuple(Field(p, "money", required=False, default=Decimal(0))
                                                         for p in PARTS)),
    Field("order", "list", required=False, choices=PARTS, label=N_("Agreed order of allocation")),
)


def allocate(payment: Decimal, outstanding: dict[str, Decimal], order=DEFAULT_ORDER) -> dict[str, Decimal]:
    """Apply a payment to each part in order until it is used up; return the amount applied per part."""
    left = payment
    applied = {}
    for part in order:
        applied[part] = min(left, outstanding[part])
        left -= applied[part]
    if left:
        raise ValueError(f"payment exceeds the outstanding total by {left}")
    return applied


def payment_allocation(values: dict, settings: Settings = DEFAULT_SETTINGS) -> Result:
    """Allocate a payment: by the agreed order if any, else costs, then interest, then principal."""
    payment, outstanding = values["payment"], values["outstanding"]
    order = tuple(values["order"] or DEFAULT_ORDER)
    if sorted(order) != sorted(PARTS):
        raise CalculatorInputError("order", f"must list each of {', '.join(PARTS)} exactly once")
    total = sum(outstanding.values(), Decimal(0))
    if payment > total:
        raise CalculatorInputError("payment", f"{num(payment)} exceeds the outstanding total {num(total)}; "
                                              "record the excess separately")
    applied = allocate(payment, outstanding, order)
    agreed = order != DEFAULT_ORDER
    steps = [f"本次清偿 {num(payment)} 元，尚欠合计 {num(total)} 元",
             ("按约定顺序抵充：" if agreed else "无约定，按法定顺序抵充：")
             + " → ".join(_LABELS[p] for p in order)]
    for part in order:
        steps.append(f"{_LABELS[part]}：尚欠 {num(outstanding[part])} 元，抵充 {num(applied[part])} 元，"
                     f"余 {num(outstanding[part] - applied[part])} 元")
    citations = [Citation("中华人民共和国民法典", "2021-01-01施行", "第五百六十一条")]
    outputs = {f"to_{p}": money(applied[p]) for p in PARTS}
    outputs["remaining"] = {p: money(outstanding[p] - applied[p]) for p in PARTS}
    return Result("payment-allocation", outputs, steps, citations)

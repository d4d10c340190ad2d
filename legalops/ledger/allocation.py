"""Which order a recovery serves the parts of the claim in, and why (民法典 art. 561 unless agreed or adjudged)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from legalops.assessment.calculators.allocation import allocate
from legalops.core.errors import DomainError
from legalops.core.i18n import N_

INTEREST_PARTS = ("contract_interest", "penalty_interest", "compound_interest", "delay_interest")
PARTS = ("costs", *INTEREST_PARTS, "principal")
#: What a recovery beyond the whole claim goes to: held, to be refunded or applied by agreement.
UNAPPLIED = "unapplied"

PART_LABELS = {
    "costs": N_("Costs of realising the claim"),
    "contract_interest": N_("Contract interest"),
    "penalty_interest": N_("Penalty interest"),
    "compound_interest": N_("Compound interest"),
    "delay_interest": N_("Delayed-performance interest"),
    "principal": N_("Principal"),
    UNAPPLIED: N_("Unapplied (beyond the claim)"),
}

ORDERS: dict[str, tuple[str, ...]] = {
    # Costs, then interest, then principal.
    "statutory": PARTS,
    # The money debt fixed by the judgment is paid before the doubled-part delay interest.
    "judgment": ("costs", "contract_interest", "penalty_interest", "compound_interest", "principal", "delay_interest"),
    # The usual bank clause: costs, penalty and compound interest, interest, principal.
    "bank_contract": ("costs", "penalty_interest", "compound_interest", "contract_interest", "delay_interest",
                      "principal"),
}
ORDER_LABELS = {
    "statutory": N_("Statutory order: costs, interest, principal (Civil Code art. 561)"),
    "judgment": N_("Judgment order: the judgment debt before delayed-performance interest"),
    "bank_contract": N_("Agreed order of the loan contract: costs, penalty and compound interest, interest, principal"),
}
CITATIONS = {
    "statutory": "中华人民共和国民法典（2021-01-01施行）第五百六十一条",
    "agreed": "中华人民共和国民法典（2021-01-01施行）第五百六十一条“除当事人另有约定外”；借款合同约定的抵充顺序",
    "judgment": ("最高人民法院关于执行程序中计算迟延履行期间的债务利息适用法律若干问题的解释（法释〔2014〕8号）第四条；"
                 "中华人民共和国民法典第五百六十一条"),
}


def resolve_order(order: str | Sequence[str] | None) -> tuple[str, tuple[str, ...], str]:
    """Return (basis, parts in order, citation) for a named order, an agreed sequence of parts, or None."""
    if order is None or order == "statutory":
        return "statutory", ORDERS["statutory"], CITATIONS["statutory"]
    if order == "judgment":
        return "judgment", ORDERS["judgment"], CITATIONS["judgment"]
    if isinstance(order, str) and order in ORDERS:
        return "agreed", ORDERS[order], CITATIONS["agreed"]
    parts = tuple(order.split(",")) if isinstance(order, str) else tuple(order)
    if sorted(parts) != sorted(PARTS):
        raise DomainError(N_("An agreed order must list each part of the claim exactly once."), field="order")
    return "agreed", parts, CITATIONS["agreed"]


def allocate_recovery(amount: Decimal, outstanding: dict[str, Decimal], order: Sequence[str]) -> dict[str, Decimal]:
    """Split `amount` over the parts in `order`; anything beyond the whole claim is unapplied. Sums to `amount`."""
    owed = {part: max(outstanding.get(part, Decimal(0)), Decimal(0)) for part in order}
    applicable = min(amount, sum(owed.values(), Decimal(0)))
    applied = allocate(applicable, owed, tuple(order))
    applied[UNAPPLIED] = amount - applicable
    return {part: value for part, value in applied.items() if value}

"""Legal calculators by name: REGISTRY maps a name to (function, input schema).

    values = parse_inputs("acceptance-fee", {"claim_amount": "150,000"})
    result = REGISTRY["acceptance-fee"].function(values, Settings())
    result.outputs["fee"]  # "3300.00"

or in one call: ``calculate("acceptance-fee", {...})``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from . import allocation, auction, deadlines, fees, interest
from .base import (
    DEFAULT_SETTINGS,
    CalculatorInputError,
    Citation,
    Convention,
    Field,
    Result,
    Settings,
    parse_fields,
)


class Calculator(NamedTuple):
    """A registered calculator: the pure function and the schema of its JSON input."""

    function: Any  # Callable[[dict, Settings], Result]
    schema: tuple[Field, ...]


REGISTRY: dict[str, Calculator] = {
    "acceptance-fee": Calculator(fees.acceptance_fee, fees.ACCEPTANCE_SCHEMA),
    "preservation-fee": Calculator(fees.preservation_fee, fees.PRESERVATION_SCHEMA),
    "enforcement-fee": Calculator(fees.enforcement_fee, fees.ENFORCEMENT_SCHEMA),
    "payment-order-fee": Calculator(fees.payment_order_fee, fees.PAYMENT_ORDER_SCHEMA),
    "appeal-deadline": Calculator(deadlines.appeal_deadline, deadlines.APPEAL_SCHEMA),
    "enforcement-application-deadline": Calculator(
        deadlines.enforcement_application_deadline, deadlines.ENFORCEMENT_APPLICATION_SCHEMA
    ),
    "limitation-expiry": Calculator(deadlines.limitation_expiry, deadlines.LIMITATION_SCHEMA),
    "guarantee-period-expiry": Calculator(deadlines.guarantee_period_expiry, deadlines.GUARANTEE_SCHEMA),
    "preservation-expiry": Calculator(deadlines.preservation_expiry, deadlines.PRESERVATION_EXPIRY_SCHEMA),
    "preservation-renewal": Calculator(deadlines.preservation_renewal, deadlines.RENEWAL_SCHEMA),
    "delay-interest": Calculator(interest.delay_interest, interest.DELAY_SCHEMA),
    "contract-interest": Calculator(interest.contract_interest, interest.CONTRACT_SCHEMA),
    "lpr": Calculator(interest.lpr, interest.LPR_SCHEMA),
    "payment-allocation": Calculator(allocation.payment_allocation, allocation.ALLOCATION_SCHEMA),
    "auction-floors": Calculator(auction.auction_floors, auction.AUCTION_SCHEMA),
}


def _lookup(name: str) -> Calculator:
    try:
        return REGISTRY[name]
    except KeyError:
        raise CalculatorInputError("name", f"unknown calculator {name!r}; known: {', '.join(REGISTRY)}") from None


def parse_inputs(name: str, raw: dict[str, Any]) -> dict[str, Any]:
    """Validate raw JSON-like input for a calculator; raise CalculatorInputError naming the bad field."""
    return parse_fields(_lookup(name).schema, raw)


def calculate(name: str, raw: dict[str, Any], settings: Settings | None = None) -> Result:
    """Parse raw input and run the named calculator."""
    values = parse_inputs(name, raw)
    return _lookup(name).function(values, settings or DEFAULT_SETTINGS)


def describe(name: str) -> list[dict[str, Any]]:
    """Return a JSON-ready description of a calculator's inputs."""
    return [f.describe() for f in _lookup(name).schema]


__all__ = [
    "REGISTRY",
    "Calculator",
    "CalculatorInputError",
    "Citation",
    "Convention",
    "DEFAULT_SETTINGS",
    "Field",
    "Result",
    "Settings",
    "calculate",
    "describe",
    "parse_inputs",
]

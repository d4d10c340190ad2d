"""Assessment conventions that are planning assumptions or open points of law: settings with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from legalops.assessment.calculators import DEFAULT_SETTINGS, Settings

#: Expected auction price as a share of the reference value, by the round that is expected to sell:
#: each re-auction may drop at most 20 % (网拍规定 art. 26), and 变卖 follows the second round's price.
DEFAULT_REALISATION = {"1": Decimal("1.00"), "2": Decimal("0.80"), "sale": Decimal("0.64")}


@dataclass(frozen=True)
class AssessmentSettings:
    """Thresholds and assumptions of the assessment; app config ASSESSMENT_SETTINGS overrides them."""

    #: A claim whose deadline is this many days away or fewer is flagged amber.
    amber_days: int = 90
    realisation_factors: dict[str, Decimal] = field(default_factory=lambda: dict(DEFAULT_REALISATION))
    #: Claims up to this amount with clear facts are proposed for simplified procedure (practice, not law).
    simple_procedure_ceiling: Decimal = Decimal("1000000")
    #: 实现担保物权 fee basis, which courts set differently (legal-rules.md §1.3): half or full acceptance fee.
    security_fee_basis: str = "half_acceptance"
    calculators: Settings = DEFAULT_SETTINGS

    def __post_init__(self):
        if self.security_fee_basis not in ("half_acceptance", "full_acceptance"):
            raise ValueError(f"invalid setting security_fee_basis={self.security_fee_basis!r}")
        if self.amber_days < 0:
            raise ValueError("amber_days must be 0 or more")

    @classmethod
    def from_dict(cls, raw: dict[str, Any] | None) -> AssessmentSettings:
        """Build settings from a mapping (numbers as strings), rejecting unknown names."""
        raw = dict(raw or {})
        unknown = set(raw) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown assessment setting(s): {', '.join(sorted(unknown))}")
        if "realisation_factors" in raw:
            raw["realisation_factors"] = {k: Decimal(str(v)) for k, v in raw["realisation_factors"].items()}
        if "simple_procedure_ceiling" in raw:
            raw["simple_procedure_ceiling"] = Decimal(str(raw["simple_procedure_ceiling"]))
        if isinstance(raw.get("calculators"), dict):
            raw["calculators"] = Settings.from_dict(raw["calculators"])
        return cls(**raw)

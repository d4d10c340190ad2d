"""Cost estimate and expected recovery for a route, in exact Decimals, each figure with its source."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from legalops.assessment.calculators import Citation, Convention, Result, calculate
from legalops.assessment.calculators.base import CANKAO, JIESHI, PAIMAI, WANGPAI, money, pct, yuan
from legalops.assessment.schemas import note
from legalops.assessment.settings import AssessmentSettings
from legalops.core.i18n import N_
from legalops.core.money import round_money

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FeeTerms:
    """A firm's fee terms read as base + rate × basis (basis: the recovered amount or the claim)."""

    base: Decimal
    rate: Decimal
    basis: str


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?")


def parse_fee_terms(text: str) -> FeeTerms | None:
    """Read '基础费 5,000 元/件 + 回收额 3%' or '5000 + 3%' as base and rate; None if neither is there."""
    clean = unicodedata.normalize("NFKC", text or "")
    clean = re.sub(r"(?<=\d),(?=\d{3})", "", clean)
    rates = _PERCENT.findall(clean)
    rest = _PERCENT.sub(" ", clean)
    number = _NUMBER.search(rest)
    if not rates and not number:
        return None
    base = Decimal(number.group(1)) * (10000 if number.group(2) else 1) if number else Decimal(0)
    rate = Decimal(rates[0]) / 100 if rates else Decimal(0)
    on_claim = any(word in clean for word in ("标的", "诉讼请求", "claim")) and "回收" not in clean
    return FeeTerms(base, rate, "claim" if on_claim else "recovery")


@dataclass(frozen=True)
class EstimateInputs:
    """What the estimate needs from the case and the assessment."""

    claim_amount: Decimal
    route: str
    collateral_value: Decimal | None = None
    collateral_value_is_proxy: bool = False
    #: How the value was reached and on what authority (e.g. the disposal's valid reference prices).
    collateral_value_steps: tuple[str, ...] = ()
    collateral_value_citations: tuple[Citation, ...] = ()
    expected_round: str = "1"
    prior_claims: Decimal = ZERO
    appraisal_cost: Decimal = ZERO
    auction_cost: Decimal = ZERO
    lawyer_fee: Decimal | None = None
    fee_terms: str = ""


@dataclass
class Figure:
    """One amount in the estimate, with how it was reached and on what authority."""

    key: str
    label: str
    amount: Decimal
    steps: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    conventions: list[Convention] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    source: str = ""

    @classmethod
    def from_result(cls, key: str, label: str, result: Result, output: str = "fee") -> Figure:
        """Build a figure from a calculator result."""
        return cls(key, label, Decimal(result.outputs[output]), list(result.steps), list(result.citations),
                   list(result.conventions))

    def to_dict(self) -> dict[str, Any]:
        """Return the figure JSON-ready (amounts as plain two-place strings)."""
        return {"key": self.key, "label": self.label, "amount": money(self.amount), "steps": self.steps,
                "citations": [c.as_dict() for c in self.citations],
                "conventions": [{"setting": c.setting, "value": str(c.value), "note": c.note} for c in self.conventions],
                "notes": self.notes, "source": self.source}


def court_fee(route: str, claim: Decimal, settings: AssessmentSettings) -> Figure:
    """Return the court fee the route costs the applicant up front."""
    calc = settings.calculators
    if route == "payment_order":
        return Figure.from_result("court_fee", N_("Payment-order fee"),
                                  calculate("payment-order-fee", {"claim_amount": claim}, calc))
    if route == "notarised_enforcement":
        return Figure("court_fee", N_("Court fee"), ZERO, notes=[note(N_(
            "No acceptance fee; the notary's fee for the enforcement certificate is not included."))])
    procedure = "simple" if route == "simplified" else "ordinary"
    result = calculate("acceptance-fee", {"claim_amount": claim, "procedure": procedure}, calc)
    if route != "security_realisation":
        return Figure.from_result("court_fee", N_("Acceptance fee"), result)
    figure = Figure.from_result("court_fee", N_("Application fee for realising the security"), result)
    if settings.security_fee_basis == "half_acceptance":
        figure.amount = calc.round(Decimal(result.outputs["fee_exact"]) / 2)
        figure.steps.append(f"实现担保物权申请费按财产案件受理费减半计：{yuan(figure.amount)} 元")
    figure.conventions.append(Convention("security_fee_basis", settings.security_fee_basis,
                                         "实现担保物权申请费各地收取标准不一，按法院设置（legal-rules.md §1.3）"))
    figure.citations.append(Citation(*JIESHI, "第二百零四条"))
    return figure


def _realisation(inputs: EstimateInputs, settings: AssessmentSettings) -> list[Figure]:
    """Return the realised price, what is left after prior claims, and the gross recovery capped at the claim."""
    if inputs.collateral_value is None:
        realised = Figure("realised", N_("Expected auction proceeds"), ZERO,
                          notes=[note(N_("No collateral value is recorded, so no recovery from collateral is "
                                         "counted; unsecured recovery is not estimated."))])
    else:
        factor = settings.realisation_factors[inputs.expected_round]
        amount = round_money(inputs.collateral_value * factor)
        realised = Figure(
            "realised", N_("Expected auction proceeds"), amount,
            [f"{yuan(inputs.collateral_value)} × {pct(factor)} = {yuan(amount)}"],
            [Citation(*CANKAO, "第三十条"), Citation(*WANGPAI, "第二十六条"), Citation(*PAIMAI, "第五条")],
            [Convention("realisation_factors",
                        ", ".join(f"{k}={pct(v)}" for k, v in settings.realisation_factors.items()),
                        "按预计成交轮次折算参考价：每轮降价不超过 20%，变卖按第二次拍卖价（规划假设，可按资产包设置）")])
        realised.steps[:0] = inputs.collateral_value_steps
        realised.citations[:0] = inputs.collateral_value_citations
        if inputs.collateral_value_is_proxy:
            realised.notes.append(note(N_("No reference value recorded: the registered secured amounts are used "
                                          "instead.")))
    available = max(realised.amount - inputs.prior_claims, ZERO)
    after_prior = Figure("after_prior", N_("Left after prior-ranking claims"), available,
                         [f"{yuan(realised.amount)} − {yuan(inputs.prior_claims)} = {yuan(available)}"],
                         [Citation(*JIESHI, "第五百一十四条")])
    gross = min(available, inputs.claim_amount)
    capped = Figure("gross", N_("Gross expected recovery"), gross,
                    [f"min({yuan(available)}, {yuan(inputs.claim_amount)}) = {yuan(gross)}"],
                    notes=[note(N_("Recovery cannot exceed the claim; any surplus goes back to the owner."))])
    return [realised, after_prior, capped]


def lawyer_fee(inputs: EstimateInputs, gross: Decimal) -> Figure:
    """Return the lawyer fee typed by counsel, else base + rate from the firm's fee terms."""
    if inputs.lawyer_fee is not None:
        return Figure("lawyer_fee", N_("Lawyer fee"), inputs.lawyer_fee, notes=[note(N_("Entered by counsel."))])
    terms = parse_fee_terms(inputs.fee_terms)
    if terms is None:
        return Figure("lawyer_fee", N_("Lawyer fee"), ZERO,
                      notes=[note(N_("No fee terms could be read: enter the lawyer fee."))])
    basis = gross if terms.basis == "recovery" else inputs.claim_amount
    amount = round_money(terms.base + terms.rate * basis)
    return Figure("lawyer_fee", N_("Lawyer fee"), amount,
                  [f"{yuan(terms.base)} + {yuan(basis)} × {pct(terms.rate)} = {yuan(amount)}"],
                  notes=[note(N_("Estimated from the firm's fee terms, on the expected recovery.")
                              if terms.basis == "recovery" else
                              N_("Estimated from the firm's fee terms, on the claim amount."))],
                  source=inputs.fee_terms)


def estimate(inputs: EstimateInputs, settings: AssessmentSettings | None = None) -> dict[str, Any]:
    """Return the costs, the expected recovery, the net recovery and the recovery ratio for a route."""
    settings = settings or AssessmentSettings()
    calc = settings.calculators
    costs = [court_fee(inputs.route, inputs.claim_amount, settings)]
    if inputs.route in ("ordinary", "simplified"):
        costs.append(Figure.from_result("preservation_fee", N_("Preservation fee"), calculate(
            "preservation-fee", {"preserved_amount": inputs.claim_amount}, calc)))
    recovery = _realisation(inputs, settings)
    gross = recovery[-1].amount
    costs.append(lawyer_fee(inputs, gross))
    if gross > 0:
        enforcement = Figure.from_result("enforcement_fee", N_("Enforcement fee"), calculate(
            "enforcement-fee", {"enforced_amount": gross}, calc))
        enforcement.notes.append(note(N_("Borne by the debtor, but taken from the proceeds before they are paid out.")))
        costs.append(enforcement)
    costs.append(Figure("appraisal_cost", N_("Appraisal cost"), inputs.appraisal_cost, [],
                        [Citation(*CANKAO, "第三十三条")], notes=[note(N_("Entered by counsel."))]))
    costs.append(Figure("auction_cost", N_("Auction costs"), inputs.auction_cost, [],
                        [Citation(*PAIMAI, "第二十九条")], notes=[note(N_("Entered by counsel."))]))
    total = sum((c.amount for c in costs), ZERO)
    net = gross - total
    ratio = (net / inputs.claim_amount).quantize(Decimal("0.0001")) if inputs.claim_amount > 0 else None
    return {
        "route": inputs.route,
        "claim_amount": money(inputs.claim_amount),
        "costs": [c.to_dict() for c in costs],
        "total_costs": money(total),
        "recovery": [r.to_dict() for r in recovery],
        "gross_recovery": money(gross),
        "net_recovery": money(net),
        "recovery_ratio": str(ratio) if ratio is not None else None,
        "recovery_ratio_pct": f"{(ratio * 100).quantize(Decimal('0.01'))}%" if ratio is not None else "—",
        "steps": [f"{yuan(gross)} − {yuan(total)} = {yuan(net)}"]
        + ([f"{yuan(net)} ÷ {yuan(inputs.claim_amount)} = {ratio}"] if ratio is not None else []),
    }

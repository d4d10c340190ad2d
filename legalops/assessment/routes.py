"""Route recommendation: which procedure fits the recorded facts, each with its reasons and citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from legalops.assessment.calculators import Citation
from legalops.assessment.calculators.base import JIAONA, JIESHI, MINFADIAN, MINSUFA
from legalops.assessment.schemas import note
from legalops.assessment.settings import AssessmentSettings
from legalops.core.i18n import N_

_GONGZHENG = ("中华人民共和国公证法", "2017修正")

#: In order of preference: the fastest route that fits comes first.
ROUTES = {
    "notarised_enforcement": N_("Notarised enforcement (赋强公证)"),
    "security_realisation": N_("Realisation of security interest (实现担保物权)"),
    "payment_order": N_("Payment order (支付令)"),
    "simplified": N_("Simplified procedure (简易程序)"),
    "ordinary": N_("Ordinary suit"),
}
LITIGATION_ROUTES = ("ordinary", "simplified")


@dataclass(frozen=True)
class RouteFacts:
    """What the route rules look at."""

    claim_amount: Decimal
    has_registered_collateral: bool
    notarised_contract: bool
    debt_uncontested: bool
    debtor_reachable: bool
    evidence_complete: bool
    claim_alive: bool = True


@dataclass
class RouteOption:
    """One procedure: whether it fits, and why (or why not)."""

    key: str
    suitable: bool
    reasons: list[dict] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the option JSON-ready."""
        return {"key": self.key, "suitable": self.suitable, "reasons": self.reasons,
                "citations": [c.as_dict() for c in self.citations]}


def _notarised(f: RouteFacts) -> RouteOption:
    cites = [Citation(*MINSUFA, "第二百四十九条"), Citation(*_GONGZHENG, "第三十七条")]
    if f.notarised_contract:
        return RouteOption("notarised_enforcement", True, [note(N_(
            "The contract was notarised with enforceability: apply to the notary for an enforcement certificate "
            "and then directly to the court for enforcement, with no trial."))], cites)
    return RouteOption("notarised_enforcement", False,
                       [note(N_("The contract was not notarised with enforceability."))], cites)


def _security(f: RouteFacts) -> RouteOption:
    cites = [Citation(*MINFADIAN, "第四百一十条"), Citation(*MINSUFA, "第二百零七条"),
             Citation(*MINSUFA, "第二百零八条")]
    reasons = []
    if not f.has_registered_collateral:
        reasons.append(note(N_("No registered collateral is recorded.")))
    if not f.debt_uncontested:
        reasons.append(note(N_("The debt is contested: the court dismisses the special procedure when there is a "
                               "substantive dispute, so a suit is needed.")))
    if reasons:
        return RouteOption("security_realisation", False, reasons, cites)
    return RouteOption("security_realisation", True, [note(N_(
        "Registered collateral secures an uncontested debt: the court can order the auction of the collateral "
        "in the special procedure, without a full trial."))], cites)


def _payment_order(f: RouteFacts) -> RouteOption:
    cites = [Citation(*MINSUFA, "第二百二十五条"), Citation(*MINSUFA, "第二百二十七条"),
             Citation(*JIAONA, "第十四条第（三）项")]
    reasons = []
    if not f.debt_uncontested:
        reasons.append(note(N_("The debt is contested: an objection would end the payment order.")))
    if not f.debtor_reachable:
        reasons.append(note(N_("The debtor cannot be served: a payment order cannot be served by public notice.")))
    if reasons:
        return RouteOption("payment_order", False, reasons, cites)
    return RouteOption("payment_order", True, [note(N_(
        "The money debt is uncontested and the debtor can be served: a payment order costs a third of the "
        "acceptance fee and becomes enforceable if the debtor does not object within 15 days."))], cites)



def _simplified(f: RouteFacts, settings: AssessmentSettings) -> RouteOption:
    cites = [Citation(*MINSUFA, "第一百六十条"), Citation(*JIESHI, "第一百四十条"), Citation(*JIAONA, "第十六条")]
    reasons = []
    if not f.evidence_complete:
        reasons.append(note(N_("The evidence is incomplete or doubtful, so the facts are not clear enough.")))
    if not f.debtor_reachable:
        reasons.append(note(N_("The debtor cannot be served: simplified procedure does not allow service by public "
                               "notice.")))
    if f.claim_amount > settings.simple_procedure_ceiling:
        reasons.append(note(N_("The claim of %(amount)s exceeds the %(ceiling)s set for simplified procedure."),
                            amount=f.claim_amount, ceiling=settings.simple_procedure_ceiling))
    if reasons:
        return RouteOption("simplified", False, reasons, cites)
    return RouteOption("simplified", True, [note(N_(
        "Clear facts, complete evidence, a reachable debtor and a claim within %(ceiling)s: simplified procedure "
        "is faster and halves the acceptance fee."), ceiling=settings.simple_procedure_ceiling)], cites)


def _ordinary(f: RouteFacts) -> RouteOption:
    reason = (N_("Always available; the route for a contested debt or an unreachable debtor.")
              if not (f.debt_uncontested and f.debtor_reachable) else N_("Always available as the fallback."))
    return RouteOption("ordinary", True, [note(reason)], [Citation(*MINSUFA, "第一百二十二条")])


def recommend(facts: RouteFacts, settings: AssessmentSettings | None = None) -> dict[str, Any]:
    """Return every route with its verdict and reasons, the recommended one, and global warnings."""
    settings = settings or AssessmentSettings()
    options = [_notarised(facts), _security(facts), _payment_order(facts), _simplified(facts, settings),
               _ordinary(facts)]
    warnings = []
    if not facts.claim_alive:
        warnings.append(note(N_("No claim is clearly alive: the debtors may raise the limitation defence.")))
    recommended = next(o.key for o in options if o.suitable)
    return {"recommended": recommended, "options": [o.to_dict() for o in options], "warnings": warnings,
            "warning_citations": [Citation(*MINFADIAN, "第一百九十二条").as_dict()] if warnings else []}

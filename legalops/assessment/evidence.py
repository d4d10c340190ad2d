"""The evidence checklist: which documents a recovery suit needs, and which apply to a given case."""

from __future__ import annotations

from legalops.core.i18n import N_

EVIDENCE_KINDS = {
    "loan_contract": N_("Loan contract"),
    "disbursement_proof": N_("Proof of disbursement"),
    "repayment_records": N_("Repayment records"),
    "demand_letters": N_("Demand letters with proof of delivery"),
    "guarantee_contracts": N_("Guarantee contracts"),
    "mortgage_registration": N_("Mortgage registration"),
}

EVIDENCE_STATUSES = {
    "present": N_("Present"),
    "missing": N_("Missing"),
    "doubtful": N_("Doubtful"),
    "not_applicable": N_("Not applicable"),
}


def applicable_kinds(has_guarantor: bool, has_collateral: bool) -> list[str]:
    """List the checklist lines that apply: guarantee and mortgage papers only where there is security."""
    kinds = ["loan_contract", "disbursement_proof", "repayment_records", "demand_letters"]
    if has_guarantor:
        kinds.append("guarantee_contracts")
    if has_collateral:
        kinds.append("mortgage_registration")
    return kinds


def summarise(statuses: dict[str, str], applicable: list[str]) -> dict[str, list[str]]:
    """Group the applicable lines by status; a line never checked counts as missing."""
    out: dict[str, list[str]] = {"present": [], "missing": [], "doubtful": []}
    for kind in applicable:
        status = statuses.get(kind, "missing")
        out.setdefault(status, []).append(kind)
    return out


def is_complete(statuses: dict[str, str], applicable: list[str]) -> bool:
    """Tell whether every applicable line is present (facts 'clear' enough for the faster procedures)."""
    return all(statuses.get(kind) == "present" for kind in applicable)

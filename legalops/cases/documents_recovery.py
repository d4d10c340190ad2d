"""Context builders of the demand letter and the element-style complaint: plain data read from a case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session

from legalops.auth.models import Firm
from legalops.cases import queries
from legalops.cases.documents import (
    FormContext,
    _amounts,
    _check_parties,
    _collateral_block,
    _evidence,
    _loan_block,
    _respondents,
    agents_of,
    assignment_block,
    party_block,
    validate_context,
)
from legalops.cases.models import Case, Collateral
from legalops.core.clock import utcnow
from legalops.core.i18n import N_
from legalops.parties.models import Party

#: Collateral kinds that are pledged (质押) rather than mortgaged (抵押) unless the owner's role says otherwise.
PLEDGE_KINDS = {"equity", "receivable", "deposit"}
GUARANTEES = ("joint_guarantee", "general_guarantee")


class CaseData:
    """What the recovery forms read from a case, loaded once."""

    def __init__(self, session: Session, case: Case, today: dt.date):
        self.session, self.case, self.today = session, case, today
        self.creditor = session.get(Party, case.creditor_id)
        self.collateral = queries.list_collateral(session, case)
        self.loans = queries.list_loans(session, case)
        self.links = queries.list_debtors(session, case)
        self.respondents = _respondents(session, case, self.collateral)
        self.firm = session.get(Firm, case.firm_id) if case.firm_id else None
        self.owners = {p.id: p.name for _, p in self.links}

    def principal_names(self) -> list[str]:
        """Return the borrowers' names, in the order the forms list them."""
        return [r["name"] for r in self.respondents if any(i["kind"] == "principal" for i in r["liabilities"])]

    def base(self, missing: list, *, court: bool = True) -> dict[str, Any]:
        """Return the fields every form has, adding to `missing` what the case lacks."""
        if court and not self.case.court_name.strip():
            missing.append((N_("No court is chosen for the case."), {}))
        _check_parties(self.creditor, self.respondents, missing)
        if not self.loans:
            missing.append((N_("The case has no loan."), {}))
        return {"court": self.case.court_name, "court_case_number": self.case.court_case_number,
                "case_reference": self.case.reference, "document_date": self.today,
                "applicants": [party_block(self.creditor)], "respondents": self.respondents,
                "agents": agents_of(self.case, self.firm), "amounts": _amounts(self.loans, self.today),
                "loans": [_loan_block(loan) for loan in self.loans],
                "assignment": assignment_block(self.session, self.case)}

    def security_kind(self, item: Collateral) -> str:
        """Return 'pledge' or 'mortgage' for a collateral item, from its owner's role, else its kind."""
        roles = {link.role for link, party in self.links if party.id == item.owner_id}
        if "pledgor" in roles or ("mortgagor" not in roles and item.kind in PLEDGE_KINDS):
            return "pledge"
        return "mortgage"

    def owner_of(self, item: Collateral) -> str:
        """Return the collateral owner's name: the recorded owner, else the only mortgagor or pledgor."""
        if item.owner_id:
            return self.owners.get(item.owner_id, "")
        providers = {p.name for link, p in self.links if link.role in ("mortgagor", "pledgor")}
        return providers.pop() if len(providers) == 1 else ""

    def securities(self) -> list[dict[str, Any]]:
        """Return each collateral item as the forms list it (owner, kind, registration, rank)."""
        return [{"owner": self.owner_of(c), "kind": self.security_kind(c), "description": c.description,
                 "certificate_number": c.certificate_number or "", "registered": bool(c.certificate_number),
                 "registered_amount": c.registered_amount, "rank": c.rank} for c in self.collateral]

    def collateral_blocks(self) -> list[dict[str, Any]]:
        """Return the collateral as the shared collateral block."""
        return [_collateral_block(c, self.owners) for c in self.collateral]


def finish(result: FormContext, data: dict[str, Any]) -> FormContext:
    """Validate `data` with the form's model into `result`, unless something is already missing."""
    if result.missing:
        return result
    return validate_context(result, data)


def build_demand_letter(session: Session, case: Case, today: dt.date) -> FormContext:
    """Build the demand letter: one letter per addressee, the debt at the cut-off date, each one's liability."""
    result = FormContext(form_key="demand_letter", snapshot_at=utcnow())
    facts = CaseData(session, case, today)
    data = facts.base(result.missing, court=False)
    data["debtor_names"] = facts.principal_names()
    return finish(result, data)


def build_element_complaint(session: Session, case: Case, today: dt.date) -> FormContext:
    """Build the SPC element-style complaint (金融借款合同纠纷) with every element of legal-rules §7.1."""
    result = FormContext(form_key="complaint_elements", snapshot_at=utcnow())
    facts = CaseData(session, case, today)
    data = facts.base(result.missing)
    if result.missing:
        return result
    cutoff = data["amounts"]["cutoff_date"]
    maturities = [loan.maturity_date for loan in facts.loans if loan.maturity_date]
    matured = bool(maturities) and max(maturities) <= cutoff
    overdue = [loan.default_date or loan.maturity_date for loan in facts.loans
               if (loan.default_date or loan.maturity_date)]
    methods = {loan.repayment_method for loan in facts.loans if loan.repayment_method}
    assignment = data["assignment"]
    data.update(
        lender=assignment["assignor"] if assignment else facts.creditor.name,
        borrowers=facts.principal_names(),
        repayment_method=methods.pop() if len(methods) == 1 else ("other" if methods else ""),
        matured=matured, accelerate=not matured and bool(maturities),
        guarantees=[{"name": r["name"], "kind": item["kind"], "limit": item.get("limit")}
                    for r in facts.respondents for item in r["liabilities"] if item["kind"] in GUARANTEES],
        securities=facts.securities(),
        evidence=_evidence(facts.loans, facts.respondents, facts.collateral),
        overdue_since=min(overdue) if overdue else None,
    )
    return finish(result, data)

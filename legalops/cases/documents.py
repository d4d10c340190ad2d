"""Context builders for the court forms: plain data read from a case, and what is missing before generation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from legalops.auth.models import Firm
from legalops.cases import queries
from legalops.cases.models import Case, CaseParty, Collateral, DebtorRole, Portfolio
from legalops.core import clock
from legalops.core.i18n import N_
from legalops.core.money import round_money
from legalops.documents.registry import get_registry
from legalops.parties.models import Party

ID_LABELS = {"resident_id": "公民身份号码", "uscc": "统一社会信用代码", "passport": "护照号码", "other": "证件号码"}
#: Order of respondents on a form: debtors first, then guarantors, then security providers.
ROLE_ORDER = {DebtorRole.borrower: 0, DebtorRole.co_borrower: 1, DebtorRole.joint_guarantor: 2,
              DebtorRole.general_guarantor: 3, DebtorRole.mortgagor: 4, DebtorRole.pledgor: 5}
#: Security offered for preservation unless counsel says otherwise (财产保全规定 arts. 5–9): a setting, not a guess.
DEFAULT_SECURITY_STATEMENT = "申请人愿意提供保险公司出具的诉讼财产保全责任保险保函作为担保，担保范围为本次申请保全的金额。"
EVIDENCE = {
    "loan": "借款合同（编号{number}）及借款借据、放款凭证，证明借款关系成立及原告已发放借款，来源：原告提供",
    "guarantee": "保证合同，证明被告{names}为上述债务提供保证担保，来源：原告提供",
    "security": "抵押（质押）合同及担保物权登记证明，证明担保物权设立，来源：原告提供",
    "arrears": "欠款明细及催收记录，证明被告逾期未还款及欠款金额，来源：原告提供",
}


@dataclass
class FormContext:
    """A context ready for the renderer (JSON-safe), or the reasons it cannot be generated yet."""

    form_key: str
    context: dict[str, Any] | None = None
    #: (msgid, params) pairs, translated by whoever shows them.
    missing: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    snapshot_at: dt.datetime | None = None

    @property
    def ready(self) -> bool:
        """Return whether nothing is missing."""
        return self.context is not None and not self.missing

    def missing_text(self) -> list[str]:
        """Return the missing items as untranslated English sentences (CLI, job results)."""
        return [msg % params if params else msg for msg, params in self.missing]


def party_block(party: Party, liabilities: list[dict] | None = None) -> dict[str, Any]:
    """Return a party's identity block as plain data."""
    return {
        "kind": party.kind, "name": party.name, "gender": party.gender or "", "birth_date": party.birth_date,
        "ethnicity": party.ethnicity or "", "id_label": ID_LABELS.get(party.id_type, "证件号码"),
        "id_number": party.id_number, "address": party.address or "", "residence": party.residence or "",
        "phone": party.phone or "", "employer": party.employer or "", "position": party.position or "",
        "legal_rep": party.legal_rep or "", "legal_rep_title": party.legal_rep_title or "",
        "liabilities": liabilities or [],
    }


def _liabilities(link: CaseParty, collateral: list[Collateral]) -> list[dict]:
    role = link.role
    if role in (DebtorRole.borrower, DebtorRole.co_borrower):
        return [{"kind": "principal"}]
    if role == DebtorRole.joint_guarantor:
        return [{"kind": "joint_guarantee", "limit": link.guarantee_limit}]
    if role == DebtorRole.general_guarantor:
        return [{"kind": "general_guarantee", "limit": link.guarantee_limit}]
    owned = [c for c in collateral if c.owner_id == link.party_id] or [c for c in collateral if c.owner_id is None]
    return [{"kind": "security", "collateral": c.description, "limit": c.registered_amount} for c in owned]


def _respondents(session: Session, case: Case, collateral: list[Collateral]) -> list[dict]:
    grouped: dict[int, tuple[int, Party, list[dict]]] = {}
    for link, party in queries.list_debtors(session, case):
        rank, _, items = grouped.get(party.id, (99, party, []))
        grouped[party.id] = (min(rank, ROLE_ORDER.get(link.role, 9)), party, items + _liabilities(link, collateral))
    ordered = sorted(grouped.values(), key=lambda entry: entry[0])
    return [party_block(party, items) for _, party, items in ordered]


def _check_parties(creditor: Party, respondents: list[dict], missing: list) -> None:
    if not (creditor.address or "").strip():
        missing.append((N_("The creditor %(name)s has no address (住所地)."), {"name": creditor.name}))
    if creditor.kind == "organisation" and not (creditor.legal_rep or "").strip():
        missing.append((N_("The creditor %(name)s has no legal representative."), {"name": creditor.name}))
    if not any(item["kind"] == "principal" for r in respondents for item in r["liabilities"]):
        missing.append((N_("The case has no borrower."), {}))
    for r in respondents:
        if not r["address"].strip():
            missing.append((N_("%(name)s has no address (住所地)."), {"name": r["name"]}))


def _amounts(loans, today: dt.date) -> dict[str, Any]:
    principal = round_money(sum((loan.outstanding_principal for loan in loans), Decimal("0")))
    interest = round_money(sum((loan.outstanding_interest for loan in loans), Decimal("0")))
    penalty = round_money(sum((loan.outstanding_penalty for loan in loans), Decimal("0")))
    cutoffs = [loan.cutoff_date for loan in loans if loan.cutoff_date]
    return {"principal": principal, "interest": interest, "penalty": penalty,
            "total": principal + interest + penalty, "cutoff_date": max(cutoffs) if cutoffs else today}


def _loan_block(loan) -> dict[str, Any]:
    return {name: getattr(loan, name) for name in (
        "contract_number", "signed_on", "principal", "disbursed_on", "maturity_date", "contract_rate",
        "penalty_rate", "outstanding_principal", "outstanding_interest", "outstanding_penalty")}


def _collateral_block(item: Collateral, owners: dict[int, str]) -> dict[str, Any]:
    return {"description": item.description, "certificate_number": item.certificate_number or "",
            "location": item.location or "", "owner": owners.get(item.owner_id, "") if item.owner_id else "",
            "registered_amount": item.registered_amount}


def agents_of(case: Case, firm: Firm | None) -> list[dict[str, Any]]:
    """Return the litigation agent: the case's lawyer at the assigned firm (blank name for the firm to fill)."""
    if firm is None:
        return []
    return [{"name": case.agent_name or "", "firm": firm.name, "phone": case.agent_phone or ""}]


def assignment_block(session: Session, case: Case) -> dict[str, Any] | None:
    """Return how the creditor acquired the debt by assignment (case record, else the portfolio's seller), or None."""
    if case.acquired_by_assignment and case.assignor.strip():
        return {"assignor": case.assignor, "assigned_on": case.assignment_date,
                "notice_on": case.assignment_notice_date}
    portfolio = session.get(Portfolio, case.portfolio_id) if case.portfolio_id else None
    if portfolio is not None and portfolio.seller.strip():
        return {"assignor": portfolio.seller, "assigned_on": portfolio.acquired_on,
                "notice_on": case.assignment_notice_date}
    return None


def _evidence(loans, respondents: list[dict], collateral: list) -> list[str]:
    items = [EVIDENCE["loan"].format(number=loan.contract_number) for loan in loans]
    guarantors = [r["name"] for r in respondents
                  if any(i["kind"] in ("joint_guarantee", "general_guarantee") for i in r["liabilities"])]
    if guarantors:
        items.append(EVIDENCE["guarantee"].format(names="、".join(guarantors)))
    if collateral:
        items.append(EVIDENCE["security"])
    items.append(EVIDENCE["arrears"])
    return items


def filing_base(session: Session, case: Case, today: dt.date, missing: list) -> dict[str, Any]:
    """Return what every form has (court, parties, agents, date), adding to `missing` what the case lacks."""
    creditor = session.get(Party, case.creditor_id)
    respondents = _respondents(session, case, queries.list_collateral(session, case))
    if not case.court_name.strip():
        missing.append((N_("No court is chosen for the case."), {}))
    _check_parties(creditor, respondents, missing)
    firm = session.get(Firm, case.firm_id) if case.firm_id else None
    return {"court": case.court_name, "court_case_number": case.court_case_number, "case_reference": case.reference,
            "document_date": today, "applicants": [party_block(creditor)], "respondents": respondents,
            "agents": [{"firm": firm.name}] if firm else []}


def validate_context(result: FormContext, data: dict[str, Any]) -> FormContext:
    """Validate `data` with the form's model into `result`, turning validation errors into missing items."""
    try:
        result.context = get_registry().get(result.form_key).model().model_validate(data).model_dump(mode="json")
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            result.missing.append((N_("%(field)s: %(problem)s"), {"field": where, "problem": error["msg"]}))
    return result


#: Builders of forms whose data lives in a higher layer (assessment, litigation…): the composition root
#: registers them (create_app), since cases may not import those packages. builder(session, case, today).
FORM_BUILDERS: dict[str, Callable[[Session, Case, dt.date], FormContext]] = {}


def register_form_builder(form_key: str, builder: Callable[[Session, Case, dt.date], FormContext]) -> None:
    """Let a higher layer build the context of one form."""
    FORM_BUILDERS[form_key] = builder


def build_form_context(session: Session, case: Case, form_key: str, *, today: dt.date | None = None,
                       security_statement: str = DEFAULT_SECURITY_STATEMENT) -> FormContext:
    """Read the case and return the form's validated context, or everything that is missing."""
    from legalops.core.clock import utcnow

    spec = get_registry().get(form_key)
    today = today or clock.today()
    if form_key in FORM_BUILDERS:
        return FORM_BUILDERS[form_key](session, case, today)
    result = FormContext(form_key=form_key, snapshot_at=utcnow())
    missing = result.missing
    creditor = session.get(Party, case.creditor_id)
    collateral = queries.list_collateral(session, case)
    loans = queries.list_loans(session, case)
    respondents = _respondents(session, case, collateral)
    if not case.court_name.strip():
        missing.append((N_("No court is chosen for the case."), {}))
    _check_parties(creditor, respondents, missing)
    if not loans and form_key in {"complaint", "preservation_application", "enforcement_application"}:
        missing.append((N_("The case has no loan."), {}))
    firm = session.get(Firm, case.firm_id) if case.firm_id else None
    if form_key == "enforcement_application" and not case.court_case_number.strip():
        missing.append((N_("No court case number (案号) is recorded for the judgment."), {}))
    if form_key == "power_of_attorney" and firm is None:
        missing.append((N_("No law firm is assigned to the case."), {}))
    if form_key == "legal_rep_certificate" and creditor.kind != "organisation":
        missing.append((N_("The creditor is not an organisation."), {}))
    if missing:
        return result
    owners = {p.id: p.name for _, p in queries.list_debtors(session, case)}
    data: dict[str, Any] = {
        "court": case.court_name, "court_case_number": case.court_case_number, "case_reference": case.reference,
        "document_date": today, "applicants": [party_block(creditor)], "respondents": respondents,
        "agents": agents_of(case, firm),
    }
    if form_key in {"complaint", "preservation_application", "enforcement_application"}:
        data["amounts"] = _amounts(loans, today)
        data["collateral"] = [_collateral_block(c, owners) for c in collateral]
    if form_key == "complaint":
        data["loans"] = [_loan_block(loan) for loan in loans]
        data["evidence"] = _evidence(loans, respondents, collateral)
        data["assignment"] = assignment_block(session, case)
    elif form_key == "preservation_application":
        data["security_statement"], data["property_leads"] = security_statement, []
    elif form_key == "enforcement_application":
        data["judgment_court"], data["property_leads"], data["judgment_effective_on"] = case.court_name, [], None
    elif form_key == "legal_rep_certificate":
        data.pop("respondents"), data.pop("agents")
    try:
        result.context = spec.model().model_validate(data).model_dump(mode="json")
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            missing.append((N_("%(field)s: %(problem)s"), {"field": where, "problem": error["msg"]}))
    return result

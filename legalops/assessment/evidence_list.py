"""The evidence list (证据目录): rows from the case's loans, security, demands, filings and uploaded evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from legalops.assessment import queries as assessment_queries
from legalops.casefiles.queries import list_case_documents
from legalops.cases import queries
from legalops.cases.demands import list_deliveries
from legalops.cases.documents import FormContext, filing_base, validate_context
from legalops.cases.models import Case, DebtorRole
from legalops.core.clock import utcnow
from legalops.core.i18n import N_
from legalops.core.money import format_yuan
from legalops.documents.environment import cn_date
from legalops.documents.queries import list_filings

GROUPS = {"contract": "合同类证据", "disbursement": "借款发放类证据", "guarantee": "保证担保类证据",
          "security": "担保物权类证据", "default": "违约及欠款类证据", "demand": "催收及送达类证据", "other": "其他证据"}
NUMERALS = "一二三四五六七八九十"
#: The assessment checklist line each group rests on: a line marked missing or not applicable drops its rows.
CHECKLIST = {"contract": "loan_contract", "disbursement": "disbursement_proof", "guarantee": "guarantee_contracts",
             "security": "mortgage_registration", "default": "repayment_records", "demand": "demand_letters"}
#: Generated filings that are themselves evidence, once approved or filed.
EVIDENCE_FORMS = {"claim_statement": ("default", "截至计算截止日各项欠款的计算期间、利率、天数及金额"),
                  "demand_letter": ("demand", "原告已向被告发出催收通知，主张权利")}
KEYWORDS = (("contract", ("借款合同", "贷款合同")), ("disbursement", ("借据", "放款", "支付凭证")),
            ("guarantee", ("保证",)), ("security", ("抵押", "质押", "登记")),
            ("demand", ("催收", "律师函", "送达")), ("default", ("还款", "欠款", "流水", "对账")))
METHODS = {"ems": "EMS邮寄", "registered_post": "挂号信邮寄", "personal": "直接送达", "email": "电子邮件",
           "sms_wechat": "短信或微信", "notary": "公证送达"}
GUARANTEE = {DebtorRole.joint_guarantor: "连带责任保证", DebtorRole.general_guarantor: "一般保证"}


def _case_documents_oldest_first(session: Session, case_id: int) -> list[Any]:
    # Oldest first, so a new upload is numbered after the earlier ones instead of renumbering them.
    return list(reversed(list_case_documents(session, case_id)))


#: Uploaded evidence: callables(session, case_id) returning objects with kind, title and, optionally, note, pages
#: and sha256 (the same bytes uploaded twice are listed once). By default the court documents uploaded to the case
#: (casefiles, below assessment in the layers); only kind "evidence" becomes a row.
UPLOADED_DOCUMENTS: list[Callable[[Session, int], list[Any]]] = [_case_documents_oldest_first]


def _row(group: str, name: str, proves: str, source: str = "原告提供", pages: str = "原件") -> dict[str, Any]:
    return {"group": group, "name": name, "source": source, "proves": proves, "pages": pages}


def _loan_rows(loans, borrowers: str) -> list[dict]:
    rows = []
    for loan in loans:
        signed = f"于{cn_date(loan.signed_on)}" if loan.signed_on else ""
        rows.append(_row("contract", f"借款合同（编号{loan.contract_number}）",
                         f"原告与{borrowers}{signed}签订借款合同，约定借款本金{format_yuan(loan.principal)}及利率、"
                         "期限、罚息、复利，借款关系依法成立"))
        paid = f"于{cn_date(loan.disbursed_on)}" if loan.disbursed_on else ""
        rows.append(_row("disbursement", f"借款借据及放款凭证（合同编号{loan.contract_number}）",
                         f"原告已{paid}向借款人发放借款{format_yuan(loan.principal)}"))
        as_of = f"截至{cn_date(loan.cutoff_date)}" if loan.cutoff_date else "截至基准日"
        rows.append(_row("default", f"还款记录及欠款明细（合同编号{loan.contract_number}）",
                         f"借款人未按约还款，{as_of}尚欠本金{format_yuan(loan.outstanding_principal)}、"
                         f"利息{format_yuan(loan.outstanding_interest)}、罚息及复利{format_yuan(loan.outstanding_penalty)}",
                         pages="复印件"))
    return rows


def _security_rows(links, collateral, owners: dict[int, str]) -> list[dict]:
    rows = []
    for link, party in links:
        if link.role in GUARANTEE:
            limit = f"，最高额{format_yuan(link.guarantee_limit)}" if link.guarantee_limit else ""
            rows.append(_row("guarantee", f"保证合同（保证人：{party.name}）",
                             f"{party.name}为上述借款提供{GUARANTEE[link.role]}{limit}"))
    for item in collateral:
        owner = owners.get(item.owner_id, "") if item.owner_id else ""
        certificate = f"，权证号{item.certificate_number}" if item.certificate_number else ""
        rows.append(_row("security", f"抵押（质押）合同及担保物权登记证明（{item.description}）",
                         f"{owner or '担保人'}以{item.description}提供担保{certificate}，担保物权已依法设立"))
    return rows


def _demand_rows(session: Session, case: Case) -> list[dict]:
    return [_row("demand", f"催收函及送达凭证（{METHODS.get(d.method, d.method)}{d.tracking_number or ''}）",
                 f"原告于{cn_date(d.delivered_on)}向{party.name}催收，该催收已送达，诉讼时效中断")
            for d, party in list_deliveries(session, case)]


def _filing_rows(session: Session, case: Case) -> list[dict]:
    rows, seen = [], set()
    for filing in list_filings(session, case.id):  # newest version of each form first
        if filing.form_key in EVIDENCE_FORMS and filing.form_key not in seen and filing.status in ("approved", "filed"):
            seen.add(filing.form_key)
            group, proves = EVIDENCE_FORMS[filing.form_key]
            title = "债权计算明细表" if filing.form_key == "claim_statement" else "律师函"
            rows.append({**_row(group, f"{title}（第{filing.version_number}版）", proves, source="原告制作"),
                         "kept": True})
    return rows


def _uploaded_rows(session: Session, case: Case) -> list[dict]:
    rows, seen = [], set()
    for source in UPLOADED_DOCUMENTS:
        for doc in source(session, case.id):
            digest = getattr(doc, "sha256", None)
            if getattr(doc, "kind", "") != "evidence" or (digest and digest in seen):
                continue
            seen.add(digest)
            group = next((key for key, words in KEYWORDS if any(w in doc.title for w in words)), "other")
            pages = f"共{doc.pages}页" if getattr(doc, "pages", None) else "复印件"
            rows.append({**_row(group, doc.title, getattr(doc, "note", "") or "证明本案相关事实", pages=pages),
                         "kept": True})
    return rows


def group_rows(rows: list[dict], statuses: dict[str, str]) -> list[dict]:
    """Group rows in the fixed order, drop rows the checklist marks missing (not filings or uploads), number 1…N."""
    groups, number = [], 0
    for key, title in GROUPS.items():
        dropped = statuses.get(CHECKLIST.get(key, ""), "") in ("missing", "not_applicable")
        members = [r for r in rows if r["group"] == key and (r.get("kept") or not dropped)]
        if not members:
            continue
        numbered = []
        for r in members:
            number += 1
            numbered.append({"number": number, **{k: r[k] for k in ("name", "source", "proves", "pages")}})
        groups.append({"key": key, "title": f"{NUMERALS[len(groups)]}、{title}", "rows": numbered})
    return groups


def build_evidence_list(session: Session, case: Case, today: dt.date) -> FormContext:
    """Build the evidence list's context from the case, or list what is missing."""
    result = FormContext("evidence_list", snapshot_at=utcnow())
    data = filing_base(session, case, today, result.missing)
    loans = queries.list_loans(session, case)
    if not loans:
        result.missing.append((N_("The case has no loan."), {}))
    if result.missing:
        return result
    links = queries.list_debtors(session, case)
    borrowers = "、".join(p.name for link, p in links if link.role in (DebtorRole.borrower, DebtorRole.co_borrower))
    owners = {p.id: p.name for _, p in links}
    rows = (_loan_rows(loans, borrowers) + _security_rows(links, queries.list_collateral(session, case), owners)
            + _demand_rows(session, case) + _filing_rows(session, case) + _uploaded_rows(session, case))
    assessment = assessment_queries.get_assessment(session, case)
    statuses = {kind: line.status for kind, line in assessment_queries.list_evidence(session, assessment).items()}
    data["groups"] = group_rows(rows, statuses)
    if not data["groups"]:
        result.missing.append((N_("No evidence is recorded as present in the assessment checklist."), {}))
        return result
    return validate_context(result, data)

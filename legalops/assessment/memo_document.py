"""The assessment memo as a court-style document (法律评估意见书), from the same data as the memo page."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from babel.support import Translations
from sqlmodel import Session

from legalops.assessment.evidence import EVIDENCE_KINDS, EVIDENCE_STATUSES
from legalops.assessment.memo import gather_memo
from legalops.assessment.routes import ROUTES
from legalops.assessment.settings import AssessmentSettings
from legalops.cases.documents import FormContext, validate_context
from legalops.cases.labels import DEBTOR_ROLES
from legalops.cases.models import Case
from legalops.cases.queries import list_debtors
from legalops.core.clock import utcnow
from legalops.core.i18n import N_
from legalops.parties.models import Party

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
FLAGS = {"red": "已届满或无法确定", "amber": "临近届满", "green": "有效"}
STATUSES = {"draft": "草稿", "submitted": "已提交审批", "go": "已批准（起诉/处置）", "no_go": "不予推进"}


@cache
def _zh() -> Translations:
    return Translations.load(str(TRANSLATIONS), ["zh"])


def zh(message: str, params: dict | None = None) -> str:
    """Translate a msgid into the document's Chinese (the app's zh catalogue), filling its placeholders."""
    text = _zh().gettext(message)
    return text % params if params else text


def _claims(findings: dict) -> list[dict[str, Any]]:
    return [{"name": c["name"], "role": zh(DEBTOR_ROLES.get(c["role"], c["role"])), "basis": zh(c["basis"]),
             "last_day": c["last_day"], "status": FLAGS[c["flag"]],
             "reasons": "；".join(zh(r["msg"], r.get("params")) for r in c["reasons"]),
             "citations": "；".join(f"《{x['instrument']}》{x['article']}" for x in c["citations"])}
            for c in findings["claims"]]


def _memo_data(memo: dict, case: Case, creditor: str, respondents: str, today: dt.date) -> dict[str, Any]:
    findings, assessment = memo["findings"], memo["assessment"]
    estimate, routes = findings["estimate"], findings["routes"]
    notes = {kind: line.note for kind, line in memo["evidence"].items()}
    return {
        "case_reference": case.reference, "document_date": today, "creditor": creditor, "respondents": respondents,
        "court": case.court_name, "status": STATUSES.get(assessment.status, assessment.status),
        "as_of": findings["as_of"], "prepared_by": memo["users"].get(assessment.prepared_by_id, ""),
        "summary": assessment.summary, "claims": _claims(findings),
        "evidence": [{"label": zh(EVIDENCE_KINDS[k]), "note": notes.get(k, ""),
                      "value": zh(EVIDENCE_STATUSES[findings["evidence"]["status"].get(k, "missing")])}
                     for k in findings["evidence"]["applicable"]],
        "evidence_complete": findings["evidence"]["complete"], "route": zh(ROUTES[routes["recommended"]]),
        "routes": [{"label": zh(ROUTES[o["key"]]), "value": "适用" if o["suitable"] else "不适用",
                    "note": "；".join(zh(r["msg"], r.get("params")) for r in o["reasons"])} for o in routes["options"]],
        "claim_amount": estimate["claim_amount"], "total_costs": estimate["total_costs"],
        "costs": [{"label": zh(x["label"]), "amount": x["amount"]} for x in estimate["costs"]],
        "recovery": [{"label": zh(x["label"]), "amount": x["amount"]} for x in estimate["recovery"]],
        "net_recovery": estimate["net_recovery"], "recovery_ratio": estimate["recovery_ratio_pct"],
        "decisions": [{"decision": "同意推进" if d.decision == "go" else "不予推进",
                       "decided_by": memo["users"].get(d.decided_by_id, ""), "decided_on": d.decided_at.date(),
                       "comments": d.comments} for d in memo["decisions"]],
    }


def build_assessment_memo(session: Session, case: Case, today: dt.date,
                          settings: AssessmentSettings | None = None) -> FormContext:
    """Build the memo's context from the case's assessment, or say that none was started."""
    result = FormContext("assessment_memo", snapshot_at=utcnow())
    memo = gather_memo(session, case, today, settings or AssessmentSettings())
    if memo["assessment"] is None:
        result.missing.append((N_("No assessment has been started for the case."), {}))
    if not memo["findings"]["claims"]:
        result.missing.append((N_("The case has no debtor."), {}))
    if result.missing:
        return result
    creditor = session.get(Party, case.creditor_id).name
    names = "、".join(dict.fromkeys(p.name for _, p in list_debtors(session, case)))
    return validate_context(result, _memo_data(memo, case, creditor, names, today))

"""Demo data for the portal: court documents, pending firm updates in counsel's queue, and a firm API token."""

from __future__ import annotations

import json
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlmodel import Session

from legalops.auth.models import Firm, User
from legalops.casefiles.services import upload_case_document
from legalops.cases.models import Case, Stage
from legalops.portal.services import propose_update
from legalops.portal.tokens import issue_token

LOGINS_FILE = "demo-logins.json"


def _pdf(title: str) -> bytes:
    """Return a minimal well-formed PDF (the demo needs real bytes, not a rendering)."""
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% "
            + title.encode() + b"\n")
    return body + b"xref\n0 3\ntrailer<</Size 3/Root 1 0 R>>\nstartxref\n" + str(len(body)).encode() + b"\n%%EOF\n"


def seed_portal(session: Session, instance: Path) -> None:
    """Queue a few firm updates (with documents) for counsel and record a demo API token beside the demo logins."""
    lawyer = session.execute(select(User).where(User.username == "firm_a")).scalar_one_or_none()
    if lawyer is None or lawyer.firm_id is None:
        return
    cases = {stage: session.execute(select(Case).where(Case.firm_id == lawyer.firm_id, Case.stage == stage)
                                    .order_by(Case.id).limit(1)).scalar_one_or_none()
             for stage in (Stage.litigation, Stage.enforcement)}
    storage = current_app.config["STORAGE_DIR"]
    limit = int(current_app.config.get("CASE_DOCUMENT_MAX_MB", 20)) * 1024 * 1024
    if cases[Stage.litigation] is not None:
        case = cases[Stage.litigation]
        notice = upload_case_document(session, case, data=_pdf("hearing notice"), filename="开庭传票.pdf",
                                      kind="summons", title="开庭传票", actor=lawyer, storage_dir=storage, max_bytes=limit)
        propose_update(session, case, lawyer, "hearing_set",
                       {"occurred_on": "2027-01-12", "hearing_time": "09:30", "courtroom": "第三法庭",
                        "note": "法院来电确认开庭时间"}, notice.id)
        propose_update(session, case, lawyer, "note", {"text": "被告已委托代理人，拟申请庭前调解。"})
    if cases[Stage.enforcement] is not None:
        case = cases[Stage.enforcement]
        receipt = upload_case_document(session, case, data=_pdf("payment notice"), filename="执行款发放通知.pdf",
                                       kind="notice", title="执行款发放通知书", actor=lawyer, storage_dir=storage,
                                       max_bytes=limit)
        propose_update(session, case, lawyer, "court_receipt",
                       {"amount": "126500.00", "received_on": "2026-11-02", "reference": "执行款-2026-1102",
                        "payer": case.court_name or "执行法院"}, receipt.id)
    firm = session.get(Firm, lawyer.firm_id)
    secret, _row = issue_token(session, firm, None, label="demo")
    path = instance / LOGINS_FILE
    logins = json.loads(path.read_text()) if path.exists() else {}
    # Written beside the demo passwords (never into the repository): `make run` prints it with them.
    logins["api-token"] = {"password": secret, "role": f"API token of {firm.name} (Authorization: Bearer …)"}
    path.write_text(json.dumps(logins, ensure_ascii=False, indent=1))
    path.chmod(0o600)

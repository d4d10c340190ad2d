"""Background entry points for rendering; they take ids and are safe to run twice."""

from __future__ import annotations

from flask import current_app
from sqlmodel import Session

from legalops.db import commit
from legalops.documents.models import Filing
from legalops.documents.render import get_renderer
from legalops.documents.services import record_render_failure, render_filing


def render_filing_job_id(filing_id: int) -> str:
    """Return the deterministic job id of rendering one filing (a double click queues once)."""
    return f"render-filing-{filing_id}"


def render_filing_job(session: Session, record) -> dict:
    """Render the filing named in the job's args; a re-run rewrites the same files, never a second filing."""
    filing = session.get(Filing, record.args["filing_id"])
    if filing is None:
        return {"filing_id": record.args["filing_id"], "missing": True}
    try:
        render_filing(session, filing, get_renderer(), current_app.config["STORAGE_DIR"])
    except Exception as exc:
        session.rollback()
        filing = session.get(Filing, record.args["filing_id"])
        record_render_failure(session, filing, f"{type(exc).__name__}: {exc}")
        commit(session)
        raise
    return {"filing_id": filing.id, "docx_sha256": filing.docx_sha256, "pdf_sha256": filing.pdf_sha256}

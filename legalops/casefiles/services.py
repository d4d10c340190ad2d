"""Store an uploaded court document after the gate has accepted its content."""

from __future__ import annotations

import hashlib

from sqlmodel import Session

from legalops.audit.services import record
from legalops.auth.models import User
from legalops.casefiles.gate import check_upload
from legalops.casefiles.models import CaseDocument, DocumentKind
from legalops.cases.models import Case
from legalops.core.errors import FieldErrors
from legalops.core.i18n import N_
from legalops.documents.storage import store_bytes

MAX_TITLE = 200


def upload_case_document(session: Session, case: Case, *, data: bytes, filename: str, kind: str, title: str,
                         actor: User, storage_dir: str, max_bytes: int) -> CaseDocument:
    """Check an upload by content, store it under its sha256 and record it on the case."""
    errors = {}
    if kind not in DocumentKind.__members__:
        errors["kind"] = N_("Choose one of the listed options.")
    title = " ".join((title or "").split()) or _stem(filename)
    if not title:
        errors["title"] = N_("This field is required.")
    elif len(title) > MAX_TITLE:
        errors["title"] = N_("The title is too long (at most 200 characters).")
    if errors:
        raise FieldErrors(errors)
    accepted = check_upload(data, filename or "", max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    relative = f"casefiles/{digest[:2]}/{digest}.{accepted.ext}"
    # Content-addressed: a retried or repeated upload rewrites the same bytes under the same name.
    store_bytes(storage_dir, relative, data)
    document = CaseDocument(case_id=case.id, kind=kind, title=title, original_name=(filename or "")[:255],
                            storage_path=relative, sha256=digest, size=len(data), mime=accepted.mime,
                            uploaded_by_id=actor.id, firm_id=actor.firm_id)
    session.add(document)
    session.flush()
    # Own key names: the trail's shared labels already use "title" and "kind" for other objects.
    record(session, actor, "create", document, summary=title,
           after={"document_kind": kind, "document_title": title, "original_name": document.original_name,
                  "size": document.size, "mime": document.mime, "sha256": digest})
    return document


def _stem(filename: str | None) -> str:
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0][:MAX_TITLE].strip()

"""Ids for the route matrix: a court document, a pending firm update and an API token on the matrix's case."""

from __future__ import annotations

from support.uploads import pdf_bytes

from legalops.casefiles.services import upload_case_document
from legalops.portal.services import propose_update
from legalops.portal.tokens import issue_token


def portal_ids(app, session, case, firm_user, counsel) -> dict:
    """Create the portal's objects on `case` and return the ids its routes take."""
    from legalops.auth.models import Firm

    document = upload_case_document(session, case, data=pdf_bytes(), filename="judgment.pdf", kind="judgment",
                                    title="判决书", actor=firm_user, storage_dir=app.config["STORAGE_DIR"],
                                    max_bytes=1024 * 1024)
    update = propose_update(session, case, firm_user, "filed",
                            {"court_name": "上海市浦东新区人民法院", "court_case_number": "(2026)沪0115民初1234号",
                             "filed_on": "2026-03-02", "jurisdiction_basis": "defendant_domicile"}, document.id)
    _secret, token = issue_token(session, session.get(Firm, firm_user.firm_id), counsel)
    session.commit()
    return {"document_id": document.id, "update_id": update.id, "token_id": token.id}

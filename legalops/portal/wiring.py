"""Mount the portal's browser pages (court documents, firm updates, review queue, API tokens) on the app."""

from __future__ import annotations

from flask import Flask

from legalops.audit import labels
from legalops.core.i18n import N_

# The portal owns these labels; it adds them to the audit trail's tables instead of editing them.
ACTIONS = {"propose": N_("Update proposed"), "accept": N_("Update accepted"), "reject": N_("Update rejected"),
           "revoke": N_("Revoked")}
OBJECTS = {"case_document": N_("Court document"), "case_update": N_("Firm update"), "firm_token": N_("API token")}
FIELDS = {"document_title": N_("Document title"), "document_kind": N_("Document type"), "original_name": N_("Original file"), "size": N_("Size"), "author": N_("Posted by"),
          "reviewer": N_("Reviewed by"), "status": N_("Status"), "prefix": N_("Token"), "filed_on": N_("Filed on"),
          "text": N_("Note")}


def register_portal(app: Flask) -> None:
    """Register the court-document, firm-update and API-token blueprints."""
    from legalops.casefiles.views import bp as casefiles_bp
    from legalops.portal.token_views import bp as tokens_bp
    from legalops.portal.views import bp as portal_bp

    for bp in (casefiles_bp, portal_bp, tokens_bp):
        app.register_blueprint(bp)
    for table, extra in ((labels.ACTION_LABELS, ACTIONS), (labels.OBJECT_LABELS, OBJECTS),
                         (labels.FIELD_LABELS, FIELDS)):
        for key, label in extra.items():
            table.setdefault(key, label)

"""Court forms built from the assessment layer: registered with the cases' form builders by the app factory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from legalops.assessment.evidence_list import build_evidence_list
from legalops.assessment.memo_document import build_assessment_memo
from legalops.assessment.settings import AssessmentSettings
from legalops.assessment.statement import build_claim_statement
from legalops.cases.documents import register_form_builder


def register_form_builders(config: Mapping[str, Any]) -> None:
    """Register the claim statement, evidence list and assessment memo builders with the app's settings."""
    settings = AssessmentSettings.from_dict(config.get("ASSESSMENT_SETTINGS"))
    register_form_builder("claim_statement",
                          lambda session, case, today: build_claim_statement(session, case, today,
                                                                             settings=settings.calculators))
    register_form_builder("evidence_list", build_evidence_list)
    register_form_builder("assessment_memo",
                          lambda session, case, today: build_assessment_memo(session, case, today, settings))

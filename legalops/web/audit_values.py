"""Show the audit trail's stored values (roles, kinds, statuses, stages) by their labels, translated."""

from __future__ import annotations

from legalops.assessment.evidence import EVIDENCE_KINDS, EVIDENCE_STATUSES
from legalops.assessment.schemas import EVENT_KINDS as ASSESSMENT_EVENT_KINDS
from legalops.audit.labels import Label, register_value_labels, summary_parts, visible_changes
from legalops.auth.models import ROLE_LABELS
from legalops.cases import labels as case_labels
from legalops.cases.demand_models import METHOD_LABELS
from legalops.cases.stages import STAGE_LABELS
from legalops.core.i18n import N_
from legalops.deadlines.models import KIND_LABELS as DEADLINE_KINDS
from legalops.disposal.schemas import (
    ENCUMBRANCE_KINDS,
    OBJECTION_OUTCOMES,
    PRICE_METHODS,
    ROUND_MODES,
    ROUND_STATUSES,
)
from legalops.ledger.models import SOURCES
from legalops.litigation import labels as lit
from legalops.ui.forms import translate


def register_audit_values() -> None:
    """Register the domains' label dictionaries with the audit trail (idempotent)."""
    register_value_labels("role", case_labels.DEBTOR_ROLES, "case_party")
    register_value_labels("role", ROLE_LABELS, "user")
    register_value_labels("kind", case_labels.PARTY_KINDS, "party")
    register_value_labels("id_type", case_labels.ID_TYPES)
    register_value_labels("kind", case_labels.COLLATERAL_KINDS, "collateral")
    register_value_labels("repayment_method", case_labels.REPAYMENT_METHODS)
    register_value_labels("stage", STAGE_LABELS)
    register_value_labels("kind", DEADLINE_KINDS, "deadline")
    register_value_labels("kind", ASSESSMENT_EVENT_KINDS, "case_event")
    register_value_labels("kind", EVIDENCE_KINDS, "assessment_evidence")
    register_value_labels("status", EVIDENCE_STATUSES, "assessment_evidence")
    register_value_labels("kind", lit.EVENT_KINDS, "litigation_event")
    register_value_labels("kind", lit.MEASURE_KINDS, "measure")
    register_value_labels("status", lit.MEASURE_STATUSES, "measure")
    register_value_labels("kind", lit.LEAD_KINDS, "property_lead")
    register_value_labels("status", lit.LEAD_STATUSES, "property_lead")
    register_value_labels("status", lit.ENFORCEMENT_STATUSES, "enforcement_case")
    register_value_labels("method", METHOD_LABELS, "demand_delivery")
    register_value_labels("method", PRICE_METHODS, "reference_price")
    register_value_labels("mode", ROUND_MODES, "auction_round")
    register_value_labels("status", ROUND_STATUSES, "auction_round")
    register_value_labels("kind", ENCUMBRANCE_KINDS, "encumbrance")
    register_value_labels("outcome", OBJECTION_OUTCOMES, "price_objection")
    register_value_labels("source", SOURCES, "ledger_entry")


def _shown(value: object) -> object:
    return translate(value) if isinstance(value, Label) else value


def audit_changes(before: dict | None, after: dict | None, object_type: str | None = None) -> list:
    """Return (translated field label, old, new) with labelled values translated, for templates."""
    return [(translate(label), _shown(old), _shown(new))
            for label, old, new in visible_changes(before, after, object_type)]


def audit_summary(entry) -> str:
    """Return an entry's summary with its stored keys shown by their translated labels."""
    return " ".join(str(_shown(part)) for part in summary_parts(entry.object_type, entry.summary or ""))


def audit_actor(entry) -> str:
    """Return who acted: the user's name, or "System" (translated) for jobs and commands."""
    if entry.actor_id is None and entry.actor_name == "system":
        return translate(N_("System"))
    return entry.actor_name

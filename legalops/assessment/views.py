"""Assessment routes for one case: claims, evidence, events, facts, route, estimate, decision and memo."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, url_for
from flask_babel import gettext as _

from legalops.assessment import queries, services
from legalops.assessment.evidence import EVIDENCE_KINDS, EVIDENCE_STATUSES
from legalops.assessment.findings import build_findings
from legalops.assessment.memo import gather_memo
from legalops.assessment.models import AssessmentStatus
from legalops.assessment.policies import can_decide_assessment, can_prepare_assessment, can_view_assessment
from legalops.assessment.routes import ROUTES
from legalops.assessment.schemas import (
    EVENT_KINDS,
    EXPECTED_ROUNDS,
    DecisionIn,
    EventIn,
    EvidenceLineIn,
    FactsIn,
)
from legalops.assessment.settings import AssessmentSettings
from legalops.auth.web import me
from legalops.cases import labels as case_labels
from legalops.cases.queries import get_case, list_debtors
from legalops.cases.stages import STAGE_LABELS
from legalops.cases.views import case_route
from legalops.core.clock import today
from legalops.core.errors import FieldErrors
from legalops.core.i18n import N_
from legalops.core.validation import validate
from legalops.db import get_session
from legalops.ui.forms import submit

bp = Blueprint("assessment", __name__, url_prefix="/cases/<int:case_id>/assessment")


def _settings() -> AssessmentSettings:
    return AssessmentSettings.from_dict(current_app.config.get("ASSESSMENT_SETTINGS"))


def _context(case_id: int) -> dict:
    """Gather what the page and the memo show: frozen findings once submitted, live ones while drafting."""
    db = get_session()
    case = get_case(db, me(), case_id)
    memo = gather_memo(db, case, today(), _settings())
    assessment = memo["assessment"]
    debtors = list_debtors(db, case)
    may_decide = (can_decide_assessment(me()) and assessment is not None
                  and assessment.status == AssessmentStatus.submitted and assessment.prepared_by_id != me().id)
    return {
        **memo,
        "debtor_names": {link.id: party.name for link, party in debtors},
        "debtor_choices": [(link.id, party.name) for link, party in debtors],
        "can_prepare": can_prepare_assessment(me()), "can_decide": may_decide,
        "evidence_kinds": EVIDENCE_KINDS, "evidence_statuses": EVIDENCE_STATUSES, "event_kinds": EVENT_KINDS,
        "expected_rounds": EXPECTED_ROUNDS, "route_labels": ROUTES, "stages": STAGE_LABELS,
        "debtor_roles": case_labels.DEBTOR_ROLES,
    }


def _facts_form(assessment) -> dict:
    if assessment is None:
        return {"debtor_reachable": True, "expected_round": "1"}
    return assessment.model_dump()


def _page(case_id: int, errors: dict | None = None, form: dict | None = None, section: str = ""):
    context = _context(case_id)
    facts = form if section == "facts" and form is not None else _facts_form(context["assessment"])
    return render_template("assessment/show.html", errors=errors or {}, form=form or {}, section=section,
                           facts=facts, **context)


def _back(case_id: int, anchor: str) -> str:
    return url_for("assessment.show", case_id=case_id) + anchor


@bp.get("")
@case_route(can_view_assessment)
def show(case_id: int):
    """Show the case's assessment: claim status per debtor, evidence, events, route, estimate, decision."""
    return _page(case_id)


@bp.get("/memo")
@case_route(can_view_assessment)
def memo(case_id: int):
    """Show the assessment memo as a printable page."""
    return render_template("assessment/memo.html", **_context(case_id))


@bp.post("/facts")
@case_route(can_prepare_assessment)
def facts(case_id: int):
    """Record the facts that drive the route and the estimate."""
    case = get_case(get_session(), me(), case_id)

    def save(db, form):
        services.save_facts(db, case, validate(FactsIn, form), me())
        return _back(case_id, "#facts")

    return submit(lambda errors, form: _page(case_id, errors, form, "facts"), save, done=_("Saved."))


@bp.post("/evidence")
@case_route(can_prepare_assessment)
def evidence(case_id: int):
    """Record the evidence checklist: present, missing, doubtful or not applicable, with notes."""
    case = get_case(get_session(), me(), case_id)

    def save(db, form):
        lines, errors = {}, {}
        for kind in EVIDENCE_KINDS:
            if f"{kind}_status" not in form:
                continue
            try:
                lines[kind] = validate(EvidenceLineIn, {"status": form.get(f"{kind}_status"),
                                                        "note": form.get(f"{kind}_note")}, prefix=f"{kind}_")
            except FieldErrors as exc:
                errors.update(exc.errors)
        if errors or not lines:
            raise FieldErrors(errors or {"__all__": N_("Choose a status for each line.")})
        services.save_evidence(db, case, lines, me())
        return _back(case_id, "#evidence")

    return submit(lambda errors, form: _page(case_id, errors, form, "evidence"), save, done=_("Saved."))


@bp.post("/events")
@case_route(can_prepare_assessment)
def event_add(case_id: int):
    """Record a dated event for one debtor or all of them."""
    case = get_case(get_session(), me(), case_id)

    def save(db, form):
        services.add_event(db, case, validate(EventIn, form), me())
        return _back(case_id, "#events")

    return submit(lambda errors, form: _page(case_id, errors, form, "events"), save, done=_("Event recorded."))


@bp.post("/events/delete")
@case_route(can_prepare_assessment)
def event_delete(case_id: int):
    """Remove an event entered by mistake."""
    case = get_case(get_session(), me(), case_id)

    def save(db, form):
        raw = form.get("event_id", "")
        event = queries.get_event(db, case, int(raw) if raw.isdigit() else None)
        services.delete_event(db, case, event, me())
        return _back(case_id, "#events")

    return submit(lambda errors, form: _page(case_id, errors, form, "events"), save, done=_("Removed."))


@bp.post("/submit")
@case_route(can_prepare_assessment)
def submit_for_decision(case_id: int):
    """Submit the assessment for a go / no-go decision, freezing its findings."""
    db = get_session()
    case = get_case(db, me(), case_id)

    def save(db, form):
        as_of = today()
        findings = build_findings(db, case, queries.get_assessment(db, case), as_of, _settings())
        services.submit_assessment(db, case, findings, as_of, me())
        return _back(case_id, "#decision")

    return submit(lambda errors, form: _page(case_id, errors, form, "submit"), save,
                  done=_("Submitted for decision."))


@bp.post("/decision")
@case_route(can_decide_assessment)
def decision(case_id: int):
    """Record the approver's go / no-go; a go moves the case to litigation or settlement."""
    case = get_case(get_session(), me(), case_id)

    def save(db, form):
        services.decide(db, case, validate(DecisionIn, form), me())
        return _back(case_id, "#decision")

    return submit(lambda errors, form: _page(case_id, errors, form, "decision"), save, done=_("Decision recorded."))

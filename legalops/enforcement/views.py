"""Enforcement page of a case: enforcement case, measures with renewals, leads, court receipts, 终本/执恢/closure."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, url_for
from flask_babel import gettext as _

from legalops.assessment.settings import AssessmentSettings
from legalops.auth.web import me
from legalops.cases.queries import get_case
from legalops.cases.stages import STAGE_LABELS
from legalops.cases.views import case_route
from legalops.core.clock import today
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.core.validation import validate
from legalops.db import get_session
from legalops.enforcement import queries, services
from legalops.enforcement.interest import delayed_performance_interest
from legalops.enforcement.schemas import (
    ClosureIn,
    CourtReceiptIn,
    EnforcementCaseIn,
    LeadStatusIn,
    MeasureIn,
    PropertyLeadIn,
    RenewalIn,
    ResumptionIn,
    TerminationIn,
)
from legalops.litigation import labels
from legalops.litigation import queries as litigation_queries
from legalops.litigation.measures import measure_clocks
from legalops.litigation.policies import can_record_litigation, can_view_litigation
from legalops.litigation.views import parties_of
from legalops.ui.forms import submit

bp = Blueprint("enforcement", __name__, url_prefix="/cases/<int:case_id>/enforcement")


def _settings():
    return AssessmentSettings.from_dict(current_app.config.get("ASSESSMENT_SETTINGS")).calculators


def _context(case_id: int) -> dict:
    db = get_session()
    case = get_case(db, me(), case_id)
    measures = litigation_queries.list_measures(db, case)
    receipts = queries.list_receipts(db, case.id)
    return {
        "case": case, "procedures": queries.list_enforcement_cases(db, case),
        "current": queries.current_enforcement(db, case.id),
        "judgment": litigation_queries.latest_judgment(db, case.id),
        "measures": [(m, *measure_clocks(m, _settings())) for m in measures],
        "renewals": litigation_queries.list_renewals(db, [m.id for m in measures]),
        "leads": queries.list_leads(db, case.id), "receipts": receipts,
        "received": sum((r.amount for r in receipts), start=0),
        "interest": delayed_performance_interest(db, case.id, today(), _settings()),
        "party_choices": [(pid, name) for pid, name, _r in parties_of(db, case)[1:]],
        "can_edit": can_record_litigation(me()), "labels": labels, "stages": STAGE_LABELS,
        "renew_endpoint": "enforcement.renew", "today": today(),
    }


def _page(case_id: int, errors: dict | None = None, form: dict | None = None, section: str = ""):
    return render_template("enforcement/show.html", errors=errors or {}, form=form or {}, section=section,
                           **_context(case_id))


def _post(case_id: int, section: str, anchor: str, action, done: str):
    """Validate and run `action(db, case, form)`, commit once, or re-render the page with the errors."""
    def save(db, form):
        action(db, get_case(db, me(), case_id), form)
        return url_for("enforcement.show", case_id=case_id) + anchor
    return submit(lambda errors, form: _page(case_id, errors, form, section), save, done=done)


def _id(form: dict, name: str) -> int:
    raw = form.get(name, "")
    if not raw.isdigit():
        raise DomainError(N_("Choose one of the listed options."), field=name)
    return int(raw)


@bp.get("")
@case_route(can_view_litigation)
def show(case_id: int):
    """Show the enforcement record of the case and the delayed-performance interest to today."""
    return _page(case_id)


@bp.post("/open")
@case_route(can_record_litigation)
def open_case(case_id: int):
    """Record the application for enforcement and the court's enforcement case."""
    return _post(case_id, "open", "#procedures", lambda db, case, form: services.open_enforcement(
        db, case, validate(EnforcementCaseIn, form), me()), _("Enforcement case recorded."))


@bp.post("/measures")
@case_route(can_record_litigation)
def measure(case_id: int):
    """Record a freeze, seizure or attachment in enforcement."""
    return _post(case_id, "measure", "#measures", lambda db, case, form: services.record_measure(
        db, case, validate(MeasureIn, form), me(), _settings()), _("Measure recorded."))


@bp.post("/measures/renew")
@case_route(can_record_litigation)
def renew(case_id: int):
    """Renew a measure (续行) for a new term; the old term stays in its history."""
    def action(db, case, form):
        item = litigation_queries.get_measure(db, case, _id(form, "measure_id"))
        services.renew_measure(db, case, item, validate(RenewalIn, form), me(), _settings())
    return _post(case_id, "renew", "#measures", action, _("Measure renewed."))


@bp.post("/measures/release")
@case_route(can_record_litigation)
def release(case_id: int):
    """Record that a measure was released or lapsed."""
    def action(db, case, form):
        item = litigation_queries.get_measure(db, case, _id(form, "measure_id"))
        services.release_measure(db, case, item, me(), form.get("status", "released"))
    return _post(case_id, "renew", "#measures", action, _("Measure updated."))


@bp.post("/leads")
@case_route(can_record_litigation)
def lead(case_id: int):
    """Record a property lead."""
    return _post(case_id, "lead", "#leads", lambda db, case, form: services.record_property_lead(
        db, case, validate(PropertyLeadIn, form), me()), _("Property lead recorded."))


@bp.post("/leads/status")
@case_route(can_record_litigation)
def lead_status(case_id: int):
    """Record how far a property lead has been followed."""
    def action(db, case, form):
        item = queries.get_lead(db, case, _id(form, "lead_id"))
        services.update_lead_status(db, case, item, validate(LeadStatusIn, form), me())
    return _post(case_id, "lead", "#leads", action, _("Saved."))


@bp.post("/receipts")
@case_route(can_record_litigation)
def receipt(case_id: int):
    """Record enforcement money received through the court."""
    return _post(case_id, "receipt", "#receipts", lambda db, case, form: services.record_court_receipt(
        db, case, validate(CourtReceiptIn, form), me()), _("Receipt recorded."))


@bp.post("/terminate")
@case_route(can_record_litigation)
def terminate(case_id: int):
    """Record the termination of the current procedure (终本)."""
    return _post(case_id, "terminate", "#procedures", lambda db, case, form: services.terminate_enforcement(
        db, case, validate(TerminationIn, form), me()), _("Termination of the current procedure recorded."))


@bp.post("/resume")
@case_route(can_record_litigation)
def resume(case_id: int):
    """Record the resumption of enforcement (执恢)."""
    return _post(case_id, "resume", "#procedures", lambda db, case, form: services.resume_enforcement(
        db, case, validate(ResumptionIn, form), me()), _("Enforcement resumed."))


@bp.post("/close")
@case_route(can_record_litigation)
def close(case_id: int):
    """Close enforcement for good."""
    return _post(case_id, "close", "#procedures", lambda db, case, form: services.close_enforcement(
        db, case, validate(ClosureIn, form), me()), _("Enforcement closed."))

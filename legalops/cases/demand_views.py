"""Demand letters of a case: record when and how each was delivered; the debt's acquisition and the agent."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from legalops.auth.policies import can_edit_cases
from legalops.auth.web import me
from legalops.cases import demands, queries
from legalops.cases.demand_models import METHOD_LABELS
from legalops.cases.filing_policies import can_generate_filings
from legalops.cases.views import case_route
from legalops.core.errors import Conflict, DomainError
from legalops.core.validation import validate
from legalops.db import commit, get_session
from legalops.documents.models import Filing
from legalops.ui.forms import error_dict

bp = Blueprint("demands", __name__, url_prefix="/cases")


def _page(case, errors: dict | None = None, form: dict | None = None, status: int = 200):
    db = get_session()
    letters = db.execute(select(Filing).where(Filing.case_id == case.id, Filing.form_key == "demand_letter")
                         .order_by(Filing.version_number)).scalars().all()
    user = me()
    return render_template(
        "cases/demands.html", case=case, deliveries=demands.list_deliveries(db, case),
        addressees=demands.addressees(db, case), letters=letters, methods=METHOD_LABELS, errors=errors or {},
        form=form or {}, can_record=can_generate_filings(user), can_edit=can_edit_cases(user),
    ), status


def _save(case, action, anchor: str, done: str):
    db = get_session()
    form = request.form.to_dict()
    try:
        action(db, form)
    except DomainError as exc:
        db.rollback()
        return _page(case, error_dict(exc), form, 409 if isinstance(exc, Conflict) else 422)
    commit(db)
    flash(done)
    return redirect(url_for("demands.index", case_id=case.id) + anchor)


@bp.get("/<int:case_id>/demands")
@case_route(lambda u: True)
def index(case_id: int):
    """List the demands delivered on the case, with the forms to record one and the debt's acquisition."""
    return _page(queries.get_case(get_session(), me(), case_id))


@bp.post("/<int:case_id>/demands")
@case_route(can_generate_filings)
def record(case_id: int):
    """Record a delivered demand (it interrupts the addressee's limitation period)."""
    case = queries.get_case(get_session(), me(), case_id)

    def action(db, form):
        demands.record_delivery(db, case, validate(demands.DeliveryIn, form), me())
    return _save(case, action, "#deliveries", _("Delivery recorded."))


@bp.post("/<int:case_id>/demands/<int:delivery_id>/delete")
@case_route(can_edit_cases)
def delete(case_id: int, delivery_id: int):
    """Remove a delivery recorded by mistake."""
    db = get_session()
    case = queries.get_case(db, me(), case_id)
    delivery = demands.get_delivery(db, case, delivery_id)

    def action(db, form):
        demands.delete_delivery(db, case, delivery, me())
    return _save(case, action, "#deliveries", _("Delivery removed."))


@bp.post("/<int:case_id>/acquisition")
@case_route(can_edit_cases)
def acquisition(case_id: int):
    """Record whether the debt was bought by assignment, and the lawyer who acts as agent."""
    case = queries.get_case(get_session(), me(), case_id)

    def action(db, form):
        data = dict(form, acquired_by_assignment=form.get("acquired_by_assignment") == "on")
        version = form.get("version")
        demands.update_acquisition(db, case, validate(demands.AcquisitionIn, data), me(),
                                   int(version) if version and version.isdigit() else None)
    return _save(case, action, "#acquisition", _("Saved."))

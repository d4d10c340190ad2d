"""Disposal routes of one case: items, reference prices, objections, encumbrances, rounds, outcomes, receipts."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _

from legalops.auth.web import me
from legalops.cases import labels as case_labels
from legalops.cases.queries import get_case, get_collateral, list_collateral
from legalops.cases.stages import STAGE_LABELS
from legalops.cases.views import case_route
from legalops.core.clock import today
from legalops.core.errors import FieldErrors
from legalops.core.validation import validate
from legalops.db import get_session
from legalops.disposal import queries, receipts, services
from legalops.disposal.overview import item_view
from legalops.disposal.policies import can_edit_disposal, can_record_receipt, can_view_disposal
from legalops.disposal.schemas import (
    ENCUMBRANCE_KINDS,
    OBJECTION_OUTCOMES,
    PRICE_METHODS,
    QUOTE_ROWS,
    ROUND_MODES,
    ROUND_STATUSES,
    EncumbranceIn,
    ObjectionDecisionIn,
    ObjectionIn,
    OutcomeIn,
    QuoteIn,
    ReceiptIn,
    ReferencePriceIn,
    RoundIn,
)
from legalops.ledger.models import SOURCES
from legalops.ui.forms import submit, translate, validate_rows

bp = Blueprint("disposal", __name__, url_prefix="/cases/<int:case_id>/disposal")
LABELS = {"methods": PRICE_METHODS, "modes": ROUND_MODES, "statuses": ROUND_STATUSES,
          "encumbrance_kinds": ENCUMBRANCE_KINDS, "outcomes": OBJECTION_OUTCOMES, "sources": SOURCES}


@bp.get("")
@case_route(can_view_disposal)
def index(case_id: int):
    """List the case's collateral items with their current reference price and rounds."""
    db = get_session()
    case = get_case(db, me(), case_id)
    on = today()
    items = [item_view(db, case, item, on) for item in list_collateral(db, case)]
    return render_template("disposal/index.html", case=case, items=items, stages=STAGE_LABELS,
                           kinds=case_labels.COLLATERAL_KINDS, today=on, **LABELS)


def _page(case_id: int, item_id: int, errors: dict | None = None, form: dict | None = None, section: str = ""):
    db = get_session()
    case = get_case(db, me(), case_id)
    item = get_collateral(db, case, item_id)
    on = today()
    view = item_view(db, case, item, on)
    expected = {r.id: receipts.expected_receipt(db, case, item, r, on) for r in view["rounds"]}
    return render_template("disposal/item.html", case=case, v=view, errors=errors or {}, form=form or {},
                           section=section, can_edit=can_edit_disposal(me()), can_receive=can_record_receipt(me()),
                           expected=expected, kinds=case_labels.COLLATERAL_KINDS, today=on, quote_rows=QUOTE_ROWS,
                           default_reference=receipts.default_reference, payment_day=receipts.payment_day,
                           stages=STAGE_LABELS, **LABELS)


@bp.get("/items/<int:item_id>")
@case_route(can_view_disposal)
def item(case_id: int, item_id: int):
    """Show one item: reference prices, encumbrances, rounds, next steps and the distribution of a sale."""
    return _page(case_id, item_id)


def _back(case_id: int, item_id: int, anchor: str) -> str:
    return url_for("disposal.item", case_id=case_id, item_id=item_id) + anchor


def _post(case_id: int, item_id: int, section: str, action, done: str):
    """Run `action(db, case, item, form)` as one unit of work, re-rendering the page with errors on refusal."""
    db = get_session()
    case = get_case(db, me(), case_id)
    found = get_collateral(db, case, item_id)

    def save(db, form):
        action(db, case, found, form)
        return _back(case_id, item_id, f"#{section}")

    return submit(lambda errors, form: _page(case_id, item_id, errors, form, section), save, done=done)


def _quotes(form: dict) -> list[QuoteIn]:
    """Read the online-inquiry rows that have anything typed in them, blaming fields by row."""
    rows = [(n, {key: form.get(f"{key}_{n}", "") for key in ("platform", "amount", "reported_on")})
            for n in range(1, QUOTE_ROWS + 1)]
    return validate_rows(QuoteIn, [(n, row) for n, row in rows if any(value.strip() for value in row.values())])


@bp.post("/items/<int:item_id>/prices")
@case_route(can_edit_disposal)
def price_add(case_id: int, item_id: int):
    """Record a reference-price determination (online inquiry: each platform's figure)."""
    def action(db, case, found, form):
        quotes = _quotes(form) if form.get("method") == "online_inquiry" else []
        fields = {k: v for k, v in form.items() if k in ReferencePriceIn.model_fields}
        services.add_reference_price(db, case, found, validate(ReferencePriceIn, dict(fields, quotes=quotes)), me())

    return _post(case_id, item_id, "prices", action, _("Reference price recorded."))


@bp.post("/items/<int:item_id>/objections")
@case_route(can_edit_disposal)
def objection_add(case_id: int, item_id: int):
    """Record a party's objection to a reference price and its outcome."""
    def action(db, case, found, form):
        services.save_objection(db, case, validate(ObjectionIn, form), me())

    return _post(case_id, item_id, "prices", action, _("Objection recorded."))


@bp.post("/items/<int:item_id>/objections/decide")
@case_route(can_edit_disposal)
def objection_decide(case_id: int, item_id: int):
    """Enter the decision on a pending objection (upheld sets the price aside)."""
    db = get_session()
    case = get_case(db, me(), case_id)
    raw = request.form.get("objection_id", "").strip()
    if raw:
        # Another case's (or item's) objection is not found, like another firm's case; an empty form is refused below.
        queries.get_objection(db, case, get_collateral(db, case, item_id), int(raw) if raw.isdigit() else None)

    def action(db, case, found, form):
        services.decide_objection(db, case, found, validate(ObjectionDecisionIn, form), me())

    return _post(case_id, item_id, "prices", action, _("Decision recorded."))


@bp.post("/items/<int:item_id>/encumbrances")
@case_route(can_edit_disposal)
def encumbrance_add(case_id: int, item_id: int):
    """Record another creditor's mortgage, pledge or priority on the item."""
    def action(db, case, found, form):
        services.add_encumbrance(db, case, found, validate(EncumbranceIn, form), me())

    return _post(case_id, item_id, "encumbrances", action, _("Encumbrance recorded."))


@bp.post("/items/<int:item_id>/encumbrances/delete")
@case_route(can_edit_disposal)
def encumbrance_delete(case_id: int, item_id: int):
    """Remove an encumbrance entered by mistake."""
    def action(db, case, found, form):
        raw = form.get("encumbrance_id", "")
        services.delete_encumbrance(db, case, int(raw) if raw.isdigit() else None, me())

    return _post(case_id, item_id, "encumbrances", action, _("Removed."))


@bp.post("/items/<int:item_id>/rounds")
@case_route(can_edit_disposal)
def round_add(case_id: int, item_id: int):
    """Enter an auction round; the statutory floors and periods are checked, an override needs a reason."""
    def action(db, case, found, form):
        try:
            services.add_round(db, case, found, validate(RoundIn, form), me())
        except services.RoundRefused as exc:
            # Each refusal names its rule; the citation follows the translated message.
            raise FieldErrors({v["field"]: f"{translate(v['message'], **v['params'])} — {v['citation']}"
                               for v in reversed(exc.violations)}) from exc

    return _post(case_id, item_id, "rounds", action, _("Auction round recorded."))


@bp.post("/items/<int:item_id>/outcome")
@case_route(can_edit_disposal)
def outcome(case_id: int, item_id: int):
    """Record a round's status, bids, buyer, payment deadline and ruling."""
    def action(db, case, found, form):
        services.record_outcome(db, case, validate(OutcomeIn, form), me())

    return _post(case_id, item_id, "rounds", action, _("Round updated."))


@bp.post("/items/<int:item_id>/receipt")
@case_route(can_record_receipt)
def receipt(case_id: int, item_id: int):
    """Post the proceeds of a sold round (or an accepted item) to the recovery ledger."""
    def action(db, case, found, form):
        receipts.record_receipt(db, case, validate(ReceiptIn, form), me())

    return _post(case_id, item_id, "distribution", action, _("Receipt recorded in the ledger."))


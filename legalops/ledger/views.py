"""Case ledger page: the claim to a chosen date, entries with allocations, post, reverse, costs, settlement plans."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from legalops.auth.web import me
from legalops.cases import queries as case_queries
from legalops.cases.labels import DEBTOR_ROLES
from legalops.cases.views import case_route
from legalops.core.clock import today
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.core.money import parse_amount
from legalops.db import commit, get_session
from legalops.ledger import queries, services, settlement
from legalops.ledger.allocation import ORDER_LABELS, PART_LABELS, PARTS
from legalops.ledger.claims import compute_claim
from legalops.ledger.models import SOURCES
from legalops.ledger.policies import can_post_recovery, can_reverse_entry, can_view_ledger
from legalops.ui.forms import error_dict

bp = Blueprint("ledger", __name__, url_prefix="/cases/<int:case_id>/ledger")


def form_date(raw: str | None, field: str) -> dt.date:
    """Parse a YYYY-MM-DD form value or refuse it naming the field."""
    try:
        return dt.date.fromisoformat((raw or "").strip())
    except ValueError:
        raise DomainError(N_("Enter a date as YYYY-MM-DD."), field=field) from None


def form_amount(raw: str | None, field: str = "amount"):
    """Parse an amount typed in a form or refuse it naming the field."""
    try:
        return parse_amount(raw)
    except ValueError:
        raise DomainError(N_("Enter an amount in yuan with at most two decimal places."), field=field) from None


def _page(case_id: int, errors: dict | None = None, form: dict | None = None, status: int = 200):
    db = get_session()
    case = case_queries.get_case(db, me(), case_id)
    try:
        as_of = dt.date.fromisoformat(request.args.get("as_of", ""))
    except ValueError:
        as_of = today()
    claim = compute_claim(db, case.id, as_of)
    plans = [(plan, settlement.instalment_statuses(db, plan, today())) for plan in settlement.list_plans(db, case.id)]
    debtors = [(party.id, party.name) for link, party in case_queries.list_debtors(db, case)
               if party.id != case.creditor_id]
    return render_template(
        "ledger/case.html", case=case, claim=claim, as_of=as_of, parts=PARTS, part_labels=PART_LABELS,
        entries=queries.list_entries(db, case.id), liabilities=queries.debtor_liabilities(db, case, claim),
        plans=plans, status_labels=settlement.STATUS_LABELS, sources=SOURCES, orders=ORDER_LABELS, debtors=debtors,
        can_post=can_post_recovery(me()), can_reverse=can_reverse_entry(me()), errors=errors or {}, form=form or {},
        today=today(), default_order="judgment" if claim.performance_end else "statutory",
        role_labels=DEBTOR_ROLES), status


@bp.get("/")
@case_route(can_view_ledger)
def show(case_id: int):
    """Show the claim broken down to a date, the entries and the settlement plans."""
    return _page(case_id)


def _save(case_id: int, action, done: str):
    """Run `action(db, form)` and commit, then flash `done` and show the ledger; or re-render with the errors."""
    form = request.form.to_dict()
    db = get_session()
    try:
        action(db, form)
    except DomainError as exc:
        db.rollback()
        return _page(case_id, error_dict(exc), form, 422)
    commit(db)
    flash(done)
    return redirect(url_for("ledger.show", case_id=case_id))


@bp.post("/recoveries")
@case_route(can_post_recovery)
def post(case_id: int):
    """Post a recovery; it is allocated at once."""
    def action(db, form):
        debtor = form.get("debtor_party_id") or None
        services.post_recovery(db, case_id=case_id, amount=form_amount(form.get("amount")),
                               received_on=form_date(form.get("received_on"), "received_on"),
                               source=form.get("source", ""), payer=form.get("payer", ""),
                               reference=form.get("reference", ""), actor=me(),
                               debtor_party_id=int(debtor) if debtor and debtor.isdigit() else None,
                               order=form.get("order") or None)
    return _save(case_id, action, _("The recovery was posted and allocated."))


@bp.post("/entries/<int:entry_id>/reverse")
@case_route(can_reverse_entry)
def reverse(case_id: int, entry_id: int):
    """Reverse an entry with a reason (the entry itself never changes)."""
    entry = queries.get_entry(get_session(), case_id, entry_id)
    if entry is None:
        abort(404)
    return _save(case_id, lambda db, form: services.reverse_entry(db, entry, form.get("reason", ""), me()),
                 _("The entry was reversed."))


@bp.post("/costs")
@case_route(can_post_recovery)
def cost(case_id: int):
    """Record a cost of realising the claim."""
    def action(db, form):
        services.add_cost(db, case_id=case_id, kind=form.get("kind", ""), amount=form_amount(form.get("cost_amount"),
                          "cost_amount"), incurred_on=form_date(form.get("incurred_on"), "incurred_on"),
                          description=form.get("description", ""), actor=me())
    return _save(case_id, action, _("The cost was recorded."))


def parse_instalments(text: str) -> list:
    """Parse lines of "YYYY-MM-DD amount" into (date, Decimal) pairs, naming the bad line."""
    rows = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.replace("，", " ").replace(",", " ").split()
        try:
            rows.append((dt.date.fromisoformat(parts[0]), parse_amount("".join(parts[1:]))))
        except (ValueError, IndexError):
            raise DomainError(N_("Line %(line)s: write a date and an amount, such as 2026-03-31 50000.00."),
                              field="instalments", line=number) from None
    return rows


@bp.post("/plans")
@case_route(can_post_recovery)
def plan(case_id: int):
    """Record a settlement plan; its instalments become deadlines and expected recoveries."""
    def action(db, form):
        debtor = form.get("plan_debtor") or None
        settlement.create_plan(db, case_id=case_id, agreed_on=form_date(form.get("agreed_on"), "agreed_on"),
                               instalments=parse_instalments(form.get("instalments", "")), actor=me(),
                               debtor_party_id=int(debtor) if debtor and debtor.isdigit() else None,
                               payer=form.get("plan_payer", ""), note=form.get("note", ""))
    return _save(case_id, action, _("The settlement plan was recorded."))

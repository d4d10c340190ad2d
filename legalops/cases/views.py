"""Case register routes: list and search, create and edit, debtors, loans, collateral, stages, firms."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from legalops.audit.queries import case_timeline
from legalops.auth.models import Firm, Role, User
from legalops.auth.policies import can_assign_firms, can_change_stage, can_edit_cases, can_read_all_cases
from legalops.auth.web import me, requires
from legalops.cases import labels, queries, services
from legalops.cases.schemas import CaseIn, CollateralIn, DebtorIn, LoanIn, StageChangeIn
from legalops.cases.stages import STAGE_LABELS, allowed_next
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.core.validation import validate
from legalops.db import get_session
from legalops.parties.models import Party
from legalops.parties.schemas import PartyIn
from legalops.ui.forms import prefixed, submit

bp = Blueprint("cases", __name__, url_prefix="/cases")


def case_route(predicate):
    """Guard a case-scoped view: signed in, the case visible (else 404), then `predicate(user)` (else 403)."""

    def decorate(view):
        @login_required
        @wraps(view)
        def guarded(case_id: int, **kwargs):
            # Visibility first: a 403 would confirm to another firm's user that the case exists.
            queries.get_case(get_session(), me(), case_id)
            if not predicate(me()):
                abort(403)
            return view(case_id, **kwargs)

        return guarded

    return decorate


def _version(form: dict) -> int | None:
    raw = form.get("version")
    return int(raw) if raw and raw.isdigit() else None


def _choices(db) -> dict:
    counsel = db.execute(select(User).where(User.role.in_([Role.counsel, Role.admin]), User.active)
                         .order_by(User.display_name)).scalars().all()
    firms = db.execute(select(Firm).where(Firm.active).order_by(Firm.name)).scalars().all()
    return {
        "counsel": [(u.id, u.display_name) for u in counsel],
        "firms": [(f.id, f.name) for f in firms],
        "portfolios": [(p.id, p.name) for p in queries.list_portfolios(db)],
        "stages": STAGE_LABELS,
        "labels": labels,
    }


@bp.get("/")
@requires(lambda u: True)
def index():
    """List and search the cases the user may see."""
    db = get_session()
    args = request.args
    filters = queries.CaseFilters(
        q=args.get("q", ""), stage=args.get("stage", ""),
        firm_id=args.get("firm", type=int), portfolio_id=args.get("portfolio", type=int),
        counsel_id=args.get("counsel", type=int), sort=args.get("sort", "updated"),
        descending=args.get("dir", "desc") != "asc",
    )
    page = queries.list_cases(db, me(), filters, page=args.get("page", 1, type=int), per_page=25)
    keep = {k: v for k, v in args.items() if k != "page" and v}
    return render_template("cases/index.html", page=page, filters=filters, keep=keep,
                           staff=can_read_all_cases(me()), **_choices(db))


def _party_from(form: dict, prefix: str = "") -> PartyIn:
    return validate(PartyIn, prefixed(form, prefix) if prefix else form, prefix=prefix)


def _creditor(form: dict) -> PartyIn:
    data = prefixed(form, "creditor_")
    data.update(kind="organisation", id_type="uscc")
    return validate(PartyIn, data, prefix="creditor_")


def _collect(*parsers):
    """Run every parser and report all their field errors together, not just the first form's."""
    from legalops.core.errors import FieldErrors

    results, errors = [], {}
    for parse in parsers:
        try:
            results.append(parse())
        except FieldErrors as exc:
            errors.update(exc.errors)
            results.append(None)
    if errors:
        raise FieldErrors(errors)
    return results


@bp.route("/new", methods=["GET", "POST"])
@requires(can_edit_cases)
def new():
    """Open a case for a creditor."""
    db = get_session()

    def render(errors, form):
        return render_template("cases/form.html", errors=errors, form=form or {"counsel_id": me().id},
                               case=None, **_choices(db))

    def save(db, form):
        data, creditor = _collect(lambda: validate(CaseIn, form), lambda: _creditor(form))
        case = services.open_case(db, data, creditor, me())
        return url_for("cases.show", case_id=case.id)

    return submit(render, save, done=_("The case is open. Add its debtors, loans and collateral."))


@bp.get("/<int:case_id>")
@case_route(lambda u: True)
def show(case_id: int):
    """Show a case with its parties, loans, collateral, stage, assignment and timeline."""
    return _render_show(case_id)


def _render_show(case_id: int):
    db = get_session()
    case = queries.get_case(db, me(), case_id)
    creditor = db.get(Party, case.creditor_id)
    firm = db.get(Firm, case.firm_id) if case.firm_id else None
    counsel = db.get(User, case.counsel_id) if case.counsel_id else None
    return render_template(
        "cases/show.html", case=case, creditor=creditor, firm=firm, counsel_user=counsel,
        debtors=queries.list_debtors(db, case), loans=queries.list_loans(db, case),
        collateral=queries.list_collateral(db, case), timeline=case_timeline(db, case.id),
        next_stages=allowed_next(case.stage), can_edit=can_edit_cases(me()),
        can_stage=can_change_stage(me()), can_assign=can_assign_firms(me()), **_choices(db),
    )


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
@case_route(can_edit_cases)
def edit(case_id: int):
    """Edit a case; a change made meanwhile by someone else is detected, not overwritten."""
    db = get_session()
    case = queries.get_case(db, me(), case_id)
    creditor = db.get(Party, case.creditor_id)

    def render(errors, form):
        if form is None:
            form = case.model_dump()
            form.update({f"creditor_{k}": v for k, v in creditor.model_dump().items()})
        return render_template("cases/form.html", errors=errors, form=form, case=case, **_choices(db))

    def save(db, form):
        data, cred = _collect(lambda: validate(CaseIn, form), lambda: _creditor(form))
        services.update_case(db, case, data, cred, me(), _version(form))
        return url_for("cases.show", case_id=case.id)

    return submit(render, save, done=_("Saved."))


@bp.post("/<int:case_id>/stage")
@case_route(can_change_stage)
def stage(case_id: int):
    """Move the case to another stage."""
    db = get_session()
    case = queries.get_case(db, me(), case_id)

    def save(db, form):
        data = validate(StageChangeIn, form)
        services.change_stage(db, case, data.to, data.reason or "", me(), _version(form))
        return url_for("cases.show", case_id=case.id)

    return submit(lambda errors, form: _show_with_errors(case_id, errors), save, done=_("Stage changed."))


@bp.post("/<int:case_id>/assign")
@case_route(can_assign_firms)
def assign(case_id: int):
    """Instruct a law firm on the case, or withdraw the instruction."""
    db = get_session()
    case = queries.get_case(db, me(), case_id)

    def save(db, form):
        raw = form.get("firm_id", "").strip()
        # Blank withdraws the instruction; anything else that is not a firm id must not withdraw it silently.
        if raw and not raw.isdigit():
            raise DomainError(N_("No such firm."), field="firm_id")
        firm_id = int(raw) if raw else None
        services.assign_firm(db, case, firm_id, me(), note=form.get("note", ""))
        return url_for("cases.show", case_id=case.id)

    return submit(lambda errors, form: _show_with_errors(case_id, errors), save, done=_("Assignment saved."))


def _show_with_errors(case_id: int, errors: dict):
    # The refusal goes out with a 4xx status, so render the case page itself: a redirect
    # carrying a 422 is never followed and the user would see a blank page instead of the reason.
    from flask import flash

    for message in errors.values():
        flash(message, "error")
    return _render_show(case_id)


# --- debtors, loans, collateral: one create/edit/delete trio each -------------------------------

@bp.route("/<int:case_id>/debtors/new", methods=["GET", "POST"])
@bp.route("/<int:case_id>/debtors/<int:link_id>/edit", methods=["GET", "POST"])
@case_route(can_edit_cases)
def debtor(case_id: int, link_id: int | None = None):
    """Add a debtor to the case, or edit one."""
    db = get_session()
    case = queries.get_case(db, me(), case_id)
    link = queries.get_debtor(db, case, link_id) if link_id else None
    party = db.get(Party, link.party_id) if link else None

    def render(errors, form):
        if form is None:
            form = {**party.model_dump(), **link.model_dump()} if link else {"kind": "person", "id_type": "resident_id"}
        return render_template("cases/debtor_form.html", case=case, link=link, party=party, errors=errors,
                               form=form, labels=labels)

    def save(db, form):
        party_in, role_in = _collect(lambda: _party_from(form), lambda: validate(DebtorIn, form))
        if link:
            services.update_debtor(db, case, link, party_in, role_in, me(), _version(form))
        else:
            services.add_debtor(db, case, party_in, role_in, me())
        return url_for("cases.show", case_id=case.id) + "#debtors"

    return submit(render, save, done=_("Saved."))


@bp.post("/<int:case_id>/debtors/<int:link_id>/delete")
@case_route(can_edit_cases)
def debtor_delete(case_id: int, link_id: int):
    """Take a party off the case."""
    return _remove(case_id, lambda db, case: queries.get_debtor(db, case, link_id), services.remove_debtor, "debtors")


def _remove(case_id: int, load, remove, anchor: str):
    """Remove one of a visible case's records (loaded by `load`) with `remove`, back to its section of the page."""
    db = get_session()
    case = queries.get_case(db, me(), case_id)
    item = load(db, case)

    def save(db, form):
        remove(db, case, item, me())
        return url_for("cases.show", case_id=case.id) + "#" + anchor

    return submit(lambda e, f: _show_with_errors(case_id, e), save, done=_("Removed."))


@bp.route("/<int:case_id>/loans/new", methods=["GET", "POST"])
@bp.route("/<int:case_id>/loans/<int:loan_id>/edit", methods=["GET", "POST"])
@case_route(can_edit_cases)
def loan(case_id: int, loan_id: int | None = None):
    """Add a loan to the case, or edit one."""
    db = get_session()
    case = queries.get_case(db, me(), case_id)
    item = queries.get_loan(db, case, loan_id) if loan_id else None

    def render(errors, form):
        form = form if form is not None else (item.model_dump() if item else {"currency": "CNY"})
        return render_template("cases/loan_form.html", case=case, item=item, errors=errors, form=form, labels=labels)

    def save(db, form):
        data = validate(LoanIn, form)
        if item:
            services.update_loan(db, case, item, data, me(), _version(form))
        else:
            services.add_loan(db, case, data, me())
        return url_for("cases.show", case_id=case.id) + "#loans"

    return submit(render, save, done=_("Saved."))


@bp.post("/<int:case_id>/loans/<int:loan_id>/delete")
@case_route(can_edit_cases)
def loan_delete(case_id: int, loan_id: int):
    """Remove a loan entered by mistake."""
    return _remove(case_id, lambda db, case: queries.get_loan(db, case, loan_id), services.delete_loan, "loans")


@bp.route("/<int:case_id>/collateral/new", methods=["GET", "POST"])
@bp.route("/<int:case_id>/collateral/<int:item_id>/edit", methods=["GET", "POST"])
@case_route(can_edit_cases)
def collateral(case_id: int, item_id: int | None = None):
    """Add a collateral item to the case, or edit one."""
    db = get_session()
    case = queries.get_case(db, me(), case_id)
    item = queries.get_collateral(db, case, item_id) if item_id else None
    owners = [(p.id, p.name) for _link, p in queries.list_debtors(db, case)]

    def render(errors, form):
        form = form if form is not None else (item.model_dump() if item else {"rank": 1})
        return render_template("cases/collateral_form.html", case=case, item=item, errors=errors, form=form,
                               labels=labels, owners=owners)

    def save(db, form):
        data = validate(CollateralIn, form)
        if item:
            services.update_collateral(db, case, item, data, me(), _version(form))
        else:
            services.add_collateral(db, case, data, me())
        return url_for("cases.show", case_id=case.id) + "#collateral"

    return submit(render, save, done=_("Saved."))


@bp.post("/<int:case_id>/collateral/<int:item_id>/delete")
@case_route(can_edit_cases)
def collateral_delete(case_id: int, item_id: int):
    """Remove a collateral item entered by mistake."""
    return _remove(case_id, lambda db, case: queries.get_collateral(db, case, item_id), services.delete_collateral,
                   "collateral")


@bp.get("/export.xlsx")
@requires(lambda u: True)
def export():
    """Download the filtered case list as XLSX (same scoping as the list)."""
    from legalops.cases.exports import cases_workbook

    db = get_session()
    args = request.args
    filters = queries.CaseFilters(
        q=args.get("q", ""), stage=args.get("stage", ""),
        firm_id=args.get("firm", type=int), portfolio_id=args.get("portfolio", type=int),
        counsel_id=args.get("counsel", type=int), sort=args.get("sort", "updated"),
        descending=args.get("dir", "desc") != "asc",
    )
    page = queries.list_cases(db, me(), filters, page=1, per_page=10_000)
    data = cases_workbook(page.items)
    return send_file(data, as_attachment=True, download_name="cases.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

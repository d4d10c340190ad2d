"""Litigation page of a case: proceedings, events, judgment entry with per-party awards and computed deadlines."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _

from legalops.auth.web import me
from legalops.cases.queries import get_case, list_collateral, list_debtors
from legalops.cases.stages import STAGE_LABELS
from legalops.cases.views import case_route
from legalops.core.clock import today
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.core.validation import validate
from legalops.db import get_session
from legalops.litigation import labels, queries, services
from legalops.litigation.measures import measure_clocks
from legalops.litigation.policies import can_record_litigation, can_view_litigation
from legalops.litigation.schemas import AwardIn, EventIn, JudgmentIn, MeasureIn, ProceedingIn, ServiceIn
from legalops.parties.models import Party
from legalops.ui.forms import submit, validate_rows

bp = Blueprint("litigation", __name__, url_prefix="/cases/<int:case_id>/litigation")


PRINCIPAL_ROLES = ("borrower", "co_borrower")


def parties_of(db, case) -> list[tuple[int, str, str]]:
    """Return (party id, name, role msgid) for the creditor and every debtor of the case."""
    from legalops.cases.labels import DEBTOR_ROLES

    creditor = db.get(Party, case.creditor_id)
    rows = [(creditor.id, creditor.name, N_("Creditor"))]
    seen = {creditor.id}
    for link, party in list_debtors(db, case):
        if party.id not in seen:
            rows.append((party.id, party.name, DEBTOR_ROLES[link.role]))
            seen.add(party.id)
    return rows


def _context(case_id: int) -> dict:
    db = get_session()
    case = get_case(db, me(), case_id)
    judgments = [queries.judgment_clocks(db, j) for j in queries.list_judgments(db, case)]
    measures = queries.list_measures(db, case, "preservation")
    return {
        "case": case, "proceedings": queries.list_proceedings(db, case), "events": queries.list_events(db, case),
        "judgments": judgments, "measures": [(m, *measure_clocks(m)) for m in measures],
        "renewals": queries.list_renewals(db, [m.id for m in measures]),
        "parties": parties_of(db, case),
        # Borrowers and co-borrowers owe the debt itself: the judgment form proposes 主债务人 for them.
        "principal_ids": {party.id for link, party in list_debtors(db, case) if link.role in PRINCIPAL_ROLES},
        "party_choices": [(pid, name) for pid, name, _r in parties_of(db, case)],
        "renew_endpoint": "enforcement.renew", "party_names": {p.id: p.name for _, p in list_debtors(db, case)}
        | {case.creditor_id: db.get(Party, case.creditor_id).name},
        "collateral": [(c.id, c.description) for c in list_collateral(db, case)],
        "today": today(),
        "can_edit": can_record_litigation(me()), "labels": labels, "stages": STAGE_LABELS,
    }


def _page(case_id: int, errors: dict | None = None, form: dict | None = None, section: str = ""):
    return render_template("litigation/show.html", errors=errors or {}, form=form or {}, section=section,
                           **_context(case_id))


def _back(case_id: int, anchor: str) -> str:
    return url_for("litigation.show", case_id=case_id) + anchor


def _proceeding(db, case):
    proceeding = queries.latest_proceeding(db, case)
    if proceeding is None:
        raise DomainError(N_("Record the proceeding first."), field="__all__")
    return proceeding


@bp.get("")
@case_route(can_view_litigation)
def show(case_id: int):
    """Show the case's proceedings, events, judgments with their deadlines, and preservation measures."""
    return _page(case_id)


def _post(case_id: int, section: str, save, done: str):
    return submit(lambda errors, form: _page(case_id, errors, form, section), save, done=done)


@bp.post("/proceedings")
@case_route(can_record_litigation)
def proceeding(case_id: int):
    """Record a suit before a court."""
    def save(db, form):
        services.record_proceeding(db, get_case(db, me(), case_id), validate(ProceedingIn, form), me())
        return _back(case_id, "#proceedings")
    return _post(case_id, "proceeding", save, _("Proceeding recorded."))


@bp.post("/events")
@case_route(can_record_litigation)
def event(case_id: int):
    """Record a service, hearing, ruling, mediation, withdrawal or appeal in the latest proceeding."""
    def save(db, form):
        case = get_case(db, me(), case_id)
        data = validate(EventIn, form)
        services.record_event(db, case, _proceeding(db, case), data, me())
        return _back(case_id, "#events")
    return _post(case_id, "event", save, _("Event recorded."))


def _awards(form: dict, party_ids: list[int]) -> list[AwardIn]:
    """Read one award row per party; a row left empty is skipped, errors name the row's field."""
    rows = []
    for pid in party_ids:
        row = {name: form.get(f"{name}_{pid}", "") for name in ("served_on", "liability", "amount", "collateral_id")}
        # The liability alone (pre-selected for borrowers) does not make a row: a date or an amount does.
        if row["served_on"] or row["amount"] or row["collateral_id"]:
            rows.append((pid, dict(row, party_id=pid, domiciled_in_china=not form.get(f"abroad_{pid}"))))
    return validate_rows(AwardIn, rows)


@bp.post("/judgments")
@case_route(can_record_litigation)
def judgment(case_id: int):
    """Record a judgment with each party's service date and award; its deadlines are computed."""
    def save(db, form):
        case = get_case(db, me(), case_id)
        awards = _awards(form, [pid for pid, _name, _role in parties_of(db, case)])
        data = validate(JudgmentIn, {**{k: v for k, v in form.items() if k in JudgmentIn.model_fields},
                                     "parties": awards})
        services.record_judgment(db, case, _proceeding(db, case), data, me())
        return _back(case_id, "#judgments")
    return _post(case_id, "judgment", save, _("Judgment recorded; its deadlines are computed."))


@bp.post("/service")
@case_route(can_record_litigation)
def service(case_id: int):
    """Record the day a judgment reached a party."""
    def save(db, form):
        case = get_case(db, me(), case_id)
        raw = form.get("judgment_id", "")
        if not raw.isdigit():
            raise DomainError(N_("Choose one of the listed options."), field="judgment_id")
        judgment = queries.get_judgment(db, case, int(raw))
        services.record_service(db, case, judgment, validate(ServiceIn, form), me())
        return _back(case_id, "#judgments")
    return _post(case_id, "service", save, _("Service recorded."))


@bp.post("/measures")
@case_route(can_record_litigation)
def measure(case_id: int):
    """Record a preservation measure; its expiry and latest renewal date are computed."""
    def save(db, form):
        data = validate(MeasureIn, {**form, "phase": "preservation"})
        services.record_measure(db, get_case(db, me(), case_id), data, me())
        return _back(case_id, "#measures")
    return _post(case_id, "measure", save, _("Measure recorded."))

"""The calculator page: every legal calculator, its form generated from its input schema, with steps and citations."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from legalops.assessment.calculators import REGISTRY, CalculatorInputError, calculate, describe
from legalops.assessment.calculators.base import Field
from legalops.assessment.lpr import LprDataError
from legalops.assessment.policies import can_use_calculators
from legalops.auth.web import requires
from legalops.core.calendar import CalendarDataError
from legalops.core.i18n import N_

bp = Blueprint("calculators", __name__, url_prefix="/calculators")

TITLES = {
    "acceptance-fee": N_("Acceptance fee (案件受理费)"),
    "preservation-fee": N_("Preservation fee (保全申请费)"),
    "enforcement-fee": N_("Enforcement fee (执行申请费)"),
    "payment-order-fee": N_("Payment-order fee (支付令申请费)"),
    "appeal-deadline": N_("Appeal deadline"),
    "enforcement-application-deadline": N_("Deadline to apply for enforcement"),
    "limitation-expiry": N_("Limitation period (诉讼时效)"),
    "guarantee-period-expiry": N_("Guarantee period (保证期间)"),
    "preservation-expiry": N_("Preservation expiry"),
    "preservation-renewal": N_("Preservation renewal deadline"),
    "delay-interest": N_("Delayed-performance interest (迟延履行利息)"),
    "contract-interest": N_("Contract interest"),
    "lpr": N_("Loan prime rate (LPR)"),
    "payment-allocation": N_("Allocation of a part payment"),
    "auction-floors": N_("Auction floors"),
}
#: Labels of the choices the calculators take (their JSON values stay the keys), by input name.
CHOICE_LABELS = {
    "procedure": {"ordinary": N_("Ordinary procedure"), "simple": N_("Simplified procedure")},
    "closed_by": {"judgment": N_("Judgment"), "mediation": N_("Mediation"), "withdrawal": N_("Withdrawal")},
    "stage": {"first_instance": N_("First instance"), "appeal": N_("Appeal")},
    "document": {"judgment": N_("Judgment"), "ruling": N_("Ruling")},
    "kind": {"demand": N_("Demand for payment"), "acknowledgement": N_("Acknowledgement by the debtor"),
             "partial_payment": N_("Part payment"), "suit": N_("Suit or arbitration filed"), "other": N_("Other")},
    "measure": {"bank_deposit": N_("Bank deposit (max. 1 year)"), "movables": N_("Movables (max. 2 years)"),
                "real_estate": N_("Real estate (max. 3 years)"),
                "other_rights": N_("Other property rights (max. 3 years)")},
    "mode": {"online": N_("Online judicial auction"), "commissioned": N_("Commissioned auctioneer")},
    "asset": {"real_estate": N_("Real estate"), "movable": N_("Movables")},
}
#: Labels of the parts of list and object inputs that carry none in their schema.
PART_LABELS = {"date": N_("Date"), "kind": N_("Type"), "amount": N_("Amount"), "expenses": N_("Costs"),
               "interest": N_("Interest"), "principal": N_("Principal")}
#: Rows offered for list inputs made of objects (interruptions, payments).
LIST_ROWS = 4


def _rows(spec: Field, form: dict) -> list[tuple[int, dict]]:
    """Return the filled rows of a list-of-objects input with their row numbers on the page."""
    rows = []
    for index in range(LIST_ROWS):
        row = {sub.name: form.get(f"{spec.name}[{index}].{sub.name}", "") for sub in spec.item}
        if any(str(v).strip() for v in row.values()):
            rows.append((index, row))
    return rows


def form_to_input(name: str, form: dict) -> tuple[dict, dict[int, int]]:
    """Turn the posted form into the calculator's raw input; also map list positions back to page rows."""
    raw: dict = {}
    positions: dict[int, int] = {}
    for spec in REGISTRY[name].schema:
        if spec.kind == "object":
            raw[spec.name] = {sub.name: form.get(f"{spec.name}.{sub.name}", "") for sub in spec.item}
        elif spec.kind == "list" and spec.item:
            rows = _rows(spec, form)
            positions.update({pos: index for pos, (index, _row) in enumerate(rows)})
            raw[spec.name] = [row for _index, row in rows]
        else:
            raw[spec.name] = form.get(spec.name, "")
    return raw, positions


def _error_field(field: str, positions: dict[int, int]) -> str:
    """Name the page input at fault: list positions are renumbered to the row the user typed in."""
    if "[" in field:
        head, rest = field.split("[", 1)
        pos, tail = rest.split("]", 1)
        if pos.isdigit():
            return f"{head}[{positions.get(int(pos), int(pos))}]{tail}"
    return field


def _defaults(name: str) -> dict:
    out = {}
    for spec in describe(name):
        if "default" in spec and not isinstance(spec["default"], list):
            out[spec["name"]] = str(spec["default"]).lower() if isinstance(spec["default"], bool) else spec["default"]
    return out


@bp.route("/", methods=["GET", "POST"])
@requires(can_use_calculators)
def index():
    """List every calculator; run the posted one and show its outputs, steps, citations and conventions."""
    forms = {name: _defaults(name) for name in REGISTRY}
    active = request.args.get("calc") if request.args.get("calc") in REGISTRY else None
    result, errors, detail, status = None, {}, {}, 200
    if request.method == "POST":
        form = request.form.to_dict()
        active = form.get("calculator", "")
        if active not in REGISTRY:
            errors["__all__"] = N_("Choose one of the listed options.")
            active, status = None, 422
        else:
            forms[active] = form
            raw, positions = form_to_input(active, form)
            try:
                result = calculate(active, raw)
            except CalculatorInputError as exc:
                field = _error_field(exc.field, positions)
                errors[field] = N_("This field is required.") if exc.message == "is required" else \
                    N_("This value is not valid.")
                detail[field] = exc.message
                status = 422
            except (CalendarDataError, LprDataError) as exc:
                errors["__all__"] = N_("The calendar or rate table is damaged: %(detail)s")
                detail["__all__"] = str(exc)
                status = 422
    return render_template(
        "calculators/index.html", registry=REGISTRY, titles=TITLES, schemas={n: describe(n) for n in REGISTRY},
        forms=forms, active=active, result=result, errors=errors, detail=detail, list_rows=LIST_ROWS,
        choice_labels=CHOICE_LABELS, part_labels=PART_LABELS,
    ), status

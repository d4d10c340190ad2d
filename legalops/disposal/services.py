"""Disposal commands: reference prices, objections, encumbrances, auction rounds and their outcomes. Flush, never commit."""

from __future__ import annotations

from sqlmodel import Session

from legalops.audit.services import diff, record, snapshot
from legalops.auth.models import User
from legalops.cases.models import Case, Collateral
from legalops.core.clock import today
from legalops.core.errors import Conflict, DomainError, FieldErrors
from legalops.core.i18n import N_
from legalops.disposal import pricing, queries
from legalops.disposal.checks import RoundInput, asset_class, check_round
from legalops.disposal.models import (
    AuctionRound,
    Encumbrance,
    InquiryQuote,
    PriceObjection,
    ReferencePrice,
    RoundStatus,
)
from legalops.disposal.policies import can_edit_disposal
from legalops.disposal.receipts import expect_proceeds
from legalops.disposal.schedule import sync_round_deadlines
from legalops.disposal.schemas import (
    EncumbranceIn,
    ObjectionDecisionIn,
    ObjectionIn,
    OutcomeIn,
    ReferencePriceIn,
    RoundIn,
)

_OUTCOME_FIELDS = ("status", "bids_count", "winning_bid", "buyer", "payment_deadline", "ruling_number", "ruling_on",
                   "transferred_on", "enforcement_costs")


def _require(actor: User) -> None:
    if not can_edit_disposal(actor):
        raise DomainError(N_("Only counsel or an administrator may change the disposal record."))


def add_reference_price(session: Session, case: Case, item: Collateral, data: ReferencePriceIn,
                        actor: User) -> ReferencePrice:
    """Record a reference-price determination; an online inquiry's price is the average of on-time reports."""
    _require(actor)
    value = data.value
    if data.method == "online_inquiry":
        average = pricing.online_average([(q.platform, q.amount, q.reported_on) for q in data.quotes],
                                         data.requested_on)
        if average.value is None:
            raise DomainError(N_("No platform reported within the period; online inquiry failed, so commission an "
                                 "appraisal (参考价规定 arts. 11, 14)."), field="platform_1")
        value = average.value
    price = ReferencePrice(case_id=case.id, collateral_id=item.id, method=data.method, value=value,
                           determined_on=data.determined_on, requested_on=data.requested_on, served_on=data.served_on,
                           agency=data.agency or "", report_number=data.report_number or "", note=data.note or "",
                           created_by_id=actor.id)
    session.add(price)
    session.flush()
    for quote in data.quotes if data.method == "online_inquiry" else []:
        session.add(InquiryQuote(reference_price_id=price.id, platform=quote.platform, amount=quote.amount,
                                 reported_on=quote.reported_on))
    record(session, actor, "create", price, after=snapshot(price), summary=f"{data.method} {value}")
    return price


def save_objection(session: Session, case: Case, data: ObjectionIn, actor: User) -> PriceObjection:
    """Record a party's objection to a reference price, or update its outcome."""
    _require(actor)
    price = queries.get_reference_price(session, case, data.price_id)
    if data.filed_on < price.determined_on:
        raise DomainError(N_("An objection cannot precede the price it objects to."), field="filed_on")
    if data.outcome != "pending" and data.decided_on is None:
        raise DomainError(N_("Enter the date of the decision."), field="decided_on")
    objection = PriceObjection(case_id=case.id, reference_price_id=price.id, filed_on=data.filed_on,
                               party=data.party, grounds=data.grounds, outcome=data.outcome,
                               decided_on=data.decided_on)
    session.add(objection)
    session.flush()
    record(session, actor, "create", objection, after=snapshot(objection), summary=f"{data.party} {data.outcome}")
    return objection


def decide_objection(session: Session, case: Case, item: Collateral, data: ObjectionDecisionIn,
                     actor: User) -> PriceObjection:
    """Enter the decision on a pending objection: upheld sets the price aside, dismissed lets it stand."""
    _require(actor)
    objection = queries.get_objection(session, case, item, data.objection_id)
    if objection.outcome != "pending":
        raise Conflict(N_("This objection has already been decided."), field="outcome")
    if data.decided_on < objection.filed_on:
        raise DomainError(N_("A decision cannot precede the objection."), field="decided_on")
    if data.decided_on > today():
        raise DomainError(N_("A decision cannot be dated in the future."), field="decided_on")
    before = snapshot(objection, ["outcome", "decided_on"])
    objection.outcome, objection.decided_on = data.outcome, data.decided_on
    session.add(objection)
    session.flush()
    old, new = diff(before, snapshot(objection, ["outcome", "decided_on"]))
    record(session, actor, "update", objection, before=old, after=new, case_id=case.id,
           summary=f"{objection.party} {data.outcome}")
    return objection


def add_encumbrance(session: Session, case: Case, item: Collateral, data: EncumbranceIn, actor: User) -> Encumbrance:
    """Record another creditor's claim on the item."""
    _require(actor)
    row = Encumbrance(case_id=case.id, collateral_id=item.id, creditor=data.creditor, kind=data.kind, rank=data.rank,
                      secured_amount=data.secured_amount, note=data.note or "")
    session.add(row)
    session.flush()
    record(session, actor, "create", row, after=snapshot(row), summary=data.creditor)
    return row


def delete_encumbrance(session: Session, case: Case, encumbrance_id: int | None, actor: User) -> None:
    """Remove an encumbrance entered by mistake (kept in the audit trail)."""
    _require(actor)
    row = queries.get_encumbrance(session, case, encumbrance_id)
    record(session, actor, "delete", row, before=snapshot(row), summary=row.creditor)
    session.delete(row)


def _previous(rounds: list[AuctionRound], number: int) -> AuctionRound | None:
    """Return the latest held round numbered `number` (failed or defaulted), if any."""
    held = [r for r in rounds if r.round_number == number and r.status in (RoundStatus.failed,
                                                                           RoundStatus.buyer_defaulted)]
    return held[-1] if held else None


def round_input(session: Session, item: Collateral, data: RoundIn) -> tuple[RoundInput, bool]:
    """Gather what the checks need: the reference price valid at the announcement and the previous reserve."""
    rounds = queries.list_rounds(session, item)
    reference = queries.latest_valid_reference_price(session, item, data.announced_on)
    after_default = any(r.round_number == data.round_number and r.status == RoundStatus.buyer_defaulted
                        for r in rounds)
    previous = _previous(rounds, data.round_number - 1)
    previous_reserve = data.previous_reserve if data.previous_reserve is not None else (
        previous.reserve_price if previous else None)
    return RoundInput(mode=data.mode, asset=asset_class(item.kind), round_number=data.round_number,
                      reserve=data.reserve_price, deposit=data.deposit, announced_on=data.announced_on,
                      starts_at=data.starts_at, ends_at=data.ends_at,
                      reference=reference.value if reference else None, previous_reserve=previous_reserve), after_default


def add_round(session: Session, case: Case, item: Collateral, data: RoundIn, actor: User) -> AuctionRound:
    """Enter a round; a round that breaks a floor or period is refused unless an override reason is given."""
    _require(actor)
    facts, after_default = round_input(session, item, data)
    check = check_round(facts)
    reason = (data.override_reason or "").strip()
    if check.violations and not reason:
        errors = {v["field"]: v["message"] for v in reversed(check.violations)}
        raise RoundRefused(errors, check.violations)
    figures = dict(check.figures, reference=str(facts.reference) if facts.reference is not None else None,
                   previous_reserve=str(facts.previous_reserve) if facts.previous_reserve is not None else None,
                   steps=check.steps)
    row = AuctionRound(case_id=case.id, collateral_id=item.id, mode=data.mode, platform=data.platform or "",
                       listing_url=data.listing_url, round_number=data.round_number, after_default=after_default,
                       reserve_price=data.reserve_price, deposit=data.deposit, bid_increment=data.bid_increment,
                       announced_on=data.announced_on, starts_at=data.starts_at, ends_at=data.ends_at,
                       status=RoundStatus.announced if data.announced_on <= today() else RoundStatus.scheduled,
                       override_reason=reason if check.violations else "",
                       violations=check.violations or None, checks=figures, created_by_id=actor.id)
    session.add(row)
    session.flush()
    record(session, actor, "create", row, after=snapshot(row, ["round_number", "mode", "reserve_price", "deposit",
                                                              "announced_on", "starts_at", "ends_at"]),
           summary=f"round {data.round_number}")
    if check.violations:
        rules = "；".join(f"{v['code']}: {v['citation']}" for v in check.violations)
        record(session, actor, "override", row, after={"reason": reason, "rules": rules}, summary=reason)
    sync_round_deadlines(session, case, item, row)
    return row


class RoundRefused(FieldErrors):
    """A round broke statutory floors or periods; `violations` carries the rules and citations."""

    def __init__(self, errors: dict[str, str], violations: list[dict]):
        super().__init__(errors)
        self.violations = violations


def record_outcome(session: Session, case: Case, data: OutcomeIn, actor: User) -> AuctionRound:
    """Record what happened to a round; deadlines follow (payment deadline, next-step latest dates)."""
    _require(actor)
    row = queries.get_round(session, case, data.round_id)
    if data.status == "sold" and data.winning_bid is not None and data.winning_bid < row.reserve_price:
        raise DomainError(N_("The winning bid cannot be below the reserve price."), field="winning_bid")
    item = session.get(Collateral, row.collateral_id)
    before = snapshot(row, list(_OUTCOME_FIELDS))
    values = data.model_dump(include=set(_OUTCOME_FIELDS))
    values["buyer"] = values["buyer"] or ""
    values["ruling_number"] = values["ruling_number"] or ""
    if values["enforcement_costs"] is None:
        values.pop("enforcement_costs")
    for key, value in values.items():
        setattr(row, key, value)
    old, new = diff(before, snapshot(row, list(_OUTCOME_FIELDS)))
    if new:
        row.version += 1
        record(session, actor, "update", row, before=old, after=new, summary=f"round {row.round_number} {row.status}")
    session.flush()
    sync_round_deadlines(session, case, item, row)
    expect_proceeds(session, case, item, row, today())
    return row

"""Demand deliveries and the debt's acquisition: input models, queries and commands (flush, never commit)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import select
from sqlmodel import Session

from legalops.audit.services import diff, record, snapshot
from legalops.auth.models import User
from legalops.cases.demand_models import DeliveryMethod, DemandDelivery
from legalops.cases.models import Case, CaseParty
from legalops.core.clock import today, utcnow
from legalops.core.errors import Conflict, DomainError, NotFound
from legalops.core.i18n import N_
from legalops.documents.models import Filing
from legalops.parties.models import Party

ACQUISITION_FIELDS = ["acquired_by_assignment", "assignor", "assignment_date", "assignment_notice_date",
                      "agent_name", "agent_phone"]


class DeliveryIn(BaseModel):
    """A delivered demand as typed on the case's demand page."""

    party_id: int
    delivered_on: dt.date
    method: DeliveryMethod
    tracking_number: str | None = Field(default=None, max_length=80)
    proof: str | None = Field(default=None, max_length=300)
    filing_id: int | None = None
    note: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _not_in_future(self):
        if self.delivered_on > today():
            raise PydanticCustomError("field_error", N_("A delivery date cannot be in the future."),
                                      {"field": "delivered_on"})
        return self


class AcquisitionIn(BaseModel):
    """How the creditor came to hold the debt, and who signs as its litigation agent."""

    acquired_by_assignment: bool = False
    assignor: str | None = Field(default=None, max_length=200)
    assignment_date: dt.date | None = None
    assignment_notice_date: dt.date | None = None
    agent_name: str | None = Field(default=None, max_length=100)
    agent_phone: str | None = Field(default=None, max_length=40)

    @model_validator(mode="after")
    def _assignor_needed(self):
        if self.acquired_by_assignment and not (self.assignor or "").strip():
            raise PydanticCustomError("field_error", N_("Name the assignor (the original creditor)."),
                                      {"field": "assignor"})
        return self


def list_deliveries(session: Session, case: Case) -> list[tuple[DemandDelivery, Party]]:
    """Return the case's delivered demands with their addressees, oldest first."""
    rows = session.execute(select(DemandDelivery, Party).join(Party, Party.id == DemandDelivery.party_id)
                           .where(DemandDelivery.case_id == case.id)
                           .order_by(DemandDelivery.delivered_on, DemandDelivery.id)).all()
    return [(delivery, party) for delivery, party in rows]


def get_delivery(session: Session, case: Case, delivery_id: int) -> DemandDelivery:
    """Return one of the case's deliveries, or NotFound (another case's id is not found either)."""
    delivery = session.get(DemandDelivery, delivery_id)
    if delivery is None or delivery.case_id != case.id:
        raise NotFound(N_("Not found."))
    return delivery


def addressees(session: Session, case: Case) -> list[Party]:
    """Return the parties a demand can be addressed to: everyone liable on the case, once each."""
    rows = session.execute(select(Party).join(CaseParty, CaseParty.party_id == Party.id)
                           .where(CaseParty.case_id == case.id).order_by(CaseParty.id)).scalars()
    seen: dict[int, Party] = {}
    for party in rows:
        seen.setdefault(party.id, party)
    return list(seen.values())


def record_delivery(session: Session, case: Case, data: DeliveryIn, actor: User) -> DemandDelivery:
    """Record that a demand reached one of the case's debtors (it interrupts their limitation period)."""
    if data.party_id not in {p.id for p in addressees(session, case)}:
        raise DomainError(N_("Choose one of the listed options."), field="party_id")
    if data.filing_id is not None:
        filing = session.get(Filing, data.filing_id)
        if filing is None or filing.case_id != case.id or filing.form_key != "demand_letter":
            raise DomainError(N_("Choose one of the listed options."), field="filing_id")
    delivery = DemandDelivery(case_id=case.id, party_id=data.party_id, delivered_on=data.delivered_on,
                              method=data.method, tracking_number=data.tracking_number or "",
                              proof=data.proof or "", filing_id=data.filing_id, note=data.note or "",
                              created_by_id=actor.id)
    session.add(delivery)
    session.flush()
    record(session, actor, "create", delivery, after=snapshot(delivery),
           summary=f"{data.method} {data.delivered_on}")
    return delivery


def delete_delivery(session: Session, case: Case, delivery: DemandDelivery, actor: User) -> None:
    """Remove a delivery entered by mistake (kept in the audit trail)."""
    record(session, actor, "delete", delivery, before=snapshot(delivery),
           summary=f"{delivery.method} {delivery.delivered_on}")
    session.delete(delivery)
    session.flush()


def update_acquisition(session: Session, case: Case, data: AcquisitionIn, actor: User,
                       expected_version: int | None) -> Case:
    """Record whether the debt was bought by assignment and who the litigation agent is."""
    if expected_version is not None and case.version != expected_version:
        raise Conflict(N_("Someone else changed this record while you were editing it. Reload to see their "
                          "change, then apply yours again."))
    before = snapshot(case, ACQUISITION_FIELDS)
    values = {name: ("" if value is None and name in ("assignor", "agent_name", "agent_phone") else value)
              for name, value in data.model_dump().items()}
    for name, value in values.items():
        setattr(case, name, value)
    old, new = diff(before, snapshot(case, ACQUISITION_FIELDS))
    if new:
        case.version += 1
        case.updated_at = utcnow()
        record(session, actor, "update", case, before=old, after=new)
        session.flush()
    return case

"""Ledger tables: entries and their allocations (append-only), claim costs, settlement plans, closed months."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import UniqueConstraint, event
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel

from legalops.core.clock import utcnow
from legalops.core.i18n import N_
from legalops.db.types import Money

SOURCES = {
    "voluntary_repayment": N_("Voluntary repayment"),
    "settlement_instalment": N_("Settlement instalment"),
    "guarantor_payment": N_("Guarantor payment"),
    "court_enforcement": N_("Enforcement money from the court"),
    "auction_proceeds": N_("Auction proceeds"),
    "in_lieu_acceptance": N_("Acceptance in lieu of payment"),
}


class LedgerEntry(SQLModel, table=True):
    """One recovery (or the reversal of one); never updated or deleted."""

    __tablename__ = "ledger_entry"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    #: The debtor who paid (borrower or guarantor), when known; the claim is joint, so it is informative.
    debtor_party_id: int | None = Field(default=None, foreign_key="party.id", index=True)
    #: Positive for a recovery, negative for a reversal (the exact mirror of the entry it reverses).
    amount: Decimal = Field(sa_type=Money())
    #: The value date: interest stops running on the allocated principal from here.
    received_on: dt.date = Field(index=True)
    #: The accounting month (YYYY-MM) the entry is booked in; never a closed month.
    period: str = Field(max_length=7, index=True)
    source: str = Field(max_length=30)
    payer: str = Field(default="", max_length=200)
    reference: str = Field(default="", max_length=120)
    #: statutory (民法典 art. 561), agreed (contract clause) or judgment (the judgment's order).
    allocation_basis: str = Field(default="statutory", max_length=12)
    #: The parts in the order they were served, comma-separated.
    allocation_order: str = Field(default="", max_length=200)
    #: The legal source of the allocation order, as shown to the user.
    citation: str = Field(default="", max_length=300)
    reverses_id: int | None = Field(default=None, foreign_key="ledger_entry.id", unique=True)
    reason: str = Field(default="", max_length=500)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)


class LedgerAllocation(SQLModel, table=True):
    """The part of an entry applied to one component of the claim; never updated or deleted."""

    __tablename__ = "ledger_allocation"
    __table_args__ = (UniqueConstraint("entry_id", "part"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="ledger_entry.id", index=True)
    #: costs, contract_interest, penalty_interest, compound_interest, delay_interest, principal or unapplied.
    part: str = Field(max_length=20)
    amount: Decimal = Field(sa_type=Money())


class ClaimCost(SQLModel, table=True):
    """A cost of realising the claim (实现债权的有关费用): court, preservation, appraisal, announcement fees."""

    __tablename__ = "claim_cost"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    kind: str = Field(max_length=40)
    amount: Decimal = Field(sa_type=Money())
    incurred_on: dt.date
    description: str = Field(default="", max_length=300)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)


class SettlementPlan(SQLModel, table=True):
    """A settlement (和解/调解) paid in instalments; instalment status is derived from the ledger."""

    __tablename__ = "settlement_plan"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="legal_case.id", index=True)
    debtor_party_id: int | None = Field(default=None, foreign_key="party.id")
    agreed_on: dt.date
    note: str = Field(default="", max_length=500)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    created_at: dt.datetime = Field(default_factory=utcnow)


class SettlementInstalment(SQLModel, table=True):
    """One instalment of a settlement plan."""

    __tablename__ = "settlement_instalment"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="settlement_plan.id", index=True)
    number: int
    due_on: dt.date
    amount: Decimal = Field(sa_type=Money())


class MonthClose(SQLModel, table=True):
    """A closed accounting month: its entries and statement lines are locked."""

    __tablename__ = "month_close"

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(max_length=7, unique=True)
    closed_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    closed_at: dt.datetime = Field(default_factory=utcnow)


APPEND_ONLY = (LedgerEntry, LedgerAllocation)


@event.listens_for(Session, "before_flush")
def _refuse_rewriting_money(session, _context, _instances):
    """Money entries are append-only: a correction is a reversal plus a new entry, never an edit."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, APPEND_ONLY) and (obj in session.deleted or session.is_modified(obj)):
            raise RuntimeError("ledger entries are append-only; reverse the entry instead")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_rewrites(orm_execute_state):
    """Bulk UPDATE/DELETE skip the flush guard, and SQLite has no trigger behind it."""
    if orm_execute_state.is_update or orm_execute_state.is_delete:
        tables = {getattr(m.entity, "__table__", None) for m in orm_execute_state.all_mappers}
        if tables & {LedgerEntry.__table__, LedgerAllocation.__table__}:
            raise RuntimeError("ledger entries are append-only; reverse the entry instead")

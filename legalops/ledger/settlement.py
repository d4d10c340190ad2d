"""Settlement plans: instalments with due dates, each a deadline and an expected recovery; status from the ledger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from legalops.audit.services import record
from legalops.cases.models import Case
from legalops.core.clock import today
from legalops.core.errors import DomainError, NotFound
from legalops.core.i18n import N_
from legalops.ledger.models import LedgerEntry, SettlementInstalment, SettlementPlan
from legalops.ledger.reconciliation.services import expect_recovery

try:  # the deadline list is a sibling capability; without it instalments are still tracked here
    from legalops.deadlines.services import close_deadlines, sync_deadline
except ImportError:  # pragma: no cover
    sync_deadline = close_deadlines = None

SOURCE = "settlement_instalment"
CITATION = "中华人民共和国民法典（2021-01-01施行）第五百零九条：当事人应当按照约定全面履行自己的义务"
STATUS_LABELS = {"paid": N_("Paid"), "partly": N_("Partly paid"), "overdue": N_("Overdue"), "due": N_("Due")}


@dataclass
class InstalmentStatus:
    """An instalment with what the ledger says was paid towards it."""

    instalment: SettlementInstalment
    paid: Decimal
    status: str


def create_plan(session: Session, *, case_id: int, agreed_on: dt.date, instalments: list[tuple[dt.date, Decimal]],
                actor, debtor_party_id: int | None = None, payer: str = "", note: str = "") -> SettlementPlan:
    """Record a settlement plan; each instalment becomes a deadline and an expected recovery. Flush, never commit."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(N_("No such case."))
    if not instalments:
        raise DomainError(N_("Enter at least one instalment as a date and an amount."), field="instalments")
    dates = [due for due, _ in instalments]
    if dates != sorted(dates) or len(set(dates)) != len(dates):
        raise DomainError(N_("Instalment dates must be in order, one instalment per date."), field="instalments")
    if any(amount <= 0 for _, amount in instalments):
        raise DomainError(N_("Each instalment must be more than zero."), field="instalments")
    if dates[0] < agreed_on:
        raise DomainError(N_("The first instalment falls before the agreement."), field="instalments")
    plan = SettlementPlan(case_id=case_id, debtor_party_id=debtor_party_id, agreed_on=agreed_on, note=note[:500],
                          created_by_id=getattr(actor, "id", None))
    session.add(plan)
    session.flush()
    for number, (due_on, amount) in enumerate(instalments, start=1):
        item = SettlementInstalment(plan_id=plan.id, number=number, due_on=due_on, amount=amount)
        session.add(item)
        session.flush()
        expect_recovery(session, case_id=case_id, amount=amount, expected_on=due_on, source=SOURCE, payer=payer,
                        origin="instalment", origin_id=str(item.id), debtor_party_id=debtor_party_id)
        if sync_deadline is not None:
            sync_deadline(session, case_id=case_id, kind="instalment", due_on=due_on,
                          title=f"和解协议第{number}期还款 ¥{amount:,.2f}", citation=CITATION, source=SOURCE,
                          source_id=str(item.id), party_id=debtor_party_id)
    record(session, actor, "create", plan, after={"instalments": [[d.isoformat(), str(a)] for d, a in instalments]})
    session.flush()
    return plan


def list_plans(session: Session, case_id: int) -> list[SettlementPlan]:
    """Return a case's settlement plans, oldest first."""
    return list(session.execute(select(SettlementPlan).where(SettlementPlan.case_id == case_id)
                                .order_by(SettlementPlan.id)).scalars())


def instalment_statuses(session: Session, plan: SettlementPlan, as_of: dt.date) -> list[InstalmentStatus]:
    """Apply the case's instalment payments (net of reversals) to the instalments in due order."""
    paid = _paid(session, plan)
    items = session.execute(select(SettlementInstalment).where(SettlementInstalment.plan_id == plan.id)
                            .order_by(SettlementInstalment.number)).scalars().all()
    rows = []
    for item in items:
        share = min(paid, item.amount)
        paid -= share
        if share == item.amount:
            status = "paid"
        elif item.due_on < as_of:
            status = "overdue"
        else:
            status = "partly" if share else "due"
        rows.append(InstalmentStatus(item, share, status))
    return rows


def _paid(session: Session, plan: SettlementPlan) -> Decimal:
    # Summed in Python: SQLite keeps money as scaled integers and the column type converts each row exactly.
    amounts = session.execute(select(LedgerEntry.amount).where(
        LedgerEntry.case_id == plan.case_id, LedgerEntry.source == SOURCE,
        LedgerEntry.received_on >= plan.agreed_on)).scalars()
    return sum(amounts, Decimal(0))


def close_paid_deadlines(session: Session, case_id: int, actor=None) -> None:
    """Mark the deadlines of a case's fully paid instalments done."""
    if close_deadlines is None:
        return
    for plan in list_plans(session, case_id):
        for row in instalment_statuses(session, plan, today()):
            if row.status == "paid":
                close_deadlines(session, source=SOURCE, source_id=str(row.instalment.id), kind="instalment",
                                actor=actor)

"""Deadline commands: upsert from a source, close or cancel by source, mark done, mark missed. Flush, never commit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlmodel import Session

from legalops.audit.services import diff, record, snapshot
from legalops.cases.models import Case
from legalops.core.clock import today as china_today
from legalops.core.clock import utcnow
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.deadlines.events import event_condition, is_event
from legalops.deadlines.models import Deadline, DeadlineKind, DeadlineState

ST = DeadlineState
LIVE = (ST.open.value, ST.missed.value)
#: What an event can still become: done (it happened, e.g. the party appealed) or cancelled (it no longer applies).
CLOSABLE = (*LIVE, ST.passed.value)
_SYNCED = ("case_id", "due_on", "title", "citation", "provisional", "provisional_note")


def find_deadline(session: Session, source: str, source_id: str, kind: str, party_id: int | None) -> Deadline | None:
    """Return the deadline with this business key, if any."""
    party = Deadline.party_id.is_(None) if party_id is None else Deadline.party_id == party_id
    stmt = select(Deadline).where(Deadline.source == source, Deadline.source_id == str(source_id),
                                  Deadline.kind == kind, party)
    return session.execute(stmt).scalar_one_or_none()


def sync_deadline(session: Session, *, case_id: int, kind: str, due_on: dt.date, title: str, citation: str,
                  source: str, source_id: str, party_id: int | None = None, responsible_id: int | None = None,
                  provisional_note: str | None = None) -> Deadline:
    """Create or update the deadline keyed by (source, source_id, kind, party_id) from its source's latest figures."""
    kind = DeadlineKind(kind).value
    values = {"case_id": case_id, "due_on": due_on, "title": title[:300], "citation": citation[:2000],
              "provisional": provisional_note is not None, "provisional_note": (provisional_note or "")[:1000]}
    deadline = find_deadline(session, source, str(source_id), kind, party_id)
    case = session.get(Case, case_id)
    event = is_event(kind, party_id, case.creditor_id if case else None)
    today = china_today()
    if deadline is None:
        if responsible_id is None:
            responsible_id = case.counsel_id if case else None
        # An event entered after its day (a judgment recorded late) is closed from the start, never missed.
        state = ST.passed if event and due_on < today else ST.open
        deadline = Deadline(kind=kind, source=source, source_id=str(source_id), party_id=party_id,
                            responsible_id=responsible_id, state=state.value, **values)
        session.add(deadline)
        session.flush()
        record(session, None, "create", deadline, after=snapshot(deadline), summary=deadline.title)
        return deadline
    before = snapshot(deadline, [*_SYNCED, "state", "responsible_id"])
    if deadline.state == ST.done:
        # Done stays done: the act was performed. The new figure is kept in the trail, not over the record.
        if deadline.due_on != due_on:
            record(session, None, "resync", deadline, before={"due_on": deadline.due_on.isoformat()},
                   after={"due_on": due_on.isoformat(), "state": ST.done.value},
                   summary=N_("Deadline already done; the source now gives another date."))
        return deadline
    if deadline.state == ST.cancelled or (deadline.state in (ST.missed, ST.passed) and deadline.due_on != due_on):
        # The source says the deadline applies again, or moved it: it is live until its new day passes.
        deadline.state = ST.open.value
    for key, value in values.items():
        if getattr(deadline, key) != value:
            setattr(deadline, key, value)
    if event and deadline.state in LIVE and deadline.due_on < today:
        deadline.state = ST.passed.value
    elif not event and deadline.state == ST.passed:
        deadline.state = ST.open.value
    if responsible_id is not None:
        deadline.responsible_id = responsible_id
    old, new = diff(before, snapshot(deadline, [*_SYNCED, "state", "responsible_id"]))
    if new:
        deadline.updated_at = utcnow()
        record(session, None, "update", deadline, before=old, after=new, summary=deadline.title)
    return deadline


def close_deadlines(session: Session, *, source: str, source_id: str, kind: str | None = None, state: str = "done",
                    actor=None, party_id: int | None = None) -> list[Deadline]:
    """Close a source's live or passed deadlines (all kinds, or one) as done or cancelled; return those changed."""
    target = DeadlineState(state)
    if target not in (ST.done, ST.cancelled):
        raise ValueError(f"close_deadlines closes as done or cancelled, not {state}")
    stmt = select(Deadline).where(Deadline.source == source, Deadline.source_id == str(source_id),
                                  Deadline.state.in_(CLOSABLE))
    if kind is not None:
        stmt = stmt.where(Deadline.kind == DeadlineKind(kind).value)
    if party_id is not None:
        stmt = stmt.where(Deadline.party_id == party_id)
    changed = list(session.execute(stmt.order_by(Deadline.id)).scalars())
    for deadline in changed:
        _set_state(session, deadline, target, actor)
    return changed


def cancel_deadlines(session: Session, *, source: str, source_id: str, kind: str | None = None, actor=None,
                     party_id: int | None = None) -> list[Deadline]:
    """Cancel a source's live deadlines (the event they hung on no longer applies)."""
    return close_deadlines(session, source=source, source_id=source_id, kind=kind, state="cancelled", actor=actor,
                           party_id=party_id)


def mark_done(session: Session, deadline: Deadline, actor) -> Deadline:
    """Record that the act the deadline asks for was performed."""
    if deadline.state not in LIVE:
        raise DomainError(N_("This deadline is already closed."))
    _set_state(session, deadline, ST.done, actor)
    return deadline


def mark_missed(session: Session, on: dt.date | None = None) -> int:
    """Set open tasks whose last day is before `on` (default today) to missed; return how many.

    Events whose day came (deadlines.events) close as passed instead, those marked missed earlier included.
    """
    on = on or china_today()
    event = event_condition()
    events = list(session.execute(select(Deadline).where(Deadline.state.in_(LIVE), Deadline.due_on < on, event)
                                  .order_by(Deadline.id)).scalars())
    for deadline in events:
        _set_state(session, deadline, ST.passed, None)
    rows = list(session.execute(select(Deadline).where(Deadline.state == ST.open.value, Deadline.due_on < on, ~event)
                                .order_by(Deadline.id)).scalars())
    for deadline in rows:
        _set_state(session, deadline, ST.missed, None)
    return len(rows)


def _set_state(session: Session, deadline: Deadline, state: DeadlineState, actor) -> None:
    before = {"state": deadline.state}
    deadline.state = state.value
    deadline.updated_at = utcnow()
    if state == ST.done:
        deadline.done_at = utcnow()
        deadline.done_by_id = getattr(actor, "id", None)
    session.flush()
    record(session, actor, "state", deadline, before=before, after={"state": state.value}, summary=deadline.title)

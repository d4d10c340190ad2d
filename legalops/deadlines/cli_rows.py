"""Plain rows of open deadlines for the command line (staff view: every case)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases.models import Case
from legalops.deadlines.models import Deadline
from legalops.deadlines.queries import state_is


def open_deadline_rows(session: Session, today: dt.date, due_within: int | None = None) -> list[dict]:
    """Return open and missed deadlines, nearest first, as JSON-ready dicts."""
    stmt = (select(Deadline, Case.reference, User.display_name).join(Case, Case.id == Deadline.case_id)
            .outerjoin(User, User.id == Deadline.responsible_id).where(state_is("", today))
            .order_by(Deadline.due_on, Deadline.id))
    if due_within is not None:
        stmt = stmt.where(Deadline.due_on <= today + dt.timedelta(days=due_within))
    return [{"id": d.id, "case": reference, "kind": d.kind, "title": d.title, "due_on": d.due_on.isoformat(),
             "days_left": (d.due_on - today).days, "state": "missed" if d.due_on < today else d.state,
             "citation": d.citation, "responsible": name, "provisional": d.provisional,
             "provisional_note": d.provisional_note} for d, reference, name in session.execute(stmt).all()]

"""Upsert semantics of sync_deadline, closing by source, marking done and missed, with the audit trail."""

import datetime as dt

import factories as f
import pytest
from sqlalchemy import select

from legalops.audit.models import AuditEntry
from legalops.core.errors import DomainError
from legalops.deadlines import services as svc
from legalops.deadlines.models import Deadline

D = dt.date


def _sync(session, case, **over):
    values = dict(case_id=case.id, kind="appeal", due_on=D(2026, 3, 2), title="上诉期限届满",
                  citation="《民事诉讼法》第一百七十一条", source="litigation.judgment", source_id="7")
    values.update(over)
    return svc.sync_deadline(session, **values)


def _trail(session, deadline):
    return list(session.execute(select(AuditEntry).where(AuditEntry.object_type == "deadline",
                                                         AuditEntry.object_id == deadline.id)
                                .order_by(AuditEntry.id)).scalars())


def test_upsert_by_key_defaults_responsible_to_counsel(any_session):
    counsel = f.user(any_session)
    case = f.case(any_session, counsel)
    first = _sync(any_session, case)
    again = _sync(any_session, case, due_on=D(2026, 3, 3), title="上诉期限届满（更正送达日）")
    assert again.id == first.id
    assert (again.due_on, again.responsible_id, again.state) == (D(2026, 3, 3), counsel.id, "open")
    other_party = _sync(any_session, case, party_id=case.creditor_id)
    assert other_party.id != first.id
    # A NULL party is part of the key too: no duplicate row for the case-wide deadline.
    rows = any_session.execute(select(Deadline).where(Deadline.source_id == "7", Deadline.party_id.is_(None))).all()
    assert len(rows) == 1
    assert [e.action for e in _trail(any_session, first)] == ["create", "update"]
    assert _trail(any_session, first)[1].after == {"due_on": "2026-03-03", "title": "上诉期限届满（更正送达日）"}


def test_done_is_kept_and_new_date_goes_to_the_trail(session):
    counsel = f.user(session)
    case = f.case(session, counsel)
    deadline = _sync(session, case)
    svc.mark_done(session, deadline, counsel)
    assert deadline.done_by_id == counsel.id and deadline.done_at is not None
    again = _sync(session, case, due_on=D(2026, 4, 1))
    assert (again.state, again.due_on) == ("done", D(2026, 3, 2))
    last = _trail(session, deadline)[-1]
    assert last.action == "resync" and last.after == {"due_on": "2026-04-01", "state": "done"}
    with pytest.raises(DomainError):
        svc.mark_done(session, deadline, counsel)


def test_missed_reopens_when_date_moves_and_cancelled_reopens_on_resync(session):
    counsel = f.user(session)
    case = f.case(session, counsel)
    deadline = _sync(session, case)
    assert svc.mark_missed(session, D(2026, 3, 3)) >= 1
    assert deadline.state == "missed"
    assert _sync(session, case).state == "missed"  # same date: still missed
    assert _sync(session, case, due_on=D(2026, 3, 9)).state == "open"
    closed = svc.cancel_deadlines(session, source="litigation.judgment", source_id="7")
    assert [d.id for d in closed] == [deadline.id] and deadline.state == "cancelled"
    assert svc.close_deadlines(session, source="litigation.judgment", source_id="7") == []
    assert _sync(session, case).state == "open"


def test_close_by_kind_leaves_other_kinds_open(session):
    counsel = f.user(session)
    case = f.case(session, counsel)
    appeal = _sync(session, case)
    # Not yet come: a judgment_effective date already past would be closed as passed (deadlines.events).
    effective = _sync(session, case, kind="judgment_effective", due_on=dt.date.today() + dt.timedelta(days=30))
    svc.close_deadlines(session, source="litigation.judgment", source_id="7", kind="appeal", actor=counsel)
    assert (appeal.state, effective.state) == ("done", "open")
    with pytest.raises(ValueError):
        _sync(session, case, kind="no-such-kind")

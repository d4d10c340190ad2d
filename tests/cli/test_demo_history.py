"""The demo backdates each case's stage history, so time in stage looks like a real portfolio's, not 0.0 days."""

from __future__ import annotations

import datetime as dt
import random

import factories as f
from sqlalchemy import select

from legalops.audit.models import AuditEntry
from legalops.cases.schemas import DebtorIn
from legalops.cases.services import add_debtor, change_stage
from legalops.cli.demo import BackdatedHistory
from legalops.core.clock import utcnow
from legalops.web.dashboard import _stage_days


def _stamps(session, case_id: int) -> list[tuple[str, dt.datetime]]:
    rows = session.execute(select(AuditEntry.action, AuditEntry.at).where(
        AuditEntry.case_id == case_id, AuditEntry.object_type == "case", AuditEntry.action.in_(["create", "stage"]))
        .order_by(AuditEntry.id)).all()
    return [(action, at if at.tzinfo else at.replace(tzinfo=dt.UTC)) for action, at in rows]


def test_stage_changes_are_stamped_weeks_apart_in_the_past(session):
    counsel = f.user(session, "counsel")
    history = BackdatedHistory(session, dt.date(2025, 3, 1), 2, random.Random(1))
    history.start()
    case = f.case(session, counsel)
    change_stage(session, case, "assessment", "", counsel)
    change_stage(session, case, "litigation", "", counsel, via_decision=True)
    session.flush()
    history.stop()
    stamps = _stamps(session, case.id)
    assert [action for action, _ in stamps] == ["create", "stage", "stage"]
    # Opened at 09:30 in China on its opening day; each change later than the last and days before now.
    assert stamps[0][1] == dt.datetime(2025, 3, 1, 1, 30, tzinfo=dt.UTC)
    gaps = [(b - a).days for (_, a), (_, b) in zip(stamps, stamps[1:], strict=False)]
    assert all(gap >= history.step // 2 >= 1 for gap in gaps), gaps
    assert stamps[-1][1] == history.last_stage <= utcnow() - dt.timedelta(days=3)
    assert min(_stage_days(session, [case.id])[case.id]) >= 1

    # Once stopped, the audit trail takes the real time again.
    add_debtor(session, case, f.person("李四"), DebtorIn(role="joint_guarantor"), counsel)
    session.flush()
    latest = session.execute(select(AuditEntry.at).where(AuditEntry.case_id == case.id)
                             .order_by(AuditEntry.id.desc())).scalars().first()
    latest = latest if latest.tzinfo else latest.replace(tzinfo=dt.UTC)
    assert utcnow() - latest < dt.timedelta(minutes=5)

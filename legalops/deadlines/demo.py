"""Demo deadlines beyond the computed ones: hearings and instalments around today, so the list has due-soon items."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlmodel import Session

from legalops.cases.models import Case, Stage
from legalops.core.clock import today as china_today
from legalops.deadlines.services import sync_deadline

SOURCE = "demo.schedule"
_HEARING = "《民事诉讼法》第一百三十九条（开庭三日前通知当事人）"
_INSTALMENT = "和解协议（分期还款）第三条"


def seed_deadlines(session: Session, today: dt.date | None = None) -> int:
    """Add hearings for cases in litigation and instalments for settled ones; return how many deadlines."""
    today = today or china_today()
    made = 0
    litigating = session.execute(select(Case).where(Case.stage == Stage.litigation).order_by(Case.id)).scalars()
    for n, case in enumerate(litigating):
        due = today + dt.timedelta(days=(2, 6, 13, 27)[n % 4])
        sync_deadline(session, case_id=case.id, kind="hearing", due_on=due, title=f"开庭审理（{case.court_name}）",
                      citation=_HEARING, source=SOURCE, source_id=f"hearing-{case.id}")
        made += 1
    settled = session.execute(select(Case).where(Case.stage == Stage.settlement).order_by(Case.id)).scalars()
    for n, case in enumerate(settled):
        for k, days in enumerate((-3 + n, 27 + n)):
            sync_deadline(session, case_id=case.id, kind="instalment", due_on=today + dt.timedelta(days=days),
                          title=f"和解分期还款第{k + 2}期", citation=_INSTALMENT, source=SOURCE,
                          source_id=f"instalment-{case.id}-{k + 2}")
            made += 1
    return made

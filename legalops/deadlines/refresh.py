"""Sources that compute deadlines register a refresher here, so a daily run or --recompute can re-sync them.

The layers forbid deadlines from importing the stages that compute dates; they register themselves instead
(dependency inversion): ``register_refresher("litigation.judgment", refresh_judgment_deadlines)`` where the
function takes (session, case_id) and calls sync_deadline / cancel_deadlines for that case.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlmodel import Session

from legalops.cases.models import Case, Stage
from legalops.core import calendar as cal
from legalops.deadlines.models import Deadline
from legalops.deadlines.services import LIVE

Refresher = Callable[[Session, int], None]
_REFRESHERS: dict[str, Refresher] = {}
FINISHED = (Stage.closed.value, Stage.written_off.value, Stage.terminated.value)


def register_refresher(source: str, refresher: Refresher) -> None:
    """Register the function that re-syncs one case's deadlines of `source`."""
    _REFRESHERS[source] = refresher


def refreshers() -> dict[str, Refresher]:
    """Return the registered refreshers by source."""
    return dict(_REFRESHERS)


def refresh_case(session: Session, case_id: int) -> None:
    """Re-sync every registered source's deadlines for one case."""
    for refresher in _REFRESHERS.values():
        refresher(session, case_id)


def refresh_all(session: Session) -> int:
    """Re-sync every registered source for every case still in progress; return the number of cases."""
    ids = list(session.execute(select(Case.id).where(Case.stage.not_in(FINISHED)).order_by(Case.id)).scalars())
    for case_id in ids:
        refresh_case(session, case_id)
    return len(ids)


def recompute_provisional(session: Session) -> dict[str, int]:
    """Reload the holiday table and re-sync the cases with provisional deadlines; count what is still provisional."""
    cal.reload()
    live_provisional = select(Deadline.source, Deadline.case_id).where(
        Deadline.provisional.is_(True), Deadline.state.in_(LIVE)).distinct()
    pairs = session.execute(live_provisional).all()
    unknown = 0
    for source, case_id in pairs:
        refresher = _REFRESHERS.get(source)
        if refresher is None:
            unknown += 1
            continue
        refresher(session, case_id)
    session.flush()
    left = session.execute(select(Deadline.id).where(Deadline.provisional.is_(True), Deadline.state.in_(LIVE))).all()
    return {"cases": len(pairs), "without_refresher": unknown, "still_provisional": len(left)}

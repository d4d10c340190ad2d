"""Which deadlines are events to watch and which are tasks for our side: the one place that decides.

A task asks the creditor's side to act by its date (apply for enforcement, renew a freeze, sue before the
limitation or guarantee period runs out, prepare a hearing, follow up an auction payment); when its day passes
unmet it is *missed*, counted as overdue and reminded.

An event is a date the court or another party fixes and we only watch: the judgment takes effect, the debtor's
performance period ends, a defendant's appeal period runs out. Nobody on our side can "miss" it, so when its day
passes it closes by itself as *passed* (shown neutrally, never overdue, never reminded as overdue). Without this a
judgment entered after the fact showed 判决生效 and every party's appeal deadline as missed, in red.

The creditor's own appeal deadline stays a task (we decide whether to appeal); an appeal deadline recorded without
a party is kept as a task too, since we cannot tell whose it is.
"""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased, object_session

from legalops.cases.models import Case
from legalops.deadlines.models import Deadline, DeadlineKind

K = DeadlineKind

#: Kinds that are events whoever they concern.
EVENT_KINDS = frozenset({K.judgment_effective.value, K.performance_period.value})
#: Kinds that are events when they belong to a party other than our creditor (the opposing parties).
OPPOSING_PARTY_EVENT_KINDS = frozenset({K.appeal.value})


def is_event(kind: str, party_id: int | None, creditor_id: int | None) -> bool:
    """Tell whether a deadline of this kind, for this party, on a case of this creditor, is an event to watch."""
    if kind in EVENT_KINDS:
        return True
    return kind in OPPOSING_PARTY_EVENT_KINDS and party_id is not None and party_id != creditor_id


def event_condition():
    """Return is_event as SQL on Deadline (a correlated subquery reads the case's creditor; no join needed)."""
    own = aliased(Case)
    creditor = select(own.creditor_id).where(own.id == Deadline.case_id).correlate_except(own).scalar_subquery()
    return or_(Deadline.kind.in_(EVENT_KINDS),
               and_(Deadline.kind.in_(OPPOSING_PARTY_EVENT_KINDS), Deadline.party_id.is_not(None),
                    Deadline.party_id != creditor))


def deadline_is_event(deadline: Deadline) -> bool:
    """Tell whether a loaded deadline is an event (reads its case's creditor through the deadline's session)."""
    if deadline.kind in EVENT_KINDS:
        return True
    if deadline.kind not in OPPOSING_PARTY_EVENT_KINDS or deadline.party_id is None:
        return False
    session = object_session(deadline)
    case = session.get(Case, deadline.case_id) if session is not None else None
    return case is not None and is_event(deadline.kind, deadline.party_id, case.creditor_id)

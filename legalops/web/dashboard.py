"""Dashboard: recoveries by month, pipeline, recovery rate by portfolio, firm performance, what comes next.

Every figure is scoped like the case list: a law-firm user sees only their firm's cases and money.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from decimal import Decimal

from flask import Blueprint, render_template
from sqlalchemy import func, select
from sqlmodel import Session

from legalops.audit.models import AuditEntry
from legalops.auth.models import Firm
from legalops.auth.web import me, requires
from legalops.cases.models import Case, Loan, Portfolio
from legalops.cases.queries import scope
from legalops.cases.stages import STAGE_LABELS
from legalops.core.clock import today, utcnow
from legalops.db import get_session
from legalops.ledger.models import LedgerEntry

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
ZERO = Decimal("0.00")


def chart(rows: list[tuple[str, Decimal | int]], width: int = 560, bar: int = 22, label_width: int = 150) -> dict:
    """Lay out a horizontal bar chart: one bar per (label, value), scaled to the largest value."""
    top = max((abs(value) for _, value in rows), default=0) or 1
    gap = 6
    bars = [{"label": label, "value": value, "y": i * (bar + gap), "width": round(float(abs(value)) / float(top) * (width - label_width - 130), 1)}
            for i, (label, value) in enumerate(rows)]
    return {"bars": bars, "height": max(len(rows), 1) * (bar + gap), "width": width, "bar": bar, "x": label_width}


def visible_case_ids(user):
    """Return a subquery of the case ids `user` may see."""
    return scope(select(Case.id), user)


def recoveries_by_month(session: Session, user) -> list[tuple[str, Decimal]]:
    """Return the net amount recovered per booking month (reversals included), summed exactly in Python."""
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for period, amount in session.execute(select(LedgerEntry.period, LedgerEntry.amount)
                                          .where(LedgerEntry.case_id.in_(visible_case_ids(user)))):
        totals[period] += amount
    return sorted(totals.items())[-12:]


def pipeline(session: Session, user) -> list[tuple[str, int]]:
    """Return the number of visible cases per stage."""
    counts: dict[str, int] = defaultdict(int)
    for (stage,) in session.execute(scope(select(Case.stage), user)):
        counts[stage] += 1
    return [(key, counts.get(key, 0)) for key in STAGE_LABELS]


def recovery_rates(session: Session, user) -> list[dict]:
    """Return, per portfolio, the amount recovered against the outstanding principal at cut-off."""
    ids = visible_case_ids(user)
    principal: dict[str, Decimal] = defaultdict(lambda: ZERO)
    recovered: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for name, amount in session.execute(select(Portfolio.name, Loan.outstanding_principal).join(Case, Case.id == Loan.case_id)
                                        .outerjoin(Portfolio, Portfolio.id == Case.portfolio_id).where(Case.id.in_(ids))):
        principal[name or "—"] += amount
    for name, amount in session.execute(select(Portfolio.name, LedgerEntry.amount).join(Case, Case.id == LedgerEntry.case_id)
                                        .outerjoin(Portfolio, Portfolio.id == Case.portfolio_id).where(Case.id.in_(ids))):
        recovered[name or "—"] += amount
    return [{"name": name, "principal": principal[name], "recovered": recovered[name],
             "rate": (recovered[name] / principal[name] * 100).quantize(Decimal("0.1")) if principal[name] else None}
            for name in sorted(set(principal) | set(recovered))]


def _stage_days(session: Session, case_ids: list[int]) -> dict[int, list[float]]:
    """Return, per case, the days spent in each finished or current stage, from the audit trail's stage changes."""
    changes: dict[int, list[dt.datetime]] = defaultdict(list)
    for case_id, at in session.execute(select(AuditEntry.case_id, AuditEntry.at).where(
            AuditEntry.action.in_(["create", "stage"]), AuditEntry.object_type == "case",
            AuditEntry.case_id.in_(case_ids)).order_by(AuditEntry.at)):
        changes[case_id].append(at)
    now = utcnow()
    out = {}
    for case_id, stamps in changes.items():
        stamps = [s if s.tzinfo else s.replace(tzinfo=dt.UTC) for s in stamps] + [now]
        out[case_id] = [(b - a).total_seconds() / 86400 for a, b in zip(stamps, stamps[1:], strict=False)]
    return out


def firm_performance(session: Session, user) -> list[dict]:
    """Return per firm: cases, median days in a stage (audit trail), amount recovered."""
    rows = session.execute(scope(select(Case.id, Firm.name).join(Firm, Firm.id == Case.firm_id), user)).all()
    by_firm: dict[str, list[int]] = defaultdict(list)
    for case_id, firm in rows:
        by_firm[firm].append(case_id)
    days = _stage_days(session, [case_id for case_id, _ in rows])
    recovered: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for case_id, amount in session.execute(select(LedgerEntry.case_id, LedgerEntry.amount)
                                           .where(LedgerEntry.case_id.in_([c for c, _ in rows] or [0]))):
        recovered[case_id] += amount
    out = []
    for firm, ids in sorted(by_firm.items()):
        spans = [d for case_id in ids for d in days.get(case_id, [])]
        out.append({"name": firm, "cases": len(ids), "median_days": round(statistics.median(spans), 1) if spans else None,
                    "recovered": sum((recovered[c] for c in ids), ZERO)})
    return out


def upcoming(session: Session, user, days: int = 30) -> dict:
    """Return the open deadlines due in the next `days` days, the overdue ones apart, and the next auction rounds."""
    start, until = today(), today() + dt.timedelta(days=days)
    ids = visible_case_ids(user)
    result: dict = {"deadlines": None, "overdue": None, "overdue_count": 0, "auctions": None}
    try:
        from legalops.deadlines.models import Deadline, DeadlineState
        from legalops.deadlines.queries import state_is
    except ImportError:  # pragma: no cover - the deadline list ships separately
        Deadline = None  # noqa: N806
    if Deadline is not None:
        rows = select(Deadline, Case.reference).join(Case, Case.id == Deadline.case_id).where(Deadline.case_id.in_(ids))
        result["deadlines"] = session.execute(
            rows.where(state_is(DeadlineState.open, start), Deadline.due_on <= until)
            .order_by(Deadline.due_on, Deadline.id).limit(15)).all()
        # Missed ones apart, most recent first: yesterday's is an emergency, a years-old lapse is history.
        missed = state_is(DeadlineState.missed, start)
        result["overdue"] = session.execute(
            rows.where(missed).order_by(Deadline.due_on.desc(), Deadline.id).limit(10)).all()
        result["overdue_count"] = session.execute(
            select(func.count()).select_from(Deadline).where(Deadline.case_id.in_(ids), missed)).scalar_one()
    try:
        from legalops.disposal.models import AuctionRound
    except ImportError:  # pragma: no cover - disposal ships separately
        AuctionRound = None  # noqa: N806
    if AuctionRound is not None:
        start = dt.datetime.combine(today(), dt.time(), tzinfo=dt.UTC)
        result["auctions"] = session.execute(
            select(AuctionRound, Case.reference).join(Case, Case.id == AuctionRound.case_id)
            .where(AuctionRound.case_id.in_(ids), AuctionRound.starts_at >= start,
                   AuctionRound.status.in_(["scheduled", "announced", "live"]))
            .order_by(AuctionRound.starts_at).limit(10)).all()
    return result


@bp.get("/")
@requires(lambda user: True)
def index():
    """Show the dashboard of the cases the user may see."""
    db, user = get_session(), me()
    months = recoveries_by_month(db, user)
    stages = pipeline(db, user)
    return render_template("dashboard/index.html", months=chart(months), recovered=sum((v for _, v in months), ZERO),
                           all_recovered=sum((a for (a,) in db.execute(select(LedgerEntry.amount).where(
                               LedgerEntry.case_id.in_(visible_case_ids(user))))), ZERO),
                           stages=chart([(key, n) for key, n in stages], width=520, label_width=230), stage_labels=STAGE_LABELS,
                           rates=recovery_rates(db, user), firms=firm_performance(db, user), upcoming=upcoming(db, user))

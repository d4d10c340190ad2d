"""Keep each debtor's limitation and guarantee-period expiry on the deadline calendar, always current.

Any commit that changed a case's loans, parties, events or demand deliveries re-syncs that case's claim
deadlines before it commits (a session hook, so no view, CLI or API path can forget it); the daily job
re-syncs every open case as well (imports write rows in bulk, past the ORM).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event, select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from legalops.assessment.findings import build_findings
from legalops.assessment.queries import get_assessment
from legalops.cases.models import Case, CaseParty
from legalops.core.clock import today
from legalops.deadlines.models import Deadline, DeadlineKind
from legalops.deadlines.refresh import register_refresher
from legalops.deadlines.services import LIVE, cancel_deadlines, close_deadlines, sync_deadline

SOURCE = "assessment.claims"
#: Tables whose rows feed the claim clocks (by name: some belong to modules this one must not import).
WATCHED_TABLES = {"loan", "case_party", "case_event", "demand_delivery"}
_STALE = "legalops.deadlines.stale_cases"
_TITLES = {DeadlineKind.limitation: "诉讼时效届满：{name}（{role}）",
           DeadlineKind.guarantee_period: "保证期间届满：{name}（{role}）"}
_ROLES = {"borrower": "借款人", "co_borrower": "共同借款人", "general_guarantor": "一般保证人",
          "joint_guarantor": "连带责任保证人", "mortgagor": "抵押人", "pledgor": "出质人"}


def citation_text(citations: list[dict]) -> str:
    """Join calculator citations as 《instrument》article（version）; …"""
    return "；".join(f"《{c['instrument']}》{c['article']}（{c['version']}）" for c in citations)


def _provisional(claim: dict) -> str | None:
    for convention in claim.get("conventions", []):
        if convention["setting"] == "holiday_calendar" and convention["value"] == "missing":
            # claims.py counts without rolling off rest days: never later than the true date.
            return convention["note"][:1000]
    return None


def sync_claim_deadlines(session: Session, case_id: int) -> None:
    """Upsert the case's per-debtor claim deadlines from the assessment's claim statuses; retire stale ones."""
    case = session.get(Case, case_id)
    if case is None:
        return
    links = {link.id: link for link in session.execute(select(CaseParty).where(CaseParty.case_id == case_id))
             .scalars()}
    findings = build_findings(session, case, get_assessment(session, case), today())
    for claim in findings["claims"]:
        link = links.get(claim["debtor_id"])
        if link is None:
            continue
        source_id = str(link.id)
        if claim["last_day"] is None:
            cancel_deadlines(session, source=SOURCE, source_id=source_id)
            continue
        guarantee = claim["basis"] == "Guarantee period"
        kind = DeadlineKind.guarantee_period if guarantee else DeadlineKind.limitation
        acted = any("act" in reason.get("params", {}) for reason in claim["reasons"])
        if guarantee and acted:
            # The creditor sued or demanded in time: the guarantee period has done its work.
            close_deadlines(session, source=SOURCE, source_id=source_id, kind=kind.value)
            continue
        other = DeadlineKind.limitation if guarantee else DeadlineKind.guarantee_period
        if not guarantee and link.role in ("general_guarantor", "joint_guarantor"):
            close_deadlines(session, source=SOURCE, source_id=source_id, kind=other.value)
        else:
            cancel_deadlines(session, source=SOURCE, source_id=source_id, kind=other.value)
        title = _TITLES[kind].format(name=claim["name"], role=_ROLES.get(link.role, link.role))
        sync_deadline(session, case_id=case_id, kind=kind.value, due_on=dt.date.fromisoformat(claim["last_day"]), title=title,
                      citation=citation_text(claim["citations"]), source=SOURCE, source_id=source_id,
                      party_id=link.party_id, provisional_note=_provisional(claim))
    gone = session.execute(select(Deadline.source_id).where(
        Deadline.case_id == case_id, Deadline.source == SOURCE, Deadline.state.in_(LIVE),
        Deadline.source_id.not_in([str(i) for i in links] or ["-"])).distinct()).scalars()
    for source_id in list(gone):
        cancel_deadlines(session, source=SOURCE, source_id=source_id)


def _note_stale(session: OrmSession, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty, *session.deleted):
        if getattr(obj, "__tablename__", None) in WATCHED_TABLES and getattr(obj, "case_id", None):
            session.info.setdefault(_STALE, set()).add(obj.case_id)


def _sync_stale(session: OrmSession) -> None:
    # before_commit runs before commit's own flush: flush first so pending changes are noted and visible.
    session.flush()
    stale = session.info.pop(_STALE, set())
    for case_id in sorted(stale):
        sync_claim_deadlines(session, case_id)
    session.flush()
    session.info.pop(_STALE, None)  # syncing writes no watched table; never carry a note into the next commit


def _forget(session: OrmSession, *_args) -> None:
    session.info.pop(_STALE, None)


event.listen(OrmSession, "before_flush", _note_stale)
event.listen(OrmSession, "before_commit", _sync_stale)
event.listen(OrmSession, "after_rollback", _forget)
register_refresher(SOURCE, sync_claim_deadlines)

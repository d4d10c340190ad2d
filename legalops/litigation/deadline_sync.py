"""Publish the clocks of judgments, measures and hearings to the deadline list, and re-sync them on demand."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from legalops.assessment.calculators import Citation
from legalops.cases.models import Case
from legalops.deadlines.refresh import register_refresher
from legalops.deadlines.services import cancel_deadlines, close_deadlines, sync_deadline
from legalops.litigation import queries
from legalops.litigation.clocks import Clock
from legalops.litigation.models import Judgment, LitigationEvent, Measure

JUDGMENT, MEASURE, HEARING = "litigation.judgment", "litigation.measure", "litigation.hearing"
TITLES = {"appeal": "上诉期届满", "judgment_effective": "判决生效", "performance_period": "履行期间届满",
          "enforcement_application": "申请执行期间届满", "preservation_expiry": "查封、冻结期限届满",
          "preservation_renewal": "续行查封、冻结最迟申请日", "hearing": "开庭"}
_LIVE_AFTER_APPEAL = ("judgment_effective", "performance_period", "enforcement_application")


def cite(citations: list[Citation]) -> str:
    """Render citations as one line: 《instrument》（version）article; …."""
    return "；".join(f"《{c.instrument}》（{c.version}）{c.article}" for c in citations)


def _sync(session: Session, case_id: int, clock: Clock, source: str, source_id: int, title: str,
          party_id: int | None = None) -> None:
    sync_deadline(session, case_id=case_id, kind=clock.kind, due_on=clock.due_on, title=title, citation=cite(clock.citations),
                  source=source, source_id=str(source_id), party_id=party_id,
                  provisional_note=clock.provisional_note or None)


def sync_judgment(session: Session, judgment: Judgment) -> queries.JudgmentClocks:
    """Publish every date the judgment starts; drop those an appeal has suspended."""
    found = queries.judgment_clocks(session, judgment)
    for row in found.parties:
        if row.appeal:
            _sync(session, judgment.case_id, row.appeal, JUDGMENT, judgment.id,
                  f"{TITLES['appeal']}（{row.party.name}）", party_id=row.party.id)
    for clock in (found.effective, found.performance_end, found.enforcement_deadline):
        if clock:
            _sync(session, judgment.case_id, clock, JUDGMENT, judgment.id, TITLES[clock.kind])
    if found.appealed and not judgment.effective_on:
        for kind in _LIVE_AFTER_APPEAL:
            cancel_deadlines(session, source=JUDGMENT, source_id=str(judgment.id), kind=kind)
    return found


def close_appeal(session: Session, judgment: Judgment, party_id: int, actor) -> None:
    """Mark the appellant's appeal deadline as met."""
    close_deadlines(session, source=JUDGMENT, source_id=str(judgment.id), kind="appeal", party_id=party_id, actor=actor)


def close_enforcement_application(session: Session, judgment: Judgment, actor) -> None:
    """Mark the enforcement application deadline as met (the creditor applied)."""
    close_deadlines(session, source=JUDGMENT, source_id=str(judgment.id), kind="enforcement_application", actor=actor)


def sync_measure(session: Session, measure: Measure, expiry: Clock, renewal: Clock) -> None:
    """Publish a measure's expiry and latest renewal date, or close them once it is released or lapsed."""
    if measure.status != "active":
        cancel_deadlines(session, source=MEASURE, source_id=str(measure.id))
        return
    what = measure.object_description[:80]
    _sync(session, measure.case_id, expiry, MEASURE, measure.id, f"{TITLES['preservation_expiry']}：{what}")
    _sync(session, measure.case_id, renewal, MEASURE, measure.id, f"{TITLES['preservation_renewal']}：{what}")


def sync_hearing(session: Session, event: LitigationEvent) -> None:
    """Publish a hearing date."""
    when = f" {event.hearing_time:%H:%M}" if event.hearing_time else ""
    room = f" {event.courtroom}" if event.courtroom else ""
    sync_deadline(session, case_id=event.case_id, kind="hearing", due_on=event.occurred_on,
                  title=f"{TITLES['hearing']}{when}{room}", citation="", source=HEARING, source_id=str(event.id))


def refresh_case(session: Session, case_id: int) -> None:
    """Re-sync one case's judgment and measure deadlines (after the holiday table changed)."""
    from legalops.litigation.clocks import preservation_clocks

    case = session.get(Case, case_id)
    if case is None:
        return
    for judgment in queries.list_judgments(session, case):
        sync_judgment(session, judgment)
    for measure in queries.list_measures(session, case):
        if measure.status == "active":
            expiry, renewal = preservation_clocks(measure.asset_type, measure.imposed_on, measure.expires_on)
            sync_measure(session, measure, expiry, renewal)


def _refresh_hearings(session: Session, case_id: int) -> None:
    for event in session.execute(select(LitigationEvent).where(LitigationEvent.case_id == case_id,
                                                               LitigationEvent.kind == "hearing")).scalars():
        sync_hearing(session, event)


register_refresher(JUDGMENT, refresh_case)
register_refresher(MEASURE, refresh_case)
register_refresher(HEARING, _refresh_hearings)

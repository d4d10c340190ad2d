"""Read-only litigation queries; callers pass a case already fetched through cases.queries.get_case (scoped)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session

from legalops.cases.models import Case
from legalops.core.errors import NotFound
from legalops.core.i18n import N_
from legalops.litigation import clocks
from legalops.litigation.models import (
    Judgment,
    JudgmentParty,
    LitigationEvent,
    Measure,
    MeasureRenewal,
    Proceeding,
)
from legalops.parties.models import Party


def list_proceedings(session: Session, case: Case) -> list[Proceeding]:
    """Return the case's proceedings, oldest first."""
    return list(session.execute(select(Proceeding).where(Proceeding.case_id == case.id)
                                .order_by(Proceeding.id)).scalars())


def latest_proceeding(session: Session, case: Case) -> Proceeding | None:
    """Return the case's most recent proceeding."""
    rows = list_proceedings(session, case)
    return rows[-1] if rows else None


def get_proceeding(session: Session, case: Case, proceeding_id: int) -> Proceeding:
    """Return one of the case's proceedings, or NotFound."""
    item = session.get(Proceeding, proceeding_id)
    if item is None or item.case_id != case.id:
        raise NotFound(N_("Not found."))
    return item


def list_events(session: Session, case: Case) -> list[LitigationEvent]:
    """Return the case's litigation events in date order."""
    return list(session.execute(select(LitigationEvent).where(LitigationEvent.case_id == case.id)
                                .order_by(LitigationEvent.occurred_on, LitigationEvent.id)).scalars())


def list_judgments(session: Session, case: Case) -> list[Judgment]:
    """Return the case's judgments, oldest first."""
    return list(session.execute(select(Judgment).where(Judgment.case_id == case.id).order_by(Judgment.id)).scalars())


def latest_judgment(session: Session, case_id: int) -> Judgment | None:
    """Return the case's most recent judgment (the one enforced)."""
    return session.execute(select(Judgment).where(Judgment.case_id == case_id)
                           .order_by(Judgment.id.desc()).limit(1)).scalar_one_or_none()


def get_judgment(session: Session, case: Case, judgment_id: int) -> Judgment:
    """Return one of the case's judgments, or NotFound."""
    item = session.get(Judgment, judgment_id)
    if item is None or item.case_id != case.id:
        raise NotFound(N_("Not found."))
    return item


def list_judgment_parties(session: Session, judgment: Judgment) -> list[tuple[JudgmentParty, Party]]:
    """Return the judgment's parties with their service dates and awards."""
    rows = session.execute(select(JudgmentParty, Party).join(Party, Party.id == JudgmentParty.party_id)
                           .where(JudgmentParty.judgment_id == judgment.id).order_by(JudgmentParty.id)).all()
    return [(jp, party) for jp, party in rows]


def has_appeal(session: Session, judgment: Judgment) -> bool:
    """Tell whether any party appealed after the judgment was given."""
    return session.execute(select(LitigationEvent.id).where(
        LitigationEvent.proceeding_id == judgment.proceeding_id, LitigationEvent.kind == "appeal",
        LitigationEvent.occurred_on >= judgment.decided_on).limit(1)).first() is not None


@dataclass
class PartyClocks:
    """One party's appeal deadline next to the judgment's shared clocks."""

    party: Party
    link: JudgmentParty
    appeal: clocks.Clock | None


@dataclass
class JudgmentClocks:
    """Everything a judgment starts: per-party appeal deadlines, effective date, performance end, enforcement."""

    judgment: Judgment
    parties: list[PartyClocks] = field(default_factory=list)
    appealed: bool = False
    effective: clocks.Clock | None = None
    performance_end: clocks.Clock | None = None
    enforcement_deadline: clocks.Clock | None = None

    def all(self) -> list[clocks.Clock]:
        """Return the clocks that have a date, in legal order."""
        found = [p.appeal for p in self.parties if p.appeal]
        return found + [c for c in (self.effective, self.performance_end, self.enforcement_deadline) if c]

    def footnotes(self) -> Footnotes:
        """Number each citation and provisional note of the clocks once, in reading order (row by row, left to right)."""
        shared = [c for c in (self.effective, self.performance_end, self.enforcement_deadline) if c and c.due_on]
        numbers: dict[object, int] = {}
        for row in self.parties:
            for clock in ([row.appeal] if row.appeal and row.appeal.due_on else []) + shared:
                for note in clock.notes:
                    numbers.setdefault(note, len(numbers) + 1)
        return Footnotes(numbers)


@dataclass
class Footnotes:
    """A judgment's citations (instrument, version, article) and provisional notes, each printed once, numbered."""

    numbers: dict[object, int]

    def entries(self) -> list[tuple[int, object]]:
        """Return (number, citation or note) in number order."""
        return [(n, note) for note, n in self.numbers.items()]

    def refs(self, clock: clocks.Clock) -> list[tuple[int, object]]:
        """Return (number, citation or note) for what a date rests on, lowest number first."""
        return sorted(((self.numbers[note], note) for note in clock.notes), key=lambda pair: pair[0])


def judgment_clocks(session: Session, judgment: Judgment) -> JudgmentClocks:
    """Compute the judgment's clocks from what is recorded; a clock stays empty until its inputs are known."""
    out = JudgmentClocks(judgment, appealed=has_appeal(session, judgment))
    rows = list_judgment_parties(session, judgment)
    for link, party in rows:
        appeal = None
        if link.served_on and judgment.document_kind != "mediation":
            appeal = clocks.appeal_clock(judgment.document_kind, link.served_on, link.domiciled_in_china)
        out.parties.append(PartyClocks(party, link, appeal))
    if judgment.effective_on:
        out.effective = clocks.Clock("judgment_effective", judgment.effective_on, [],
                                     ["生效日期按法院生效证明或上诉审裁判记载"])
    elif rows and all(link.served_on for link, _ in rows) and not out.appealed:
        served = [link.served_on for link, _ in rows]
        out.effective = clocks.effective_clock(judgment.document_kind,
                                               [p.appeal.due_on for p in out.parties if p.appeal], served)
    if out.effective:
        out.performance_end = clocks.performance_clock(out.effective.due_on, judgment.performance_days)
        out.enforcement_deadline = clocks.enforcement_clock(out.performance_end.due_on)
    return out


def list_measures(session: Session, case: Case, phase: str | None = None) -> list[Measure]:
    """Return the case's measures, soonest expiry first."""
    stmt = select(Measure).where(Measure.case_id == case.id)
    if phase:
        stmt = stmt.where(Measure.phase == phase)
    return list(session.execute(stmt.order_by(Measure.expires_on, Measure.id)).scalars())


def list_active_measures(session: Session, case_id: int, on: dt.date | None = None) -> list[Measure]:
    """Return the measures still in force (on `on`, if given), soonest expiry first."""
    stmt = select(Measure).where(Measure.case_id == case_id, Measure.status == "active")
    if on:
        stmt = stmt.where(Measure.expires_on >= on)
    return list(session.execute(stmt.order_by(Measure.expires_on, Measure.id)).scalars())


def get_measure(session: Session, case: Case, measure_id: int) -> Measure:
    """Return one of the case's measures, or NotFound."""
    item = session.get(Measure, measure_id)
    if item is None or item.case_id != case.id:
        raise NotFound(N_("Not found."))
    return item


def list_renewals(session: Session, measure_ids: list[int]) -> dict[int, list[MeasureRenewal]]:
    """Return each measure's renewals, oldest first."""
    out: dict[int, list[MeasureRenewal]] = {i: [] for i in measure_ids}
    if not measure_ids:
        return out
    for row in session.execute(select(MeasureRenewal).where(MeasureRenewal.measure_id.in_(measure_ids))
                               .order_by(MeasureRenewal.renewed_on, MeasureRenewal.id)).scalars():
        out[row.measure_id].append(row)
    return out

"""Litigation commands: proceedings, events (service, hearings, appeals ...), judgments. Flush, never commit."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from legalops.audit.services import diff, record, snapshot
from legalops.auth.models import User
from legalops.cases import services as case_services
from legalops.cases.models import Case, CaseParty, Collateral
from legalops.cases.stages import TRANSITIONS
from legalops.core.clock import utcnow
from legalops.core.errors import Conflict, DomainError
from legalops.core.i18n import N_
from legalops.litigation import deadline_sync, queries
from legalops.litigation.measures import record_measure, release_measure, renew_measure  # noqa: F401 - the verbs
from legalops.litigation.models import Judgment, JudgmentParty, LitigationEvent, Proceeding
from legalops.litigation.schemas import EventIn, JudgmentIn, ProceedingIn, ServiceIn


def advance_stage(session: Session, case: Case, target: str, actor: User, reason: str = "") -> bool:
    """Move the case to `target` through the stage service when the state machine allows it; say if it moved."""
    if case.stage == target or target not in {s.value for s in TRANSITIONS[case.stage]}:
        return False
    case_services.change_stage(session, case, target, reason, actor)
    return True


def _party_ids(session: Session, case: Case) -> set[int]:
    ids = set(session.execute(select(CaseParty.party_id).where(CaseParty.case_id == case.id)).scalars())
    return ids | {case.creditor_id}


def _proceeding_values(data: ProceedingIn) -> dict:
    values = data.model_dump()
    for key in ("court_case_number", "judge", "note"):
        values[key] = values[key] or ""
    values["fees_paid"] = values["fees_paid"] if values["fees_paid"] is not None else Decimal("0.00")
    return values


def _mirror_on_case(session: Session, case: Case, proceeding: Proceeding, actor: User) -> None:
    # The case's court and 案号 head every court form; they follow the latest proceeding.
    before = {"court_name": case.court_name, "court_case_number": case.court_case_number}
    after = {"court_name": proceeding.court_name, "court_case_number": proceeding.court_case_number}
    if before != after:
        case.court_name, case.court_case_number = after["court_name"], after["court_case_number"]
        case.version += 1
        case.updated_at = utcnow()
        record(session, actor, "update", case, before=before, after=after)


def record_proceeding(session: Session, case: Case, data: ProceedingIn, actor: User) -> Proceeding:
    """Record a suit before a court; the case's court and case number follow it."""
    proceeding = Proceeding(case_id=case.id, **_proceeding_values(data))
    session.add(proceeding)
    session.flush()
    record(session, actor, "create", proceeding, after=snapshot(proceeding), summary=proceeding.court_case_number)
    _mirror_on_case(session, case, proceeding, actor)
    return proceeding


def update_proceeding(session: Session, case: Case, proceeding: Proceeding, data: ProceedingIn, actor: User,
                      expected_version: int | None = None) -> Proceeding:
    """Edit a proceeding (the case number once the court assigns it, the judge ...)."""
    if expected_version is not None and proceeding.version != expected_version:
        raise Conflict(N_("Someone else changed this record while you were editing it. Reload to see their change, "
                          "then apply yours again."))
    before = snapshot(proceeding)
    for key, value in _proceeding_values(data).items():
        if getattr(proceeding, key) != value:
            setattr(proceeding, key, value)
    old, new = diff(before, snapshot(proceeding))
    if new:
        proceeding.version += 1
        record(session, actor, "update", proceeding, before=old, after=new, summary=proceeding.court_case_number)
        if proceeding.id == queries.latest_proceeding(session, case).id:
            _mirror_on_case(session, case, proceeding, actor)
    return proceeding


def record_event(session: Session, case: Case, proceeding: Proceeding, data: EventIn, actor: User) -> LitigationEvent:
    """Record a dated event in a proceeding; hearings go to the deadline list, appeals suspend the clocks."""
    if data.party_id is not None and data.party_id not in _party_ids(session, case):
        raise DomainError(N_("Choose one of the case's parties."), field="party_id")
    event = LitigationEvent(case_id=case.id, proceeding_id=proceeding.id, kind=data.kind, occurred_on=data.occurred_on,
                            party_id=data.party_id, hearing_time=data.hearing_time, courtroom=data.courtroom or "",
                            note=data.note or "")
    session.add(event)
    session.flush()
    after = snapshot(event)
    # The audit trail stores JSON; a time of day is not one of the types it converts.
    after["hearing_time"] = event.hearing_time.isoformat(timespec="minutes") if event.hearing_time else None
    record(session, actor, "create", event, after=after, summary=data.kind)
    if event.kind == "hearing":
        deadline_sync.sync_hearing(session, event)
    if event.kind == "appeal":
        for judgment in queries.list_judgments(session, case):
            if judgment.proceeding_id == proceeding.id and judgment.decided_on <= event.occurred_on:
                deadline_sync.close_appeal(session, judgment, event.party_id, actor)
                deadline_sync.sync_judgment(session, judgment)
    if event.kind == "withdrawal":
        advance_stage(session, case, "settlement", actor, reason=event.note or "撤诉")
    return event


def record_hearing(session: Session, case: Case, proceeding: Proceeding, data: EventIn, actor: User) -> LitigationEvent:
    """Record a hearing (date, time, courtroom)."""
    return record_event(session, case, proceeding, data.model_copy(update={"kind": "hearing"}), actor)


def record_appeal(session: Session, case: Case, proceeding: Proceeding, data: EventIn, actor: User) -> LitigationEvent:
    """Record that a party appealed."""
    return record_event(session, case, proceeding, data.model_copy(update={"kind": "appeal"}), actor)


def record_judgment(session: Session, case: Case, proceeding: Proceeding, data: JudgmentIn, actor: User) -> Judgment:
    """Record a judgment with per-party service and awards; publish its clocks and move the case to judgment."""
    parties = _party_ids(session, case)
    collateral = set(session.execute(select(Collateral.id).where(Collateral.case_id == case.id)).scalars())
    seen: set[int] = set()
    for award in data.parties:
        if award.party_id not in parties or award.party_id in seen:
            raise DomainError(N_("Choose one of the case's parties."), field="parties")
        if award.collateral_id is not None and award.collateral_id not in collateral:
            raise DomainError(N_("Choose one of the case's collateral items."), field=f"collateral_id_{award.party_id}")
        seen.add(award.party_id)
    judgment = Judgment(case_id=case.id, proceeding_id=proceeding.id, document_kind=data.document_kind,
                        decided_on=data.decided_on, performance_days=data.performance_days,
                        debt_amount=data.debt_amount, interest_amount=data.interest_amount or Decimal("0.00"),
                        costs_amount=data.costs_amount or Decimal("0.00"), effective_on=data.effective_on, note=data.note or "")
    session.add(judgment)
    session.flush()
    for award in data.parties:
        session.add(JudgmentParty(judgment_id=judgment.id, **award.model_dump()))
    session.flush()
    record(session, actor, "create", judgment, after={**snapshot(judgment), "parties": [
        {k: str(v) if v is not None else None for k, v in a.model_dump().items()} for a in data.parties]},
        summary=proceeding.court_case_number)
    deadline_sync.sync_judgment(session, judgment)
    advance_stage(session, case, "judgment", actor)
    case.updated_at = utcnow()
    return judgment


def record_service(session: Session, case: Case, judgment: Judgment, data: ServiceIn, actor: User) -> JudgmentParty:
    """Record the day the judgment reached a party; that party's appeal clock starts and the others follow."""
    link = session.execute(select(JudgmentParty).where(JudgmentParty.judgment_id == judgment.id,
                                                       JudgmentParty.party_id == data.party_id)).scalar_one_or_none()
    if link is None:
        if data.party_id not in _party_ids(session, case):
            raise DomainError(N_("Choose one of the case's parties."), field="party_id")
        link = JudgmentParty(judgment_id=judgment.id, party_id=data.party_id)
        session.add(link)
    if data.served_on < judgment.decided_on:
        raise DomainError(N_("A judgment cannot be served before it was given."), field="served_on")
    before = {"served_on": link.served_on.isoformat() if link.served_on else None}
    link.served_on = data.served_on
    session.flush()
    record(session, actor, "update", link, before=before, after={"served_on": data.served_on.isoformat()},
           case_id=case.id)
    event = LitigationEvent(case_id=case.id, proceeding_id=judgment.proceeding_id, kind="service",
                            occurred_on=data.served_on, party_id=data.party_id, note="判决书送达")
    session.add(event)
    deadline_sync.sync_judgment(session, judgment)
    return link


def record_effective(session: Session, case: Case, judgment: Judgment, effective_on, actor: User) -> Judgment:
    """Record the date the judgment took effect as the court certifies it (e.g. after an appeal)."""
    if effective_on < judgment.decided_on:
        raise DomainError(N_("A judgment cannot take effect before it was given."), field="effective_on")
    before = {"effective_on": judgment.effective_on.isoformat() if judgment.effective_on else None}
    judgment.effective_on = effective_on
    judgment.version += 1
    record(session, actor, "update", judgment, before=before, after={"effective_on": effective_on.isoformat()})
    deadline_sync.sync_judgment(session, judgment)
    return judgment

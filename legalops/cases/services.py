"""Case commands: open, edit (with optimistic locking), debtors, loans, collateral, stages, firms."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from legalops.audit.services import diff, record, snapshot
from legalops.auth.models import Firm, Role, User
from legalops.cases import stages
from legalops.cases.models import Assignment, Case, CaseParty, Collateral, Loan, Stage
from legalops.cases.schemas import CaseIn, CollateralIn, DebtorIn, LoanIn
from legalops.core.clock import today, utcnow
from legalops.core.errors import Conflict, DomainError, NotFound
from legalops.core.i18n import N_
from legalops.parties.models import Party
from legalops.parties.schemas import PartyIn
from legalops.parties.services import find_party, save_party, update_party


def _check_version(obj, expected: int | None) -> None:
    if expected is not None and obj.version != expected:
        raise Conflict(N_("Someone else changed this record while you were editing it. Reload to see their change, then apply yours again."))


def _apply(obj, values: dict) -> tuple[dict, dict]:
    before = snapshot(obj)
    for key, value in values.items():
        # Decimal("4.35") == Decimal("4.350000"): leave equal values alone, or the trail records non-changes.
        if getattr(obj, key) != value:
            setattr(obj, key, value)
    return diff(before, snapshot(obj))


def _check_people(session: Session, data: CaseIn) -> None:
    if data.counsel_id is not None:
        counsel = session.get(User, data.counsel_id)
        if counsel is None or counsel.role not in {Role.counsel, Role.admin}:
            raise DomainError(N_("Choose one of the listed options."), field="counsel_id")


def open_case(session: Session, data: CaseIn, creditor: PartyIn, actor: User) -> Case:
    """Open a case in the intake stage for a creditor."""
    _check_people(session, data)
    creditor_party = _save_party(session, creditor, actor)
    values = data.model_dump()
    values["opened_on"] = values["opened_on"] or today()
    values = {k: ("" if v is None and k in {"court_name", "court_case_number", "note"} else v) for k, v in values.items()}
    # The reference needs the id; a unique placeholder keeps the NOT NULL/UNIQUE constraints happy meanwhile.
    case = Case(reference=f"tmp-{uuid.uuid4().hex}", creditor_id=creditor_party.id, **values)
    session.add(case)
    session.flush()
    case.reference = f"LO{case.opened_on:%Y}-{case.id:06d}"
    session.flush()
    record(session, actor, "create", case, after=snapshot(case))
    return case


def update_case(session: Session, case: Case, data: CaseIn, creditor: PartyIn | None, actor: User, expected_version: int | None) -> Case:
    """Edit a case's fields; refuse if it changed since the editor loaded it."""
    _check_version(case, expected_version)
    _check_people(session, data)
    values = {k: ("" if v is None and k in {"court_name", "court_case_number", "note"} else v)
              for k, v in data.model_dump().items()}
    values["opened_on"] = values["opened_on"] or case.opened_on
    creditor_changed = False
    if creditor is not None:
        current = session.get(Party, case.creditor_id)
        known_version = current.version if current is not None else None
        saved = _save_party(session, creditor, actor, case_id=case.id)
        values["creditor_id"] = saved.id
        # The creditor's details print on every filing: editing them in place must make filings stale too.
        creditor_changed = saved.id == case.creditor_id and saved.version != known_version
    before, after = _apply(case, values)
    if after:
        case.version += 1
        case.updated_at = utcnow()
        record(session, actor, "update", case, before=before, after=after)
    elif creditor_changed:
        _touch(case)
    return case


def add_debtor(session: Session, case: Case, party_in: PartyIn, role_in: DebtorIn, actor: User) -> CaseParty:
    """Add a party to the case in a role (borrower, guarantor, mortgagor ...)."""
    party = _save_party(session, party_in, actor, case_id=case.id)
    exists = session.exec(select(CaseParty).where(
        CaseParty.case_id == case.id, CaseParty.party_id == party.id, CaseParty.role == role_in.role)).first()
    if exists:
        raise DomainError(N_("%(name)s already has this role on the case."), field="role", name=party.name)
    link = CaseParty(case_id=case.id, party_id=party.id, role=role_in.role,
                     guarantee_limit=role_in.guarantee_limit, guarantee_period_months=role_in.guarantee_period_months,
                     note=role_in.note or "")
    session.add(link)
    session.flush()
    record(session, actor, "create", link, after={**snapshot(link), "party_name": party.name}, summary=party.name)
    _touch(case)
    return link


def update_debtor(session: Session, case: Case, link: CaseParty, party_in: PartyIn, role_in: DebtorIn, actor: User,
                  expected_version: int | None) -> CaseParty:
    """Edit a debtor's details and role."""
    party = session.get(Party, link.party_id)
    _check_version(party, expected_version)
    if (party.id_type, party.id_number) != (party_in.id_type.value, party_in.id_number):
        party = _save_party(session, party_in, actor, case_id=case.id)
    else:
        known_version = party.version
        update_party(session, party, party_in, actor, case_id=case.id)
        if party.version != known_version:
            party_changed(session, party, actor)
    before, after = _apply(link, {"party_id": party.id, "role": role_in.role, "guarantee_limit": role_in.guarantee_limit,
                                  "guarantee_period_months": role_in.guarantee_period_months, "note": role_in.note or ""})
    if after:
        # The debtor form's version token is the party's: move it so a second editor's role change conflicts.
        party.version += 1
        record(session, actor, "update", link, before=before, after=after, summary=party.name)
    _touch(case)
    return link


def remove_debtor(session: Session, case: Case, link: CaseParty, actor: User) -> None:
    """Take a party off the case (the party itself is kept)."""
    party = session.get(Party, link.party_id)
    record(session, actor, "delete", link, before={**snapshot(link), "party_name": party.name}, summary=party.name)
    session.delete(link)
    _touch(case)


def add_loan(session: Session, case: Case, data: LoanIn, actor: User) -> Loan:
    """Record a loan contract on the case."""
    _unique_contract(session, data.contract_number)
    loan = Loan(case_id=case.id, **data.column_values())
    session.add(loan)
    session.flush()
    record(session, actor, "create", loan, after=snapshot(loan), summary=loan.contract_number)
    _touch(case)
    return loan


def update_loan(session: Session, case: Case, loan: Loan, data: LoanIn, actor: User, expected_version: int | None) -> Loan:
    """Edit a loan; refuse if it changed since the editor loaded it."""
    _check_version(loan, expected_version)
    if data.contract_number != loan.contract_number:
        _unique_contract(session, data.contract_number)
    before, after = _apply(loan, data.column_values())
    if after:
        loan.version += 1
        record(session, actor, "update", loan, before=before, after=after, summary=loan.contract_number)
        _touch(case)
    return loan


def delete_loan(session: Session, case: Case, loan: Loan, actor: User) -> None:
    """Remove a loan entered by mistake (recorded in the audit trail)."""
    record(session, actor, "delete", loan, before=snapshot(loan), summary=loan.contract_number)
    session.delete(loan)
    _touch(case)


def _unique_contract(session: Session, number: str) -> None:
    if session.exec(select(Loan.id).where(Loan.contract_number == number)).first():
        raise DomainError(N_("Contract number %(number)s is already recorded."), field="contract_number", number=number)


def _check_owner(session: Session, case: Case, owner_id: int | None) -> None:
    if owner_id is None:
        return
    on_case = session.exec(select(CaseParty.id).where(CaseParty.case_id == case.id, CaseParty.party_id == owner_id)).first()
    if on_case is None and owner_id != case.creditor_id:
        raise DomainError(N_("The owner must be one of the case's parties."), field="owner_id")


def add_collateral(session: Session, case: Case, data: CollateralIn, actor: User) -> Collateral:
    """Record an asset securing the case."""
    _check_owner(session, case, data.owner_id)
    item = Collateral(case_id=case.id, **data.column_values())
    session.add(item)
    session.flush()
    record(session, actor, "create", item, after=snapshot(item), summary=item.description[:80])
    _touch(case)
    return item


def update_collateral(session: Session, case: Case, item: Collateral, data: CollateralIn, actor: User,
                      expected_version: int | None) -> Collateral:
    """Edit a collateral item; refuse if it changed since the editor loaded it."""
    _check_version(item, expected_version)
    _check_owner(session, case, data.owner_id)
    before, after = _apply(item, data.column_values())
    if after:
        item.version += 1
        record(session, actor, "update", item, before=before, after=after, summary=item.description[:80])
        _touch(case)
    return item


def delete_collateral(session: Session, case: Case, item: Collateral, actor: User) -> None:
    """Remove a collateral item entered by mistake."""
    record(session, actor, "delete", item, before=snapshot(item), summary=item.description[:80])
    session.delete(item)
    _touch(case)


def change_stage(session: Session, case: Case, target: str, reason: str, actor: User,
                 expected_version: int | None = None, *, via_decision: bool = False) -> Case:
    """Move the case to another stage if the state machine and its guards allow it."""
    # via_decision=True comes only from the assessment's go decision, the one way from assessment to
    # litigation or settlement.
    _check_version(case, expected_version)
    has_debtor = session.exec(select(CaseParty.id).where(CaseParty.case_id == case.id)).first() is not None
    has_loan = session.exec(select(Loan.id).where(Loan.case_id == case.id)).first() is not None
    why_not = stages.refusal(case.stage, target, reason=reason, has_debtor=has_debtor, has_loan=has_loan,
                             via_decision=via_decision)
    if why_not:
        raise DomainError(why_not, field="to", current=str(stages.STAGE_LABELS[Stage(case.stage)]),
                          target=str(stages.STAGE_LABELS[Stage(target)]))
    before = {"stage": case.stage}
    case.stage = Stage(target).value
    case.stage_reason = reason.strip()
    case.stage_changed_at = utcnow()
    case.version += 1
    record(session, actor, "stage", case, before=before, after={"stage": case.stage, "reason": case.stage_reason})
    return case


def assign_firm(session: Session, case: Case, firm_id: int | None, actor: User, note: str = "") -> Case:
    """Instruct a firm on the case (or withdraw the instruction with firm_id=None)."""
    if firm_id is not None:
        firm = session.get(Firm, firm_id)
        if firm is None or not firm.active:
            raise NotFound(N_("No such firm."), field="firm_id")
    if firm_id == case.firm_id:
        return case
    now = utcnow()
    for current in session.exec(select(Assignment).where(Assignment.case_id == case.id, Assignment.ended_at.is_(None))):
        current.ended_at = now
    if firm_id is not None:
        session.add(Assignment(case_id=case.id, firm_id=firm_id, assigned_by_id=actor.id, assigned_at=now, note=note))
    previous = session.get(Firm, case.firm_id) if case.firm_id else None
    # Names as well as ids: the trail must read correctly even after a firm is renamed.
    before = {"firm_id": case.firm_id, "firm": previous.name if previous else None}
    case.firm_id = firm_id
    case.version += 1
    case.updated_at = now
    record(session, actor, "assign", case, before=before,
           after={"firm_id": firm_id, "firm": firm.name if firm_id is not None else None, "note": note})
    return case


def _save_party(session: Session, data: PartyIn, actor: User, case_id: int | None = None) -> Party:
    """Save the party (find-or-create); if this changed a known party, every case it is on sees the change."""
    values = data.column_values()
    known = find_party(session, values["id_type"], values["id_number"])
    known_version = known.version if known is not None else None
    party = save_party(session, data, actor, case_id=case_id)
    if known is not None and party.version != known_version:
        party_changed(session, party, actor)
    return party


def party_changed(session: Session, party: Party, actor: User | None) -> None:
    """A party's details print on the filings of every case it is on (as debtor or creditor): mark them stale."""
    from legalops.cases.filings import refresh_staleness

    linked = select(CaseParty.case_id).where(CaseParty.party_id == party.id)
    cases = session.exec(select(Case).where((Case.creditor_id == party.id) | Case.id.in_(linked))
                         .order_by(Case.id)).all()
    for case in cases:
        _touch(case)
        refresh_staleness(session, case, actor)


def _touch(case: Case) -> None:
    # Sub-records change what filings would say; updated_at tells later filings they are stale.
    case.updated_at = utcnow()

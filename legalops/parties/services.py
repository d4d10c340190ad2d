"""Party commands: find-or-create by identity number, update with an audit record."""

from __future__ import annotations

from sqlmodel import Session, select

from legalops.audit.services import diff, record, snapshot
from legalops.core.clock import utcnow
from legalops.parties.models import Party
from legalops.parties.schemas import PartyIn


def find_party(session: Session, id_type: str, id_number: str) -> Party | None:
    """Return the party with this identity document, if known."""
    return session.exec(select(Party).where(Party.id_type == id_type, Party.id_number == id_number)).first()


def save_party(session: Session, data: PartyIn, actor, case_id: int | None = None) -> Party:
    """Create the party, or update the known party with the same identity number (audited either way)."""
    values = data.column_values()
    party = find_party(session, values["id_type"], values["id_number"])
    if party is None:
        party = Party(**values)
        session.add(party)
        session.flush()
        record(session, actor, "create", party, after=snapshot(party), case_id=case_id)
        return party
    return update_party(session, party, data, actor, case_id=case_id)


def update_party(session: Session, party: Party, data: PartyIn, actor, case_id: int | None = None) -> Party:
    """Apply new details to a party; blank inputs never erase what is stored."""
    before = snapshot(party)
    for key, value in data.column_values().items():
        if value not in ("", None):
            setattr(party, key, value)
    changed_before, changed_after = diff(before, snapshot(party))
    if changed_after:
        party.version += 1
        party.updated_at = utcnow()
        record(session, actor, "update", party, before=changed_before, after=changed_after, case_id=case_id)
    return party

"""Freezes, seizures and attachments: record one with its computed expiry and renewal date, renew, release."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from legalops.assessment.calculators import DEFAULT_SETTINGS, Settings
from legalops.audit.services import record, snapshot
from legalops.auth.models import User
from legalops.cases.models import Case
from legalops.core.clock import utcnow
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.litigation import deadline_sync
from legalops.litigation.clocks import Clock, preservation_clocks
from legalops.litigation.models import Measure, MeasureRenewal
from legalops.litigation.schemas import MeasureIn, RenewalIn


def measure_clocks(measure: Measure, settings: Settings = DEFAULT_SETTINGS) -> tuple[Clock, Clock]:
    """Return the measure's current expiry and latest renewal date with their citations."""
    return preservation_clocks(measure.asset_type, measure.imposed_on, measure.expires_on, settings)


def record_measure(session: Session, case: Case, data: MeasureIn, actor: User,
                   settings: Settings = DEFAULT_SETTINGS) -> Measure:
    """Record a measure; without the court's expiry date, its maximum term is computed (民诉法解释 art. 485)."""
    expiry, renewal = preservation_clocks(data.asset_type, data.imposed_on, data.expires_on, settings)
    measure = Measure(case_id=case.id, phase=data.phase, kind=data.kind, asset_type=data.asset_type,
                      object_description=data.object_description, ruling_number=data.ruling_number or "",
                      imposed_on=data.imposed_on, expires_on=expiry.due_on, renew_by=renewal.due_on,
                      amount=data.amount, note=data.note or "")
    session.add(measure)
    session.flush()
    record(session, actor, "create", measure, after=snapshot(measure), summary=measure.object_description[:80])
    deadline_sync.sync_measure(session, measure, expiry, renewal)
    case.updated_at = utcnow()
    return measure


def renew_measure(session: Session, case: Case, measure: Measure, data: RenewalIn, actor: User,
                  settings: Settings = DEFAULT_SETTINGS) -> MeasureRenewal:
    """Extend a measure by a renewal (续行), keeping the term it replaces in the renewal history."""
    if measure.status != "active":
        raise DomainError(N_("Only a measure in force can be renewed."), field="renewed_on")
    if data.renewed_on > measure.expires_on:
        # A measure not renewed lapses at expiry (查封规定 art. 27): a later order is a new measure.
        raise DomainError(N_("The measure had already expired on that date; record a new measure instead."),
                          field="renewed_on")
    if data.expires_on is not None:
        new_expiry = data.expires_on
    else:
        # The new term runs from the day after the old one ends, for at most the same maximum.
        new_expiry, _ = preservation_clocks(measure.asset_type, measure.expires_on + dt.timedelta(days=1), None, settings)
        new_expiry = new_expiry.due_on
    if new_expiry <= measure.expires_on:
        raise DomainError(N_("A renewal must end after the current term."), field="expires_on")
    renewal = MeasureRenewal(measure_id=measure.id, renewed_on=data.renewed_on, previous_expires_on=measure.expires_on,
                             expires_on=new_expiry, ruling_number=data.ruling_number or "")
    session.add(renewal)
    before = {"expires_on": measure.expires_on.isoformat(), "renew_by": measure.renew_by.isoformat()}
    expiry, latest = preservation_clocks(measure.asset_type, measure.imposed_on, new_expiry, settings)
    measure.expires_on, measure.renew_by = expiry.due_on, latest.due_on
    if data.ruling_number:
        measure.ruling_number = data.ruling_number
    measure.version += 1
    session.flush()
    record(session, actor, "renew", measure, before=before,
           after={"expires_on": measure.expires_on.isoformat(), "renew_by": measure.renew_by.isoformat()},
           summary=measure.object_description[:80])
    deadline_sync.sync_measure(session, measure, expiry, latest)
    case.updated_at = utcnow()
    return renewal


def release_measure(session: Session, case: Case, measure: Measure, actor: User, status: str = "released") -> Measure:
    """Mark a measure released by the court (or lapsed); its deadlines are cancelled."""
    if status not in ("released", "lapsed"):
        raise DomainError(N_("Choose one of the listed options."), field="status")
    if measure.status != "active":
        raise DomainError(N_("This measure is no longer in force."), field="status")
    before = {"status": measure.status}
    measure.status = status
    measure.version += 1
    record(session, actor, "update", measure, before=before, after={"status": status},
           summary=measure.object_description[:80])
    deadline_sync.sync_measure(session, measure, *measure_clocks(measure))
    case.updated_at = utcnow()
    return measure

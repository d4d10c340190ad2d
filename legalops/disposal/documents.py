"""Context builder for 以物抵债申请书: the item of the latest failed round, its reserve and the difference to pay."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlmodel import Session

from legalops.cases.documents import FormContext, filing_base, register_form_builder, validate_context
from legalops.cases.models import Case
from legalops.cases.queries import list_collateral, list_debtors
from legalops.core.clock import utcnow
from legalops.core.i18n import N_
from legalops.disposal import queries
from legalops.disposal.models import RoundStatus
from legalops.disposal.overview import claim_on, claim_total, in_lieu_day, local_day, proposals_after

FORM_KEY = "in_lieu_application"
#: Returns the enforcement case number (执行案号) and its court for a case, or None; supplied by the enforcement
#: side, which sits above disposal and so cannot be imported from here.
EnforcementNumber = Callable[[Session, Case], tuple[str, str] | None]


def _latest_failure(session: Session, case: Case):
    """Return (item, round) of the most recent round that failed and was not followed by another round."""
    found = []
    for item in list_collateral(session, case):
        rounds = queries.list_rounds(session, item)
        if rounds and rounds[-1].status == RoundStatus.failed:
            found.append((rounds[-1].ends_at, item, rounds[-1]))
    if not found:
        return None, None
    _, item, row = max(found, key=lambda entry: entry[0])
    return item, row


def build_in_lieu_context(session: Session, case: Case, today: dt.date,
                          enforcement: EnforcementNumber | None = None) -> FormContext:
    """Read the case's latest failed round and return the in-lieu application's context, or what is missing."""
    result = FormContext(form_key=FORM_KEY, snapshot_at=utcnow())
    data = filing_base(session, case, today, result.missing)
    found = enforcement(session, case) if enforcement is not None else None
    number, court = found if found else ("", "")
    if not number.strip():
        # The application is filed in the enforcement case (执), never under the trial number (民初).
        result.missing.append((N_("No enforcement case number (执行案号) is recorded: open the enforcement case "
                                  "first."), {}))
    item, row = _latest_failure(session, case)
    if row is None:
        result.missing.append((N_("No auction round of this case has failed: acceptance in lieu of payment "
                                  "follows a failed round."), {}))
    if result.missing:
        return result
    proposal = next(p for p in proposals_after(session, case, item, row, today) if p.kind == "in_lieu")
    owners = {party.id: party.name for _, party in list_debtors(session, case)}
    claim_date = in_lieu_day(row, today)
    data.update(
        court_case_number=number.strip(), court=court.strip() or data["court"],
        collateral={"description": item.description, "certificate_number": item.certificate_number or "",
                    "location": item.location or "", "owner": owners.get(item.owner_id, "") if item.owner_id else "",
                    "registered_amount": item.registered_amount},
        round_number=row.round_number, online=row.mode == "online", platform=row.platform,
        ended_on=local_day(row.ends_at), price=proposal.price, difference=proposal.difference,
        claim=claim_total(claim_on(session, case, claim_date, row)), claim_date=claim_date)
    return validate_context(result, data)


def register_form_builders(enforcement: EnforcementNumber) -> None:
    """Let the filings pages build 以物抵债申请书, numbered by the enforcement case `enforcement` looks up."""
    register_form_builder(FORM_KEY, lambda session, case, today: build_in_lieu_context(session, case, today,
                                                                                         enforcement))

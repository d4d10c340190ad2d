"""Firm updates per stage, applied on acceptance by the litigation and enforcement services."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases.models import Case
from legalops.core.errors import DomainError
from legalops.core.i18n import N_
from legalops.enforcement import services as enforcement
from legalops.enforcement.schemas import CourtReceiptIn, EnforcementCaseIn
from legalops.litigation import measures as preservation
from legalops.litigation import services as litigation
from legalops.litigation.queries import latest_proceeding
from legalops.litigation.schemas import EventIn, JudgmentIn, MeasureIn, ProceedingIn
from legalops.portal.kinds import FormField, UpdateKind, register

JURISDICTION = (("agreed_clause", N_("Agreed jurisdiction clause")),
                ("defendant_domicile", N_("Defendant's domicile")),
                ("collateral_location", N_("Location of the collateral")))
PROCEDURE = (("ordinary", N_("Ordinary procedure")), ("simplified", N_("Simplified procedure")),
             ("payment_order", N_("Payment order")), ("special", N_("Special procedure")))
LIABILITY = (("principal_debtor", N_("Principal debtor")), ("joint_and_several", N_("Joint and several")), ("general_guarantee", N_("General guarantee")),
             ("priority_collateral", N_("Priority over collateral")))
MEASURES = (("freeze", N_("Freeze")), ("seizure", N_("Seizure")), ("attachment", N_("Attachment")))
ASSETS = (("bank_deposit", N_("Bank deposit")), ("movables", N_("Movables")), ("real_estate", N_("Real estate")),
          ("other_rights", N_("Other property rights")))
PHASES = (("preservation", N_("Preservation")), ("enforcement", N_("Enforcement")))


class HearingIn(BaseModel):
    """The court set a hearing."""

    model_config = ConfigDict(extra="forbid")

    occurred_on: dt.date = Field(description="The hearing date.")
    hearing_time: dt.time | None = None
    courtroom: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, max_length=1000)


def _proceeding(session: Session, case: Case):
    proceeding = latest_proceeding(session, case)
    if proceeding is None:
        raise DomainError(N_("Accept the firm's filing with the court first: this case has no proceeding yet."))
    return proceeding


def _apply_filed(session, case, data: ProceedingIn, reviewer: User, _summary: str) -> None:
    litigation.record_proceeding(session, case, data, reviewer)


def _apply_hearing(session, case, data: HearingIn, reviewer: User, _summary: str) -> None:
    event = EventIn(kind="hearing", **data.model_dump())
    litigation.record_hearing(session, case, _proceeding(session, case), event, reviewer)


def _apply_judgment(session, case, data: JudgmentIn, reviewer: User, _summary: str) -> None:
    litigation.record_judgment(session, case, _proceeding(session, case), data, reviewer)


def _apply_enforcement(session, case, data: EnforcementCaseIn, reviewer: User, _summary: str) -> None:
    enforcement.open_enforcement(session, case, data, reviewer)


def _apply_measure(session, case, data: MeasureIn, reviewer: User, _summary: str) -> None:
    if data.phase == "preservation":
        preservation.record_measure(session, case, data, reviewer)
    else:
        enforcement.record_measure(session, case, data, reviewer)


def _apply_receipt(session, case, data: CourtReceiptIn, reviewer: User, _summary: str) -> None:
    enforcement.record_court_receipt(session, case, data, reviewer)


def judgment_from_form(form: dict, debtors: list) -> dict:
    """Collect the judgment's fields and one award per debtor row the firm filled in."""
    keys = ("decided_on", "debt_amount", "interest_amount", "costs_amount", "performance_days", "effective_on", "note")
    data = {k: form[k].strip() for k in keys if (form.get(k) or "").strip()}
    parties = []
    for _link, party in debtors:
        row = {k: (form.get(f"{k}_{party.id}") or "").strip() for k in ("amount", "served_on", "liability")}
        if row["amount"] or row["served_on"]:
            parties.append({"party_id": party.id, **{k: v for k, v in row.items() if v}})
    data["parties"] = parties
    return data


register(UpdateKind(
    "filed", N_("Filed with the court"), ProceedingIn, _apply_filed,
    fields=(FormField("court_name", N_("Court"), required=True),
            FormField("jurisdiction_basis", N_("Jurisdiction basis"), "select", True, JURISDICTION),
            FormField("court_case_number", N_("Court case number")),
            FormField("procedure", N_("Procedure"), "select", True, PROCEDURE),
            FormField("judge", N_("Judge")),
            FormField("filed_on", N_("Filed on"), "date"), FormField("accepted_on", N_("Accepted on"), "date"),
            FormField("fees_paid", N_("Court fees paid"), money=True), FormField("note", N_("Note"), "textarea")),
    help=N_("The suit is filed: the court, the case number (案号) and the dates."),
))
register(UpdateKind(
    "hearing_set", N_("Hearing set"), HearingIn, _apply_hearing,
    fields=(FormField("occurred_on", N_("Hearing date"), "date", True), FormField("hearing_time", N_("Time"), "time"),
            FormField("courtroom", N_("Courtroom")), FormField("note", N_("Note"), "textarea")),
))
register(UpdateKind(
    "judgment_received", N_("Judgment received"), JudgmentIn, _apply_judgment,
    fields=(FormField("decided_on", N_("Date of the judgment"), "date", True),
            FormField("debt_amount", N_("Amount awarded"), required=True, money=True),
            FormField("interest_amount", N_("Interest awarded"), money=True), FormField("costs_amount", N_("Costs awarded"), money=True),
            FormField("performance_days", N_("Days to perform"), "number"),
            FormField("effective_on", N_("Effective on"), "date"),
            FormField("parties", N_("Per defendant: amount, liability and the date the judgment was served"),
                      "per_debtor"),
            FormField("note", N_("Note"), "textarea")),
    from_form=judgment_from_form,
    help=N_("Entering the judgment computes the appeal, performance and enforcement deadlines once counsel accepts it."),
    extra={"per_debtor": (("amount", N_("Amount"), "text"), ("liability", N_("Liability"), "select"),
                          ("served_on", N_("Served on"), "date")), "liability": LIABILITY,
           # Sub-fields the form does not ask for but the stored proposal carries (labels for the review queue).
           "per_debtor_shown": (("domiciled_in_china", N_("Domiciled in China")), ("collateral_id", N_("Collateral"))),
           # Borrowers and co-borrowers owe the debt itself: their liability defaults to principal debtor.
           "defaults": {"liability": {"borrower": "principal_debtor", "co_borrower": "principal_debtor"}}},
))
register(UpdateKind(
    "enforcement_filed", N_("Enforcement filed"), EnforcementCaseIn, _apply_enforcement,
    fields=(FormField("court_name", N_("Court"), required=True),
            FormField("court_case_number", N_("Enforcement case number")), FormField("judge", N_("Judge")),
            FormField("applied_on", N_("Applied on"), "date", True), FormField("accepted_on", N_("Accepted on"), "date")),
))
register(UpdateKind(
    "measure_taken", N_("Measure taken"), MeasureIn, _apply_measure,
    fields=(FormField("phase", N_("Phase"), "select", True, PHASES), FormField("kind", N_("Measure"), "select", True, MEASURES),
            FormField("asset_type", N_("Asset"), "select", True, ASSETS),
            FormField("object_description", N_("What is held"), required=True),
            FormField("ruling_number", N_("Ruling number")), FormField("imposed_on", N_("Imposed on"), "date", True),
            FormField("expires_on", N_("Expires on"), "date"), FormField("amount", N_("Amount"), money=True),
            FormField("note", N_("Note"), "textarea")),
))
register(UpdateKind(
    "court_receipt", N_("Money received through the court"), CourtReceiptIn, _apply_receipt,
    fields=(FormField("amount", N_("Amount"), required=True, money=True), FormField("received_on", N_("Received on"), "date", True),
            FormField("reference", N_("Receipt reference")), FormField("payer", N_("Paid by"))),
))

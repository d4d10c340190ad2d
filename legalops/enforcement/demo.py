"""Demo data: proceedings and judgments for cases past litigation, enforcement records for those in enforcement."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases.models import Case, Stage
from legalops.cases.queries import list_collateral, list_debtors, list_loans
from legalops.enforcement import services as enforcement
from legalops.enforcement.schemas import CourtReceiptIn, EnforcementCaseIn, PropertyLeadIn, TerminationIn
from legalops.litigation import services as litigation
from legalops.litigation.schemas import AwardIn, EventIn, JudgmentIn, MeasureIn, ProceedingIn

JUDGED = {Stage.judgment, Stage.enforcement, Stage.disposal, Stage.closed, Stage.terminated}
ENFORCED = {Stage.enforcement, Stage.disposal, Stage.terminated}


def seed_litigation(session: Session, case: Case, target: Stage, actor: User, rng: random.Random) -> None:
    """Give a demo case the proceeding, judgment and enforcement record its stage implies; the stage stays `target`."""
    _seed(session, case, target, actor, rng)
    if case.stage != target:  # e.g. opening enforcement moved a disposal case back: return it where it was
        from legalops.cases.services import change_stage

        change_stage(session, case, target, "", actor)


def _seed(session: Session, case: Case, target: Stage, actor: User, rng: random.Random) -> None:
    if target not in JUDGED | {Stage.litigation} or not case.court_case_number:
        return
    filed = dt.date(2025, rng.randint(3, 9), rng.randint(1, 28))
    proceeding = litigation.record_proceeding(session, case, ProceedingIn(
        court_name=case.court_name, jurisdiction_basis=rng.choice(["agreed_clause", "defendant_domicile"]),
        court_case_number=case.court_case_number, judge=rng.choice(["王法官", "陈法官", "刘法官"]),
        procedure="ordinary", filed_on=filed, accepted_on=filed + dt.timedelta(days=7),
        fees_paid=Decimal(rng.randrange(5000, 90000, 50))), actor)
    litigation.record_event(session, case, proceeding, EventIn(
        kind="hearing", occurred_on=dt.date(2026, 12, rng.randint(1, 28)) if target == Stage.litigation
        else filed + dt.timedelta(days=60), hearing_time=dt.time(9, 30), courtroom=f"第{rng.randint(1, 20)}法庭"), actor)
    if target not in JUDGED:
        return
    debtors = list_debtors(session, case)
    debt = sum((loan.outstanding_principal for loan in list_loans(session, case)), Decimal("0"))
    decided = filed + dt.timedelta(days=120)
    collateral = list_collateral(session, case)
    awards = [AwardIn(party_id=case.creditor_id, served_on=decided + dt.timedelta(days=5))]
    first_role: dict[int, str] = {}  # one award per party: a borrower who also mortgaged is liable as borrower
    for link, party in debtors:
        first_role.setdefault(party.id, link.role)
    for party_id, role in first_role.items():
        liability = "general_guarantee" if role == "general_guarantor" else "joint_and_several"
        awards.append(AwardIn(party_id=party_id, served_on=decided + dt.timedelta(days=rng.randint(4, 12)),
                              liability=liability, amount=debt))
    # A third party's mortgaged home: the creditor has priority over it in the judgment.
    owner = collateral[0].owner_id if collateral else None
    for n, award in enumerate(awards):
        if owner is not None and award.party_id == owner and first_role.get(owner) != "borrower":
            awards[n] = award.model_copy(update={"liability": "priority_collateral", "collateral_id": collateral[0].id})
    litigation.record_judgment(session, case, proceeding, JudgmentIn(
        decided_on=decided, performance_days=10, debt_amount=debt, costs_amount=proceeding.fees_paid,
        parties=awards), actor)
    if collateral:
        litigation.record_measure(session, case, MeasureIn(
            kind="seizure", asset_type="real_estate", object_description=collateral[0].description,
            ruling_number=case.court_case_number.replace("民初", "财保"), imposed_on=filed + dt.timedelta(days=10)), actor)
    if target not in ENFORCED:
        return
    applied = decided + dt.timedelta(days=70)
    enforcement.open_enforcement(session, case, EnforcementCaseIn(
        court_name=case.court_name, court_case_number=case.court_case_number.replace("民初", "执"),
        judge="执行局" + rng.choice(["张", "李", "周"]) + "法官", applied_on=applied), actor)
    enforcement.record_measure(session, case, MeasureIn(
        kind="freeze", asset_type="bank_deposit", object_description=f"被执行人{debtors[0][1].name}名下银行账户存款",
        imposed_on=applied + dt.timedelta(days=20)), actor)
    enforcement.record_property_lead(session, case, PropertyLeadIn(
        kind=rng.choice(["vehicle", "bank_account", "equity"]), description="法院网络查控反馈财产",
        source="总对总网络查控", reported_on=applied + dt.timedelta(days=15), party_id=debtors[0][1].id), actor)
    enforcement.record_court_receipt(session, case, CourtReceiptIn(
        amount=(debt * Decimal(rng.randint(2, 15)) / 100).quantize(Decimal("0.01")),
        received_on=applied + dt.timedelta(days=60), reference=f"执行款-{case.id:05d}", payer=case.court_name), actor)
    if target == Stage.terminated:
        enforcement.terminate_enforcement(session, case, TerminationIn(
            terminated_on=applied + dt.timedelta(days=150), reason="经财产调查未发现其他可供执行财产"), actor)

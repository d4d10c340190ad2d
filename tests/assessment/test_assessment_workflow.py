"""The assessment workflow in the services: checklist, events, submission, and the go / no-go approval rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factories as f
import pytest
from sqlalchemy import select

from legalops.assessment import services
from legalops.assessment.evidence import EVIDENCE_KINDS
from legalops.assessment.findings import build_findings
from legalops.assessment.models import AssessmentDecision, EvidenceItem
from legalops.assessment.queries import get_assessment
from legalops.assessment.schemas import DecisionIn, EventIn, EvidenceLineIn, FactsIn
from legalops.audit.models import AuditEntry
from legalops.cases import services as case_services
from legalops.cases.models import Stage
from legalops.core.errors import DomainError

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def people(session):
    return {"counsel": f.user(session, "counsel"), "counsel2": f.user(session, "counsel"),
            "admin": f.user(session, "admin"), "finance": f.user(session, "finance")}


@pytest.fixture
def case(session, people):
    c = f.case(session, people["counsel"], debtors=2, collateral=True)
    case_services.change_stage(session, c, Stage.assessment, "", people["counsel"])
    session.flush()
    return c


def submit(session, case, actor):
    findings = build_findings(session, case, services.start_assessment(session, case, actor), TODAY)
    return services.submit_assessment(session, case, findings, TODAY, actor)


def audit(session, case, action):
    return session.execute(select(AuditEntry).where(AuditEntry.case_id == case.id, AuditEntry.action == action)
                           .order_by(AuditEntry.id)).scalars().all()


def test_starting_creates_an_all_missing_checklist_and_an_audit_entry(session, case, people):
    assessment = services.start_assessment(session, case, people["counsel"])
    lines = session.execute(select(EvidenceItem).where(EvidenceItem.assessment_id == assessment.id)).scalars().all()
    assert {line.kind: line.status for line in lines} == dict.fromkeys(EVIDENCE_KINDS, "missing")
    assert audit(session, case, "create")[-1].object_type == "assessment"
    assert services.start_assessment(session, case, people["counsel"]).id == assessment.id


def test_facts_evidence_and_events_are_recorded_in_the_trail(session, case, people):
    counsel = people["counsel"]
    services.save_facts(session, case, FactsIn(debt_uncontested=True, collateral_value=Decimal("900000.00")), counsel)
    services.save_evidence(session, case, {"loan_contract": EvidenceLineIn(status="doubtful", note="复印件")}, counsel)
    event = services.add_event(session, case, EventIn(kind="demand", occurred_on=dt.date(2025, 3, 1)), counsel)
    session.flush()
    updates = audit(session, case, "update")
    assert any(e.after.get("collateral_value") == "900000.00" for e in updates)
    assert any(e.object_type == "assessment_evidence" and e.after == {"status": "doubtful", "note": "复印件"}
               for e in updates)
    assert audit(session, case, "create")[-1].object_type == "case_event"
    services.delete_event(session, case, event, counsel)
    assert audit(session, case, "delete")[-1].before["kind"] == "demand"


def test_event_for_a_debtor_of_another_case_is_refused(session, case, people):
    other = f.case(session, people["counsel"])
    from legalops.cases.models import CaseParty

    foreign = session.execute(select(CaseParty.id).where(CaseParty.case_id == other.id)
                              .order_by(CaseParty.id)).scalars().first()
    with pytest.raises(DomainError) as refused:
        services.add_event(session, case, EventIn(kind="demand", occurred_on=TODAY, debtor_id=foreign),
                           people["counsel"])
    assert refused.value.field == "debtor_id"


def test_submission_freezes_the_findings(session, case, people):
    assessment = submit(session, case, people["counsel"])
    assert assessment.status == "submitted" and assessment.prepared_by_id == people["counsel"].id
    assert assessment.findings["as_of"] == "2026-01-15"
    assert {"claims", "routes", "estimate", "evidence"} <= set(assessment.findings)
    assert audit(session, case, "submit")


def test_submission_needs_the_assessment_stage(session, people):
    intake = f.case(session, people["counsel"])
    with pytest.raises(DomainError, match="assessment stage"):
        submit(session, intake, people["counsel"])


def test_preparer_cannot_approve(session, case, people):
    submit(session, case, people["counsel"])
    with pytest.raises(DomainError) as refused:
        services.decide(session, case, DecisionIn(decision="go", target_stage="litigation"), people["counsel"])
    assert "another counsel" in refused.value.message
    assert case.stage == Stage.assessment


@pytest.mark.parametrize("target", ["litigation", "settlement"])
def test_go_by_another_approver_moves_the_stage(session, case, people, target):
    submit(session, case, people["counsel"])
    decision = services.decide(session, case, DecisionIn(decision="go", target_stage=target, comments="同意"),
                               people["counsel2"])
    assert case.stage == target
    assert decision.prepared_by_id == people["counsel"].id and decision.decided_by_id == people["counsel2"].id
    assert get_assessment(session, case).status == "go"
    assert audit(session, case, "decide")[-1].after["decision"] == "go"
    assert audit(session, case, "stage")[-1].after["stage"] == target


def test_admin_may_approve_too(session, case, people):
    submit(session, case, people["counsel"])
    services.decide(session, case, DecisionIn(decision="go", target_stage="litigation"), people["admin"])
    assert case.stage == Stage.litigation


def test_no_go_leaves_the_stage_and_reopens_on_change(session, case, people):
    submit(session, case, people["counsel"])
    services.decide(session, case, DecisionIn(decision="no_go", comments="证据不足"), people["counsel2"])
    assessment = get_assessment(session, case)
    assert case.stage == Stage.assessment and assessment.status == "no_go"
    services.save_facts(session, case, FactsIn(debt_uncontested=True), people["counsel"])
    assert assessment.status == "draft" and assessment.findings is None and assessment.prepared_by_id is None


def test_go_needs_a_target_stage(session, case, people):
    submit(session, case, people["counsel"])
    with pytest.raises(DomainError) as refused:
        services.decide(session, case, DecisionIn(decision="go"), people["counsel2"])
    assert refused.value.field == "target_stage"


def test_only_a_submitted_assessment_can_be_decided(session, case, people):
    services.start_assessment(session, case, people["counsel"])
    with pytest.raises(DomainError, match="submitted"):
        services.decide(session, case, DecisionIn(decision="no_go"), people["counsel2"])


def test_finance_cannot_decide(session, case, people):
    submit(session, case, people["counsel"])
    with pytest.raises(DomainError):
        services.decide(session, case, DecisionIn(decision="go", target_stage="litigation"), people["finance"])
    assert session.execute(select(AssessmentDecision)).first() is None


def test_an_approved_assessment_cannot_be_changed(session, case, people):
    submit(session, case, people["counsel"])
    services.decide(session, case, DecisionIn(decision="go", target_stage="litigation"), people["counsel2"])
    with pytest.raises(DomainError, match="approved"):
        services.save_facts(session, case, FactsIn(), people["counsel"])


@pytest.mark.parametrize("target", [Stage.litigation, Stage.settlement])
def test_change_stage_refuses_to_leave_assessment_without_the_decision(session, case, people, target):
    with pytest.raises(DomainError) as refused:
        case_services.change_stage(session, case, target, "理由", people["counsel"])
    assert refused.value.field == "to" and "assessment page" in refused.value.message
    assert case.stage == Stage.assessment


def test_writing_off_from_assessment_needs_no_decision(session, case, people):
    case_services.change_stage(session, case, Stage.written_off, "债务人已注销", people["counsel"])
    assert case.stage == Stage.written_off

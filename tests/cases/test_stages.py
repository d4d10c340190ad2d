"""The case state machine: every allowed and every illegal move, reasons, guards, audit, and the view."""

from __future__ import annotations

import itertools

import factories as f
import pytest
from sqlalchemy import select

from legalops.audit.models import AuditEntry
from legalops.cases import services, stages
from legalops.cases.models import Stage
from legalops.core.errors import Conflict, DomainError

S = Stage
#: The lifecycle of DESIGN.md, written out independently of stages.TRANSITIONS so a change to either is noticed.
EXPECTED = {
    S.intake: {S.assessment},
    S.assessment: {S.settlement, S.litigation, S.written_off},
    S.settlement: {S.litigation, S.closed, S.written_off},
    S.litigation: {S.judgment, S.settlement, S.written_off},
    S.judgment: {S.enforcement, S.settlement, S.closed, S.written_off},
    S.enforcement: {S.disposal, S.settlement, S.closed, S.written_off, S.terminated},
    S.disposal: {S.enforcement, S.closed, S.written_off, S.terminated},
    S.terminated: {S.enforcement, S.written_off, S.closed},
    S.closed: set(),
    S.written_off: set(),
}
ALL_PAIRS = list(itertools.product(Stage, Stage))
ALLOWED = [(a, b) for a, b in ALL_PAIRS if b in EXPECTED[a]]
ILLEGAL = [(a, b) for a, b in ALL_PAIRS if b not in EXPECTED[a]]


def test_transition_table_matches_the_design():
    assert stages.TRANSITIONS == EXPECTED
    assert set(stages.TRANSITIONS) == set(Stage)
    assert set(stages.STAGE_LABELS) == set(Stage)


def test_every_stage_is_reachable_from_intake_and_ends_are_final():
    seen, todo = {S.intake}, [S.intake]
    while todo:
        for nxt in stages.TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(Stage)
    assert stages.allowed_next(S.closed) == [] and stages.allowed_next(S.written_off) == []


def test_allowed_next_is_in_lifecycle_order():
    assert stages.allowed_next("enforcement") == [S.settlement, S.disposal, S.closed, S.written_off, S.terminated]


@pytest.fixture
def counsel(session):
    return f.user(session)


@pytest.fixture
def ready_case(session, counsel):
    return f.case(session, counsel)


def _put(session, case, stage):
    # Place the case directly in a stage (the pairs below test one move each, not the path to it).
    case.stage = stage.value
    session.flush()


@pytest.mark.parametrize(("current", "target"), ALLOWED, ids=[f"{a}->{b}" for a, b in ALLOWED])
def test_allowed_move(session, counsel, ready_case, current, target):
    _put(session, ready_case, current)
    version = ready_case.version
    # Assessment -> litigation/settlement is the go decision's move; the assessment tests cover the refusal.
    services.change_stage(session, ready_case, target, "书面理由", counsel, expected_version=version,
                          via_decision=(current, target) in stages.NEEDS_DECISION)
    session.flush()
    assert ready_case.stage == target.value
    assert ready_case.version == version + 1
    entry = session.execute(select(AuditEntry).where(AuditEntry.case_id == ready_case.id,
                                                     AuditEntry.action == "stage")).scalars().one()
    assert entry.actor_id == counsel.id
    assert entry.before == {"stage": current.value}
    assert entry.after == {"stage": target.value, "reason": "书面理由"}


@pytest.mark.parametrize(("current", "target"), ILLEGAL, ids=[f"{a}->{b}" for a, b in ILLEGAL])
def test_illegal_move_is_refused_with_the_reason(session, counsel, ready_case, current, target):
    _put(session, ready_case, current)
    with pytest.raises(DomainError) as refused:
        services.change_stage(session, ready_case, target, "书面理由", counsel)
    assert refused.value.field == "to"
    if current == target:
        assert refused.value.message == "The case is already in this stage."
    else:
        assert refused.value.message == "A case cannot move from %(current)s to %(target)s."
        assert refused.value.params == {"current": stages.STAGE_LABELS[current],
                                        "target": stages.STAGE_LABELS[target]}
    assert ready_case.stage == current.value
    assert session.execute(select(AuditEntry).where(AuditEntry.case_id == ready_case.id,
                                                    AuditEntry.action == "stage")).first() is None


@pytest.mark.parametrize(("current", "target"),
                         [(a, b) for a, b in ALLOWED if b in (S.written_off, S.terminated)])
@pytest.mark.parametrize("reason", ["", "   "])
def test_written_off_and_terminated_need_a_reason(session, counsel, ready_case, current, target, reason):
    _put(session, ready_case, current)
    with pytest.raises(DomainError) as refused:
        services.change_stage(session, ready_case, target, reason, counsel)
    assert refused.value.message == "Give a reason for this move."
    assert ready_case.stage == current.value


def test_reason_is_stored_trimmed(session, counsel, ready_case):
    _put(session, ready_case, S.enforcement)
    services.change_stage(session, ready_case, S.terminated, "  无可供执行财产  ", counsel)
    assert ready_case.stage_reason == "无可供执行财产"


@pytest.mark.parametrize("target", [S.assessment])
@pytest.mark.parametrize(("debtors", "loan"), [(0, True), (1, False), (0, False)])
def test_leaving_intake_needs_a_debtor_and_a_loan(session, counsel, target, debtors, loan):
    case = f.case(session, counsel, debtors=debtors, loan=loan)
    with pytest.raises(DomainError) as refused:
        services.change_stage(session, case, target, "", counsel)
    assert refused.value.message == "Record at least one debtor and one loan before moving the case on."
    assert case.stage == S.intake


@pytest.mark.parametrize("target", [S.settlement, S.litigation])
def test_choosing_a_route_needs_a_debtor_and_a_loan(session, counsel, target):
    case = f.case(session, counsel, debtors=1, loan=False)
    _put(session, case, S.assessment)
    with pytest.raises(DomainError):
        services.change_stage(session, case, target, "", counsel)


def test_stale_version_is_a_conflict(session, counsel, ready_case):
    stale = ready_case.version
    services.change_stage(session, ready_case, S.assessment, "", counsel, expected_version=stale)
    with pytest.raises(Conflict):
        services.change_stage(session, ready_case, S.litigation, "", counsel, expected_version=stale)
    assert ready_case.stage == S.assessment


def test_full_lifecycle_through_the_service(session, counsel, ready_case):
    for target in (S.assessment, S.litigation, S.judgment, S.enforcement, S.terminated, S.enforcement,
                   S.disposal, S.closed):
        services.change_stage(session, ready_case, target, "理由", counsel, expected_version=ready_case.version,
                              via_decision=True)
    session.flush()
    moves = session.execute(select(AuditEntry).where(AuditEntry.case_id == ready_case.id,
                                                     AuditEntry.action == "stage").order_by(AuditEntry.id)
                            ).scalars().all()
    assert [m.after["stage"] for m in moves] == ["assessment", "litigation", "judgment", "enforcement",
                                                 "terminated", "enforcement", "disposal", "closed"]


# --- through the view ------------------------------------------------------------------------


@pytest.fixture
def web(client, session, counsel):
    f.login(client, counsel)
    client.post("/language", data={"locale": "en"})
    return client


def test_view_moves_the_case(web, session, ready_case):
    response = web.post(f"/cases/{ready_case.id}/stage", data={"to": "assessment", "version": ready_case.version})
    assert response.status_code == 302
    session.refresh(ready_case)
    assert ready_case.stage == "assessment"


def test_view_refuses_an_illegal_move_with_its_reason(web, session, ready_case):
    response = web.post(f"/cases/{ready_case.id}/stage", data={"to": "closed", "version": ready_case.version})
    assert response.status_code == 422
    assert b"A case cannot move from Intake to Closed." in response.data
    session.refresh(ready_case)
    assert ready_case.stage == "intake"


def test_view_refuses_a_write_off_without_reason(web, session, ready_case):
    _put(session, ready_case, S.enforcement)
    response = web.post(f"/cases/{ready_case.id}/stage", data={"to": "written_off", "reason": " "})
    assert response.status_code == 422
    assert b"Give a reason for this move." in response.data
    session.refresh(ready_case)
    assert ready_case.stage == "enforcement"


def test_view_refuses_an_unknown_stage(web, session, ready_case):
    response = web.post(f"/cases/{ready_case.id}/stage", data={"to": "bankrupt"})
    assert response.status_code == 422
    session.refresh(ready_case)
    assert ready_case.stage == "intake"


def test_view_refuses_a_stale_stage_form(web, session, counsel, ready_case):
    stale = ready_case.version
    services.change_stage(session, ready_case, S.assessment, "", counsel)
    session.flush()
    response = web.post(f"/cases/{ready_case.id}/stage", data={"to": "litigation", "version": stale})
    assert response.status_code == 409
    session.refresh(ready_case)
    assert ready_case.stage == "assessment"


def test_case_page_offers_only_the_allowed_next_stages(web, session, ready_case):
    _put(session, ready_case, S.judgment)
    page = web.get(f"/cases/{ready_case.id}").data.decode()
    offered = {s.value for s in Stage if f'<option value="{s.value}"' in page}
    assert offered == {s.value for s in EXPECTED[S.judgment]}

"""The case state machine: which stage may follow which, and what each move needs."""

from __future__ import annotations

from legalops.cases.models import Stage
from legalops.core.i18n import N_

S = Stage
TRANSITIONS: dict[Stage, set[Stage]] = {
    S.intake: {S.assessment},
    S.assessment: {S.settlement, S.litigation, S.written_off},
    S.settlement: {S.litigation, S.closed, S.written_off},
    S.litigation: {S.judgment, S.settlement, S.written_off},
    S.judgment: {S.enforcement, S.settlement, S.closed, S.written_off},
    S.enforcement: {S.disposal, S.settlement, S.closed, S.written_off, S.terminated},
    S.disposal: {S.enforcement, S.closed, S.written_off, S.terminated},
    # 终结本次执行 can be resumed when new property is found.
    S.terminated: {S.enforcement, S.written_off, S.closed},
    S.closed: set(),
    S.written_off: set(),
}

#: Moves that must say why (DESIGN.md: written off / 终本 "with reason"; reopening a file).
NEEDS_REASON = {S.written_off, S.terminated}

#: Moves that only an approver's go decision on the assessment may make (the assessment service passes
#: via_decision=True; this package never imports assessment, which sits above it).
NEEDS_DECISION = {(S.assessment, S.litigation), (S.assessment, S.settlement)}

STAGE_LABELS = {
    S.intake: N_("Intake"),
    S.assessment: N_("Assessment"),
    S.settlement: N_("Settlement"),
    S.litigation: N_("Litigation"),
    S.judgment: N_("Judgment"),
    S.enforcement: N_("Enforcement"),
    S.disposal: N_("Disposal"),
    S.closed: N_("Closed"),
    S.written_off: N_("Written off"),
    S.terminated: N_("Enforcement terminated (终本)"),
}


#: How far along the recovery path a stage lies: what belongs to a stage at or before a case's is at hand for it.
#: The ends of a case (closed, written off, 终本) come after everything, so all stages are behind them.
PROGRESS = {S.intake: 0, S.assessment: 1, S.settlement: 2, S.litigation: 3, S.judgment: 4, S.enforcement: 5,
            S.disposal: 6, S.closed: 7, S.written_off: 7, S.terminated: 7}


def split_by_stage(items: list, case_stage: str, stage_of) -> tuple[list, list]:
    """Split items (in their order) into those of the case's stage or a stage before it, and the rest."""
    reach = PROGRESS[Stage(case_stage)]
    current, other = [], []
    for item in items:
        stage = stage_of(item)
        (current if stage in PROGRESS and PROGRESS[Stage(stage)] <= reach else other).append(item)
    return current, other


def allowed_next(stage: str) -> list[Stage]:
    """List the stages a case in `stage` may move to, in lifecycle order."""
    order = list(Stage)
    return sorted(TRANSITIONS[Stage(stage)], key=order.index)


def refusal(current: str, target: str, *, reason: str, has_debtor: bool, has_loan: bool,
            via_decision: bool = False) -> str | None:
    """Return why the move is refused (a msgid), or None when it is allowed."""
    if Stage(target) == Stage(current):
        return N_("The case is already in this stage.")
    if Stage(target) not in TRANSITIONS[Stage(current)]:
        return N_("A case cannot move from %(current)s to %(target)s.")
    if (Stage(current), Stage(target)) in NEEDS_DECISION and not via_decision:
        return N_("A case leaves assessment for litigation or settlement only through the go decision on its "
                  "assessment page.")
    if Stage(target) in NEEDS_REASON and not reason.strip():
        return N_("Give a reason for this move.")
    if Stage(target) in {S.assessment, S.litigation, S.settlement} and not (has_debtor and has_loan):
        return N_("Record at least one debtor and one loan before moving the case on.")
    return None

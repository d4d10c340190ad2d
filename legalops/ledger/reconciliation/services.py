"""Reconciliation commands: accounts, statement import with auto-matching, manual match, split, unrelated."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from legalops.audit.services import record
from legalops.cases.models import Case, Loan
from legalops.core.errors import DomainError, NotFound
from legalops.core.i18n import N_
from legalops.ledger.models import SOURCES, LedgerEntry
from legalops.ledger.reconciliation import matching
from legalops.ledger.reconciliation.models import (
    BankAccount,
    ExpectedRecovery,
    LineMatch,
    StatementImport,
    StatementLine,
)
from legalops.ledger.reconciliation.statement import parse_statement
from legalops.ledger.services import closed_periods, open_period, post_recovery


class StatementErrors(DomainError):
    """Rows of a statement are invalid; nothing was imported. `errors` name the row and the field."""

    def __init__(self, errors: list[dict], rows: int):
        super().__init__(N_("Nothing was imported: %(count)s rows have errors."), count=len({e["row"] for e in errors}))
        self.errors = errors
        self.rows = rows


@dataclass
class ImportOutcome:
    """What an import did: new lines, duplicates skipped, lines matched automatically, lines left for a human."""

    statement: StatementImport
    new: int
    duplicates: int
    matched: int
    manual: int
    debits: int


def create_account(session: Session, *, name: str, bank: str, account_number: str, actor) -> BankAccount:
    """Register a collection account; flush, never commit."""
    number = "".join(account_number.split())
    if not name.strip():
        raise DomainError(N_("Give the account a name."), field="name")
    if not number.isdigit() or not 6 <= len(number) <= 40:
        raise DomainError(N_("An account number has 6 to 40 digits."), field="account_number")
    if session.execute(select(BankAccount.id).where(BankAccount.account_number == number)).first():
        raise DomainError(N_("This account is already registered."), field="account_number")
    account = BankAccount(name=name.strip()[:120], bank=bank.strip()[:120], account_number=number)
    session.add(account)
    session.flush()
    record(session, actor, "create", account, after={"name": account.name, "account_number": number})
    return account


def case_references(session: Session, case: Case) -> str:
    """Return what a payer may quote for a case: its reference, court case number and contract numbers."""
    contracts = session.execute(select(Loan.contract_number).where(Loan.case_id == case.id)).scalars()
    return "|".join(r for r in (case.reference, case.court_case_number, *contracts) if r)[:300]


def expect_recovery(session: Session, *, case_id: int, amount: Decimal, expected_on: dt.date, source: str,
                    payer: str = "", origin: str = "", origin_id: str = "", debtor_party_id: int | None = None,
                    window_days: int = 10) -> ExpectedRecovery:
    """Announce money expected on a case (instalment, court receipt, auction proceeds) for automatic matching."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(N_("No such case."))
    if source not in SOURCES or amount <= 0:
        raise DomainError(N_("Choose where the money came from."), field="source")
    expected = ExpectedRecovery(case_id=case_id, source=source, amount=amount, expected_on=expected_on,
                                window_days=window_days, payer=payer[:200], references=case_references(session, case),
                                origin=origin[:40], origin_id=str(origin_id)[:40], debtor_party_id=debtor_party_id)
    session.add(expected)
    session.flush()
    return expected


def _existing_keys(session: Session, account_id: int, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 5000):
        chunk = keys[start:start + 5000]
        found |= set(session.execute(select(StatementLine.line_key).where(
            StatementLine.account_id == account_id, StatementLine.line_key.in_(chunk))).scalars())
    return found


def import_statement(session: Session, account: BankAccount, data: bytes, *, filename: str, actor,
                     mapping: dict[str, str] | None = None) -> ImportOutcome:
    """Import a statement whole (or nothing, with row/field errors), skip lines already imported, auto-match."""
    parsed = parse_statement(data, mapping or account.column_mapping)
    if parsed.errors:
        raise StatementErrors(parsed.errors, len(parsed.lines) + len(parsed.errors))
    existing = _existing_keys(session, account.id, [line.key for line in parsed.lines])
    statement = StatementImport(account_id=account.id, filename=filename[:200], sha256=hashlib.sha256(data).hexdigest(),
                                imported_by_id=getattr(actor, "id", None))
    session.add(statement)
    session.flush()
    closed = closed_periods(session)
    new_lines = []
    for parsed_line in parsed.lines:
        if parsed_line.key in existing:
            continue
        existing.add(parsed_line.key)
        period = open_period(session, parsed_line.booked_on) if f"{parsed_line.booked_on:%Y-%m}" in closed \
            else f"{parsed_line.booked_on:%Y-%m}"
        new_lines.append(StatementLine(account_id=account.id, import_id=statement.id, line_key=parsed_line.key,
                                       booked_on=parsed_line.booked_on, amount=parsed_line.amount,
                                       payer=parsed_line.payer, memo=parsed_line.memo, serial=parsed_line.serial,
                                       period=period))
    session.add_all(new_lines)
    session.flush()
    if mapping:
        account.column_mapping = dict(parsed.mapping)  # remembered for this account's next export
    matched = auto_match(session, new_lines, actor)
    statement.lines_new, statement.lines_matched = len(new_lines), matched
    statement.lines_duplicate = len(parsed.lines) - len(new_lines)
    record(session, actor, "import", statement, after={"file": statement.filename, "new": len(new_lines),
                                                       "duplicates": statement.lines_duplicate, "matched": matched})
    session.flush()
    return ImportOutcome(statement, len(new_lines), statement.lines_duplicate, matched, len(new_lines) - matched,
                         parsed.skipped_debits)


def _fen(amount: Decimal) -> int:
    return int(amount * 100)


def auto_match(session: Session, lines: list[StatementLine], actor) -> int:
    """Match lines to open expected recoveries where exactly one is convincing; post their ledger entries."""
    if not lines:
        return 0
    amounts = {line.amount for line in lines}
    expected = list(session.execute(select(ExpectedRecovery).where(ExpectedRecovery.status == "open",
                                                                   ExpectedRecovery.amount.in_(amounts))).scalars())
    by_id = {e.id: e for e in expected}
    pairs = matching.match_lines(
        [matching.Line(line.id, _fen(line.amount), line.booked_on.toordinal(), line.payer, line.memo) for line in lines],
        [matching.Expected(e.id, _fen(e.amount), e.expected_on.toordinal(), e.window_days, e.payer,
                           tuple(e.references.split("|"))) for e in expected])
    by_line = {line.id: line for line in lines}
    for line_id, expected_id in pairs.items():
        item = by_id[expected_id]
        _settle(session, by_line[line_id], [(item.case_id, by_line[line_id].amount, item)], "auto", item.source, actor)
    return len(pairs)


def active_matches(session: Session, line: StatementLine) -> list[LineMatch]:
    """Return the parts of a line whose ledger entry stands (has not been reversed), in posting order."""
    reversed_ids = select(LedgerEntry.reverses_id).where(LedgerEntry.reverses_id.is_not(None))
    return list(session.execute(select(LineMatch).where(LineMatch.line_id == line.id,
                                                        LineMatch.entry_id.not_in(reversed_ids))
                                .order_by(LineMatch.id)).scalars())


def unmatched_amount(session: Session, line: StatementLine) -> Decimal:
    """Return the part of a line no standing ledger entry accounts for (the whole line when nothing is matched)."""
    if line.status == "unrelated":
        return Decimal("0.00")
    return line.amount - sum((m.amount for m in active_matches(session, line)), Decimal(0))


def derived_status(session: Session, line: StatementLine) -> str:
    """Return a line's status from its standing matches: open while money is left to match, else matched or split."""
    if line.status == "unrelated":
        return "unrelated"
    active = active_matches(session, line)
    if sum((m.amount for m in active), Decimal(0)) < line.amount:
        return "open"
    return "split" if len(active) > 1 else "matched"


def reopen_reversed(session: Session, entry: LedgerEntry, mirror: LedgerEntry, actor) -> list[StatementLine]:
    """Give back to the manual queue the statement money a reversed entry had taken; flush, never commit.

    The part becomes unmatched again (its expected recovery is expected again) and the line waits for a match;
    a line of a closed month moves to the open month, where the new posting is booked anyway.
    """
    reopened = []
    for match in session.execute(select(LineMatch).where(LineMatch.entry_id == entry.id)).scalars():
        line = session.get(StatementLine, match.line_id)
        if match.expected_id is not None:
            expected = session.get(ExpectedRecovery, match.expected_id)
            if expected is not None and expected.status == "matched":
                expected.status = "open"
        session.flush()
        before = {"status": line.status, "period": line.period}
        line.status = derived_status(session, line)
        if line.period in closed_periods(session):
            line.period = open_period(session, line.booked_on)
        record(session, actor, "reopen", line, before=before,
               after={"status": line.status, "period": line.period, "reversed_entry": entry.id,
                      "reversal": mirror.id, "case": match.case_id, "amount": str(match.amount),
                      "unmatched": str(unmatched_amount(session, line))},
               summary=f"reverse #{entry.id}: {match.amount} unmatched again")
        reopened.append(line)
    session.flush()
    return reopened


def _open_line(session: Session, line: StatementLine) -> Decimal:
    """Refuse a line that is dealt with or locked; return the amount still to match."""
    if line.status != "open":
        raise DomainError(N_("This line has already been dealt with."))
    if line.period in closed_periods(session):
        raise DomainError(N_("The month %(period)s is closed; its lines are locked."), period=line.period)
    remaining = unmatched_amount(session, line)
    if remaining <= 0:
        raise DomainError(N_("This line has already been dealt with."))
    return remaining


def _settle(session, line, parts, method, source, actor) -> list[LineMatch]:
    matches = []
    for case_id, amount, expected in parts:
        entry = post_recovery(session, case_id=case_id, amount=amount, received_on=line.booked_on, source=source,
                              payer=line.payer, reference=(line.serial or line.memo)[:120], actor=actor,
                              debtor_party_id=expected.debtor_party_id if expected else None)
        if expected is not None:
            expected.status = "matched"
        matches.append(LineMatch(line_id=line.id, case_id=case_id, amount=amount, expected_id=expected and expected.id,
                                 entry_id=entry.id, method=method, matched_by_id=getattr(actor, "id", None)))
    session.add_all(matches)
    session.flush()
    line.status = derived_status(session, line)
    record(session, actor, "match", line, after={"method": method, "cases": [p[0] for p in parts],
                                                 "amounts": [str(p[1]) for p in parts]})
    session.flush()
    return matches


def _case_by_reference(session: Session, reference: str, field: str) -> Case:
    case = session.execute(select(Case).where(Case.reference == reference.strip())).scalar_one_or_none()
    if case is None:
        raise DomainError(N_("No case has the reference %(reference)s."), field=field, reference=reference.strip())
    return case


def match_line(session: Session, line: StatementLine, *, case_reference: str, source: str, actor) -> list[LineMatch]:
    """Match what is left of a line (the whole line unless a part was reversed) to one case; flush, never commit."""
    remaining = _open_line(session, line)
    case = _case_by_reference(session, case_reference, "case")
    if source not in SOURCES:
        raise DomainError(N_("Choose where the money came from."), field="source")
    expected = session.execute(select(ExpectedRecovery).where(
        ExpectedRecovery.case_id == case.id, ExpectedRecovery.status == "open",
        ExpectedRecovery.amount == remaining).order_by(ExpectedRecovery.expected_on)).scalars().first()
    return _settle(session, line, [(case.id, remaining, expected)], "manual", source, actor)


def split_line(session: Session, line: StatementLine, parts: list[tuple[str, Decimal]], *, source: str,
               actor) -> list[LineMatch]:
    """Split what is left of a line over several cases; the amounts must add up to it exactly."""
    remaining = _open_line(session, line)
    if len(parts) < 2:
        raise DomainError(N_("A split needs at least two cases."), field="parts")
    total = sum((amount for _, amount in parts), Decimal(0))
    if total != remaining and remaining != line.amount:
        raise DomainError(N_("The parts add up to %(total)s but %(amount)s of the line is left to match."),
                          field="parts", total=f"{total:,.2f}", amount=f"{remaining:,.2f}")
    if total != remaining:
        raise DomainError(N_("The parts add up to %(total)s but the line is %(amount)s."), field="parts",
                          total=f"{total:,.2f}", amount=f"{line.amount:,.2f}")
    if any(amount <= 0 for _, amount in parts):
        raise DomainError(N_("Each part must be more than zero."), field="parts")
    if source not in SOURCES:
        raise DomainError(N_("Choose where the money came from."), field="source")
    resolved = [(_case_by_reference(session, ref, "parts").id, amount, None) for ref, amount in parts]
    return _settle(session, line, resolved, "manual", source, actor)


def mark_unrelated(session: Session, line: StatementLine, reason: str, actor) -> StatementLine:
    """Set a line aside as not a recovery (a refund, an interbank transfer), with the reason."""
    _open_line(session, line)
    if not (reason or "").strip():
        raise DomainError(N_("Say why the line is unrelated."), field="reason")
    line.status, line.reason = "unrelated", reason.strip()[:500]
    record(session, actor, "unrelated", line, after={"reason": line.reason})
    session.flush()
    return line

"""Check every row of a loan tape with the register's own schemas, and plan what to write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select, text
from sqlmodel import Session

from legalops.assessment.calculators.interest import Rate
from legalops.cases.importing import values as v
from legalops.cases.importing.columns import BY_KEY
from legalops.cases.importing.reader import Table
from legalops.cases.models import DebtorRole, Loan
from legalops.cases.schemas import CollateralIn, LoanIn
from legalops.core.errors import FieldErrors
from legalops.core.i18n import N_
from legalops.core.validation import validate
from legalops.parties.models import Party
from legalops.parties.schemas import PartyIn

PartyKey = tuple[str, str]  # (id_type, id_number)
Progress = Callable[[int, int, str], None]

LOAN_FIELDS = ("currency", "principal", "contract_rate", "penalty_rate", "compound_rate", "rate_terms", "signed_on",
               "disbursed_on", "maturity_date", "default_date", "cutoff_date", "outstanding_principal",
               "outstanding_interest", "outstanding_penalty", "repayment_method")
DATE_FIELDS = {"signed_on", "disbursed_on", "maturity_date", "default_date", "cutoff_date"}
COLLATERAL_COLUMNS = {"kind": "collateral_kind", "description": "collateral_description",
                      "certificate_number": "collateral_certificate", "location": "collateral_location",
                      "registered_amount": "collateral_registered_amount"}
CHUNK = 500


@dataclass
class RowError:
    """One problem in one cell (or one row, for field '__row__')."""

    row: int
    field: str
    message: str
    params: dict = field(default_factory=dict)
    item: str = ""  # which of several values in the cell, e.g. one guarantor's name


@dataclass
class PlannedRow:
    """A valid row: one case with its creditor, borrower, guarantors, loan and optional collateral."""

    row: int
    creditor: PartyKey
    borrower: PartyKey
    guarantors: list[tuple[PartyKey, str]]
    loan: dict
    collateral: dict | None


@dataclass
class Plan:
    """What a valid file would create, or the errors that stop it."""

    rows: list[PlannedRow] = field(default_factory=list)
    parties: dict[PartyKey, dict] = field(default_factory=dict)  # column values of every party the rows name
    existing_parties: dict[PartyKey, int] = field(default_factory=dict)
    skipped: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class _Row:
    """Cell access by column key."""

    def __init__(self, table: Table, cells: list):
        self.positions, self.cells = table.columns.positions, cells

    def __getitem__(self, key: str):
        position = self.positions.get(key)
        return self.cells[position] if position is not None and position < len(self.cells) else None

    def any(self, *keys: str) -> bool:
        return any(v.text(self[key]) for key in keys)


def _party_errors(errors: dict[str, str], prefix: str) -> dict[str, str]:
    target = {"name": f"{prefix}_name", "id_number": f"{prefix}_id_number", "phone": f"{prefix}_phone",
              "address": f"{prefix}_address", "kind": f"{prefix}_kind", "id_type": f"{prefix}_kind"}
    return {target.get(name, f"{prefix}_name"): message for name, message in errors.items()}


def check_party(name, id_number, explicit_kind=None, phone=None, address=None) -> PartyIn:
    """Validate one party from its cells; FieldErrors keys are PartyIn's field names."""
    if isinstance(id_number, float):
        raise FieldErrors({"id_number": N_("Store ID numbers as text: Excel has rounded this one.")})
    name_text, number = v.text(name), v.folded(id_number).upper().replace(" ", "")
    kind, id_type = v.party_kind(explicit_kind, name_text, number)
    return validate(PartyIn, {"kind": kind, "name": name_text, "id_type": id_type, "id_number": number,
                              "phone": v.folded(phone) or None, "address": v.text(address) or None})


class Checker:
    """Validate a table row by row, collecting every error rather than stopping at the first."""

    def __init__(self, session: Session, table: Table, creditor: PartyIn | None, progress: Progress | None = None):
        self.session, self.table, self.default_creditor = session, table, creditor
        self.progress = progress or (lambda done, total, message: None)
        self.plan = Plan()
        self.first_seen: dict[PartyKey, tuple[str, int]] = {}

    def error(self, row: int, key: str, message: str, item: str = "", **params) -> None:
        """Record a problem in a cell."""
        self.plan.errors.append(RowError(row, key, message, params, item))

    def run(self) -> Plan:
        """Check the whole table and return the plan (with errors, if any)."""
        rows = self.table.rows
        numbers = self._contract_numbers()
        existing = self._existing_contracts({n for n in numbers.values() if n})
        for done, (row_number, cells) in enumerate(rows, start=1):
            number = numbers[row_number]
            if number in existing:
                self.plan.skipped.append({"row": row_number, "contract_number": number})
            else:
                self._check_row(row_number, _Row(self.table, cells), number)
            if done % CHUNK == 0:
                self.progress(done, len(rows), N_("Checking rows"))
        self._load_existing_parties()
        self.plan.errors.sort(key=lambda e: (e.row, list(BY_KEY).index(e.field) if e.field in BY_KEY else -1))
        return self.plan

    def _contract_numbers(self) -> dict[int, str]:
        numbers, first_row = {}, {}
        for row_number, cells in self.table.rows:
            number = v.folded(_Row(self.table, cells)["contract_number"])
            numbers[row_number] = number
            if not number:
                continue
            if number in first_row:
                other = first_row[number]
                self.error(row_number, "contract_number", N_("Contract number %(number)s also appears in row %(other)s."),
                           number=number, other=other)
                self.error(other, "contract_number", N_("Contract number %(number)s also appears in row %(other)s."),
                           number=number, other=row_number)
            else:
                first_row[number] = row_number
        return numbers

    def _existing_contracts(self, numbers: set[str]) -> set[str]:
        found: set[str] = set()
        ordered = sorted(numbers)
        postgresql = self.session.connection().dialect.name == "postgresql"
        if postgresql:
            # The planner prices the trigram index (GIN, bitmap scans only) far below its real cost for
            # equality on many values: 10–15 s per 1,000 contracts against 10,000 loans instead of milliseconds
            # through the unique index. Bitmap scans are turned off for these lookups only.
            self.session.execute(text("SET LOCAL enable_bitmapscan = off"))
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start:start + CHUNK]
            found.update(self.session.execute(select(Loan.contract_number).where(Loan.contract_number.in_(chunk))).scalars())
        if postgresql:
            self.session.execute(text("SET LOCAL enable_bitmapscan = on"))
        return found

    def _check_row(self, row_number: int, row: _Row, number: str) -> None:
        before = len(self.plan.errors)
        creditor = self._creditor(row_number, row)
        borrower = self._party(row_number, "borrower", row["borrower_name"], row["borrower_id_number"],
                               row["borrower_kind"], row["borrower_phone"], row["borrower_address"])
        guarantors = self._guarantors(row_number, row, borrower)
        loan = self._loan(row_number, row, number)
        collateral = self._collateral(row_number, row)
        if len(self.plan.errors) == before and creditor and borrower and loan:
            self.plan.rows.append(PlannedRow(row_number, creditor, borrower, guarantors, loan, collateral))

    def _remember(self, row_number: int, party: PartyIn, key_field: str, item: str = "") -> PartyKey | None:
        key = (party.id_type.value, party.id_number)
        seen = self.first_seen.get(key)
        if seen is None:
            self.first_seen[key] = (party.name, row_number)
            self.plan.parties[key] = party.column_values()
        elif seen[0] != party.name:
            self.error(row_number, key_field, N_("This ID number belongs to %(name)s in row %(other)s."), item=item,
                       name=seen[0], other=seen[1])
            return None
        return key

    def _party(self, row_number: int, prefix: str, name, id_number, kind=None, phone=None, address=None):
        try:
            party = check_party(name, id_number, kind, phone, address)
        except FieldErrors as exc:
            for key, message in _party_errors(exc.errors, prefix).items():
                self.error(row_number, key, message)
            return None
        return self._remember(row_number, party, f"{prefix}_id_number")

    def _creditor(self, row_number: int, row: _Row) -> PartyKey | None:
        if row.any("creditor_name", "creditor_id_number"):
            try:
                party = validate(PartyIn, {"kind": "organisation", "id_type": "uscc", "name": v.text(row["creditor_name"]),
                                           "id_number": v.folded(row["creditor_id_number"]).upper()})
            except FieldErrors as exc:
                for key, message in _party_errors(exc.errors, "creditor").items():
                    self.error(row_number, key if key in BY_KEY else "creditor_name", message)
                return None
        elif self.default_creditor is not None:
            party = self.default_creditor
        else:
            self.error(row_number, "creditor_name", N_("No creditor: enter it on the import page or in this column."))
            return None
        return self._remember(row_number, party, "creditor_id_number")

    def _guarantors(self, row_number: int, row: _Row, borrower: PartyKey | None) -> list[tuple[PartyKey, str]]:
        names, numbers = v.split_cell(row["guarantor_names"]), v.split_cell(row["guarantor_id_numbers"])
        types = v.split_cell(row["guarantee_types"])
        if len(names) != len(numbers):
            self.error(row_number, "guarantor_id_numbers",
                       N_("%(names)s guarantors are named but %(numbers)s ID numbers are given."),
                       names=len(names), numbers=len(numbers))
            return []
        if types and len(types) != len(names):
            self.error(row_number, "guarantee_types",
                       N_("%(names)s guarantors are named but %(types)s guarantee types are given."),
                       names=len(names), types=len(types))
            return []
        out: list[tuple[PartyKey, str]] = []
        for index, (name, number) in enumerate(zip(names, numbers, strict=True)):
            # 民法典 art. 686: a guarantee whose type is not agreed (or unclear) is a general guarantee.
            role = v.choose(types[index], v.GUARANTEE_TYPES) if types else DebtorRole.general_guarantor.value
            if role not in (DebtorRole.joint_guarantor.value, DebtorRole.general_guarantor.value):
                self.error(row_number, "guarantee_types", N_("Choose one of the listed options."), item=name)
                continue
            try:
                party = check_party(name, number)
            except FieldErrors as exc:
                for key, message in _party_errors(exc.errors, "guarantor").items():
                    column = "guarantor_id_numbers" if key.endswith("id_number") or key.endswith("kind") else "guarantor_names"
                    self.error(row_number, column, message, item=name)
                continue
            key = self._remember(row_number, party, "guarantor_id_numbers", item=name)
            if key is None:
                continue
            if key == borrower:
                self.error(row_number, "guarantor_id_numbers", N_("The borrower cannot guarantee their own loan."), item=name)
            elif any(key == seen for seen, _ in out):
                self.error(row_number, "guarantor_names", N_("This guarantor is listed twice."), item=name)
            else:
                out.append((key, role))
        return out

    def _loan(self, row_number: int, row: _Row, number: str) -> dict | None:
        data: dict = {"contract_number": number}
        for key in LOAN_FIELDS:
            raw = row[key]
            if key in DATE_FIELDS:
                data[key] = v.to_date(raw)
            elif key == "currency":
                data[key] = v.choose(raw, v.CURRENCIES) or "CNY"
            elif key == "repayment_method":
                data[key] = v.choose(raw, v.REPAYMENT_METHODS)
            elif key == "rate_terms":
                data[key] = v.folded(raw) or None
            else:
                data[key] = v.folded(raw) if isinstance(raw, str) else raw
        rate_read = self._rate_terms(row_number, number, data["rate_terms"])
        try:
            loan = validate(LoanIn, data).column_values()
        except FieldErrors as exc:
            for key, message in exc.errors.items():
                if key != "rate_terms" or rate_read:
                    self.error(row_number, key if key in BY_KEY else "contract_number", message)
            return None
        return loan if rate_read else None

    def _rate_terms(self, row_number: int, number: str, terms: str | None) -> bool:
        """Check a floating-rate clause with the parser the claim statement reads it with; say so if it cannot."""
        if not terms:
            return True
        try:
            floating = Rate(terms).floating
        except ValueError:
            floating = False
        if not floating:  # a fixed rate belongs in the contract-rate column
            self.error(row_number, "rate_terms", N_("Loan %(number)s: the floating rate cannot be read "
                                                    "(e.g. 1Y LPR + 1.5%%)."), number=number)
        return floating

    def _collateral(self, row_number: int, row: _Row) -> dict | None:
        if not row.any(*COLLATERAL_COLUMNS.values()):
            return None
        raw_amount = row["collateral_registered_amount"]
        data = {"kind": v.choose(row["collateral_kind"], v.COLLATERAL_KINDS),
                "description": v.text(row["collateral_description"]),
                "certificate_number": v.text(row["collateral_certificate"]),
                "location": v.text(row["collateral_location"]),
                "registered_amount": v.folded(raw_amount) if isinstance(raw_amount, str) else raw_amount}
        try:
            return validate(CollateralIn, data).column_values()
        except FieldErrors as exc:
            for key, message in exc.errors.items():
                self.error(row_number, COLLATERAL_COLUMNS.get(key, "collateral_kind"), message)
            return None

    def _load_existing_parties(self) -> None:
        numbers = sorted({number for _, number in self.plan.parties})
        for start in range(0, len(numbers), CHUNK):
            chunk = numbers[start:start + CHUNK]
            for party_id, id_type, id_number in self.session.execute(
                    select(Party.id, Party.id_type, Party.id_number).where(Party.id_number.in_(chunk))):
                if (id_type, id_number) in self.plan.parties:
                    self.plan.existing_parties[(id_type, id_number)] = party_id

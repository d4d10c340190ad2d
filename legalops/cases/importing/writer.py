"""Write a checked plan in bulk: multi-row inserts per table and chunk, one audit entry per created object."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import bindparam, func, insert, select, update
from sqlmodel import Session

from legalops.audit.models import AuditEntry
from legalops.audit.services import jsonable
from legalops.cases.importing.validate import PartyKey, Plan, PlannedRow
from legalops.cases.models import Case, CaseParty, Collateral, Loan, Portfolio, Stage
from legalops.core.clock import today, utcnow
from legalops.core.i18n import N_
from legalops.parties.models import Party

CHUNK = 1000
_PLAIN = (str, int, bool, type(None))
_T = {name: model.__table__ for name, model in  # type: ignore[attr-defined]
      {"party": Party, "case": Case, "link": CaseParty, "loan": Loan, "collateral": Collateral,
       "audit": AuditEntry}.items()}


def _insert(session: Session, table, rows: list[dict]) -> list[int]:
    """Insert rows in batches and return their ids in the order given."""
    if not rows:
        return []
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        # Ids drawn from the sequence up front let psycopg pipeline one small prepared INSERT per row; a multi-row
        # INSERT ... RETURNING spent most of its time in the driver parsing the huge statement text.
        ids = list(connection.execute(
            select(func.nextval(func.pg_get_serial_sequence(table.name, "id"))).select_from(
                func.generate_series(1, len(rows)))).scalars())
        connection.execute(insert(table), [{**row, "id": id_} for row, id_ in zip(rows, ids, strict=True)])
        return ids
    # SQLite would run RETURNING one row at a time. Its single writer (this transaction holds the lock from the
    # insert until commit) gives the rows consecutive ids after the current maximum, so they can be read back.
    connection.execute(insert(table), rows)
    last = connection.execute(select(func.max(table.c.id))).scalar_one()
    return list(range(last - len(rows) + 1, last + 1))


class Writer:
    """Create the cases of a plan for a portfolio, on behalf of an actor."""

    def __init__(self, session: Session, plan: Plan, actor, portfolio: Portfolio,
                 progress: Callable[[int, int, str], None] | None = None):
        self.session, self.plan, self.actor, self.portfolio = session, plan, actor, portfolio
        self.progress = progress or (lambda done, total, message: None)
        self.party_ids: dict[PartyKey, int] = dict(plan.existing_parties)
        self.now, self.today = utcnow(), today()
        self.counsel_id = actor.id if getattr(actor, "role", None) == "counsel" else None
        self.counts = {"cases": 0, "parties_created": 0, "loans": 0, "collateral": 0, "links": 0}

    def run(self) -> dict[str, int]:
        """Write every planned row; return how many objects of each kind were created."""
        rows = self.plan.rows
        for start in range(0, len(rows), CHUNK):
            self._chunk(rows[start:start + CHUNK])
            self.progress(min(start + CHUNK, len(rows)), len(rows), N_("Writing cases"))
        return self.counts

    def _audit(self, object_type: str, object_id: int, case_id: int | None, after: dict, summary: str = "") -> dict:
        return {"at": self.now, "actor_id": getattr(self.actor, "id", None),
                "actor_name": getattr(self.actor, "display_name", None) or "system", "action": "create",
                "object_type": object_type, "object_id": object_id, "case_id": case_id, "summary": summary[:300],
                "before": None, "after": {k: val if type(val) in _PLAIN else jsonable(val) for k, val in after.items()}}

    def _chunk(self, rows: list[PlannedRow]) -> None:
        audits: list[dict] = []
        new_parties = self._new_parties(rows)
        case_rows = [{"reference": f"tmp-{uuid.uuid4().hex}", "portfolio_id": self.portfolio.id,
                      "creditor_id": self.party_ids[row.creditor], "stage": Stage.intake.value, "stage_reason": "",
                      "stage_changed_at": self.now, "counsel_id": self.counsel_id, "firm_id": None, "court_name": "",
                      "court_case_number": "", "opened_on": self.today, "note": "", "version": 1,
                      "created_at": self.now, "updated_at": self.now} for row in rows]
        case_ids = _insert(self.session, _T["case"], case_rows)
        # The reference is derived from the id, exactly as open_case does.
        renames = [{"_id": case_id, "_ref": f"LO{self.today:%Y}-{case_id:06d}"} for case_id in case_ids]
        self.session.connection().execute(
            update(_T["case"]).where(_T["case"].c.id == bindparam("_id")).values(reference=bindparam("_ref")), renames)
        for values, rename in zip(case_rows, renames, strict=True):
            values.update(id=rename["_id"], reference=rename["_ref"])
            audits.append(self._audit("case", rename["_id"], rename["_id"], values))
        first_case = {}
        links, loans, collateral = [], [], []
        for row, case_id in zip(rows, case_ids, strict=True):
            for key in (row.creditor, row.borrower, *(k for k, _ in row.guarantors)):
                first_case.setdefault(key, case_id)
            roles = [(row.borrower, "borrower")] + row.guarantors
            links += [{"case_id": case_id, "party_id": self.party_ids[key], "role": role, "guarantee_limit": None,
                       "guarantee_period_months": None, "note": ""} for key, role in roles]
            loans.append({"case_id": case_id, **row.loan, "version": 1})
            if row.collateral:
                collateral.append({"case_id": case_id, **row.collateral, "version": 1})
        for key, party_id in new_parties:
            values = {**self.plan.parties[key], "id": party_id}
            audits.append(self._audit("party", party_id, first_case.get(key), values))
        names = {self.party_ids[key]: values["name"] for key, values in self.plan.parties.items() if key in self.party_ids}
        for link, link_id in zip(links, _insert(self.session, _T["link"], links), strict=True):
            name = names.get(link["party_id"], "")
            audits.append(self._audit("case_party", link_id, link["case_id"],
                                      {**link, "id": link_id, "party_name": name}, name))
        for loan, loan_id in zip(loans, _insert(self.session, _T["loan"], loans), strict=True):
            audits.append(self._audit("loan", loan_id, loan["case_id"], {**loan, "id": loan_id}, loan["contract_number"]))
        for item, item_id in zip(collateral, _insert(self.session, _T["collateral"], collateral), strict=True):
            audits.append(self._audit("collateral", item_id, item["case_id"], {**item, "id": item_id},
                                      item["description"][:80]))
        self.session.connection().execute(insert(_T["audit"]), audits)
        self.counts["cases"] += len(case_ids)
        self.counts["parties_created"] += len(new_parties)
        self.counts["links"] += len(links)
        self.counts["loans"] += len(loans)
        self.counts["collateral"] += len(collateral)

    def _new_parties(self, rows: list[PlannedRow]) -> list[tuple[PartyKey, int]]:
        wanted: dict[PartyKey, None] = {}  # an ordered set
        for row in rows:
            for key in (row.creditor, row.borrower, *(k for k, _ in row.guarantors)):
                if key not in self.party_ids:
                    wanted[key] = None
        keys = list(wanted)
        values = [{**self.plan.parties[key], "version": 1, "created_at": self.now, "updated_at": self.now}
                  for key in keys]
        ids = _insert(self.session, _T["party"], values)
        self.party_ids.update(zip(keys, ids, strict=True))
        return list(zip(keys, ids, strict=True))

"""Role × route matrix over every route in the URL map: who gets in, who gets 403, who must see 404.

Every rule of `app.url_map` needs an entry in EXPECTATIONS; a new route without one fails
`test_every_route_has_an_expectation`, so no route can skip the permission check by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

import factories as f
import pytest
from sqlalchemy import select
from support.portal_world import portal_ids

from legalops.cases.models import CaseParty, Collateral, Loan
from legalops.jobs.models import JobRecord

ANONYMOUS = "anonymous"
FIRM_OWN = "law_firm_own"
FIRM_OTHER = "law_firm_other"
STAFF = frozenset({"admin", "counsel", "finance", "auditor"})
EDITORS = frozenset({"admin", "counsel"})
SIGNED_IN = STAFF | {FIRM_OWN, FIRM_OTHER}
ROLES = [ANONYMOUS, "admin", "counsel", FIRM_OWN, FIRM_OTHER, "finance", "auditor"]
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Expect:
    """Who may use a route: `allowed` roles pass its permission check; others get 403 (or 404, see `case`)."""

    allowed: frozenset[str]
    #: The route shows or changes one case (or its debtors, loans, collateral): a user who may not see
    #: the case gets 404 exactly as if it did not exist, whatever the method.
    case: bool = False
    #: Reachable without signing in.
    public: bool = False


#: One entry per endpoint; extend it when you add a route (the matrix fails until you do).
EXPECTATIONS: dict[str, Expect] = {
    "static": Expect(SIGNED_IN, public=True),
    # web
    "web.login": Expect(SIGNED_IN, public=True),
    "web.language": Expect(SIGNED_IN, public=True),
    "web.logout": Expect(SIGNED_IN),
    "web.logout_everywhere": Expect(SIGNED_IN),
    "web.home": Expect(SIGNED_IN),
    # case register (lists are scoped in the query, so every signed-in user may open them)
    "cases.index": Expect(SIGNED_IN),
    "cases.export": Expect(SIGNED_IN),
    "cases.new": Expect(EDITORS),
    "cases.show": Expect(STAFF | {FIRM_OWN}, case=True),
    "cases.edit": Expect(EDITORS, case=True),
    "cases.stage": Expect(EDITORS, case=True),
    "cases.assign": Expect(EDITORS, case=True),
    "cases.debtor": Expect(EDITORS, case=True),
    "cases.debtor_delete": Expect(EDITORS, case=True),
    "cases.loan": Expect(EDITORS, case=True),
    "cases.loan_delete": Expect(EDITORS, case=True),
    "cases.collateral": Expect(EDITORS, case=True),
    "cases.collateral_delete": Expect(EDITORS, case=True),
    # portfolio imports
    "imports.new": Expect(EDITORS),
    "imports.show": Expect(EDITORS),
    "imports.progress": Expect(EDITORS),
    "imports.retry": Expect(EDITORS),
    "imports.template_workbook": Expect(EDITORS),
    "imports.template_text": Expect(EDITORS),
    # audit trail
    "audit.index": Expect(frozenset({"admin", "counsel", "auditor"})),
    # assessment (per case; law firms read their own cases' assessment) and the calculators (no case)
    "assessment.show": Expect(STAFF | {FIRM_OWN}, case=True),
    "assessment.memo": Expect(STAFF | {FIRM_OWN}, case=True),
    "assessment.facts": Expect(EDITORS, case=True),
    "assessment.evidence": Expect(EDITORS, case=True),
    "assessment.event_add": Expect(EDITORS, case=True),
    "assessment.event_delete": Expect(EDITORS, case=True),
    "assessment.submit_for_decision": Expect(EDITORS, case=True),
    "assessment.decision": Expect(EDITORS, case=True),
    "calculators.index": Expect(SIGNED_IN),
    # court filings of a case (law firms generate and file for their own cases) and bulk generation
    "filings.index": Expect(STAFF | {FIRM_OWN}, case=True),
    "filings.preview": Expect(STAFF | {FIRM_OWN}, case=True),
    "filings.generate": Expect(EDITORS | {FIRM_OWN}, case=True),
    "filings.download": Expect(STAFF | {FIRM_OWN}, case=True),
    "filings.approve": Expect(EDITORS, case=True),
    "filings.mark_filed": Expect(EDITORS | {FIRM_OWN}, case=True),
    "filings.supersede": Expect(EDITORS, case=True),
    "bulk_filings.bulk": Expect(EDITORS),
    "bulk_filings.job": Expect(EDITORS),
    "bulk_filings.retry": Expect(EDITORS),
    "bulk_filings.download": Expect(EDITORS),
    # demand letters delivered on a case (law firms send and record them for their own cases)
    "demands.index": Expect(STAFF | {FIRM_OWN}, case=True),
    "demands.record": Expect(EDITORS | {FIRM_OWN}, case=True),
    "demands.delete": Expect(EDITORS, case=True),
    "demands.acquisition": Expect(EDITORS, case=True),
    # deadlines (scoped in the query; marking done is a case action) and the private calendar feed
    "deadlines.index": Expect(SIGNED_IN),
    "deadlines.done": Expect(EDITORS | {FIRM_OWN}, case=True),
    "deadlines.calendar": Expect(SIGNED_IN),
    "deadlines.create_token": Expect(SIGNED_IN),
    "deadlines.revoke_token": Expect(SIGNED_IN),
    "deadlines.ics": Expect(SIGNED_IN, public=True),
    "notifications.index": Expect(SIGNED_IN),
    "notifications.read_all": Expect(SIGNED_IN),
    # disposal (per case; law firms read their own cases' disposal record, finance posts receipts)
    "disposal.index": Expect(STAFF | {FIRM_OWN}, case=True),
    "disposal.item": Expect(STAFF | {FIRM_OWN}, case=True),
    "disposal.price_add": Expect(EDITORS, case=True),
    "disposal.objection_add": Expect(EDITORS, case=True),
    "disposal.objection_decide": Expect(EDITORS, case=True),
    "disposal.encumbrance_add": Expect(EDITORS, case=True),
    "disposal.encumbrance_delete": Expect(EDITORS, case=True),
    "disposal.round_add": Expect(EDITORS, case=True),
    "disposal.outcome": Expect(EDITORS, case=True),
    "disposal.receipt": Expect(EDITORS | {"finance"}, case=True),
    # administration
    "admin.users": Expect(frozenset({"admin"})),
    "admin.toggle_active": Expect(frozenset({"admin"})),
    "admin.firms": Expect(frozenset({"admin"})),
    # recovery ledger (per case), finance reconciliation and the dashboard (scoped figures for everyone)
    "ledger.show": Expect(STAFF | {FIRM_OWN}, case=True),
    "ledger.post": Expect(frozenset({"admin", "counsel", "finance"}), case=True),
    "ledger.cost": Expect(frozenset({"admin", "counsel", "finance"}), case=True),
    "ledger.plan": Expect(frozenset({"admin", "counsel", "finance"}), case=True),
    "ledger.reverse": Expect(frozenset({"admin", "finance"}), case=True),
    "finance.index": Expect(frozenset({"admin", "finance", "auditor"})),
    "finance.line": Expect(frozenset({"admin", "finance", "auditor"})),
    "finance.reconciliation_report": Expect(frozenset({"admin", "finance", "auditor"})),
    "finance.recovery_report": Expect(frozenset({"admin", "finance", "auditor"})),
    "finance.account": Expect(frozenset({"admin", "finance"})),
    "finance.import_statement": Expect(frozenset({"admin", "finance"})),
    "finance.match": Expect(frozenset({"admin", "finance"})),
    "finance.split": Expect(frozenset({"admin", "finance"})),
    "finance.unrelated": Expect(frozenset({"admin", "finance"})),
    "finance.close": Expect(frozenset({"admin", "finance"})),
    "finance.sample": Expect(frozenset({"admin", "finance"})),
    "dashboard.index": Expect(SIGNED_IN),
    # litigation and enforcement of a case (law firms read their own; the portal proposes their updates)
    "litigation.show": Expect(STAFF | {FIRM_OWN}, case=True),
    "litigation.proceeding": Expect(EDITORS, case=True),
    "litigation.event": Expect(EDITORS, case=True),
    "litigation.judgment": Expect(EDITORS, case=True),
    "litigation.service": Expect(EDITORS, case=True),
    "litigation.measure": Expect(EDITORS, case=True),
    "enforcement.show": Expect(STAFF | {FIRM_OWN}, case=True),
    "enforcement.open_case": Expect(EDITORS, case=True),
    "enforcement.measure": Expect(EDITORS, case=True),
    "enforcement.renew": Expect(EDITORS, case=True),
    "enforcement.release": Expect(EDITORS, case=True),
    "enforcement.lead": Expect(EDITORS, case=True),
    "enforcement.lead_status": Expect(EDITORS, case=True),
    "enforcement.receipt": Expect(EDITORS, case=True),
    "enforcement.terminate": Expect(EDITORS, case=True),
    "enforcement.resume": Expect(EDITORS, case=True),
    "enforcement.close": Expect(EDITORS, case=True),
    # court documents, firm updates and counsel's review queue, the firms' API tokens
    "casefiles.index": Expect(STAFF | {FIRM_OWN}, case=True),
    "casefiles.upload": Expect(EDITORS | {FIRM_OWN}, case=True),
    "casefiles.download": Expect(STAFF | {FIRM_OWN}, case=True),
    "portal.case_updates": Expect(STAFF | {FIRM_OWN}, case=True),
    "portal.propose": Expect(frozenset({FIRM_OWN}), case=True),
    "portal.review": Expect(EDITORS),
    "portal.accept": Expect(EDITORS),
    "portal.reject": Expect(EDITORS),
    "firm_tokens.index": Expect(EDITORS),
    "firm_tokens.issue": Expect(EDITORS),
    "firm_tokens.revoke": Expect(EDITORS),
    # the API answers bearer tokens only (401 to a session cookie); tests/api checks its scoping per firm
    "api.openapi": Expect(SIGNED_IN, public=True),
    "api.list_cases": Expect(SIGNED_IN, public=True),
    "api.get_case": Expect(SIGNED_IN, public=True),
    "api.upload_document": Expect(SIGNED_IN, public=True),
    "api.propose_update": Expect(SIGNED_IN, public=True),
    "api.list_updates": Expect(SIGNED_IN, public=True),
    "api.list_forms": Expect(SIGNED_IN, public=True),
    "api.create_filing": Expect(SIGNED_IN, public=True),
    "api.list_filings": Expect(SIGNED_IN, public=True),
    "api.download_filing": Expect(SIGNED_IN, public=True),
    # court-form templates: upload, check, activate, roll back (admins only)
    "form_admin.index": Expect(frozenset({"admin"})),
    "form_admin.show": Expect(frozenset({"admin"})),
    "form_admin.activate": Expect(frozenset({"admin"})),
    "form_admin.rollback": Expect(frozenset({"admin"})),
    "form_admin.download": Expect(frozenset({"admin"})),
}

CHECKED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@pytest.fixture
def world(app, session):
    """Firms A and B, one user per role, and a case of firm A with a debtor, a loan and collateral."""
    firm_a, firm_b = f.firm(session), f.firm(session)
    users = {role: f.user(session, role) for role in ("admin", "counsel", "finance", "auditor")}
    users[FIRM_OWN] = f.user(session, "law_firm", firm=firm_a)
    users[FIRM_OTHER] = f.user(session, "law_firm", firm=firm_b)
    case = f.case(session, users["counsel"], collateral=True, firm_id=firm_a.id)
    session.add(JobRecord(id="import-matrix", kind="import_portfolio", status="finished", result={}))
    session.commit()
    ids = {
        "case_id": case.id,
        "link_id": session.execute(select(CaseParty.id).where(CaseParty.case_id == case.id)
                                  .order_by(CaseParty.id)).scalars().first(),
        "loan_id": session.execute(select(Loan.id).where(Loan.case_id == case.id)).scalar_one(),
        "item_id": session.execute(select(Collateral.id).where(Collateral.case_id == case.id)).scalar_one(),
        "user_id": users["finance"].id,
        "filename": "app.css",
        **_filing_ids(app, session, case, users["counsel"]),
        "job_id": "import-matrix",
        **_ledger_ids(session, case, users["finance"]),
        **portal_ids(app, session, case, users[FIRM_OWN], users["counsel"]),
        "delivery_id": _delivery_id(session, case, users["counsel"]),
        **_deadline_ids(session, case, users["counsel"]),
    }
    return {"users": users, "case": case, "ids": ids}


def _deadline_ids(session, case, counsel) -> dict:
    """Give the deadline routes a deadline on the case and a live calendar-feed token."""
    import datetime as dt

    from legalops.deadlines.feed import create_calendar_token
    from legalops.deadlines.services import sync_deadline

    deadline = sync_deadline(session, case_id=case.id, kind="hearing", due_on=dt.date(2026, 12, 1), title="开庭",
                             citation="", source="matrix", source_id=str(case.id))
    token, _row = create_calendar_token(session, counsel)
    session.commit()
    return {"deadline_id": deadline.id, "token": token}


def _delivery_id(session, case, counsel) -> int:
    """Give the demand routes a recorded delivery to the case's first debtor."""
    import datetime as dt

    from legalops.cases import demands

    party_id = demands.addressees(session, case)[0].id
    delivery = demands.record_delivery(session, case, demands.DeliveryIn(
        party_id=party_id, delivered_on=dt.date(2026, 1, 5), method="ems"), counsel)
    session.commit()
    return delivery.id


def _filing_ids(app, session, case, counsel) -> dict:
    """Give the filing routes a rendered filing and a finished bulk job of counsel."""
    from legalops.cases.filings import create_case_filing
    from legalops.documents.render import get_renderer
    from legalops.documents.services import render_filing
    from legalops.jobs.models import JobRecord

    filing, _ = create_case_filing(session, case, "complaint", ("docx", "pdf"), counsel)
    render_filing(session, filing, get_renderer(), app.config["STORAGE_DIR"])
    session.add(JobRecord(id="bulk-matrix", kind="bulk_filings", status="finished", created_by_id=counsel.id,
                          args={"form_key": "complaint", "case_ids": [case.id], "formats": ["docx", "pdf"],
                                "user_id": counsel.id},
                          result={"form_key": "complaint", "done": {case.reference: filing.id}, "failed": {},
                                  "failed_case_ids": []}))
    session.commit()
    return {"form_key": "complaint", "filing_id": filing.id, "fmt": "pdf", "bulk_id": "bulk-matrix",
            "version_id": _form_version_id(app, session)}


def _form_version_id(app, session) -> int:
    """Give the form-template routes an uploaded, checked version of the complaint."""
    from legalops.documents.models import FormVersion
    from legalops.documents.registry import get_registry
    from legalops.documents.storage import store_bytes

    data = get_registry().get("complaint").docx_path.read_bytes()
    digest = store_bytes(app.config["STORAGE_DIR"], "forms/complaint/matrix.docx", data)
    version = FormVersion(form_key="complaint", label="matrix", sha256=digest, path="forms/complaint/matrix.docx",
                          report={"problems": []})
    session.add(version)
    session.commit()
    return version.id


def _routes(app):
    """Yield (rule, method) for every rule in the URL map and each method it answers."""
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods & set(CHECKED_METHODS)):
            yield rule, method


def _path(rule, ids: dict) -> str:
    missing = [arg for arg in rule.arguments if arg not in ids]
    assert not missing, f"{rule.rule}: give the matrix an id for {missing} in the `world` fixture"
    return rule.build({arg: ids[arg] for arg in rule.arguments}, append_unknown=False)[1]


def _expected(expect: Expect, role: str) -> str:
    """Return 'login', 'ok', 'forbidden' or 'not_found' for `role` on a route."""
    if expect.public:
        return "ok"
    if role == ANONYMOUS:
        return "login"
    if expect.case and role == FIRM_OTHER:
        return "not_found"
    return "ok" if role in expect.allowed else "forbidden"


def _check(response, outcome: str, *, json: bool = False, public: bool = False) -> bool:
    status = response.status_code
    if public:
        # Sign-in answers empty credentials with 401; that is its job, not a permission refusal.
        return status < 500 and status not in (403, 404)
    if outcome == "login":
        if json:
            return status == 401
        return status == 302 and response.headers["Location"].split("?")[0].endswith("/login")
    if outcome == "forbidden":
        return status == 403
    if outcome == "not_found":
        return status == 404
    # Allowed: the view ran (it may still refuse the empty input with 409/422, never with 401/403/404).
    return status < 500 and status not in (401, 403, 404)


def test_every_route_has_an_expectation(app):
    missing = sorted({rule.endpoint for rule in app.url_map.iter_rules()} - EXPECTATIONS.keys())
    assert not missing, f"add these endpoints to EXPECTATIONS in {__file__}: {missing}"


def test_expectations_name_only_existing_routes(app):
    stale = sorted(EXPECTATIONS.keys() - {rule.endpoint for rule in app.url_map.iter_rules()})
    assert not stale, f"these endpoints no longer exist; drop them from EXPECTATIONS: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_role_route_matrix(app, connection, world, role):
    client = app.test_client()
    if role != ANONYMOUS:
        f.login(client, world["users"][role])
    cookie = client.get_cookie("session")
    reference = world["case"].reference
    failures = []
    for rule, method in _routes(app):
        expect = EXPECTATIONS.get(rule.endpoint)
        assert expect is not None, f"{rule.endpoint} has no entry in EXPECTATIONS"
        path = _path(rule, world["ids"])
        outcome = _expected(expect, role)
        variants = [False, True] if outcome == "login" else [False]
        for json in variants:
            # Each request runs in a savepoint rolled back afterwards, and starts from the signed-in cookie,
            # so a delete or a sign-out does not change what the next request sees.
            nested = connection.begin_nested()
            if cookie is not None:
                client.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
            headers = {"Accept": "application/json"} if json else {}
            try:
                response = client.open(path, method=method, headers=headers, data={})
            finally:
                nested.rollback()
            if not _check(response, outcome, json=json, public=expect.public):
                failures.append(f"{method} {path} ({rule.endpoint}{', json' if json else ''}): "
                                f"expected {outcome}, got {response.status_code}")
            elif outcome == "not_found" and reference.encode() in response.data:
                failures.append(f"{method} {path}: the 404 page names the case {reference}")
    assert not failures, f"{role}:\n" + "\n".join(failures)


@pytest.mark.parametrize("route", ["/cases/{case_id}", "/cases/{case_id}/edit", "/cases/{case_id}/loans/{loan_id}/edit"])
def test_other_firm_cannot_tell_a_foreign_case_from_a_missing_one(app, world, route):
    client = app.test_client()
    f.login(client, world["users"][FIRM_OTHER])
    ids = world["ids"]
    foreign_path = route.format(**ids)
    missing_path = route.format(case_id=ids["case_id"] + 100_000, loan_id=ids["loan_id"] + 100_000)
    foreign, missing = client.get(foreign_path), client.get(missing_path)
    assert foreign.status_code == missing.status_code == 404
    # The pages differ only by the path echoed in the language switch.
    assert foreign.data.replace(foreign_path.encode(), b"") == missing.data.replace(missing_path.encode(), b"")


def test_case_list_hides_other_firms_cases(app, world):
    client = app.test_client()
    f.login(client, world["users"][FIRM_OTHER])
    link = f'href="/cases/{world["case"].id}"'.encode()
    assert link not in client.get("/cases/").data
    assert link not in client.get(f"/cases/?q={world['case'].reference}").data
    assert link not in client.get(f"/cases/?firm={world['case'].firm_id}").data
    own = app.test_client()
    f.login(own, world["users"][FIRM_OWN])
    assert link in own.get("/cases/").data


def test_case_export_hides_other_firms_cases(app, world):
    from io import BytesIO

    from openpyxl import load_workbook

    def references(user):
        client = app.test_client()
        f.login(client, user)
        response = client.get("/cases/export.xlsx")
        assert response.status_code == 200
        sheet = load_workbook(BytesIO(response.data), read_only=True).worksheets[0]
        return {cell for row in sheet.iter_rows(values_only=True) for cell in row}

    assert world["case"].reference not in references(world["users"][FIRM_OTHER])
    assert world["case"].reference in references(world["users"][FIRM_OWN])


def _ledger_ids(session, case, finance) -> dict:
    """Give the ledger and finance routes an entry on the case, a statement line and a past month."""
    import datetime as dt
    from decimal import Decimal

    from legalops.ledger.reconciliation.models import BankAccount, StatementImport, StatementLine
    from legalops.ledger.services import post_recovery

    entry = post_recovery(session, case_id=case.id, amount=Decimal("100.00"), received_on=dt.date(2025, 1, 15),
                          source="voluntary_repayment", payer="债务人", reference="M1", actor=finance)
    account = BankAccount(name="矩阵账户", account_number="62220000999")
    session.add(account)
    session.flush()
    batch = StatementImport(account_id=account.id, sha256="0" * 64)
    session.add(batch)
    session.flush()
    line = StatementLine(account_id=account.id, import_id=batch.id, line_key="sn:M1", booked_on=dt.date(2025, 1, 15),
                         amount=Decimal("5.00"), period="2025-01")
    session.add(line)
    session.commit()
    return {"entry_id": entry.id, "line_id": line.id, "period": "2025-01"}


def _writes(connection) -> int:
    """Count the rows this transaction has inserted, updated or deleted so far (savepoints included)."""
    from sqlalchemy import text

    return connection.execute(text("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                                   " FROM pg_stat_xact_user_tables")).scalar_one()


def _stored_files(app) -> set[str]:
    from pathlib import Path

    root = Path(app.config["STORAGE_DIR"])
    return {str(p.relative_to(root)) for p in root.rglob("*")} if root.exists() else set()


def test_every_browser_form_refuses_a_post_without_a_csrf_token(build_app, connection, world):
    """Walk the URL map: outside the token-authenticated API, every write route answers 400 and changes nothing."""
    import re

    app = build_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    token = re.search(rb'name="csrf_token" value="([^"]+)"', client.get("/login").data).group(1).decode()
    admin = world["users"]["admin"]
    signed = client.post("/login", data={"username": admin.username, "password": f.PASSWORD, "csrf_token": token})
    assert signed.status_code == 302
    cookie = client.get_cookie("session")
    checked, failures = 0, []
    for rule, method in _routes(app):
        if method == "GET" or rule.endpoint.startswith("api."):
            continue
        path = _path(rule, world["ids"])
        nested = connection.begin_nested()
        client.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
        writes, files = _writes(connection), _stored_files(app)
        try:
            for headers in ({}, {"X-CSRFToken": "forged"}):
                response = client.open(path, method=method, data={"csrf_token": "forged"} if headers else {},
                                       headers=headers)
                if response.status_code != 400:
                    failures.append(f"{method} {path} ({rule.endpoint}): {response.status_code}, not 400")
            if _writes(connection) != writes or _stored_files(app) != files:
                failures.append(f"{method} {path} ({rule.endpoint}): refused, but something was written")
        finally:
            nested.rollback()
        checked += 1
    assert checked > 50, checked
    assert not failures, "\n".join(failures)
    # Still signed in: the refused sign-out did not run either.
    assert client.get("/").status_code == 200


def test_csrf_exempt_routes_answer_tokens_only(build_app, world):
    """The API and the calendar feed skip CSRF, so a session cookie alone must never get through them."""
    import re

    app = build_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    token = re.search(rb'name="csrf_token" value="([^"]+)"', client.get("/login").data).group(1).decode()
    admin = world["users"]["admin"]
    client.post("/login", data={"username": admin.username, "password": f.PASSWORD, "csrf_token": token})
    assert client.get("/").status_code == 200
    csrf = app.extensions["csrf"]
    assert {bp.name for bp in csrf._exempt_blueprints} <= {"api"} and not csrf._exempt_views, \
        "only the token API may be CSRF-exempt"
    for rule, method in _routes(app):
        if not rule.endpoint.startswith("api.") or rule.endpoint == "api.openapi":
            continue
        response = client.open(_path(rule, world["ids"]), method=method, json={})
        assert response.status_code == 401, f"{method} {rule.rule}: {response.status_code}"
    # The calendar feed is a GET keyed by its secret: a session cookie with a wrong token gets nothing.
    assert client.get("/deadlines/feed/not-a-token.ics").status_code == 404
    assert client.get(f"/deadlines/feed/{world['ids']['token']}.ics").status_code == 200
    assert {m for rule in app.url_map.iter_rules() if rule.endpoint == "deadlines.ics"
            for m in rule.methods} <= {"GET", "HEAD", "OPTIONS"}


TRAVERSALS = ["..", "../../../../etc/passwd", "..%2F..%2F..%2Fpyproject.toml", "..\\..\\pyproject.toml",
              "%2e%2e%2f%2e%2e%2fpyproject.toml", "....//....//pyproject.toml", "/etc/passwd"]


def test_no_route_parameter_reaches_outside_its_folder(app, world):
    """Try ../ and its disguises in every non-integer route parameter as an admin: never a file from outside."""
    from pathlib import Path
    from urllib.parse import quote

    client = app.test_client()
    f.login(client, world["users"]["admin"])
    root = Path(__file__).resolve().parents[2]
    secrets = [b"root:x:0:0", (root / "pyproject.toml").read_bytes()[:60]]
    tried = set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        # An integer or a closed list (`any(docx, pdf)`) cannot carry a path: routing refuses anything else.
        text_args = [arg for arg in rule.arguments
                     if type(rule._converters[arg]).__name__ not in ("IntegerConverter", "AnyConverter")]
        for arg in text_args:
            for payload in TRAVERSALS:
                ids = {**world["ids"], arg: "PLACEHOLDER"}
                path = _path(rule, ids).replace("PLACEHOLDER", payload if "%" in payload else quote(payload, safe="/"))
                response = client.get(path)
                tried.add(rule.endpoint)
                assert response.status_code in (301, 302, 308, 400, 404), f"{path}: {response.status_code}"
                assert not any(secret in response.data for secret in secrets), f"{path} served a file from outside"
    assert {"static", "filings.download", "deadlines.ics", "form_admin.download"} <= tried, tried


def _readable(response) -> bytes:
    """Return the response body, unpacked when it is an XLSX or ZIP download (where a reference hides compressed)."""
    import io
    import zipfile

    data = response.data
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return b"".join([name.encode() + archive.read(name) for name in archive.namelist()])
    return data


def test_other_firm_finds_no_trace_of_a_foreign_case_on_any_page_or_download(app, session, world):
    """Every GET the other firm may open (lists, exports, dashboard, calendar feed, notifications) omits the case."""
    from legalops.deadlines.feed import create_calendar_token

    other = world["users"][FIRM_OTHER]
    token, _row = create_calendar_token(session, other)
    session.commit()
    ids = {**world["ids"], "token": token}
    case = world["case"]
    contract = session.get(Loan, ids["loan_id"]).contract_number
    # Searched by its contract number (echoed back in links), looked for by its reference and its links.
    traces = [case.reference.encode(), f"/cases/{case.id}/".encode(), f'/cases/{case.id}"'.encode()]
    client = app.test_client()
    f.login(client, other)
    opened, leaks = [], []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in ("static", "api.openapi"):
            continue
        path = _path(rule, ids)
        for query in ("", f"?q={contract}&case={case.id}&firm={case.firm_id}&month=2026-01"):
            response = client.get(path + query)
            if response.status_code != 200:
                continue
            opened.append(rule.endpoint)
            body = _readable(response)
            leaks += [f"{path}{query}: {trace.decode()}" for trace in traces if trace in body]
    assert {"cases.index", "cases.export", "dashboard.index", "deadlines.index", "deadlines.ics",
            "notifications.index"} <= set(opened), opened
    assert not leaks, leaks

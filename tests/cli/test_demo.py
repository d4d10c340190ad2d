"""What `make run` does on a fresh machine: migrate an empty SQLite database and load the demo portfolio."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select
from sqlmodel import Session

from legalops.app import create_app
from legalops.auth.models import User
from legalops.cases.documents import build_form_context
from legalops.cases.models import Case, CaseParty, Collateral
from legalops.cli import main
from legalops.core.clock import today
from legalops.db.session import Database
from legalops.deadlines.models import Deadline
from legalops.disposal.models import AuctionRound, ReferencePrice
from legalops.documents.registry import get_registry
from legalops.enforcement.models import EnforcementCase
from legalops.ledger.models import LedgerEntry, SettlementPlan
from legalops.ledger.reconciliation.models import BankAccount
from legalops.litigation.models import Judgment, Proceeding
from legalops.portal.models import CaseUpdate


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """Run `legalops db upgrade` and `legalops demo` twice in a fresh folder, as `make run` does."""
    folder = tmp_path_factory.mktemp("demo")
    env = {"LEGALOPS_DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}", "LEGALOPS_STORAGE_DIR": str(folder / "s"),
           "LEGALOPS_REDIS_URL": ""}
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)  # the instance folder (secret key, demo logins) is ./instance
        outputs = [runner.invoke(main, args, env=env, catch_exceptions=False)
                   for args in (["db", "upgrade"], ["demo"], ["demo"])]
    engine = create_engine(env["LEGALOPS_DATABASE_URL"])
    yield folder, outputs, engine
    engine.dispose()


def _count(session, model, *where) -> int:
    return session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def test_demo_loads_once_and_prints_a_login_per_role(demo_db):
    folder, (upgrade, first, second), _engine = demo_db
    assert upgrade.exit_code == first.exit_code == second.exit_code == 0
    assert "50 cases created" in first.output and "already loaded" in second.output
    logins = json.loads((folder / "instance" / "demo-logins.json").read_text())
    assert {entry["role"] for entry in logins.values()} >= {"admin", "counsel", "law_firm", "finance", "auditor"}
    for user in ("admin", "counsel", "firm_a", "finance", "auditor"):
        assert user in first.output and logins[user]["password"] in first.output


def test_demo_portfolio_fills_every_part_of_the_app(demo_db):
    _folder, _outputs, engine = demo_db
    with Session(engine) as session:
        assert _count(session, Case) == 50
        stages = set(session.execute(select(Case.stage)).scalars())
        assert stages >= {"intake", "assessment", "settlement", "litigation", "judgment", "enforcement", "disposal"}
        assert _count(session, User) >= 7
        assert _count(session, Proceeding) > 0 and _count(session, Judgment) > 0
        assert _count(session, EnforcementCase) > 0
        assert _count(session, ReferencePrice) > 0 and _count(session, AuctionRound) >= 3
        assert _count(session, CaseUpdate, CaseUpdate.status == "pending") > 0
        assert _count(session, Deadline, Deadline.state == "open", Deadline.due_on >= today()) > 0
        # The finance pages: a collection account, a settlement plan, and recoveries in the months just past.
        assert _count(session, BankAccount) == 1 and _count(session, SettlementPlan) >= 1
        months = {day.strftime("%Y-%m") for day in session.execute(select(LedgerEntry.received_on)).scalars()}
        last_month = (today().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
        assert last_month in months, sorted(months)


def test_every_form_builds_for_some_demo_case(demo_db):
    """Each form of forms/manifest.json, built as the case's filings page does, is ready for a demo case."""
    folder, _outputs, engine = demo_db
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        app = create_app({"DATABASE": Database(str(engine.url)), "STORAGE_DIR": str(folder / "s"), "REDIS_URL": ""})
    with app.app_context():
        session = app.extensions["legalops.db"].session()
        cases = list(session.execute(select(Case).order_by(Case.id)).scalars())
        keys = [spec.key for spec in get_registry().all()]
        assert len(keys) == 14
        missing = {}
        for key in keys:
            results = [build_form_context(session, case, key) for case in cases]
            if not any(result.ready for result in results):
                missing[key] = sorted({text for result in results for text in result.missing_text()})
        session.close()
    app.extensions["legalops.db"].engine.dispose()
    assert not missing, missing


def test_demo_collateral_has_its_mortgagor_and_firm_cases_an_agent(demo_db):
    _folder, _outputs, engine = demo_db
    with Session(engine) as session:
        items = session.execute(select(Collateral)).scalars().all()
        assert items
        for item in items:
            role = session.execute(select(CaseParty.role).where(
                CaseParty.case_id == item.case_id, CaseParty.party_id == item.owner_id)).scalars().all()
            assert "mortgagor" in role or "pledgor" in role, (item.description, role)
        with_firm = session.execute(select(Case).where(Case.firm_id.is_not(None))).scalars().all()
        assert with_firm and all(case.agent_name.strip() and case.agent_phone.strip() for case in with_firm)

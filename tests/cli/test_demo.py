"""What `make run` does on a fresh machine: migrate an empty SQLite database and load the demo portfolio."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select
from sqlmodel import Session

from legalops.auth.models import User
from legalops.cases.models import Case
from legalops.cli import main
from legalops.core.clock import today
from legalops.deadlines.models import Deadline
from legalops.disposal.models import AuctionRound, ReferencePrice
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

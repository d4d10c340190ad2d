"""Firm API tokens: issued once in the browser or the CLI, listed by prefix, revoked at once; `legalops firms` counts cases."""

from __future__ import annotations

import re
from contextlib import contextmanager

import factories as f
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from legalops.audit.models import AuditEntry
from legalops.cli import main
from legalops.portal.models import FirmToken


@pytest.fixture
def world(session):
    firm_a, firm_b = f.firm(session, "申衡律师事务所"), f.firm(session, "钱塘律师事务所")
    counsel = f.user(session, "counsel")
    f.case(session, counsel, firm_id=firm_a.id)
    f.case(session, counsel, firm_id=firm_a.id)
    return {"firm": firm_a, "other": firm_b, "counsel": counsel}


def test_counsel_issues_a_token_shown_once_then_revokes_it(app, session, world):
    client = app.test_client()
    f.login(client, world["counsel"])
    issued = client.post("/firm-tokens/", data={"firm_id": world["firm"].id, "label": "律所系统", "expires_days": "30"})
    assert issued.status_code == 201
    secret = re.search(r"<code>(lo_[^<]+)</code>", issued.get_data(as_text=True)).group(1)
    row = session.execute(select(FirmToken)).scalar_one()
    assert secret not in (row.token_hash, row.prefix) and secret.startswith(row.prefix)
    assert row.expires_at is not None and row.created_by_id == world["counsel"].id
    listing = client.get("/firm-tokens/").get_data(as_text=True)
    assert row.prefix in listing and secret not in listing
    api = app.test_client()
    assert api.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    assert client.post(f"/firm-tokens/{row.id}/revoke").status_code == 302
    assert api.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    actions = set(session.execute(select(AuditEntry.action).where(AuditEntry.object_type == "firm_token")).scalars())
    assert actions == {"create", "revoke"}


def test_issuing_for_an_unknown_firm_or_bad_expiry_is_refused(app, session, world):
    client = app.test_client()
    f.login(client, world["counsel"])
    assert client.post("/firm-tokens/", data={"firm_id": "999999"}).status_code == 422
    assert client.post("/firm-tokens/", data={"firm_id": world["firm"].id, "expires_days": "-3"}).status_code == 422
    assert session.execute(select(FirmToken)).first() is None


@pytest.fixture
def cli(app, session, monkeypatch):
    @contextmanager
    def fake():
        with app.app_context():
            yield app, session

    monkeypatch.setattr("legalops.cli.firms.app_session", fake)


def test_cli_lists_firms_with_case_counts_and_prints_a_token_once(cli, session, world):
    listed = CliRunner().invoke(main, ["firms"])
    assert listed.exit_code == 0
    assert re.search(r"\b2\s+申衡律师事务所", listed.output) and re.search(r"\b0\s+钱塘律师事务所", listed.output)
    issued = CliRunner().invoke(main, ["firm-token", "申衡律师事务所", "--expires-days", "7"])
    assert issued.exit_code == 0, issued.output
    secret = issued.stdout.strip()
    row = session.execute(select(FirmToken)).scalar_one()
    assert secret.startswith(row.prefix) and row.expires_at is not None
    assert CliRunner().invoke(main, ["firm-token", "无此律所"]).exit_code != 0

"""The audit trail: append-only in the ORM and in PostgreSQL, readable by the auditor, never writable."""

from __future__ import annotations

import factories as f
import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from legalops.audit.models import AuditEntry
from legalops.auth.services import set_active


def _an_entry(session) -> AuditEntry:
    counsel = f.user(session)
    f.case(session, counsel)
    session.flush()
    return session.execute(select(AuditEntry).order_by(AuditEntry.id.desc())).scalars().first()


def test_orm_refuses_to_update_an_entry(any_session):
    entry = _an_entry(any_session)
    entry.summary = "rewritten"
    with pytest.raises(RuntimeError, match="append-only"):
        any_session.flush()


def test_orm_refuses_to_delete_an_entry(any_session):
    entry = _an_entry(any_session)
    any_session.delete(entry)
    with pytest.raises(RuntimeError, match="append-only"):
        any_session.flush()


@pytest.mark.parametrize("statement", [
    update(AuditEntry).values(summary="rewritten"),
    delete(AuditEntry),
])
def test_orm_refuses_bulk_rewrites(any_session, statement):
    """Bulk statements skip the flush, so they need their own guard (SQLite has no trigger behind it)."""
    entry = _an_entry(any_session)
    with pytest.raises(RuntimeError, match="append-only"):
        any_session.execute(statement.where(AuditEntry.id == entry.id))
    any_session.expire_all()
    assert any_session.get(AuditEntry, entry.id).summary != "rewritten"


@pytest.mark.parametrize("sql", [
    "UPDATE audit_entry SET summary = 'rewritten' WHERE id = :id",
    "UPDATE audit_entry SET after = NULL, before = NULL WHERE id = :id",
    "DELETE FROM audit_entry WHERE id = :id",
])
def test_postgresql_trigger_refuses_raw_sql(session, connection, sql):
    entry = _an_entry(session)
    session.commit()
    savepoint = connection.begin_nested()
    with pytest.raises(DBAPIError, match="append-only"):
        connection.execute(text(sql), {"id": entry.id})
    savepoint.rollback()
    assert connection.execute(text("SELECT summary FROM audit_entry WHERE id = :id"), {"id": entry.id}
                              ).scalar_one() == entry.summary


def test_postgresql_still_accepts_new_entries(session, connection):
    before = connection.execute(text("SELECT count(*) FROM audit_entry")).scalar_one()
    _an_entry(session)
    session.commit()
    assert connection.execute(text("SELECT count(*) FROM audit_entry")).scalar_one() > before


def test_admin_changes_are_recorded_with_actor_and_values(session):
    admin, user = f.user(session, "admin"), f.user(session)
    set_active(session, user, False, admin)
    session.flush()
    entry = session.execute(select(AuditEntry).where(AuditEntry.object_type == "user", AuditEntry.object_id == user.id,
                                                     AuditEntry.action == "update")).scalar_one()
    assert (entry.actor_id, entry.actor_name) == (admin.id, admin.display_name)
    assert entry.before == {"active": True} and entry.after == {"active": False}


# --- the auditor ---------------------------------------------------------------------------


@pytest.fixture
def auditor_client(client, session):
    f.login(client, f.user(session, "auditor"))
    return client


def test_auditor_browses_and_filters_the_trail(auditor_client, session):
    counsel = f.user(session)
    case = f.case(session, counsel)
    session.flush()
    page = auditor_client.get("/audit/")
    assert page.status_code == 200
    assert counsel.display_name.encode() in page.data
    filtered = auditor_client.get(f"/audit/?case={case.id}&action=create&object_type=loan")
    assert filtered.status_code == 200
    assert b"HT-" in filtered.data
    assert auditor_client.get("/audit/?page=2").status_code == 200
    assert auditor_client.get(f"/cases/{case.id}").status_code == 200


def test_auditor_cannot_post_to_the_trail(auditor_client):
    assert auditor_client.post("/audit/").status_code == 405


def test_auditor_case_page_offers_no_change(auditor_client, session):
    case = f.case(session, f.user(session))
    page = auditor_client.get(f"/cases/{case.id}").data.decode()
    for action in ("/edit", "/stage", "/assign", "/delete", "/debtors/new", "/loans/new", "/collateral/new"):
        assert f"/cases/{case.id}{action}" not in page, action


def test_auditor_posts_change_nothing(auditor_client, session, connection):
    case = f.case(session, f.user(session), collateral=True)
    session.commit()
    count = connection.execute(text("SELECT count(*) FROM audit_entry")).scalar_one()
    for path, data in [
        (f"/cases/{case.id}/stage", {"to": "assessment"}),
        (f"/cases/{case.id}/edit", {"note": "x"}),
        (f"/cases/{case.id}/assign", {"firm_id": ""}),
        (f"/cases/{case.id}/loans/new", {"contract_number": "AUD-1", "principal": "1"}),
        ("/cases/new", {}),
        ("/admin/firms", {"name": "审计所"}),
    ]:
        assert auditor_client.post(path, data=data).status_code == 403, path
    assert connection.execute(text("SELECT count(*) FROM audit_entry")).scalar_one() == count
    session.refresh(case)
    assert case.stage == "intake" and case.version == 1


def test_law_firm_and_finance_cannot_read_the_trail(app, session):
    for role, firm in (("law_firm", f.firm(session)), ("finance", None)):
        client = app.test_client()
        f.login(client, f.user(session, role, firm=firm))
        assert client.get("/audit/").status_code == 403


def test_postgresql_trigger_refuses_truncate(session, connection):
    _an_entry(session)
    session.commit()
    savepoint = connection.begin_nested()
    try:
        with pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text("TRUNCATE audit_entry"))
    finally:
        savepoint.rollback()


def test_snapshot_values_keep_decimals_dates_and_times_exactly():
    import datetime as dt
    from decimal import Decimal

    from legalops.audit.services import jsonable

    assert jsonable(Decimal("0.10")) == "0.10"
    assert jsonable(dt.date(2026, 11, 23)) == "2026-11-23"
    assert jsonable(dt.time(9, 30)) == "09:30:00"


def test_stored_keys_in_values_and_summaries_come_back_as_labels():
    from legalops.audit.labels import Label, register_value_labels, summary_parts, value_label

    register_value_labels("source", {"court_enforcement": "Enforcement money from the court"}, "ledger_entry")
    assert value_label("ledger_entry", "source", "court_enforcement") == "Enforcement money from the court"
    assert isinstance(value_label("ledger_entry", "source", "court_enforcement"), Label)
    assert value_label("ledger_entry", "payer", "王伟") == "王伟"  # data stays data
    assert value_label("case", "active", False) == "No"
    assert summary_parts("ledger_entry", "court_enforcement 402560.00") == ["Enforcement money from the court",
                                                                          "402560.00"]
    assert summary_parts("auction_round", "round 1") == ["Round", "1"]


def test_case_timeline_leaves_out_computed_deadlines_but_keeps_what_people_did(session):
    import datetime as dt

    import factories as f

    from legalops.audit.queries import case_timeline
    from legalops.deadlines.services import mark_done, sync_deadline

    counsel = f.user(session, "counsel")
    case = f.case(session, counsel)
    deadline = sync_deadline(session, case_id=case.id, kind="hearing", due_on=dt.date(2026, 12, 7), title="开庭",
                             citation="《民事诉讼法》第一百三十九条", source="test", source_id="1")
    session.flush()
    assert [e for e in case_timeline(session, case.id) if e.object_type == "deadline"] == []
    mark_done(session, deadline, counsel)
    session.flush()
    kept = [e for e in case_timeline(session, case.id) if e.object_type == "deadline"]
    assert [(e.action, e.actor_id) for e in kept] == [("state", counsel.id)]
    assert any(e.object_type == "case" for e in case_timeline(session, case.id))

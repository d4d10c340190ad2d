"""Every filing action leaves a readable audit entry: generate, approve, file, supersede, stale-marking."""

import datetime as dt
from decimal import Decimal

import factories as f
from sqlalchemy import select

from legalops.audit.labels import ACTION_LABELS, OBJECT_LABELS, visible_changes
from legalops.audit.models import AuditEntry
from legalops.cases import services
from legalops.cases.schemas import LoanIn
from legalops.documents.models import Filing


def _entries(session, case_id):
    return session.execute(select(AuditEntry).where(AuditEntry.case_id == case_id, AuditEntry.object_type == "filing")
                           .order_by(AuditEntry.id)).scalars().all()


def test_filing_actions_are_audited_with_actor_and_labels(app, session):
    author, other = f.user(session, "counsel"), f.user(session, "counsel")
    case = f.case(session, author, debtors=2)
    session.commit()
    a, b = app.test_client(), app.test_client()
    f.login(a, author)
    f.login(b, other)
    a.post(f"/cases/{case.id}/filings/complaint")
    first = session.execute(select(Filing).where(Filing.case_id == case.id)).scalar_one()
    assert b.post(f"/cases/{case.id}/filings/{first.id}/approve").status_code == 302
    assert a.post(f"/cases/{case.id}/filings/{first.id}/filed",
                  data={"filed_on": dt.date.today().isoformat(), "court": "上海金融法院"}).status_code == 302
    a.post(f"/cases/{case.id}/filings/preservation_application")  # a draft to go stale, then be replaced
    services.add_loan(session, case, LoanIn(contract_number="HT-AUDIT-2", principal=Decimal("10"),
                                            outstanding_principal=Decimal("10")), author)
    session.commit()
    a.post(f"/cases/{case.id}/filings/preservation_application")  # marks v1 stale, then v2 supersedes it
    second = session.execute(select(Filing).where(Filing.case_id == case.id, Filing.version_number == 2)).scalar_one()
    assert b.post(f"/cases/{case.id}/filings/{second.id}/supersede").status_code == 302

    trail = [(e.action, e.object_id, e.actor_id) for e in _entries(session, case.id)]
    poa_v1 = session.execute(select(Filing.id).where(Filing.form_key == "preservation_application",
                                                     Filing.version_number == 1)).scalar_one()
    assert trail == [
        ("generate", first.id, author.id), ("approve", first.id, other.id), ("file", first.id, author.id),
        ("generate", poa_v1, author.id), ("mark_stale", poa_v1, author.id), ("generate", second.id, author.id),
        ("supersede", poa_v1, author.id), ("supersede", second.id, other.id),
    ]
    entries = _entries(session, case.id)
    assert all(e.action in ACTION_LABELS for e in entries) and "filing" in OBJECT_LABELS
    filed = entries[2]
    assert filed.summary == "民事起诉状 v1"
    assert ("Court filed with", None, "上海金融法院") in visible_changes(filed.before, filed.after)
    page = b.get(f"/audit/?case={case.id}").get_data(as_text=True)
    assert "Filing marked as filed" in page or "上海金融法院" in page

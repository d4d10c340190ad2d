"""The assessment memo as a filing: the same findings as the memo page, in Chinese, with the approver."""

import datetime as dt

import factories as f
from support.npl_case import CUTOFF, npl_case

from legalops.assessment.models import Assessment, AssessmentDecision, EvidenceItem
from legalops.cases.documents import build_form_context
from legalops.documents.registry import get_registry
from legalops.documents.render import get_renderer
from legalops.documents.textcheck import docx_text, normalise, pdf_text


def test_memo_from_a_decided_assessment(app, session):
    author, approver = f.user(session, "counsel"), f.user(session, "counsel")
    case = npl_case(session, author)
    assessment = Assessment(case_id=case.id, status="go", prepared_by_id=author.id, summary="建议起诉。")
    session.add(assessment)
    session.flush()
    session.add(EvidenceItem(assessment_id=assessment.id, case_id=case.id, kind="loan_contract", status="present"))
    session.add(AssessmentDecision(assessment_id=assessment.id, case_id=case.id, decision="go", route="ordinary",
                                   comments="同意起诉。", prepared_by_id=author.id, decided_by_id=approver.id,
                                   decided_at=dt.datetime(2025, 12, 30, 9, 0, tzinfo=dt.UTC)))
    session.flush()
    built = build_form_context(session, case, "assessment_memo", today=CUTOFF)
    assert built.ready, built.missing_text()
    ctx = built.context
    assert [c["name"] for c in ctx["claims"]] == ["张三", "李梅", "上海A&B<贸易>有限公司"]
    assert ctx["claims"][0]["role"] != "Borrower" and ctx["status"] == "已批准（起诉/处置）"
    assert all(c["citations"].startswith("《") for c in ctx["claims"])
    assert ctx["evidence"][0]["label"] and ctx["evidence_complete"] is False
    assert ctx["claim_amount"] == "1114691.37"  # outstanding principal + interest + penalty of both loans
    assert ctx["decisions"] == [{"decision": "同意推进", "decided_by": approver.display_name, "decided_on": "2025-12-30",
                                 "comments": "同意起诉。"}]
    files = get_renderer().render(get_registry().get("assessment_memo"), ctx, ("docx", "pdf"))
    text = normalise(docx_text(files["docx"]))
    assert text == normalise(pdf_text(files["pdf"]))
    assert f"审批人：{normalise(approver.display_name)}" in text and "壹佰壹拾壹万肆仟陆佰玖拾壹元叁角柒分" in text


def test_memo_needs_an_assessment(app, session):
    case = npl_case(session, f.user(session, "counsel"))
    built = build_form_context(session, case, "assessment_memo", today=CUTOFF)
    assert built.missing_text() == ["No assessment has been started for the case."]


def test_memo_page_links_to_the_filing(app, session):
    counsel = f.user(session, "counsel")
    case = npl_case(session, counsel)
    session.commit()
    client = app.test_client()
    f.login(client, counsel)
    page = client.get(f"/cases/{case.id}/assessment/memo").get_data(as_text=True)
    assert f"/cases/{case.id}/filings/assessment_memo/preview" in page

"""The evidence list: grouped, numbered 1…N, built from loans, security, demands, filings, checklist and uploads."""

import datetime as dt
from types import SimpleNamespace

import factories as f
import pytest
from pydantic import ValidationError
from support.npl_case import CUTOFF, npl_case
from support.uploads import pdf_bytes

from legalops.assessment import evidence_list
from legalops.assessment.models import Assessment, EvidenceItem
from legalops.casefiles.services import upload_case_document
from legalops.cases.demand_models import DemandDelivery
from legalops.cases.documents import build_form_context
from legalops.cases.queries import list_debtors
from legalops.documents import services as filing_services
from legalops.documents.evidence_list_context import EvidenceListContext
from legalops.documents.models import FilingStatus
from legalops.documents.registry import get_registry
from legalops.documents.render import get_renderer
from legalops.documents.textcheck import docx_text, normalise, pdf_text


@pytest.fixture
def world(app, session):
    counsel = f.user(session, "counsel")
    return counsel, npl_case(session, counsel)


def _table(built):
    return [(g["title"], [(r["number"], r["name"]) for r in g["rows"]]) for g in built.context["groups"]]


def test_default_rows_are_grouped_and_numbered_in_order(session, world):
    _, case = world
    built = build_form_context(session, case, "evidence_list", today=CUTOFF)
    assert built.ready, built.missing_text()
    assert _table(built) == [
        ("一、合同类证据", [(1, "借款合同（编号HT-2023-0001）"), (2, "借款合同（编号HT-2023-0002）")]),
        ("二、借款发放类证据", [(3, "借款借据及放款凭证（合同编号HT-2023-0001）"),
                          (4, "借款借据及放款凭证（合同编号HT-2023-0002）")]),
        ("三、保证担保类证据", [(5, "保证合同（保证人：李梅）")]),
        ("四、担保物权类证据", [(6, "抵押（质押）合同及担保物权登记证明（浦东新区某路1号101室）")]),
        ("五、违约及欠款类证据", [(7, "还款记录及欠款明细（合同编号HT-2023-0001）"),
                           (8, "还款记录及欠款明细（合同编号HT-2023-0002）")]),
    ]
    rows = {r["number"]: r for g in built.context["groups"] for r in g["rows"]}
    assert rows[5]["proves"] == "李梅为上述借款提供连带责任保证，最高额¥1,500,000.00"
    assert "上海A&B<贸易>有限公司以浦东新区某路1号101室提供担保" in rows[6]["proves"]
    assert rows[3]["proves"] == "原告已于2024年11月5日向借款人发放借款¥1,000,000.00"


def test_checklist_filings_demands_and_uploads_shape_the_list(session, world, monkeypatch):
    counsel, case = world
    assessment = Assessment(case_id=case.id)
    session.add(assessment)
    session.flush()
    session.add(EvidenceItem(assessment_id=assessment.id, case_id=case.id, kind="disbursement_proof", status="missing"))
    borrower = next(p for link, p in list_debtors(session, case) if link.role == "borrower")
    session.add(DemandDelivery(case_id=case.id, party_id=borrower.id, delivered_on=dt.date(2025, 8, 1), method="ems",
                               tracking_number="EA123456789CN"))
    statement = build_form_context(session, case, "claim_statement", today=CUTOFF)
    filing, _ = filing_services.create_filing(session, case_id=case.id, spec=get_registry().get("claim_statement"),
                                              context=statement.context, formats=("pdf",), author_id=counsel.id)
    filing.status = FilingStatus.approved
    uploads = [SimpleNamespace(kind="evidence", title="银行流水（2025年1月至6月）", note="借款人账户无还款", pages=12),
               SimpleNamespace(kind="judgment", title="（2024）沪0115民初1号民事判决书")]
    monkeypatch.setattr(evidence_list, "UPLOADED_DOCUMENTS", [lambda s, case_id: uploads])
    session.flush()
    built = build_form_context(session, case, "evidence_list", today=CUTOFF)
    titles = [title for title, _ in _table(built)]
    assert titles == ["一、合同类证据", "二、保证担保类证据", "三、担保物权类证据", "四、违约及欠款类证据", "五、催收及送达类证据"]
    default_rows = _table(built)[3][1]
    assert default_rows == [(5, "还款记录及欠款明细（合同编号HT-2023-0001）"), (6, "还款记录及欠款明细（合同编号HT-2023-0002）"),
                            (7, "债权计算明细表（第1版）"), (8, "银行流水（2025年1月至6月）")]
    assert _table(built)[4][1] == [(9, "催收函及送达凭证（EMS邮寄EA123456789CN）")]
    last = built.context["groups"][3]["rows"][-1]
    assert (last["proves"], last["pages"]) == ("借款人账户无还款", "共12页")


def test_uploaded_evidence_documents_become_numbered_rows(app, session, world):
    counsel, case = world
    firm_user = f.user(session, "law_firm", firm=f.firm(session))

    def upload(data, kind, title, actor=counsel):
        return upload_case_document(session, case, data=data, filename="scan.pdf", kind=kind, title=title, actor=actor,
                                    storage_dir=app.config["STORAGE_DIR"], max_bytes=1024 * 1024)

    upload(pdf_bytes("statement"), "evidence", "银行流水（2025年1月至6月）", firm_user)
    upload(pdf_bytes("judgment"), "judgment", "（2024）沪0115民初1号民事判决书")
    upload(pdf_bytes("chat"), "evidence", "微信聊天记录截图")
    upload(pdf_bytes("chat"), "evidence", "微信聊天记录截图（重复上传）")  # the same bytes: listed once
    built = build_form_context(session, case, "evidence_list", today=CUTOFF)
    assert built.ready, built.missing_text()
    table = _table(built)
    assert table[4] == ("五、违约及欠款类证据", [(7, "还款记录及欠款明细（合同编号HT-2023-0001）"),
                                        (8, "还款记录及欠款明细（合同编号HT-2023-0002）"),
                                        (9, "银行流水（2025年1月至6月）")])
    assert table[5] == ("六、其他证据", [(10, "微信聊天记录截图")])
    assert "民事判决书" not in str(table)
    uploaded = built.context["groups"][4]["rows"][-1]
    assert (uploaded["source"], uploaded["proves"], uploaded["pages"]) == ("原告提供", "证明本案相关事实", "复印件")


def test_numbering_must_run_in_order():
    sample = get_registry().get("evidence_list").sample_path.read_text(encoding="utf-8")
    context = EvidenceListContext.model_validate_json(sample)
    data = context.model_dump(mode="json")
    data["groups"][1]["rows"][0]["number"] = 99
    with pytest.raises(ValidationError, match="numbered 1, 2, 3"):
        EvidenceListContext.model_validate(data)


def test_case_without_loan_or_court_gets_missing_list(session, app):
    case = f.case(session, f.user(session, "counsel"), loan=False)
    case.court_name = " "
    built = build_form_context(session, case, "evidence_list", today=CUTOFF)
    assert built.context is None
    assert built.missing_text() == ["No court is chosen for the case.", "The case has no loan."]


def test_evidence_list_renders_the_same_in_docx_and_pdf(session, world):
    _, case = world
    built = build_form_context(session, case, "evidence_list", today=CUTOFF)
    renderer = get_renderer()
    files = renderer.render(get_registry().get("evidence_list"), built.context, ("docx", "pdf"))
    text = normalise(docx_text(files["docx"]))
    assert text == normalise(pdf_text(files["pdf"]))
    assert "序号证据名称证据来源证明内容页数/份数一、合同类证据1借款合同（编号HT-2023-0001）原告提供" in text
    assert "以上证据共8项" in text and "此致上海市浦东新区人民法院" in text

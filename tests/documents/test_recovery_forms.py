"""Demand letter, element-style complaint, payment order and security realisation built from a real case."""

import datetime as dt
import io
import re
import subprocess
import tempfile
from decimal import Decimal

import factories as f
import pytest
from docx import Document
from docx.oxml.ns import qn
from sqlmodel import select

from legalops.assessment.models import Assessment
from legalops.cases import queries, services
from legalops.cases.documents import build_form_context
from legalops.cases.filing_cli import generate_to_folder
from legalops.cases.schemas import DebtorIn
from legalops.documents.registry import get_registry
from legalops.documents.render import get_renderer
from legalops.documents.textcheck import docx_text, first_difference, normalise, pdf_text

NEW_FORMS = ("demand_letter", "complaint_elements", "payment_order", "security_realisation")
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def case(app, session):
    """A case of a firm with a borrower, two joint guarantors, a mortgagor owning the collateral, an uncontested debt."""
    counsel = f.user(session, "counsel")
    firm = f.firm(session, "上海明理律师事务所")
    c = f.case(session, counsel, debtors=3, collateral=True, firm_id=firm.id, contract="HT-RECOVERY-1")
    link = services.add_debtor(session, c, f.person("抵押人王某"), DebtorIn(role="mortgagor"), counsel)
    (item,) = queries.list_collateral(session, c)
    item.owner_id, item.certificate_number = link.party_id, "沪(2023)浦字不动产权第000123号"
    (loan,) = queries.list_loans(session, c)
    loan.signed_on, loan.disbursed_on, loan.maturity_date = dt.date(2024, 1, 15), dt.date(2024, 1, 16), dt.date(2025, 1, 15)
    loan.cutoff_date, loan.outstanding_interest = dt.date(2026, 10, 31), Decimal("45678.90")
    session.add(Assessment(case_id=c.id, debt_uncontested=True))
    c.agent_name, c.agent_phone = "王五", "13900000000"
    session.commit()
    return c


def _text(key, context, fmt="docx"):
    renderer = get_renderer()
    spec = renderer.registry.get(key)
    data = renderer.render(spec, context, (fmt,))[fmt]
    return normalise(docx_text(data) if fmt == "docx" else pdf_text(data))


def test_new_forms_are_registered_with_samples():
    keys = {spec.key for spec in get_registry().all()}
    assert set(NEW_FORMS) <= keys
    for key in NEW_FORMS:
        spec = get_registry().get(key)
        assert spec.sample_path.is_file() and spec.docx_path.is_file() and spec.rules


@pytest.mark.parametrize("key", NEW_FORMS)
def test_each_form_renders_from_a_three_defendant_case_with_docx_and_pdf_agreeing(session, case, key):
    built = build_form_context(session, case, key, today=TODAY)
    assert built.ready, built.missing_text()
    files = get_renderer().render(get_registry().get(key), built.context, ("docx", "pdf"))
    words_docx, words_pdf = normalise(docx_text(files["docx"])), normalise(pdf_text(files["pdf"]))
    assert words_docx == words_pdf, first_difference(words_docx, words_pdf)
    assert "2026年11月23日" in words_pdf and "华信资产管理股份有限公司" in words_pdf


def test_demand_letter_has_one_page_broken_letter_per_addressee_with_its_liability(session, case):
    context = build_form_context(session, case, "demand_letter", today=TODAY).context
    names = [r["name"] for r in context["respondents"]]
    assert names == ["债务人0", "债务人1", "债务人2", "抵押人王某"]
    text = _text("demand_letter", context)
    assert text.count("律师函") == 4 and text.count("特此函告") == 4
    for index, name in enumerate(names, start=1):
        assert f"编号：{case.reference}-{index}{name}：" in text
    assert text.count("贵方作为借款人") == 1 and text.count("应当与债务人承担连带清偿责任") == 2
    assert "贵方以浦东新区某路1号101室为上述债务提供担保" in text
    assert "合计¥845,679.00（大写：人民币捌拾肆万伍仟陆佰柒拾玖元整）" in text
    assert "第一百九十五条" in text and "律师：王五，联系电话13900000000" in text
    document = Document(io.BytesIO(get_renderer().render_docx(get_registry().get("demand_letter"), context)))
    breaks = [p for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert len(breaks) == 3


def test_demand_letter_needs_no_court_but_an_address(session, case):
    case.court_name = ""
    assert build_form_context(session, case, "demand_letter", today=TODAY).ready
    borrower = queries.list_debtors(session, case)[0][1]
    borrower.address = ""
    built = build_form_context(session, case, "demand_letter", today=TODAY)
    assert not built.ready and f"{borrower.name} has no address (住所地)." in built.missing_text()


SECTIONS = ["当事人信息", "诉讼请求", "约定管辖和诉前保全", "事实与理由", "对纠纷解决方式的意愿"]


def _element_rows(context) -> dict[str, str]:
    """The element-style complaint's Word table as {left-column element: right-column content}, normalised."""
    data = get_renderer().render_docx(get_registry().get("complaint_elements"), context)
    (table,) = Document(io.BytesIO(data)).tables
    rows = {}
    for row in table.rows:
        cells = list(dict.fromkeys(cell._tc for cell in row.cells))  # a merged cell repeats per grid column
        if len(cells) == 2:
            rows[normalise(row.cells[0].text)] = normalise(row.cells[-1].text)
    return rows


def test_element_complaint_ticks_every_element(session, case):
    context = build_form_context(session, case, "complaint_elements", today=TODAY).context
    rows = _element_rows(context)
    agent = rows["委托诉讼代理人"]
    assert agent.startswith("☑有姓名：王五") and agent.endswith("☐无") and "代理权限：☐一般授权☑特别授权" in agent
    assert rows["3.是否要求提前还款或解除合同"] == "☐是（☐提前还款（加速到期）☐解除合同）☑否"
    assert rows["4.是否主张担保权利"].startswith("☑是") and rows["4.是否主张担保权利"].endswith("☐否")
    assert "是否到期：☑是☐否" in rows["4.借款期限"] and rows["15.保证方式"] == "☐一般保证☑连带责任保证"
    assert rows["13.是否办理抵押、质押登记"] == "☑是（☑正式登记☐预告登记）☐否"
    assert "原告对被告抵押人王某抵押的浦东新区某路1号101室" in rows["4.是否主张担保权利"]
    assert rows["8.标的总额"].startswith("¥845,679.00")
    assert rows["被告4（自然人）"].startswith("姓名：抵押人王某")
    assert [key for key in rows if key.startswith("被告")] == [f"被告{n}（自然人）" for n in range(1, 5)]
    assert rows["是否考虑先行调解"] == "☐是☐否☑暂不确定，想要了解更多内容"
    text = _text("complaint_elements", context)
    assert text.count("被告") >= 4
    pdf = _text("complaint_elements", context, "pdf")
    assert "☑" in pdf and "☐" in pdf


def test_element_complaint_claims_acceleration_before_maturity(session, case):
    (loan,) = queries.list_loans(session, case)
    loan.maturity_date = dt.date(2027, 1, 15)
    rows = _element_rows(build_form_context(session, case, "complaint_elements", today=TODAY).context)
    assert rows["3.是否要求提前还款或解除合同"] == "☑是（☑提前还款（加速到期）☐解除合同）☐否"
    assert "是否到期：☐是☑否" in rows["4.借款期限"]


def test_element_complaint_is_one_table_that_keeps_section_rows_with_the_next(session, case):
    """The official layout: element | content in 40 + 116 mm columns (the 156 mm text width), section rows across
    both; no row splits over two pages and no page ends with a section row, in Word and in the PDF."""
    context = build_form_context(session, case, "complaint_elements", today=TODAY).context
    spec = get_registry().get("complaint_elements")
    files = get_renderer().render(spec, context, ("docx", "pdf"))
    (table,) = Document(io.BytesIO(files["docx"])).tables
    assert [round(column.width.mm) for column in table.columns] == [40, 116]
    sections = [row for row in table.rows if len({id(c._tc) for c in row.cells}) == 1
                and normalise(row.cells[0].text) in SECTIONS]
    assert [normalise(row.cells[0].text) for row in sections] == SECTIONS
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert all(row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in sections)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(files["pdf"])
        pdf.flush()
        raw = subprocess.run(["pdftotext", "-raw", pdf.name, "-"], capture_output=True, check=True).stdout.decode()
    pages = [[line for line in page.splitlines() if line.strip() and not re.match(r"^—\s*\d+\s*—$", line.strip())]
             for page in raw.split("\f")]
    pages = [page for page in pages if page]
    assert len(pages) >= 5
    assert all(normalise(page[-1]) not in SECTIONS for page in pages), [page[-1] for page in pages]
    assert [normalise(line) for page in pages for line in page if normalise(line) in SECTIONS] == SECTIONS


def test_payment_order_names_only_the_borrower_and_cites_its_fee(session, case):
    context = build_form_context(session, case, "payment_order", today=TODAY).context
    assert [r["name"] for r in context["respondents"]] == ["债务人0"]
    assert context["guarantors_not_bound"] == ["债务人1", "债务人2", "抵押人王某"]
    # Claim 845,679.00: acceptance fee 0.01 × 845,679 + 3,800 = 12,256.79, a third is 4,085.596… → 4,085.60.
    assert Decimal(context["fee"]["amount"]) == Decimal("4085.60")
    text = _text("payment_order", context)
    assert "本案申请费¥4,085.60由被申请人负担" in text
    assert "计¥4,085.60（大写：人民币肆仟零捌拾伍元陆角整）" in text
    assert "《诉讼费用交纳办法》第十四条第（三）项" in text and "第四百三十四条" in text
    assert "被申请人：债务人1" not in text


def test_summary_routes_list_what_rules_them_out(session, case):
    assessment = session.exec(select(Assessment).where(Assessment.case_id == case.id)).one()
    assessment.debt_uncontested, assessment.debtor_reachable = False, False
    missing = build_form_context(session, case, "payment_order", today=TODAY).missing_text()
    assert any("uncontested" in m for m in missing) and any("cannot be served" in m for m in missing)
    (item,) = queries.list_collateral(session, case)
    item.certificate_number = ""
    missing = build_form_context(session, case, "security_realisation", today=TODAY).missing_text()
    assert any("uncontested" in m for m in missing)
    assert "The collateral 浦东新区某路1号101室 has no registration certificate number." in missing
    case.court_name = ""
    missing = build_form_context(session, case, "complaint_elements", today=TODAY).missing_text()
    assert missing == ["No court is chosen for the case."]


def test_security_realisation_per_collateral_item_with_the_configured_fee(session, case):
    context = build_form_context(session, case, "security_realisation", today=TODAY).context
    assert [r["name"] for r in context["respondents"]] == ["抵押人王某"]
    (item,) = context["items"]
    assert (item["owner"], item["kind"], item["rank"]) == ("抵押人王某", "mortgage", 1)
    # Half the acceptance fee on 845,679.00 (the secured claim, below the registered 1,200,000): 12,256.79 / 2.
    assert Decimal(context["fee"]["amount"]) == Decimal("6128.40")
    text = _text("security_realisation", context)
    assert "裁定准许拍卖、变卖被申请人抵押人王某抵押的浦东新区某路1号101室（权证号：沪(2023)浦字不动产权第000123号" in text
    assert "第二百零四条" in text and "以受理法院核定为准" in text


def test_complaint_says_the_debt_was_assigned_and_names_the_lawyer(session, case):
    text = _text("complaint", build_form_context(session, case, "complaint", today=TODAY).context)
    assert "债权转让" not in text and "委托诉讼代理人：王五，上海明理律师事务所，律师，联系电话13900000000。" in text
    case.acquired_by_assignment, case.assignor = True, "中国某银行股份有限公司上海分行"
    case.assignment_date, case.assignment_notice_date = dt.date(2025, 6, 30), dt.date(2025, 7, 15)
    text = _text("complaint", build_form_context(session, case, "complaint", today=TODAY).context)
    assert ("2025年6月30日，中国某银行股份有限公司上海分行将其对各被告享有的上述借款合同项下的全部债权及从权利依法转让给原告，"
            "并已于2025年7月15日将债权转让事实通知各被告") in text
    assert "2024年1月15日，中国某银行股份有限公司上海分行与被告债务人0签订" in text
    attorney = _text("power_of_attorney", build_form_context(session, case, "power_of_attorney", today=TODAY).context)
    assert "王五" in attorney


def test_portfolio_seller_counts_as_the_assignor(session, case):
    from legalops.cases.models import Portfolio

    portfolio = Portfolio(name="2025年第一批不良资产包", seller="某农村商业银行", acquired_on=dt.date(2025, 3, 1))
    session.add(portfolio)
    session.flush()
    case.portfolio_id = portfolio.id
    context = build_form_context(session, case, "complaint", today=TODAY).context
    assert context["assignment"] == {"assignor": "某农村商业银行", "assigned_on": "2025-03-01", "notice_on": None}


def test_generate_command_writes_the_new_forms(session, case, tmp_path):
    lines = generate_to_folder(session, "demand_letter", [case.reference], False, ("docx",), tmp_path)
    assert lines == [f"{case.reference}: {case.reference}-demand_letter.docx"]
    case.court_name = ""
    lines = generate_to_folder(session, "payment_order", [case.reference], False, ("docx",), tmp_path)
    assert lines == [f"{case.reference}: missing: No court is chosen for the case."]


def test_filing_page_offers_the_new_forms(app, session, case):
    client = app.test_client()
    f.login(client, f.user(session, "counsel"))
    page = client.get(f"/cases/{case.id}/filings").get_data(as_text=True)
    for title in ("律师函", "民事起诉状（金融借款合同纠纷）", "支付令申请书", "实现担保物权申请书"):
        assert title in page
    assert client.post(f"/cases/{case.id}/filings/demand_letter").status_code == 302

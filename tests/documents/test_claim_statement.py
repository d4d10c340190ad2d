"""The claim calculation statement: exact figures by period across an LPR change, missing data, day count, hook."""

import datetime as dt
from decimal import Decimal

import factories as f
import pytest
from sqlmodel import select
from support.npl_case import CUTOFF, npl_case

from legalops.assessment import statement
from legalops.assessment.calculators import Settings
from legalops.cases.documents import build_form_context
from legalops.cases.models import Loan
from legalops.documents.registry import get_registry
from legalops.documents.render import get_renderer
from legalops.documents.textcheck import docx_text, normalise, pdf_text

D = Decimal


def _exact(base, percent, days, basis=365):
    return (D(base) * D(percent) / 100 * days / basis).quantize(D("0.01"))


@pytest.fixture
def built(app, session):
    counsel = f.user(session, "counsel")
    case = npl_case(session, counsel)
    return build_form_context(session, case, "claim_statement", today=CUTOFF)


def test_floating_loan_is_split_at_the_lpr_change_with_hand_computed_figures(built):
    assert built.ready, built.missing_text()
    floating, fixed = built.context["loans"]
    rows = [(p["kind"], p["first_day"], p["last_day"], p["days"], p["base"], p["annual_rate"], p["lpr"], p["amount"])
            for p in floating["periods"]]
    # 1Y LPR 3.10% from 2024-10-21, 3.00% from 2025-05-20; contract = LPR + 1.5%, penalty = contract × 1.5.
    assert rows == [
        ("contract_interest", "2025-03-01", "2025-03-31", 31, "800000.10", "4.600000", "3.10", "3125.48"),
        ("penalty_interest", "2025-04-01", "2025-05-19", 49, "800000.10", "6.900000", "3.10", "7410.41"),
        ("penalty_interest", "2025-05-20", "2025-12-31", 226, "800000.10", "6.750000", "3.00", "33435.62"),
        ("compound_interest", "2025-03-01", "2025-05-19", 80, "12345.67", "6.900000", "3.10", "186.71"),
        ("compound_interest", "2025-05-20", "2025-12-31", 226, "12345.67", "6.750000", "3.00", "515.98"),
        ("compound_interest", "2025-04-01", "2025-05-19", 49, "3125.48", "6.900000", "3.10", "28.95"),
        ("compound_interest", "2025-05-20", "2025-12-31", 226, "3125.48", "6.750000", "3.00", "130.63"),
    ]
    assert str(_exact("800000.10", "4.6", 31)) == "3125.48" and str(_exact("800000.10", "6.75", 226)) == "33435.62"
    assert str(_exact("12345.67", "6.9", 80)) == "186.71" and str(_exact("3125.48", "6.75", 226)) == "130.63"
    assert (floating["contract_interest"], floating["penalty_interest"], floating["compound_interest"]) == (
        "3125.48", "40846.03", "862.27")
    assert floating["rate_text"] == "一年期LPR+1.5%（浮动）" and floating["penalty_text"] == "一年期LPR×1.5+2.25%（浮动）"
    assert floating["total"] == str(D("800000.10") + D("12345.67") + D("2345.60") + D("3125.48") + D("40846.03")
                                    + D("862.27"))


def test_fixed_loan_and_totals(built):
    fixed = built.context["loans"][1]
    assert [(p["kind"], p["first_day"], p["last_day"], p["days"], p["lpr"], p["amount"]) for p in fixed["periods"]] == [
        ("contract_interest", "2025-07-01", "2025-09-30", 92, None, str(_exact("300000", "4.35", 92))),
        ("penalty_interest", "2025-10-01", "2025-12-31", 92, None, str(_exact("300000", "6.525", 92))),
        ("compound_interest", "2025-10-01", "2025-12-31", 92, None, str(_exact("3289.32", "6.525", 92))),
    ]
    assert fixed["periods"][0]["amount"] == "3289.32"
    totals = built.context["totals"]
    assert totals == {"principal": "1100000.10", "recorded_interest": "12345.67", "recorded_penalty": "2345.60",
                      "contract_interest": "6414.80", "penalty_interest": "45780.00", "compound_interest": "916.37",
                      "delayed_performance": "0.00", "total": "1167802.54"}
    assert built.context["cutoff_date"] == "2025-12-31"
    articles = {(c["instrument"], c["article"]) for c in built.context["citations"]}
    assert ("中华人民共和国民法典", "第六百七十四条") in articles
    assert any("LPR" in instrument for instrument, _ in articles)
    assert any("银发〔2003〕251号" == c["version"] for c in built.context["citations"])


def test_document_says_the_figures_in_docx_and_pdf(built):
    renderer = get_renderer()
    spec = renderer.registry.get("claim_statement")
    files = renderer.render(spec, built.context, ("docx", "pdf"))
    text = normalise(docx_text(files["docx"]))
    assert text == normalise(pdf_text(files["pdf"]))
    for expected in ("2025年5月20日至2025年12月31日226¥800,000.106.75%3%¥33,435.62", "计算截止日：2025年12月31日",
                     "年计息天数按365天计，计息期间起止日均计入", "壹佰壹拾陆万柒仟捌佰零贰元伍角肆分",
                     "被告（被申请人）：张三、李梅、上海A&amp;B<贸易>有限公司".replace("&amp;", "&")):
        assert expected in text, expected


def test_day_count_setting_changes_days_and_is_printed(app, session):
    case = npl_case(session, f.user(session, "counsel"))
    built = statement.build_claim_statement(session, case, CUTOFF,
                                            settings=Settings(day_basis=360, interest_inclusive=False))
    first = built.context["loans"][0]["periods"][0]
    # 算头不算尾 from the balance date: 2025-02-28 counted, 2025-03-31 not: still 31 days, on 360.
    assert (first["first_day"], first["last_day"], first["days"], first["amount"]) == (
        "2025-02-28", "2025-03-30", 31, str(_exact("800000.10", "4.6", 31, 360)))
    assert built.context["day_count"] == {"basis": 360, "inclusive": False,
                                          "rounding": "各期间金额四舍五入至分，合计为各期间金额之和"}
    html = get_renderer().render_html(get_registry().get("claim_statement"), built.context)
    assert "年计息天数按360天计，计息期间算头不算尾" in html


def test_missing_data_is_listed_not_rendered(app, session):
    counsel = f.user(session, "counsel")
    case = npl_case(session, counsel)
    case.court_name = ""
    loan = session.exec(select(Loan).where(Loan.contract_number == "HT-2023-0002")).one()
    loan.cutoff_date, loan.penalty_rate = None, None
    floating = session.exec(select(Loan).where(Loan.contract_number == "HT-2023-0001")).one()
    floating.penalty_rate = D("7")  # not a fixed multiple of 4.6 to four places
    session.flush()
    built = build_form_context(session, case, "claim_statement", today=CUTOFF)
    assert not built.ready and built.context is None
    assert built.missing_text() == [
        "No court is chosen for the case.",
        "Loan HT-2023-0001 floats with the LPR but its penalty or compound rate is not a fixed multiple of its "
        "contract rate.",
        "Loan HT-2023-0002 has no balance date (基准日).",
        "Loan HT-2023-0002 has no penalty rate.",
    ]


def test_case_without_loans_is_told_so(app, session):
    case = f.case(session, f.user(session, "counsel"), loan=False)
    built = build_form_context(session, case, "claim_statement", today=CUTOFF)
    assert built.missing_text() == ["The case has no loan."]


def test_delayed_performance_hook_adds_a_section(app, session, monkeypatch):
    case = npl_case(session, f.user(session, "counsel"))
    period = {"first_day": dt.date(2025, 11, 1), "last_day": dt.date(2025, 12, 31), "days": 61,
              "base": D("800000.10"), "daily_rate": D("0.000175"), "amount": D("8540.00"), "note": "判决确定"}
    monkeypatch.setattr(statement, "DELAYED_PERFORMANCE", [lambda session, case, cutoff, settings: [period]])
    built = build_form_context(session, case, "claim_statement", today=CUTOFF)
    assert built.context["totals"]["delayed_performance"] == "8540.00"
    assert built.context["totals"]["total"] == str(D("1167802.54") + D("8540.00"))
    assert {"instrument": "中华人民共和国民事诉讼法", "version": "2023修正 2024-01-01施行",
            "article": "第二百六十四条"} in built.context["citations"]
    spec = get_registry().get("claim_statement")
    text = normalise(docx_text(get_renderer().render_docx(spec, built.context)))
    assert "迟延履行期间的加倍部分债务利息" in text and "0.0175%" in text and "¥8,540.00" in text

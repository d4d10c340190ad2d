"""The case register through the real UI: counsel opens and fills a case; another firm cannot see it until assigned."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from legalops.core.identifiers import make_resident_id, make_uscc

pytestmark = pytest.mark.browser

PERSON_NAME = "张伟明"
PERSON_ID = make_resident_id("110101", dt.date(1985, 3, 7), 123)
COMPANY_NAME = "上海恒远贸易有限公司"
COMPANY_CODE = make_uscc("1310000MA1K3Q8R7")
CONTRACT = "JK-2024-0815-A"


def _submit(page) -> None:
    """Click the form's save button and wait for the next page."""
    with page.expect_navigation():
        page.click("[data-testid=form-submit]")


def _rows(page, table: str) -> list[str]:
    return page.locator(f"[data-testid={table}] tbody tr[data-testid]").all_inner_texts()


def _search(page, base: str, term: str) -> list[str]:
    """Search the case list through its form and return the references listed."""
    page.goto(f"{base}/cases/")
    page.fill("#q", term)
    with page.expect_navigation():
        page.click("[data-testid=search-submit]")
    return page.locator("[data-testid=case-link]").all_inner_texts()


def _open_case(page, base: str) -> tuple[int, str]:
    """Create a case through the new-case form; return its id and reference."""
    page.goto(f"{base}/cases/")
    page.click("[data-testid=new-case]")
    page.wait_for_selector("[data-testid=case-form]")
    page.fill("#f-creditor_name", "华信资产管理股份有限公司")
    page.fill("#f-creditor_id_number", make_uscc("1310000MA1A2B3C4"))
    page.fill("#f-creditor_address", "上海市黄浦区中山东一路1号")
    page.fill("#f-creditor_legal_rep", "李四")
    page.fill("#f-court_name", "上海市浦东新区人民法院")
    _submit(page)
    match = re.search(r"/cases/(\d+)$", page.url)
    assert match, page.url
    return int(match.group(1)), page.inner_text("[data-testid=case-reference]")


def _add_debtors_loan_and_collateral(page) -> None:
    page.click("[data-testid=add-debtor]")
    page.select_option("#f-role", "borrower")
    page.select_option("#f-kind", "person")
    page.fill("#f-name", PERSON_NAME)
    page.select_option("#f-id_type", "resident_id")
    page.fill("#f-id_number", PERSON_ID)
    page.fill("#f-address", "北京市东城区东华门街道1号")
    _submit(page)

    page.click("[data-testid=add-debtor]")
    page.select_option("#f-role", "joint_guarantor")
    page.select_option("#f-kind", "organisation")
    page.fill("#f-name", COMPANY_NAME)
    page.select_option("#f-id_type", "uscc")
    page.fill("#f-id_number", COMPANY_CODE)
    page.fill("#f-legal_rep", "王强")
    page.fill("#f-guarantee_limit", "500000")
    _submit(page)

    page.click("[data-testid=add-loan]")
    page.fill("#f-contract_number", CONTRACT)
    page.fill("#f-principal", "1000000")
    page.fill("#f-contract_rate", "4.35")
    page.fill("#f-disbursed_on", "2024-08-15")
    page.fill("#f-maturity_date", "2025-08-14")
    page.fill("#f-outstanding_principal", "812345.67")
    page.select_option("#f-repayment_method", "equal_instalments")
    _submit(page)

    page.click("[data-testid=add-collateral]")
    page.select_option("#f-kind", "real_estate")
    page.fill("#f-description", "朝阳区建国路88号3幢1201室")
    page.fill("#f-certificate_number", "京(2021)朝阳区不动产权第0012345号")
    page.fill("#f-registered_amount", "1500000")
    page.select_option("#f-owner_id", label=PERSON_NAME)
    _submit(page)


def test_counsel_registers_a_case_and_only_the_assigned_firm_sees_it(live_server, new_page):
    """Counsel creates and fills a case, finds it by search; another firm's user gets 404 until it is assigned."""
    counsel = live_server.create_user("counsel")
    firm = live_server.create_firm("北京市金杜律师事务所（测试）")
    rival = live_server.create_firm("上海市方达律师事务所（测试）")
    firm_user = live_server.create_user("law_firm", firm=firm)
    rival_user = live_server.create_user("law_firm", firm=rival)
    other = live_server.create_case(counsel, debtors=1, contract="HT-OTHER-1")
    base = live_server.url

    page = new_page("en-US")
    live_server.sign_in(page, counsel)
    case_id, reference = _open_case(page, base)
    assert page.inner_text("[data-testid=case-firm]") == "Not assigned"
    _add_debtors_loan_and_collateral(page)

    page.goto(f"{base}/cases/{case_id}")
    debtors = _rows(page, "debtors")
    assert len(debtors) == 2
    assert PERSON_NAME in debtors[0] and PERSON_ID in debtors[0]
    assert COMPANY_NAME in debtors[1] and COMPANY_CODE in debtors[1]
    loans = _rows(page, "loans")
    assert len(loans) == 1 and CONTRACT in loans[0] and "¥812,345.67" in loans[0] and "4.35%" in loans[0]
    collateral = _rows(page, "collateral")
    assert len(collateral) == 1 and "朝阳区建国路88号3幢1201室" in collateral[0] and "¥1,500,000.00" in collateral[0]

    assert _search(page, base, PERSON_NAME) == [reference]
    assert _search(page, base, CONTRACT) == [reference]
    assert _search(page, base, "HT-OTHER-1") == [other.reference]
    assert _search(page, base, CONTRACT) == [reference]
    with page.expect_navigation():
        page.click(f"[data-testid=case-link]:text-is('{reference}')")
    assert page.url == f"{base}/cases/{case_id}"
    assert page.inner_text("[data-testid=case-reference]") == reference

    outsider = new_page("en-US")
    live_server.sign_in(outsider, firm_user)
    response = outsider.goto(f"{base}/cases/{case_id}")
    assert response.status == 404
    assert outsider.locator("[data-testid=error-404]").is_visible()
    assert reference not in outsider.content()
    outsider.goto(f"{base}/cases/")
    assert outsider.locator("[data-testid=case-link]").count() == 0
    assert _search(outsider, base, PERSON_NAME) == []
    assert outsider.locator("[data-testid=no-case]").is_visible()
    assert _search(outsider, base, CONTRACT) == []

    page.goto(f"{base}/cases/{case_id}")
    page.select_option("#assign-firm", label=firm.name)
    page.fill("#assign-note", "请于十日内提交起诉材料")
    with page.expect_navigation():
        page.click("[data-testid=assign-submit]")
    assert page.inner_text("[data-testid=case-firm]") == firm.name

    response = outsider.goto(f"{base}/cases/{case_id}")
    assert response.status == 200
    assert outsider.inner_text("[data-testid=case-reference]") == reference
    assert len(_rows(outsider, "debtors")) == 2
    assert outsider.locator("[data-testid=add-debtor]").count() == 0
    assert _search(outsider, base, PERSON_NAME) == [reference]
    outsider.goto(f"{base}/cases/")
    assert outsider.locator("[data-testid=case-link]").all_inner_texts() == [reference]

    rival_page = new_page("en-US")
    live_server.sign_in(rival_page, rival_user)
    assert rival_page.goto(f"{base}/cases/{case_id}").status == 404
    assert _search(rival_page, base, CONTRACT) == []


def test_a_bad_resident_id_number_is_flagged_on_its_field_and_nothing_typed_is_lost(live_server, new_page):
    """A resident ID number with a wrong check digit re-renders the form with the error under that field."""
    counsel = live_server.create_user("counsel")
    case = live_server.create_case(counsel, debtors=0, loan=False)
    good = make_resident_id("310115", dt.date(1990, 12, 31), 42)
    bad = good[:17] + ("0" if good[17] != "0" else "1")

    page = new_page("en-US")
    live_server.sign_in(page, counsel)
    page.goto(f"{live_server.url}/cases/{case.id}")
    page.click("[data-testid=add-debtor]")
    page.select_option("#f-role", "co_borrower")
    page.fill("#f-name", "赵六")
    page.fill("#f-id_number", bad)
    page.fill("#f-phone", "13800138000")
    page.fill("#f-address", "上海市徐汇区漕溪北路18号")
    page.fill("#f-note", "借款时提供的身份证复印件")
    with page.expect_navigation() as nav:
        page.click("[data-testid=form-submit]")
    assert nav.value.status == 422

    id_field = page.locator(".field", has=page.locator("#f-id_number"))
    assert "error" in (id_field.get_attribute("class") or "")
    assert id_field.locator(".msg").inner_text() == (
        "The check digit of this resident ID number is wrong; please check for a typo.")
    assert page.get_attribute("#f-id_number", "aria-invalid") == "true"
    assert page.locator(".field.error").count() == 1
    assert page.input_value("#f-id_number") == bad
    assert page.input_value("#f-name") == "赵六"
    assert page.input_value("#f-phone") == "13800138000"
    assert page.input_value("#f-address") == "上海市徐汇区漕溪北路18号"
    assert page.input_value("#f-note") == "借款时提供的身份证复印件"
    assert page.input_value("#f-role") == "co_borrower"
    assert page.input_value("#f-kind") == "person"

    page.fill("#f-id_number", good)
    _submit(page)
    assert page.url.endswith(f"/cases/{case.id}#debtors")
    rows = _rows(page, "debtors")
    assert len(rows) == 1 and "赵六" in rows[0] and good in rows[0]

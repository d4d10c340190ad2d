"""The case list: search by every key, filters, sort order, pagination, and law-firm scoping."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import factories as f
import pytest
from sqlalchemy import event, text

from legalops.cases import services
from legalops.cases.models import Portfolio
from legalops.cases.queries import SORTS, CaseFilters, list_cases
from legalops.cases.schemas import DebtorIn, LoanIn
from legalops.core.identifiers import make_resident_id
from legalops.parties.schemas import PartyIn

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
_serial = itertools.count(100)


def _portfolio(session) -> Portfolio:
    portfolio = Portfolio(name=f"测试资产包{next(_serial)}")
    session.add(portfolio)
    session.flush()
    return portfolio


def _person(name: str) -> PartyIn:
    born = dt.date(1970, 1, 1) + dt.timedelta(days=next(_serial))
    return PartyIn(kind="person", name=name, id_type="resident_id",
                   id_number=make_resident_id("440305", born, next(_serial) % 1000), address="深圳市南山区科技园路1号")


def _case(session, actor, portfolio, *, debtors=(), contract=None, court="", stage="intake", firm=None,
          counsel=None, opened=dt.date(2026, 1, 5), updated=T0):
    """Open a case in `portfolio` with the given debtors (PartyIn or names), loan and fields."""
    c = f.case(session, actor, debtors=0, loan=False)
    for i, debtor in enumerate(debtors):
        party = _person(debtor) if isinstance(debtor, str) else debtor
        services.add_debtor(session, c, party, DebtorIn(role="borrower" if i == 0 else "joint_guarantor"), actor)
    if contract:
        services.add_loan(session, c, LoanIn(contract_number=contract, principal=Decimal("1000000.00"),
                                             outstanding_principal=Decimal("800000.10")), actor)
    if firm is not None:
        services.assign_firm(session, c, firm.id, actor)
    c.portfolio_id = portfolio.id
    c.court_case_number = court
    c.stage = stage
    c.counsel_id = (counsel or actor).id
    c.opened_on = opened
    c.updated_at = updated
    session.flush()
    return c


def _ids(session, user, **filters) -> list[int]:
    page = list_cases(session, user, CaseFilters(**filters), per_page=1000)
    return [row[0].id for row in page.items]


@pytest.fixture
def counsel(any_session):
    return f.user(any_session)


# --- search -------------------------------------------------------------------------------------------------

WANTED = PartyIn(kind="person", name="欧阳雪志", id_type="resident_id",
                 id_number=make_resident_id("110105", dt.date(1975, 5, 6), 731), address="北京市朝阳区建国路1号")


def _search_world(session, counsel):
    portfolio = _portfolio(session)
    target = _case(session, counsel, portfolio, debtors=[WANTED, "李四"], contract="HX2019借字第000123号-456",
                   court="(2025)沪0115民初1234号")
    company = f.company("ABC Trading 有限公司")
    _case(session, counsel, portfolio, debtors=["王五", company], contract="HX2019借字第000999号-456",
          court="(2025)沪0115民初9876号")
    _case(session, counsel, portfolio, debtors=["赵六"], contract="SH2020借字第000777号-111")
    return portfolio, target


@pytest.mark.parametrize("key", ["name, 1 character", "name, 2 characters", "name, 3 characters", "full name",
                                 "ID number", "ID number, lower-case x", "contract fragment", "contract, any case",
                                 "reference", "court case number", "court case number fragment"])
def test_search_finds_the_case_by_each_key(any_session, counsel, key):
    portfolio, target = _search_world(any_session, counsel)
    q = {
        "name, 1 character": "欧",
        "name, 2 characters": "雪志",
        "name, 3 characters": "阳雪志",
        "full name": "欧阳雪志",
        "ID number": WANTED.id_number,
        "ID number, lower-case x": WANTED.id_number.lower(),
        "contract fragment": "借字第000123",
        "contract, any case": "hx2019借字第000123号",
        "reference": target.reference,
        "court case number": "(2025)沪0115民初1234号",
        "court case number fragment": "民初1234",
    }[key]
    assert _ids(any_session, counsel, q=q, portfolio_id=portfolio.id) == [target.id]
    assert target.id in _ids(any_session, counsel, q=f"  {q} ")


def test_search_is_case_insensitive_for_short_latin_fragments(any_session, counsel):
    portfolio, _target = _search_world(any_session, counsel)
    abc = _ids(any_session, counsel, q="ABC", portfolio_id=portfolio.id)
    assert len(abc) == 1
    assert _ids(any_session, counsel, q="bc", portfolio_id=portfolio.id) == abc
    assert _ids(any_session, counsel, q="abc trading", portfolio_id=portfolio.id) == abc


def test_search_by_a_guarantor_finds_the_case(any_session, counsel):
    portfolio, target = _search_world(any_session, counsel)
    assert _ids(any_session, counsel, q="李四", portfolio_id=portfolio.id) == [target.id]


@pytest.mark.parametrize("q", ["%", "_", "\\", "张三丰", "HX2019借字第000123号-457"])
def test_search_matches_text_literally_and_nothing_else(any_session, counsel, q):
    portfolio, _target = _search_world(any_session, counsel)
    page = list_cases(any_session, counsel, CaseFilters(q=q, portfolio_id=portfolio.id))
    assert page.items == [] and page.total == 0


def test_a_case_matching_several_keys_is_listed_once(any_session, counsel):
    portfolio = _portfolio(any_session)
    c = _case(any_session, counsel, portfolio, debtors=["民初"], contract="民初-1", court="(2025)沪0115民初55号")
    page = list_cases(any_session, counsel, CaseFilters(q="民初", portfolio_id=portfolio.id))
    assert [row[0].id for row in page.items] == [c.id] and page.total == 1


# --- rows ---------------------------------------------------------------------------------------------------

def test_rows_carry_first_debtor_exact_principal_and_firm(any_session, counsel):
    portfolio = _portfolio(any_session)
    firm = f.firm(any_session, "上海申衡律师事务所")
    c = _case(any_session, counsel, portfolio, debtors=["孙七", "周八"], contract="ROW-1", firm=firm)
    services.add_loan(any_session, c, LoanIn(contract_number="ROW-2", principal=Decimal("1.00"),
                                             outstanding_principal=Decimal("0.90")), counsel)
    bare = _case(any_session, counsel, portfolio, updated=T0 - dt.timedelta(days=1))
    any_session.flush()
    rows = list_cases(any_session, counsel, CaseFilters(portfolio_id=portfolio.id)).items
    assert [(r[0].id, r[1], r[2], r[3]) for r in rows] == [
        (c.id, "孙七", Decimal("800001.00"), "上海申衡律师事务所"),
        (bare.id, None, None, None),
    ]
    assert isinstance(rows[0][2], Decimal)
    assert rows[0].debtor_name == "孙七" and rows[0].outstanding_principal == Decimal("800001.00")


# --- filters ------------------------------------------------------------------------------------------------

def test_each_filter_and_their_combination(any_session, counsel):
    other_counsel = f.user(any_session)
    firm_a, firm_b = f.firm(any_session), f.firm(any_session)
    p1, p2 = _portfolio(any_session), _portfolio(any_session)
    c1 = _case(any_session, counsel, p1, stage="litigation", firm=firm_a)
    c2 = _case(any_session, counsel, p1, stage="enforcement", firm=firm_b, counsel=other_counsel)
    c3 = _case(any_session, counsel, p2, stage="litigation", firm=firm_b)
    c4 = _case(any_session, counsel, p2, stage="intake", counsel=other_counsel)
    mine = {c1.id, c2.id, c3.id, c4.id}

    def ids(**filters):
        return set(_ids(any_session, counsel, **filters)) & mine

    assert ids(stage="litigation") == {c1.id, c3.id}
    assert ids(stage="closed") == set()
    assert ids(firm_id=firm_b.id) == {c2.id, c3.id}
    assert set(_ids(any_session, counsel, portfolio_id=p1.id)) == {c1.id, c2.id}
    assert ids(counsel_id=other_counsel.id) == {c2.id, c4.id}
    assert set(_ids(any_session, counsel, counsel_id=other_counsel.id)) == {c2.id, c4.id}
    assert ids(stage="litigation", firm_id=firm_b.id, portfolio_id=p2.id) == {c3.id}
    assert ids(stage="litigation", firm_id=firm_a.id, portfolio_id=p2.id) == set()
    page = list_cases(any_session, counsel, CaseFilters(firm_id=firm_b.id, stage="enforcement"))
    assert page.total == 1 and page.items[0][0].id == c2.id


# --- sort and pagination ------------------------------------------------------------------------------------

def _sortable(session, counsel):
    portfolio = _portfolio(session)
    specs = [  # (opened_on, updated_at offset in minutes, stage): ties on every key
        (dt.date(2025, 3, 1), 30, "litigation"),
        (dt.date(2024, 7, 9), 10, "intake"),
        (dt.date(2025, 3, 1), 50, "enforcement"),
        (dt.date(2023, 1, 2), 10, "litigation"),
        (dt.date(2026, 2, 2), 40, "assessment"),
        (dt.date(2024, 7, 9), 20, "litigation"),
        (dt.date(2025, 12, 31), 10, "intake"),
    ]
    cases = [_case(session, counsel, portfolio, opened=o, updated=T0 + dt.timedelta(minutes=m), stage=s)
             for o, m, s in specs]
    return portfolio, cases


@pytest.mark.parametrize("sort", sorted(SORTS))
@pytest.mark.parametrize("descending", [True, False])
def test_sort_by_each_key_with_ties_broken_by_id(any_session, counsel, sort, descending):
    portfolio, cases = _sortable(any_session, counsel)
    attribute = {"updated": "updated_at"}.get(sort, sort)
    expected = sorted(cases, key=lambda c: (getattr(c, attribute), c.id), reverse=descending)
    got = _ids(any_session, counsel, portfolio_id=portfolio.id, sort=sort, descending=descending)
    assert got == [c.id for c in expected]


def test_unknown_sort_falls_back_to_last_change(any_session, counsel):
    portfolio, _cases = _sortable(any_session, counsel)
    assert (_ids(any_session, counsel, portfolio_id=portfolio.id, sort="nonsense")
            == _ids(any_session, counsel, portfolio_id=portfolio.id, sort="updated"))


@pytest.mark.parametrize("sort", ["updated", "stage", "reference"])
def test_pages_partition_the_sorted_list_and_count_it_all(any_session, counsel, sort):
    portfolio, cases = _sortable(any_session, counsel)
    filters = CaseFilters(portfolio_id=portfolio.id, sort=sort, descending=False)
    everything = _ids(any_session, counsel, portfolio_id=portfolio.id, sort=sort, descending=False)
    pages = [list_cases(any_session, counsel, filters, page=n, per_page=3) for n in (1, 2, 3, 4)]
    assert [p.total for p in pages] == [7, 7, 7, 7]
    assert [p.pages for p in pages] == [3, 3, 3, 3]
    assert [len(p.items) for p in pages] == [3, 3, 1, 0]
    assert [row[0].id for p in pages for row in p.items] == everything
    assert sorted(everything) == sorted(c.id for c in cases)
    first = list_cases(any_session, counsel, filters, page=0, per_page=3)
    assert first.page == 1 and [r[0].id for r in first.items] == everything[:3]


def test_search_results_are_paginated_with_exact_total(any_session, counsel):
    portfolio = _portfolio(any_session)
    hits = [_case(any_session, counsel, portfolio, debtors=[f"慕容{n}号"], updated=T0 + dt.timedelta(minutes=n))
            for n in range(5)]
    _case(any_session, counsel, portfolio, debtors=["诸葛亮"])
    filters = CaseFilters(q="慕容", portfolio_id=portfolio.id)
    first, second = (list_cases(any_session, counsel, filters, page=n, per_page=2) for n in (1, 2))
    assert first.total == second.total == 5 and first.pages == 3
    assert [r[0].id for r in first.items + second.items] == [c.id for c in reversed(hits)][:4]


# --- law-firm scoping ---------------------------------------------------------------------------------------

def test_a_law_firm_user_only_ever_gets_their_firms_cases(any_session, counsel):
    firm_a, firm_b = f.firm(any_session), f.firm(any_session)
    lawyer = f.user(any_session, role="law_firm", firm=firm_a)
    portfolio = _portfolio(any_session)
    borrower_b = _person("上官飞燕")
    ours = [_case(any_session, counsel, portfolio, firm=firm_a, debtors=["公孙胜"], contract=f"FIRMA-{n}",
                  court=f"(2025)浙0106民初{n}号", stage=stage)
            for n, stage in enumerate(["litigation", "enforcement", "litigation"])]
    theirs = _case(any_session, counsel, portfolio, firm=firm_b, debtors=[borrower_b], contract="FIRMB-777",
                   court="(2025)浙0106民初777号", stage="litigation")
    unassigned = _case(any_session, counsel, portfolio, debtors=["公孙胜"], contract="NOFIRM-1", stage="litigation")

    combos = [CaseFilters(), CaseFilters(q="公孙胜"), CaseFilters(q="FIRM"), CaseFilters(stage="litigation"),
              CaseFilters(portfolio_id=portfolio.id), CaseFilters(firm_id=firm_b.id), CaseFilters(q="民初"),
              *(CaseFilters(sort=s, descending=d) for s in SORTS for d in (True, False))]
    for filters in combos:
        for page_no in (1, 2):
            page = list_cases(any_session, lawyer, filters, page=page_no, per_page=2)
            assert all(row[0].firm_id == firm_a.id for row in page.items), filters
            assert page.total <= len(ours), filters

    assert sorted(_ids(any_session, lawyer)) == sorted(c.id for c in ours)
    assert list_cases(any_session, lawyer, CaseFilters()).total == 3
    for q in ["FIRMB-777", "FIRMB", "上官飞燕", borrower_b.id_number, theirs.reference, "民初777号", "NOFIRM-1",
              unassigned.reference]:
        page = list_cases(any_session, lawyer, CaseFilters(q=q))
        assert page.items == [] and page.total == 0, q
    assert list_cases(any_session, lawyer, CaseFilters(firm_id=firm_b.id)).total == 0
    assert sorted(_ids(any_session, lawyer, q="公孙胜")) == sorted(c.id for c in ours)
    # Staff see all of them, so the emptiness above is the scope and not the data.
    assert theirs.id in _ids(any_session, counsel, q="FIRMB-777")
    assert set(_ids(any_session, counsel, portfolio_id=portfolio.id)) == {c.id for c in [*ours, theirs, unassigned]}


def test_a_law_firm_user_without_a_firm_sees_nothing(any_session, counsel):
    firm = f.firm(any_session)
    lawyer = f.user(any_session, role="law_firm", firm=firm)
    _case(any_session, counsel, _portfolio(any_session), firm=firm, contract="ORPHAN-1")
    lawyer.firm_id = None  # as if the firm link were lost: the query must fail closed
    page = list_cases(any_session, lawyer, CaseFilters(q="ORPHAN-1"))
    assert page.items == [] and page.total == 0
    assert list_cases(any_session, lawyer, CaseFilters()).total == 0


# --- PostgreSQL indexes -------------------------------------------------------------------------------------

def test_postgresql_has_the_search_and_sort_indexes(session):
    names = set(session.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).scalars())
    assert {"ix_party_name_chars", "ix_loan_contract_chars", "ix_case_reference_chars", "ix_case_court_number_chars",
            "ix_party_name_trgm", "ix_case_updated_id", "ix_case_opened_id", "ix_case_stage_id"} <= names


def test_short_fragments_use_the_character_index_on_postgresql(session):
    counsel = f.user(session)
    session.flush()
    conn = session.connection()
    statements = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(conn, "before_cursor_execute", capture)
    try:
        list_cases(session, counsel, CaseFilters(q="雪志"))
    finally:
        event.remove(conn, "before_cursor_execute", capture)
    # The table is tiny here, so forbid the sequential scan to see whether the expression matches the index.
    session.execute(text("SET LOCAL enable_seqscan = off"))
    statement, parameters = next((s, p) for s, p in statements if s.startswith("SELECT count"))
    plan = "\n".join(row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters))
    # Every branch is index-backed (a trigram index may win a branch on costs), and the character indexes match.
    assert "Seq Scan" not in plan
    assert "_chars" in plan

"""Plain factory functions for tests."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from legalops.auth.models import Firm, User
from legalops.auth.services import create_firm, create_user
from legalops.cases import services
from legalops.cases.models import Case
from legalops.cases.schemas import CaseIn, CollateralIn, DebtorIn, LoanIn
from legalops.core.identifiers import make_resident_id, make_uscc
from legalops.parties.schemas import PartyIn

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


def user(session, role: str = "counsel", firm: Firm | None = None, username: str | None = None) -> User:
    """Create a user with the test password."""
    n = next(_seq)
    return create_user(session, username=username or f"{role}{n}", password=PASSWORD, role=role,
                       display_name=f"{role} {n}", firm_id=firm.id if firm else None)


def firm(session, name: str | None = None) -> Firm:
    """Create a law firm."""
    return create_firm(session, name or f"测试律师事务所{next(_seq)}")


def person(name: str = "张三", serial: int | None = None) -> PartyIn:
    """Return a natural person with a valid resident ID number."""
    serial = serial if serial is not None else next(_seq) % 1000
    return PartyIn(kind="person", name=name, id_type="resident_id",
                   id_number=make_resident_id("310115", dt.date(1980, 1, 2), serial), address="上海市浦东新区世纪大道1号")


def company(name: str = "上海测试贸易有限公司") -> PartyIn:
    """Return an organisation with a valid unified social credit code."""
    body = f"1310000MA{next(_seq):07d}"
    return PartyIn(kind="organisation", name=name, id_type="uscc", id_number=make_uscc(body),
                   address="上海市黄浦区中山东一路1号", legal_rep="李四", legal_rep_title="董事长")


def case(session, actor: User, *, debtors: int = 1, loan: bool = True, collateral: bool = False,
         firm_id: int | None = None, contract: str | None = None) -> Case:
    """Open a case with debtors, a loan and optionally collateral."""
    c = services.open_case(session, CaseIn(counsel_id=actor.id, court_name="上海市浦东新区人民法院"),
                           company("华信资产管理股份有限公司"), actor)
    for i in range(debtors):
        role = "borrower" if i == 0 else "joint_guarantor"
        services.add_debtor(session, c, person(f"债务人{i}"), DebtorIn(role=role), actor)
    if loan:
        services.add_loan(session, c, LoanIn(contract_number=contract or f"HT-{next(_seq):06d}",
                                             principal=Decimal("1000000.00"), contract_rate=Decimal("4.35"),
                                             outstanding_principal=Decimal("800000.10")), actor)
    if collateral:
        services.add_collateral(session, c, CollateralIn(kind="real_estate", description="浦东新区某路1号101室",
                                                         registered_amount=Decimal("1200000")), actor)
    if firm_id:
        services.assign_firm(session, c, firm_id, actor)
    session.flush()
    return c


def in_litigation(session, actor: User, proceeding: dict, **case_options):
    """Open a case (`case_options` as for `case`), take it through assessment into litigation and record a suit
    with the `proceeding` fields; return the case and the proceeding."""
    from legalops.litigation.schemas import ProceedingIn
    from legalops.litigation.services import record_proceeding

    c = case(session, actor, **case_options)
    services.change_stage(session, c, "assessment", "", actor)
    services.change_stage(session, c, "litigation", "", actor, via_decision=True)
    return c, record_proceeding(session, c, ProceedingIn(**proceeding), actor)


def firm_case(session) -> dict:
    """A case assigned to one firm, its counsel, a lawyer of that firm ("own") and one of another firm ("other")."""
    firm_a, firm_b = firm(session), firm(session)
    counsel = user(session, "counsel")
    c = case(session, counsel, firm_id=firm_a.id)
    return {"case": c, "counsel": counsel, "own": user(session, "law_firm", firm=firm_a),
            "other": user(session, "law_firm", firm=firm_b)}


def login(client, u: User, password: str = PASSWORD):
    """Sign `u` in on a test client."""
    response = client.post("/login", data={"username": u.username, "password": password})
    assert response.status_code == 302, response.data[:500]
    return response

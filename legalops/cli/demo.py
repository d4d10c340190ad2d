"""A realistic demo portfolio: Chinese NPL cases over every stage, two law firms, one user per role."""

from __future__ import annotations

import datetime as dt
import json
import random
import secrets
import string
from decimal import Decimal
from pathlib import Path

from sqlalchemy import event
from sqlmodel import Session, select

from legalops.assessment import services as assessment_services
from legalops.assessment.evidence import EVIDENCE_KINDS
from legalops.assessment.findings import build_findings
from legalops.assessment.schemas import DecisionIn, EventIn, EvidenceLineIn, FactsIn
from legalops.audit.models import AuditEntry
from legalops.auth.models import Role, User
from legalops.auth.services import create_firm, create_user
from legalops.cases import services
from legalops.cases.demands import AcquisitionIn, update_acquisition
from legalops.cases.models import Case, Portfolio, Stage
from legalops.cases.queries import list_loans
from legalops.cases.schemas import CaseIn, CollateralIn, DebtorIn, LoanIn
from legalops.cases.stages import NEEDS_DECISION
from legalops.core.clock import CHINA, today, utcnow
from legalops.core.identifiers import make_resident_id, make_uscc
from legalops.parties.schemas import PartyIn

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰",
         "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "国平", "春梅", "文博", "子涵", "宏伟", "玉兰", "永刚"]
CITIES = [  # (region code, city, court, court abbreviation)
    ("310115", "上海市浦东新区", "上海市浦东新区人民法院", "沪0115"),
    ("330106", "杭州市西湖区", "杭州市西湖区人民法院", "浙0106"),
    ("440305", "深圳市南山区", "深圳市南山区人民法院", "粤0305"),
    ("320106", "南京市鼓楼区", "南京市鼓楼区人民法院", "苏0106"),
    ("110105", "北京市朝阳区", "北京市朝阳区人民法院", "京0105"),
    ("510107", "成都市武侯区", "成都市武侯区人民法院", "川0107"),
    ("420106", "武汉市武昌区", "武汉市武昌区人民法院", "鄂0106"),
    ("370202", "青岛市市南区", "青岛市市南区人民法院", "鲁0202"),
]
TRADES = ["贸易", "建材", "纺织", "机械制造", "电子科技", "食品", "物流", "置业", "化工", "服饰"]
STREETS = ["人民路", "解放路", "中山路", "建设路", "新华路", "长江路", "和平路", "文化路", "滨江大道", "科技园路"]

# How many demo cases sit in each stage, and the path that takes a case there.
STAGE_MIX = [(Stage.intake, 6), (Stage.assessment, 8), (Stage.settlement, 4), (Stage.litigation, 8),
             (Stage.judgment, 6), (Stage.enforcement, 8), (Stage.disposal, 5), (Stage.closed, 2),
             (Stage.written_off, 1), (Stage.terminated, 2)]
PATHS = {
    Stage.intake: [],
    Stage.assessment: [Stage.assessment],
    Stage.settlement: [Stage.assessment, Stage.settlement],
    Stage.litigation: [Stage.assessment, Stage.litigation],
    Stage.judgment: [Stage.assessment, Stage.litigation, Stage.judgment],
    Stage.enforcement: [Stage.assessment, Stage.litigation, Stage.judgment, Stage.enforcement],
    Stage.disposal: [Stage.assessment, Stage.litigation, Stage.judgment, Stage.enforcement, Stage.disposal],
    Stage.closed: [Stage.assessment, Stage.litigation, Stage.judgment, Stage.closed],
    Stage.written_off: [Stage.assessment, Stage.written_off],
    Stage.terminated: [Stage.assessment, Stage.litigation, Stage.judgment, Stage.enforcement, Stage.terminated],
}
REASONS = {Stage.written_off: "债务人已注销且无可供执行财产，经审批核销",
           Stage.terminated: "经财产调查未发现可供执行财产，法院裁定终结本次执行程序"}
DECISION_COMMENTS = {Stage.litigation: "证据基本齐全，主债权诉讼时效未届满，同意起诉",
                     Stage.settlement: "债务人有还款意愿，同意先行协商和解"}

DEMO_USERS = [
    ("admin", Role.admin, "系统管理员", None),
    ("counsel", Role.counsel, "王律(法务)", None),
    ("counsel2", Role.counsel, "李审(法务复核)", None),
    ("firm_a", Role.law_firm, "上海申衡律师事务所-陈律师", 0),
    ("firm_b", Role.law_firm, "浙江钱塘律师事务所-周律师", 1),
    ("finance", Role.finance, "赵会计(财务)", None),
    ("auditor", Role.auditor, "孙审计(稽核)", None),
]
FIRMS = [("上海申衡律师事务所", "陈律师 021-5888xxxx", "基础费 5,000 元/件 + 回收额 3%"),
         ("浙江钱塘律师事务所", "周律师 0571-8666xxxx", "基础费 3,000 元/件 + 回收额 4%")]
#: The lawyers of each demo firm who sign the filings as litigation agent (委托诉讼代理人): name, phone.
FIRM_LAWYERS = [[("陈志远", "021-58881201"), ("林晓敏", "13916628801")],
                [("周文涛", "0571-86661302"), ("沈佳怡", "13957127702")]]
#: Stages whose demo assessments may record the debt as uncontested (the payment order and security realisation
#: routes are open to them); cases further on went through full litigation.
SUMMARY_ROUTE_STAGES = (Stage.assessment, Stage.settlement, Stage.litigation)
LOGINS_FILE = "demo-logins.json"


def _person(rng: random.Random, region: str, city: str) -> PartyIn:
    born = dt.date(rng.randint(1960, 1995), rng.randint(1, 12), rng.randint(1, 28))
    return PartyIn(kind="person", name=rng.choice(SURNAMES) + rng.choice(GIVEN), id_type="resident_id",
                   id_number=make_resident_id(region, born, rng.randint(100, 999)), ethnicity="汉族",
                   phone=f"13{rng.randint(100000000, 999999999)}",
                   address=f"{city}{rng.choice(STREETS)}{rng.randint(1, 999)}号{rng.randint(1, 30)}0{rng.randint(1, 4)}室")


def _company(rng: random.Random, region: str, city: str) -> PartyIn:
    name = f"{city[:2]}{rng.choice(SURNAMES)}{rng.choice('华盛鑫达恒泰丰源宏瑞')}{rng.choice(TRADES)}有限公司"
    body = f"{region[:2]}{region}MA{rng.randint(10000, 99999)}".upper()[:16].ljust(16, "0")
    return PartyIn(kind="organisation", name=name, id_type="uscc", id_number=make_uscc("1" + body[1:]),
                   address=f"{city}{rng.choice(STREETS)}{rng.randint(1, 999)}号", legal_rep=rng.choice(SURNAMES) + rng.choice(GIVEN),
                   legal_rep_title="执行董事", phone=f"0{rng.randint(10, 99)}-{rng.randint(60000000, 89999999)}")


def _users(session: Session, instance: Path) -> dict[str, User]:
    firms = [create_firm(session, n, contact=c, fee_terms=f) for n, c, f in FIRMS]
    logins, users = {}, {}
    for username, role, name, firm_idx in DEMO_USERS:
        password = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(12))
        users[username] = create_user(session, username=username, password=password, role=role, display_name=name,
                                      firm_id=firms[firm_idx].id if firm_idx is not None else None)
        logins[username] = {"password": password, "role": role.value}
    path = instance / LOGINS_FILE
    path.write_text(json.dumps(logins, ensure_ascii=False, indent=1))
    path.chmod(0o600)
    users["_firms"] = firms  # type: ignore[assignment]
    return users


def seed(session: Session, instance: Path, cases: int = 50, force: bool = False) -> int:
    """Create demo users (first time) and `cases` demo cases; return how many cases were created."""
    if session.exec(select(Case.id)).first() is not None and not force:
        return 0
    rng = random.Random(20261123)
    users = session.exec(select(User).where(User.username == "admin")).first()
    people = _users(session, instance) if users is None else {
        u.username: u for u in session.exec(select(User)).all()}
    firms = people.pop("_firms", None) or []
    counsel = [people["counsel"], people["counsel2"]]
    bank = PartyIn(kind="organisation", name="华信资产管理股份有限公司", id_type="uscc",
                   id_number=make_uscc("1310000MA1FL0001"), address="上海市黄浦区中山东一路18号",
                   legal_rep="周建国", legal_rep_title="董事长", phone="021-63210000")
    portfolios = []
    for name, seller in [("2025年第一期不良资产包", "某商业银行上海分行"), ("2026年华东对公资产包", "某股份制银行杭州分行")]:
        portfolio = session.exec(select(Portfolio).where(Portfolio.name == name)).first()
        if portfolio is None:
            portfolio = Portfolio(name=name, seller=seller, acquired_on=dt.date(2025, 6, 30))
            session.add(portfolio)
            session.flush()
        portfolios.append(portfolio)
    plan = [stage for stage, n in STAGE_MIX for _ in range(n)]
    while len(plan) < cases:
        plan.append(rng.choice(plan))
    created = 0
    for idx, target in enumerate(plan[:cases]):
        region, city, court, abbr = rng.choice(CITIES)
        actor = counsel[idx % 2]
        litigating = target not in (Stage.intake, Stage.assessment, Stage.settlement, Stage.written_off)
        # Separate stream for choices added later, so the rest of the demo portfolio stays as it was.
        extra = random.Random(9000 + idx)
        year = rng.choice([2025, 2026])
        number = f"({year}){abbr}民初{rng.randint(1000, 29999)}号" if litigating else None
        opened_on = dt.date(2025, rng.randint(1, 12), rng.randint(1, 28))
        history = BackdatedHistory(session, opened_on, len(PATHS[target]), random.Random(7000 + idx))
        history.start()
        case = services.open_case(session, CaseIn(
            portfolio_id=portfolios[idx % 2].id, counsel_id=actor.id, court_name=court if target != Stage.intake else None,
            court_case_number=number, opened_on=opened_on), bank, actor)
        corporate = rng.random() < 0.6
        borrower = _company(rng, region, city) if corporate else _person(rng, region, city)
        services.add_debtor(session, case, borrower, DebtorIn(role="borrower"), actor)
        guarantors = []
        for _ in range(rng.randint(1, 2)):
            role = rng.choice(["joint_guarantor", "joint_guarantor", "general_guarantor"])
            guarantors.append(_person(rng, region, city))
            services.add_debtor(session, case, guarantors[-1], DebtorIn(role=role), actor)
        principal = Decimal(rng.randrange(200_000, 20_000_000, 10_000))
        rate = Decimal(rng.choice(["4.35", "4.75", "5.22", "5.655", "6.00"]))
        disbursed = dt.date(rng.randint(2019, 2023), rng.randint(1, 12), rng.randint(1, 28))
        maturity = disbursed.replace(year=disbursed.year + rng.choice([1, 2, 3]))
        outstanding = (principal * Decimal(rng.randint(35, 100)) / 100).quantize(Decimal("0.01"))
        services.add_loan(session, case, LoanIn(
            contract_number=f"{rng.choice(['HX', 'SH', 'ZJ'])}{disbursed:%Y}借字第{idx + 1:04d}号-{rng.randint(100, 999)}",
            principal=principal, contract_rate=rate, penalty_rate=(rate * Decimal("1.5")).quantize(Decimal("0.000001")),
            compound_rate=(rate * Decimal("1.5")).quantize(Decimal("0.000001")), signed_on=disbursed - dt.timedelta(days=3),
            disbursed_on=disbursed, maturity_date=maturity, default_date=maturity + dt.timedelta(days=1),
            cutoff_date=dt.date(2026, 10, 31), outstanding_principal=outstanding,
            outstanding_interest=(outstanding * rate / 100 * Decimal(rng.randint(6, 30)) / 12).quantize(Decimal("0.01")),
            outstanding_penalty=(outstanding * Decimal("0.02") * rng.randint(1, 6)).quantize(Decimal("0.01")),
            repayment_method=rng.choice(["equal_instalments", "monthly_interest", "bullet"])), actor)
        if rng.random() < 0.75:
            # A home mortgaged by its owner: the borrower's own (a person), else a guarantor's (the company's boss).
            mortgagor = guarantors[0] if corporate else borrower
            owner = services.add_debtor(session, case, mortgagor, DebtorIn(role="mortgagor"), actor)
            services.add_collateral(session, case, CollateralIn(
                kind="real_estate", description=f"{city}{rng.choice(STREETS)}{rng.randint(1, 500)}弄{rng.randint(1, 30)}号{rng.randint(1, 28)}0{rng.randint(1, 4)}室住宅",
                certificate_number=f"{abbr[0]}({year - 3})不动产权第{rng.randint(1000000, 9999999)}号",
                location=city, registered_amount=(principal * Decimal("1.2")).quantize(Decimal("0.01")), rank=1,
                owner_id=owner.party_id), actor)
        uncontested = target in SUMMARY_ROUTE_STAGES and extra.random() < 0.6
        for stage in PATHS[target]:
            if (case.stage, stage) in NEEDS_DECISION:
                _assess_and_decide(session, case, stage, people["counsel"], people["counsel2"], uncontested)
            else:
                services.change_stage(session, case, stage, REASONS.get(stage, ""), actor)
        if target == Stage.assessment:  # still being assessed: the facts so far, not yet submitted
            _record_facts(session, case, people["counsel"], uncontested)
        if firms and target not in (Stage.intake, Stage.assessment):
            services.assign_firm(session, case, firms[idx % 2].id, actor, note="委托代理诉讼及执行")
            agent, phone = extra.choice(FIRM_LAWYERS[idx % 2])
            update_acquisition(session, case, AcquisitionIn(agent_name=agent, agent_phone=phone), actor, None)
        from legalops.enforcement.demo import seed_litigation

        seed_litigation(session, case, target, actor, random.Random(idx))
        history.stop()
        case.stage_changed_at = history.last_stage
        created += 1
    from legalops.disposal.demo import seed_disposal

    seed_disposal(session, counsel[0])
    from legalops.deadlines.demo import seed_deadlines

    seed_deadlines(session)
    from legalops.ledger.demo import seed_ledger

    seed_ledger(session)
    from legalops.portal.demo import seed_portal

    seed_portal(session, instance)
    return created


class BackdatedHistory:
    """Stamp a demo case's audit trail in the past: opened on its date, each stage change weeks after the last.

    Time in stage (dashboard) reads these stamps; a case seeded in one instant would spend 0 days in every stage.
    Audit rows are append-only, so each is stamped before its first flush, never rewritten.
    """

    def __init__(self, session: Session, opened_on: dt.date, stage_changes: int, rng: random.Random):
        self.session, self.rng = session, rng
        self.now = dt.datetime.combine(opened_on, dt.time(9, 30), tzinfo=CHINA).astimezone(dt.UTC)
        self.limit = max(utcnow() - dt.timedelta(days=3), self.now)
        # Room for the path's changes and the one or two that enforcement seeding may add.
        self.step = max((self.limit - self.now).days // (stage_changes + 2), 2)
        self.last_stage = self.now

    def start(self) -> None:
        """Stamp audit rows added to the session from now on."""
        event.listen(self.session, "before_flush", self._stamp)

    def stop(self) -> None:
        """Let audit rows take the real time again."""
        event.remove(self.session, "before_flush", self._stamp)

    def _stamp(self, session, _context, _instances) -> None:
        for obj in sorted((o for o in session.new if isinstance(o, AuditEntry)), key=lambda o: o.at):
            if obj.action == "stage" and obj.object_type == "case":
                days = self.rng.randint(self.step // 2, self.step)
                self.now = min(self.now + dt.timedelta(days=days, minutes=self.rng.randint(0, 480)), self.limit)
                self.last_stage = self.now
            obj.at = self.now


def _record_facts(session: Session, case: Case, preparer: User, uncontested: bool) -> None:
    """Record the assessment's route facts: the debtor can be served; the debt is uncontested or disputed."""
    assessment_services.save_facts(session, case, FactsIn(debt_uncontested=uncontested, debtor_reachable=True,
                                                          summary="债务人对欠款金额无异议" if uncontested else ""),
                                   preparer)


def _assess_and_decide(session: Session, case: Case, target: Stage, preparer: User, approver: User,
                       uncontested: bool = False) -> None:
    """Prepare the case's assessment as one counsel and approve it as another: the only way out of assessment."""
    maturity = max(loan.maturity_date for loan in list_loans(session, case))
    assessment_services.add_event(session, case, EventIn(kind="demand", occurred_on=maturity + dt.timedelta(days=45),
                                                         note="催收函（EMS 签收）"), preparer)
    assessment_services.save_evidence(session, case, {k: EvidenceLineIn(status="present") for k in EVIDENCE_KINDS},
                                      preparer)
    _record_facts(session, case, preparer, uncontested)
    as_of = today()
    findings = build_findings(session, case, assessment_services.start_assessment(session, case, preparer), as_of)
    assessment_services.submit_assessment(session, case, findings, as_of, preparer)
    assessment_services.decide(session, case, DecisionIn(decision="go", target_stage=target.value,
                                                         comments=DECISION_COMMENTS[target]), approver)


def print_logins(instance: Path) -> None:
    """Print the demo logins saved when the demo users were created."""
    path = instance / LOGINS_FILE
    if not path.exists():
        print("demo logins: none recorded (users were created another way)")
        return
    print("demo logins (user name / password / role):")
    for username, info in json.loads(path.read_text()).items():
        print(f"  {username:10} {info['password']:14} {info['role']}")

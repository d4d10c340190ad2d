"""Benchmark the case list and search (page and query) over a generated portfolio of 100,000 cases.

Prints median and p95 per scenario and, measured in the same run, the bare `SELECT ... ORDER BY ... LIMIT 25`
as the baseline. Not a timed test: it reports figures, it does not assert them.

    .venv/bin/python benchmarks/bench_case_list.py              # 100,000 cases on PostgreSQL
    .venv/bin/python benchmarks/bench_case_list.py --cases 5000 --runs 10
    .venv/bin/python benchmarks/bench_case_list.py --sqlite --cases 20000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert, text  # noqa: E402
from sqlmodel import Session  # noqa: E402
from support.servers import PostgresServer  # noqa: E402

from legalops.auth.models import Role, User  # noqa: E402
from legalops.auth.services import create_firm, create_user  # noqa: E402
from legalops.cases.models import Case, CaseParty, Loan, Portfolio, Stage  # noqa: E402
from legalops.cases.queries import CaseFilters, list_cases  # noqa: E402
from legalops.core.identifiers import make_resident_id, make_uscc  # noqa: E402
from legalops.db.migrate import upgrade  # noqa: E402
from legalops.db.session import Database  # noqa: E402
from legalops.parties.models import Party  # noqa: E402

PASSWORD = "bench-password-1"
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
            "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂建华志海燕晓东国春梅文博子涵宏玉永刚红亮林辉鹏飞俊峰婷雪琳"
CITIES = [("310115", "上海市浦东新区", "沪0115"), ("330106", "杭州市西湖区", "浙0106"), ("440305", "深圳市南山区", "粤0305"),
          ("320106", "南京市鼓楼区", "苏0106"), ("110105", "北京市朝阳区", "京0105"), ("510107", "成都市武侯区", "川0107"),
          ("420106", "武汉市武昌区", "鄂0106"), ("370202", "青岛市市南区", "鲁0202")]
TRADES = ["贸易", "建材", "纺织", "机械制造", "电子科技", "食品", "物流", "置业", "化工", "服饰"]
BANKS = ["HX", "SH", "ZJ", "NB", "JS", "PA"]
STAGE_WEIGHTS = {Stage.intake: 8, Stage.assessment: 12, Stage.settlement: 6, Stage.litigation: 20, Stage.judgment: 12,
                 Stage.enforcement: 20, Stage.disposal: 8, Stage.closed: 8, Stage.written_off: 3, Stage.terminated: 3}
UTC = dt.UTC
NOW = dt.datetime(2026, 11, 1, tzinfo=UTC)

PARTY_COLS = ["id", "kind", "name", "id_type", "id_number", "gender", "birth_date", "ethnicity", "phone", "address",
              "residence", "employer", "position", "legal_rep", "legal_rep_title", "version", "created_at", "updated_at"]
CASE_COLS = ["id", "reference", "portfolio_id", "creditor_id", "stage", "stage_reason", "stage_changed_at", "counsel_id",
             "firm_id", "court_name", "court_case_number", "opened_on", "note", "version", "created_at", "updated_at"]
LINK_COLS = ["id", "case_id", "party_id", "role", "guarantee_limit", "guarantee_period_months", "note"]
LOAN_COLS = ["id", "case_id", "contract_number", "currency", "principal", "contract_rate", "penalty_rate",
             "compound_rate", "signed_on", "disbursed_on", "maturity_date", "default_date", "cutoff_date",
             "outstanding_principal", "outstanding_interest", "outstanding_penalty", "repayment_method", "version"]


class Generated:
    """Rows to load, and a few values the scenarios search for."""

    def __init__(self):
        self.parties: list[tuple] = []
        self.cases: list[tuple] = []
        self.links: list[tuple] = []
        self.loans: list[tuple] = []
        self.samples: dict[str, str] = {}


def _person(rng: random.Random, pid: int, region: str, city: str) -> tuple:
    born = dt.date(rng.randint(1955, 2000), rng.randint(1, 12), rng.randint(1, 28))
    serial = rng.randint(0, 999)
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    created = NOW - dt.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
    return (pid, "person", name, "resident_id", make_resident_id(region, born, serial), "M" if serial % 2 else "F",
            born, "汉族", f"13{rng.randint(100000000, 999999999)}", f"{city}人民路{rng.randint(1, 999)}号", "", "", "",
            "", "", 1, created, created)


def _company(rng: random.Random, pid: int, region: str, city: str) -> tuple:
    name = f"{city[:2]}{rng.choice(SURNAMES)}{rng.choice('华盛鑫达恒泰丰源宏瑞')}{rng.choice(TRADES)}有限公司"
    created = NOW - dt.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
    return (pid, "organisation", name, "uscc", make_uscc(f"1{region}MA{pid:07d}"[:16]), "", None, "",
            f"0{rng.randint(10, 99)}-{rng.randint(60000000, 89999999)}", f"{city}中山路{rng.randint(1, 999)}号", "", "",
            "", rng.choice(SURNAMES) + rng.choice(GIVEN), "执行董事", 1, created, created)


def generate(n: int, creditor_ids: list[int], portfolio_ids: list[int], counsel_ids: list[int],
             firm_ids: list[int], first_party_id: int) -> Generated:
    """Build `n` cases with about three parties and one loan each."""
    rng = random.Random(20261123)
    g = Generated()
    stages, weights = list(STAGE_WEIGHTS), list(STAGE_WEIGHTS.values())
    pid, link_id = first_party_id, 0
    for cid in range(1, n + 1):
        region, city, abbr = rng.choice(CITIES)
        opened = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
        updated = NOW - dt.timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
        litigating = rng.random() < 0.5
        court_number = f"({opened.year}){abbr}民初{rng.randint(1, 39999)}号" if litigating else ""
        firm = rng.choices(firm_ids + [None], weights=[40] * len(firm_ids) + [20])[0]
        g.cases.append((cid, f"LO{opened:%Y}-{cid:06d}", rng.choice(portfolio_ids), rng.choice(creditor_ids),
                        rng.choices(stages, weights)[0].value, "", updated, rng.choice(counsel_ids), firm,
                        f"{city}人民法院" if litigating else "", court_number, opened, "", 1, updated, updated))
        debtors = rng.choices((1, 2, 3, 4), weights=(10, 25, 40, 25))[0]
        for i in range(debtors):
            pid += 1
            corporate = i == 0 and rng.random() < 0.3
            g.parties.append((_company if corporate else _person)(rng, pid, region, city))
            link_id += 1
            role = "borrower" if i == 0 else rng.choice(("joint_guarantor", "joint_guarantor", "general_guarantor"))
            g.links.append((link_id, cid, pid, role, None, None, ""))
        principal = Decimal(rng.randrange(50_000, 20_000_000, 1_000))
        outstanding = (principal * Decimal(rng.randint(20, 100)) / 100).quantize(Decimal("0.01"))
        disbursed = opened - dt.timedelta(days=rng.randint(400, 2000))
        maturity = disbursed + dt.timedelta(days=365 * rng.choice((1, 2, 3)))
        g.loans.append((cid, cid, f"{rng.choice(BANKS)}{disbursed:%Y}借字第{cid:06d}号-{rng.randint(100, 999)}", "CNY",
                        principal, Decimal("4.350000"), Decimal("6.525000"), None, disbursed, disbursed, maturity,
                        maturity + dt.timedelta(days=1), dt.date(2026, 10, 31), outstanding,
                        (outstanding * Decimal("0.08")).quantize(Decimal("0.01")), Decimal("0.00"), "bullet", 1))
    return g


def _copy(conn, table: str, cols: list[str], rows: list[tuple]) -> None:
    raw = conn.connection.driver_connection
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _insert(conn, model, cols: list[str], rows: list[tuple]) -> None:
    table = model.__table__
    for start in range(0, len(rows), 5000):
        conn.execute(insert(table), [dict(zip(cols, r, strict=True)) for r in rows[start:start + 5000]])


def seed(db: Database, n: int) -> dict:
    """Create firms, users, portfolios and creditors through the services, then bulk-load `n` cases."""
    with Session(db.engine, expire_on_commit=False) as s:
        firms = [create_firm(s, name) for name in ("上海申衡律师事务所", "浙江钱塘律师事务所")]
        counsel = [create_user(s, username=f"counsel{i}", password=PASSWORD, role=Role.counsel,
                               display_name=f"{'王李张'[i]}律(法务)") for i in range(3)]
        firm_user = create_user(s, username="firm_a", password=PASSWORD, role=Role.law_firm,
                                display_name="申衡-陈律师", firm_id=firms[0].id)
        portfolios = [Portfolio(name=f"{2021 + i}年第{i % 2 + 1}期不良资产包", seller="某商业银行") for i in range(5)]
        s.add_all(portfolios)
        creditors = [Party(kind="organisation", name=f"华信资产管理股份有限公司{city[:2]}分公司", id_type="uscc",
                           id_number=make_uscc(f"1{region}MA{i:07d}"[:16]), created_at=NOW, updated_at=NOW)
                     for i, (region, city, _abbr) in enumerate(CITIES[:4])]
        s.add_all(creditors)
        s.commit()
        max_party = max(p.id for p in creditors)
        ids = {"firms": [f.id for f in firms], "counsel": [u.id for u in counsel], "firm_user": firm_user.id,
               "portfolios": [p.id for p in portfolios]}
    started = time.perf_counter()
    g = generate(n, [p.id for p in creditors], ids["portfolios"], ids["counsel"], ids["firms"], max_party)
    built = time.perf_counter() - started
    started = time.perf_counter()
    with db.engine.begin() as conn:
        if db.dialect == "postgresql":
            for table, cols, rows in (("party", PARTY_COLS, g.parties), ("legal_case", CASE_COLS, g.cases),
                                      ("case_party", LINK_COLS, g.links), ("loan", LOAN_COLS, g.loans)):
                _copy(conn, table, cols, rows)
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
        else:
            for model, cols, rows in ((Party, PARTY_COLS, g.parties), (Case, CASE_COLS, g.cases),
                                      (CaseParty, LINK_COLS, g.links), (Loan, LOAN_COLS, g.loans)):
                _insert(conn, model, cols, rows)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if db.dialect == "postgresql":
            # Steady state as autovacuum leaves it: statistics, and the visibility map set so that counts can
            # be answered from indexes alone. A snapshot held meanwhile (autovacuum's own ANALYZE) can keep
            # VACUUM from marking pages all-visible, so repeat until it has.
            for _ in range(5):
                conn.execute(text("VACUUM ANALYZE"))
                visible, pages = conn.execute(text(
                    "SELECT relallvisible, relpages FROM pg_class WHERE relname = 'legal_case'")).one()
                if visible >= pages:
                    break
                time.sleep(1)
            print(f"legal_case: {visible} of {pages} pages all-visible", flush=True)
        else:
            conn.execute(text("ANALYZE"))
    analysed = time.perf_counter() - started
    print(f"generated {n:,} cases, {len(g.parties):,} parties, {len(g.loans):,} loans: "
          f"build {built:.1f} s, load {loaded:.1f} s, analyse {analysed:.1f} s", flush=True)
    rng = random.Random(7)
    sample = g.cases[rng.randrange(n)]
    sample_link = next(link for link in g.links if link[1] == sample[0])
    borrower = g.parties[sample_link[2] - max_party - 1]
    litigated = next(c for c in g.cases[rng.randrange(n):] + g.cases if c[10])
    loan = g.loans[rng.randrange(n)]
    persons = [p for p in g.parties[:5000] if p[1] == "person" and len(p[2]) == 3]
    ids["q"] = {
        "name fragment (2 chars)": persons[0][2][1:],
        "full name": persons[1][2],
        "ID number": borrower[4],
        "contract fragment": loan[2][-10:-4],
        "reference": sample[1],
        "court case number": litigated[10],
    }
    return ids


def _stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _time(fn, runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def scenarios(ids: dict) -> list[tuple[str, str, dict, int]]:
    """Return (label, who, query args, page) for every measured scenario."""
    rows = [("list (default sort)", "counsel", {}, 1)]
    rows += [(f"search: {label}", "counsel", {"q": q}, 1) for label, q in ids["q"].items()]
    rows += [("filter: stage=litigation", "counsel", {"stage": "litigation"}, 1),
             ("filter: firm", "counsel", {"firm": ids["firms"][1]}, 1),
             ("filter: portfolio", "counsel", {"portfolio": ids["portfolios"][2]}, 1),
             ("filter: counsel", "counsel", {"counsel": ids["counsel"][1]}, 1),
             ("filter: stage+firm+portfolio", "counsel",
              {"stage": "enforcement", "firm": ids["firms"][0], "portfolio": ids["portfolios"][0]}, 1)]
    for key in ("updated", "opened_on", "reference", "stage"):
        for direction in ("desc", "asc"):
            rows.append((f"sort: {key} {direction}", "counsel", {"sort": key, "dir": direction}, 1))
    rows += [("law firm: list", "firm_a", {}, 1),
             ("law firm: search name fragment", "firm_a", {"q": ids["q"]["name fragment (2 chars)"]}, 1),
             ("law firm: filter stage", "firm_a", {"stage": "enforcement"}, 1),
             ("deep page 200", "counsel", {}, 200),
             ("deep page 200, sort reference asc", "counsel", {"sort": "reference", "dir": "asc"}, 200)]
    return rows


def _filters(args: dict) -> CaseFilters:
    return CaseFilters(q=args.get("q", ""), stage=args.get("stage", ""), firm_id=args.get("firm"),
                       portfolio_id=args.get("portfolio"), counsel_id=args.get("counsel"),
                       sort=args.get("sort", "updated"), descending=args.get("dir", "desc") != "asc")


def measure(db: Database, ids: dict, runs: int, storage: Path) -> None:
    """Time every scenario as a whole page and as the bare list_cases call; print the table."""
    from legalops import create_app

    app = create_app({"DATABASE": db, "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                      "STORAGE_DIR": str(storage)})
    clients = {}
    for who in ("counsel0", "firm_a"):
        client = app.test_client()
        response = client.post("/login", data={"username": who, "password": PASSWORD})
        assert response.status_code == 302, response.data[:300]
        clients["counsel" if who == "counsel0" else who] = client
    with Session(db.engine) as s:
        users = {"counsel": s.get(User, ids["counsel"][0]), "firm_a": s.get(User, ids["firm_user"])}
        for u in users.values():
            s.expunge(u)

    def bare():
        with db.engine.connect() as conn:
            conn.execute(text("SELECT * FROM legal_case ORDER BY updated_at DESC, id DESC LIMIT 25")).all()

    base_med, base_p95 = _stats(_time(bare, runs))
    header = f"{'scenario':38} {'rows':>7} {'page med':>9} {'page p95':>9} {'query med':>10} {'query p95':>10} {'x base':>7}"
    print(f"\n{runs} runs each after 3 warm-up runs; times in ms\n{header}\n{'-' * len(header)}")
    worst = 0.0
    for label, who, args, page in scenarios(ids):
        url = "/cases/?" + urlencode({**args, "page": page})
        client = clients[who]

        def get(client=client, url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        def query(who=who, args=args, page=page):
            with Session(db.engine) as s:
                return list_cases(s, users[who], _filters(args), page=page, per_page=25)

        total = query().total
        page_med, page_p95 = _stats(_time(get, runs))
        query_med, query_p95 = _stats(_time(query, runs))
        worst = max(worst, page_med)
        print(f"{label:38} {total:>7} {page_med:>9.1f} {page_p95:>9.1f} {query_med:>10.1f} {query_p95:>10.1f} "
              f"{page_med / base_med:>7.1f}", flush=True)
    print(f"{'baseline: bare SELECT ... LIMIT 25':38} {'':>7} {'':>9} {'':>9} {base_med:>10.2f} {base_p95:>10.2f} {1:>7.1f}")
    print(f"\nslowest page median: {worst:.1f} ms (target < 100 ms); 'x base' = page median / bare query median")


def main(argv: list[str] | None = None) -> int:
    """Start the database, load the portfolio, measure, and always stop the server."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="number of cases to generate (default 100,000)")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per scenario (default 30)")
    parser.add_argument("--sqlite", action="store_true", help="use the embedded SQLite database instead of PostgreSQL")
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="legalops-bench-"))
    # A directory of its own: the server chowns it to the postgres user, who cannot enter `base`.
    pg_base = Path(tempfile.mkdtemp(prefix="legalops-bench-pg-"))
    server = None
    db = None
    try:
        if args.sqlite:
            url = f"sqlite:///{base / 'bench.sqlite3'}"
        else:
            server = PostgresServer(pg_base).start()
            admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text("CREATE DATABASE legalops_bench"))
            admin.dispose()
            url = server.url("legalops_bench")
        db = Database(url)
        started = time.perf_counter()
        upgrade(db.engine)
        print(f"{db.dialect}: migrated in {time.perf_counter() - started:.1f} s", flush=True)
        ids = seed(db, args.cases)
        measure(db, ids, args.runs, base / "storage")
    finally:
        if db is not None:
            db.engine.dispose()
        if server is not None:
            server.stop()
        shutil.rmtree(base, ignore_errors=True)
        shutil.rmtree(pg_base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

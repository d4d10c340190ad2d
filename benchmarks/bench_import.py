"""Benchmark the portfolio import: a generated 10,000-row loan tape into SQLite and into PostgreSQL.

For each file format it prints the seconds and rows/second of the whole import (read, check every row, bulk
write, audit) and, measured in the same run, the baseline of only reading the file (`read_table`), with the
ratio between them. Not a timed test: it reports figures, it does not assert them.

    .venv/bin/python benchmarks/bench_import.py                 # 10,000 rows, XLSX and CSV, SQLite and PostgreSQL
    .venv/bin/python benchmarks/bench_import.py --rows 2000 --no-postgres
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402
from sqlalchemy import create_engine, func, select, text  # noqa: E402
from support.servers import PostgresServer  # noqa: E402

from legalops.auth.models import User  # noqa: E402
from legalops.auth.services import create_user  # noqa: E402
from legalops.cases.importing.columns import COLUMNS  # noqa: E402
from legalops.cases.importing.reader import read_table  # noqa: E402
from legalops.cases.importing.services import creditor_from_form, import_file  # noqa: E402
from legalops.cases.models import Case  # noqa: E402
from legalops.core.identifiers import make_resident_id, make_uscc  # noqa: E402
from legalops.db.migrate import upgrade  # noqa: E402
from legalops.db.session import Database  # noqa: E402

HEADERS = [c.header for c in COLUMNS if not c.key.startswith("creditor")]


def tape_rows(count: int) -> list[list]:
    """Return `count` valid loan rows (borrower, two guarantors, a mortgage on every other loan)."""
    rows = []
    for i in range(count):
        born = dt.date(1960, 1, 1) + dt.timedelta(days=i // 1000)
        person, guarantor = make_resident_id("310115", born, i % 1000), make_resident_id("330106", born, i % 1000)
        company = make_uscc(f"1310000MA{i:07d}")
        values = {
            "合同编号": f"BENCH-{i:07d}", "借款人名称": f"借款人{i}", "借款人证件号码": person, "借款人类型": "个人",
            "借款人电话": f"138{i:08d}", "借款人住所": f"上海市浦东新区测试路{i}号",
            "保证人名称": f"担保{i}有限公司；保证人{i}", "保证人证件号码": f"{company}；{guarantor}",
            "保证方式": "连带责任保证；一般保证", "币种": "人民币", "本金": f"{100000 + i * 7:,}.00",
            "合同利率": "4.35%", "罚息利率": "6.525", "复利利率": "6.525", "签订日期": "2023-01-10",
            "放款日期": "2023/1/15", "到期日期": "2024年1月15日", "逾期日期": "2023-09-15", "基准日": "2025-06-30",
            "贷款余额": f"{90000 + i * 5:,}.10", "欠息": "3,512.50", "罚息及复利": "421", "还款方式": "等额本息",
        }
        if i % 2 == 0:
            values.update({"抵押物类型": "房产", "抵押物描述": f"测试路{i}号101室", "权证编号": f"沪(2023)第{i:07d}号",
                           "抵押物坐落": f"上海市浦东新区测试路{i}号", "抵押登记金额": "1,200,000"})
        rows.append([values.get(h, "") for h in HEADERS])
    return rows


def xlsx_file(rows: list[list]) -> bytes:
    """Write the rows as an XLSX workbook."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("贷款清单")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_file(rows: list[list]) -> bytes:
    """Write the rows as GBK CSV, as Excel saves it on a Chinese Windows."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return out.getvalue().encode("gbk")


def run_once(db: Database, data: bytes, name: str, portfolio: str) -> tuple[float, dict]:
    """Import `data` into a portfolio and commit; return seconds and the report."""
    creditor = creditor_from_form("华信资产管理股份有限公司", make_uscc("1310000MA1FL0001"))
    with db.session() as session:
        actor = session.execute(select(User).where(User.username == "bench")).scalar_one_or_none()
        if actor is None:
            actor = create_user(session, username="bench", password="bench-password-1", role="counsel",
                                display_name="bench")
            session.commit()
        started, cpu = time.perf_counter(), time.process_time()
        report = import_file(session, data, filename=name, portfolio_name=portfolio, actor=actor, creditor=creditor,
                             write_progress=db.dialect != "sqlite")
        session.commit()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        report["cpu"] = cpu
        assert report["ok"], report["errors"][:3] or report["file_errors"]
        assert session.execute(select(func.count()).select_from(Case)).scalar_one() >= report["imported"]
    return seconds, report


def bench(label: str, db: Database, files: dict[str, bytes], rows: int) -> None:
    """Import each file format into its own empty schema and print the figures."""
    for fmt, data in files.items():
        started = time.perf_counter()
        read_table(data)
        baseline = time.perf_counter() - started
        _reset(db)
        seconds, report = run_once(db, data, f"tape.{fmt}", f"bench-{fmt}")
        again, second = run_once(db, data, f"tape.{fmt}", f"bench-{fmt}")
        print(f"{label:<11} {fmt:<5} {rows:>7} rows  import {seconds:6.2f} s (cpu {report['cpu']:5.2f} s)  "
              f"{rows / seconds:6.0f} rows/s  "
              f"read only {baseline:5.2f} s  ratio {seconds / baseline:4.1f}x  "
              f"re-import (all skipped) {again:5.2f} s [{second['skipped_count']} skipped]")


def _reset(db: Database) -> None:
    """Give the next import an empty schema built by the migrations, whatever tables exist now."""
    with db.engine.begin() as conn:
        if db.dialect == "sqlite":
            tables = conn.execute(text("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")).scalars().all()
            conn.execute(text("PRAGMA foreign_keys=OFF"))
            for table in tables:
                conn.execute(text(f'DROP TABLE IF EXISTS "{table}"'))
        else:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(db.engine)


def main() -> None:
    """Parse arguments, generate the tape and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    rows = tape_rows(args.rows)
    files = {"xlsx": xlsx_file(rows), "csv": csv_file(rows)}
    print(f"generated {args.rows} rows: xlsx {len(files['xlsx']) / 1e6:.1f} MB, csv {len(files['csv']) / 1e6:.1f} MB")
    base = Path(tempfile.mkdtemp(prefix="legalops-bench-import-"))
    try:
        sqlite = Database(f"sqlite:///{base / 'bench.sqlite3'}")
        bench("sqlite", sqlite, files, args.rows)
        sqlite.engine.dispose()
        if not args.no_postgres:
            # A directory of its own: the server may run as the postgres user, who cannot enter `base`.
            pg_base = Path(tempfile.mkdtemp(prefix="legalops-bench-pg-"))
            server = PostgresServer(pg_base).start()
            try:
                admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
                with admin.connect() as conn:
                    conn.execute(text("CREATE DATABASE bench"))
                admin.dispose()
                postgres = Database(server.url("bench"))
                bench("postgresql", postgres, files, args.rows)
                postgres.engine.dispose()
            finally:
                server.stop()
                shutil.rmtree(pg_base, ignore_errors=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()

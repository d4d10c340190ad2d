"""Bulk generation of the standard complaint (three defendants), DOCX + PDF, on two real RQ workers.

Starts a temporary PostgreSQL and Redis, seeds the cases, starts two `legalops worker` processes (each imports
WeasyPrint before forking, see DESIGN.md) and times one bulk job from submission to the last part finished.
The baseline is measured in the same run: a single in-process loop (generate + render + commit per case) over
a sample of the same cases, extrapolated to the bulk size and labelled so. Target: 500 filings in < 3 minutes.

    .venv/bin/python benchmarks/bench_bulk.py                 # 500 filings, baseline over 40
    .venv/bin/python benchmarks/bench_bulk.py --cases 100 --baseline 20
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import factories as f  # noqa: E402
from sqlalchemy import create_engine, select, text  # noqa: E402
from support.servers import PostgresServer, RedisServer  # noqa: E402

from legalops.db.migrate import upgrade  # noqa: E402


def _seed(app, count: int) -> list[int]:
    """Create `count` cases with three defendants and collateral; return their ids."""
    from legalops.db import commit

    with app.app_context():
        session = app.extensions["legalops.db"].session()
        counsel = f.user(session, "counsel")
        ids = [f.case(session, counsel, debtors=3, collateral=True).id for _ in range(count)]
        commit(session)
        session.close()
    return ids


def _baseline(app, case_ids: list[int]) -> float:
    """Return seconds per filing of a plain in-process loop: generate, render DOCX + PDF, commit."""
    from legalops.auth.models import User
    from legalops.cases.filings import create_case_filing
    from legalops.cases.models import Case
    from legalops.db import commit
    from legalops.documents.render import get_renderer
    from legalops.documents.services import render_filing

    with app.app_context():
        session = app.extensions["legalops.db"].session()
        renderer = get_renderer()
        user = session.execute(select(User).where(User.role == "counsel")).scalars().first()
        first = session.get(Case, case_ids[0])
        filing, _ = create_case_filing(session, first, "complaint", ("docx", "pdf"), user)
        render_filing(session, filing, renderer, app.config["STORAGE_DIR"])  # warm up, not timed
        commit(session)
        start = time.perf_counter()
        for case_id in case_ids[1:]:
            filing, _ = create_case_filing(session, session.get(Case, case_id), "complaint", ("docx", "pdf"), user)
            render_filing(session, filing, renderer, app.config["STORAGE_DIR"])
            commit(session)
        elapsed = time.perf_counter() - start
        session.close()
    return elapsed / (len(case_ids) - 1)


def _bulk(app, case_ids: list[int], env: dict, workers: int, timeout: float) -> tuple[float, dict]:
    """Start the workers, submit one bulk job and wait for it; return (wall seconds, final state)."""
    from legalops.auth.models import User
    from legalops.cases.filing_jobs import bulk_state, submit_bulk
    from legalops.db import commit
    from legalops.jobs.models import JobRecord

    command = [sys.executable, "-c", "from legalops.cli import main; main()", "worker"]
    procs = [subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for _ in range(workers)]
    try:
        time.sleep(4)  # both workers up, WeasyPrint imported, listening
        with app.app_context():
            session = app.extensions["legalops.db"].session()
            user = session.execute(select(User).where(User.role == "counsel")).scalars().first()
            start = time.perf_counter()
            record = submit_bulk(session, user, "complaint", case_ids, ("docx", "pdf"))
            bulk_id = record.id
            commit(session)
            while True:
                session.expire_all()
                state = bulk_state(session, session.get(JobRecord, bulk_id))
                if state["status"] == "finished" or time.perf_counter() - start > timeout:
                    break
                time.sleep(0.5)
            wall = time.perf_counter() - start
            session.close()
        return wall, state
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)


def main() -> None:
    """Print the bulk wall time, the time per filing and the ratio to the single in-process loop."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--baseline", type=int, default=40, help="cases in the in-process loop (extrapolated)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="legalops-bench-bulk-"))
    pg_base = Path(tempfile.mkdtemp(prefix="legalops-bench-pg-"))  # chowned to postgres by the server
    pg, redis = PostgresServer(pg_base).start(), RedisServer(base / "redis").start()
    try:
        admin = create_engine(pg.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE bench"))
        admin.dispose()
        url = pg.url("bench")
        engine = create_engine(url)
        upgrade(engine)
        engine.dispose()
        env = {**os.environ, "LEGALOPS_DATABASE_URL": url, "LEGALOPS_REDIS_URL": redis.url,
               "LEGALOPS_STORAGE_DIR": str(base / "storage"), "LEGALOPS_SECRET_KEY": "bench",
               "PYTHONPATH": str(ROOT)}
        os.environ.update({k: v for k, v in env.items() if k.startswith("LEGALOPS_")})
        from legalops import create_app

        app = create_app({"DATABASE_URL": url, "REDIS_URL": redis.url, "STORAGE_DIR": str(base / "storage"),
                          "SECRET_KEY": "bench"})
        sample = _seed(app, args.baseline + 1)
        per_filing_loop = _baseline(app, sample)
        bulk_ids = _seed(app, args.cases)
        wall, state = _bulk(app, bulk_ids, env, args.workers, args.timeout)
        loop_total = per_filing_loop * args.cases
        load = os.getloadavg()
        print(f"bulk of {args.cases} complaints (3 defendants), DOCX + PDF, {args.workers} RQ workers, PostgreSQL")
        print(f"  done {len(state['done'])}, failed {len(state['failed'])}, status {state['status']}")
        print(f"  wall {wall:7.1f} s  (target < 180 s) {'ok' if wall < 180 and not state['failed'] else 'OVER'}")
        print(f"  per filing {wall / args.cases * 1000:7.0f} ms wall")
        print(f"single in-process loop, measured over {args.baseline} cases: {per_filing_loop * 1000:.0f} ms per filing;"
              f" extrapolated to {args.cases}: {loop_total:.1f} s")
        print(f"  bulk / single loop (extrapolated) = {wall / loop_total:.2f}; speed-up {loop_total / wall:.2f}x")
        print(f"  load average after the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")
    finally:
        redis.stop()
        pg.stop()
        shutil.rmtree(base, ignore_errors=True)
        shutil.rmtree(pg_base, ignore_errors=True)


if __name__ == "__main__":
    main()

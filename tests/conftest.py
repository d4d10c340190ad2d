"""Shared fixtures: a real PostgreSQL server (and SQLite), one transaction per test, the app and its client."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).parent))

from support.servers import PostgresServer, RedisServer  # noqa: E402

from legalops.db.migrate import upgrade  # noqa: E402
from legalops.db.session import Database  # noqa: E402

TEMPLATE_DB = "legalops_template"


def pytest_sessionstart(session):
    """Compile the translation catalogues, as scripts/setup.sh does, so a bare `pytest` sees current ones."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in Path(__file__).resolve().parent.parent.glob("legalops/translations/*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as src, mo.open("wb") as out:
                write_mo(out, read_po(src))
    from legalops.enforcement.interest import register_ledger_provider

    # As create_app does: without it a test's claim would depend on whether an app was built earlier in the run.
    register_ledger_provider()


@pytest.fixture(scope="session")
def pg_server():
    """Start PostgreSQL for the whole run, with a migrated template database."""
    base = Path(tempfile.mkdtemp(prefix="legalops-pg-"))
    server = PostgresServer(base).start()
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {TEMPLATE_DB}"))
    admin.dispose()
    engine = create_engine(server.url(TEMPLATE_DB))
    upgrade(engine)
    engine.dispose()
    yield server
    server.stop()
    shutil.rmtree(base, ignore_errors=True)


_db_counter = iter(range(1, 10_000))


def fresh_pg_database(server: PostgresServer) -> str:
    """Create a new database cloned from the migrated template and return its URL."""
    name = f"legalops_{next(_db_counter)}"
    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}"))
    admin.dispose()
    return server.url(name)


@pytest.fixture(scope="session")
def pg_engine(pg_server):
    """The engine of the suite's shared PostgreSQL test database."""
    engine = create_engine(fresh_pg_database(pg_server))
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory):
    """The engine of a migrated embedded SQLite database."""
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.sqlite3'}")
    upgrade(db.engine)
    yield db.engine
    db.engine.dispose()


def _transaction(engine):
    conn = engine.connect()
    outer = conn.begin()
    try:
        yield conn
    finally:
        outer.rollback()
        conn.close()


@pytest.fixture
def connection(pg_engine):
    """A PostgreSQL connection whose transaction is rolled back after the test."""
    yield from _transaction(pg_engine)


@pytest.fixture(params=["postgresql", "sqlite"])
def any_connection(request):
    """The same test on PostgreSQL and on SQLite, each in a rolled-back transaction."""
    engine = request.getfixturevalue("pg_engine" if request.param == "postgresql" else "sqlite_engine")
    yield from _transaction(engine)


@pytest.fixture
def session(connection):
    """A session inside the test's transaction; commits become savepoints."""
    with Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as s:
        yield s


@pytest.fixture
def any_session(any_connection):
    """Like `session`, once per dialect."""
    with Session(bind=any_connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as s:
        yield s


def make_app(connection, tmp_path, **config):
    """Create the app on the test's transaction."""
    from legalops import create_app

    settings = {"DATABASE": Database.bound(connection), "SECRET_KEY": "test-secret", "TESTING": True,
                "WTF_CSRF_ENABLED": False, "STORAGE_DIR": str(tmp_path / "storage"), "JOBS_EAGER": True,
                "RATELIMIT_ENABLED": False}
    settings.update(config)
    return create_app(settings)


@pytest.fixture
def app(connection, tmp_path):
    """The app on PostgreSQL, CSRF off for convenience (a dedicated test keeps it on)."""
    return make_app(connection, tmp_path)


@pytest.fixture
def build_app(connection, tmp_path):
    """Return a factory of apps on the test's transaction with settings of the test's choosing."""
    return lambda **config: make_app(connection, tmp_path, **config)


@pytest.fixture
def client(app):
    """A test client of `app`."""
    return app.test_client()


@pytest.fixture(scope="session")
def redis_server():
    """Start Redis for the tests that use the real queue."""
    base = Path(tempfile.mkdtemp(prefix="legalops-redis-"))
    server = RedisServer(base).start()
    yield server
    server.stop()
    shutil.rmtree(base, ignore_errors=True)

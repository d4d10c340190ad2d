"""Engine and session handling; services flush, `commit` commits once and then runs hooks."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlmodel import Session

_HOOKS_KEY = "legalops.after_commit"


class Database:
    """One engine and a session factory; tests swap the factory for a transactional one."""

    def __init__(self, url: str, **engine_kwargs):
        self.url = url
        if url.startswith("sqlite"):
            engine_kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 30})
        else:
            engine_kwargs.setdefault("pool_pre_ping", True)
        self.engine: Engine = create_engine(url, **engine_kwargs)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.session_factory: Callable[[], Session] = lambda: Session(self.engine, expire_on_commit=False)

    @classmethod
    def bound(cls, connection) -> Database:
        """Return a Database whose sessions all join `connection`'s open transaction (tests)."""
        db = cls.__new__(cls)
        db.url = str(connection.engine.url)
        db.engine = connection.engine
        db.session_factory = lambda: Session(bind=connection, join_transaction_mode="create_savepoint",
                                             expire_on_commit=False)
        return db

    def session(self) -> Session:
        """Open a new session."""
        return self.session_factory()

    @property
    def dialect(self) -> str:
        """Return the dialect name, 'sqlite' or 'postgresql'."""
        return self.engine.dialect.name


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def after_commit(session: Session, hook: Callable[[], None]) -> None:
    """Run `hook` once the current unit of work has been committed (never before)."""
    session.info.setdefault(_HOOKS_KEY, []).append(hook)


def commit(session: Session) -> None:
    """Commit the unit of work, then run its after-commit hooks in order."""
    session.commit()
    hooks = session.info.pop(_HOOKS_KEY, [])
    for hook in hooks:
        hook()


def discard_hooks(session: Session) -> None:
    """Forget hooks queued by a unit of work that was rolled back."""
    session.info.pop(_HOOKS_KEY, None)


def get_session() -> Session:
    """Return the request's (or job's) session, opening it on first use."""
    from flask import current_app, g

    if "db_session" not in g:
        g.db_session = current_app.extensions["legalops.db"].session()
    return g.db_session

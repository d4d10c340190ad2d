"""Database engine, sessions, the one-commit-per-unit-of-work helper and exact column types."""

from legalops.db.session import Database, after_commit, commit, get_session
from legalops.db.types import ExactDecimal, Money, Rate

__all__ = ["Database", "ExactDecimal", "Money", "Rate", "after_commit", "commit", "get_session"]

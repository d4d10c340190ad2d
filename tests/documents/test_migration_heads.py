"""The migrations form one line: upgrading a scratch SQLite database reaches a single head with the filing table."""

from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from legalops.db.migrate import alembic_config, upgrade
from legalops.db.session import Database


def test_single_head_and_upgrade_creates_filing(tmp_path):
    url = f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
    heads = ScriptDirectory.from_config(alembic_config(url)).get_heads()
    assert len(heads) == 1, f"several migration heads: {heads}; chain the newest after the other"
    db = Database(url)
    upgrade(db.engine)
    columns = {c["name"] for c in inspect(db.engine).get_columns("filing")}
    assert {"case_id", "form_key", "version_number", "context", "stale", "approver_id"} <= columns
    db.engine.dispose()

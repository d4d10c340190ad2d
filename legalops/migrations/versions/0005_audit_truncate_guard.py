"""Audit trail: refuse TRUNCATE too (row triggers do not fire on it)

Revision ID: 0005_audit_truncate_guard
Revises: 0004_filings
"""

from alembic import op

revision = '0005_audit_truncate_guard'
down_revision = '0004_filings'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # A row-level trigger never sees TRUNCATE; only a statement-level one can refuse it.
    op.execute(
        "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry")

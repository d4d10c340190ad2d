"""Trigram search indexes and append-only audit trail on PostgreSQL

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TRGM = [
    ("ix_party_name_trgm", "party", "name"),
    ("ix_loan_contract_trgm", "loan", "contract_number"),
    ("ix_case_reference_trgm", "legal_case", "reference"),
    ("ix_case_court_number_trgm", "legal_case", "court_case_number"),
]
# Fragments of one or two characters (a Chinese surname or given name) yield no trigram; a GIN index of each
# value's characters narrows those down instead (legalops/cases/queries.py builds the matching expression).
CHARS = [
    ("ix_party_name_chars", "party", "name"),
    ("ix_loan_contract_chars", "loan", "contract_number"),
    ("ix_case_reference_chars", "legal_case", "reference"),
    ("ix_case_court_number_chars", "legal_case", "court_case_number"),
]
# The case list orders by (column, id) in one direction: these serve every sort key and page without sorting.
SORT_INDEXES = [
    ("ix_case_updated_id", ["updated_at", "id"]),
    ("ix_case_opened_id", ["opened_on", "id"]),
    ("ix_case_stage_id", ["stage", "id"]),
]


def upgrade() -> None:
    for name, columns in SORT_INDEXES:
        op.create_index(name, "legal_case", columns)
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in TRGM:
        # ILIKE '%text%' search over 100,000 cases needs trigram indexes to stay fast.
        op.execute(f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)")
    for name, table, column in CHARS:
        op.execute(f"CREATE INDEX {name} ON {table} USING gin (string_to_array(lower({column}), NULL::text))")
    op.execute(
        """
        CREATE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'audit_entry is append-only';
        END;
        $$ LANGUAGE plpgsql
        """
    )
    op.execute(
        "CREATE TRIGGER audit_entry_no_rewrite BEFORE UPDATE OR DELETE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()"
    )


def downgrade() -> None:
    for name, _columns in SORT_INDEXES:
        op.drop_index(name, "legal_case")
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS audit_entry_no_rewrite ON audit_entry")
    op.execute("DROP FUNCTION IF EXISTS audit_entry_append_only()")
    for name, _table, _column in TRGM + CHARS:
        op.execute(f"DROP INDEX IF EXISTS {name}")

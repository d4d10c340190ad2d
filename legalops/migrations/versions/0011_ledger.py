"""Recovery ledger (append-only entries and allocations), claim costs, settlement plans, month close, reconciliation

Revision ID: 0011_ledger
Revises: 0012_form_versions
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel
import legalops.db.types

revision = '0011_ledger'
down_revision = '0012_form_versions'
branch_labels = None
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString
T = sqlmodel.sql.sqltypes.UTCDateTime


def money():
    return legalops.db.types.ExactDecimal(scale=2, precision=18)


APPEND_ONLY = ("ledger_entry", "ledger_allocation")


def upgrade() -> None:
    op.create_table('ledger_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), sa.ForeignKey('legal_case.id'), nullable=False),
    sa.Column('debtor_party_id', sa.Integer(), sa.ForeignKey('party.id'), nullable=True),
    sa.Column('amount', money(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('period', S(length=7), nullable=False),
    sa.Column('source', S(length=30), nullable=False),
    sa.Column('payer', S(length=200), nullable=False),
    sa.Column('reference', S(length=120), nullable=False),
    sa.Column('allocation_basis', S(length=12), nullable=False),
    sa.Column('allocation_order', S(length=200), nullable=False),
    sa.Column('citation', S(length=300), nullable=False),
    sa.Column('reverses_id', sa.Integer(), sa.ForeignKey('ledger_entry.id'), nullable=True, unique=True),
    sa.Column('reason', S(length=500), nullable=False),
    sa.Column('created_by_id', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True),
    sa.Column('created_at', T(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    for column in ('case_id', 'debtor_party_id', 'received_on', 'period'):
        op.create_index(f'ix_ledger_entry_{column}', 'ledger_entry', [column])
    op.create_table('ledger_allocation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), sa.ForeignKey('ledger_entry.id'), nullable=False),
    sa.Column('part', S(length=20), nullable=False),
    sa.Column('amount', money(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('entry_id', 'part'),
    )
    op.create_index('ix_ledger_allocation_entry_id', 'ledger_allocation', ['entry_id'])
    op.create_table('claim_cost',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), sa.ForeignKey('legal_case.id'), nullable=False),
    sa.Column('kind', S(length=40), nullable=False),
    sa.Column('amount', money(), nullable=False),
    sa.Column('incurred_on', sa.Date(), nullable=False),
    sa.Column('description', S(length=300), nullable=False),
    sa.Column('created_by_id', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True),
    sa.Column('created_at', T(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_claim_cost_case_id', 'claim_cost', ['case_id'])
    op.create_table('settlement_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), sa.ForeignKey('legal_case.id'), nullable=False),
    sa.Column('debtor_party_id', sa.Integer(), sa.ForeignKey('party.id'), nullable=True),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('note', S(length=500), nullable=False),
    sa.Column('created_by_id', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True),
    sa.Column('created_at', T(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_settlement_plan_case_id', 'settlement_plan', ['case_id'])
    op.create_table('settlement_instalment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), sa.ForeignKey('settlement_plan.id'), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('amount', money(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'number'),
    )
    op.create_index('ix_settlement_instalment_plan_id', 'settlement_instalment', ['plan_id'])
    op.create_table('month_close',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period', S(length=7), nullable=False, unique=True),
    sa.Column('closed_by_id', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True),
    sa.Column('closed_at', T(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_table('bank_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', S(length=120), nullable=False),
    sa.Column('bank', S(length=120), nullable=False),
    sa.Column('account_number', S(length=40), nullable=False),
    sa.Column('column_mapping', sa.JSON(), nullable=False),
    sa.Column('created_at', T(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_bank_account_account_number', 'bank_account', ['account_number'], unique=True)
    op.create_table('statement_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), sa.ForeignKey('bank_account.id'), nullable=False),
    sa.Column('filename', S(length=200), nullable=False),
    sa.Column('sha256', S(length=64), nullable=False),
    sa.Column('lines_new', sa.Integer(), nullable=False),
    sa.Column('lines_duplicate', sa.Integer(), nullable=False),
    sa.Column('lines_matched', sa.Integer(), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True),
    sa.Column('imported_at', T(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_statement_import_account_id', 'statement_import', ['account_id'])
    op.create_table('statement_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), sa.ForeignKey('bank_account.id'), nullable=False),
    sa.Column('import_id', sa.Integer(), sa.ForeignKey('statement_import.id'), nullable=False),
    sa.Column('line_key', S(length=80), nullable=False),
    sa.Column('booked_on', sa.Date(), nullable=False),
    sa.Column('amount', money(), nullable=False),
    sa.Column('payer', S(length=200), nullable=False),
    sa.Column('memo', S(length=500), nullable=False),
    sa.Column('serial', S(length=80), nullable=False),
    sa.Column('status', S(length=10), nullable=False),
    sa.Column('reason', S(length=500), nullable=False),
    sa.Column('period', S(length=7), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('account_id', 'line_key'),
    )
    for column in ('account_id', 'import_id', 'booked_on', 'status', 'period'):
        op.create_index(f'ix_statement_line_{column}', 'statement_line', [column])
    op.create_table('expected_recovery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), sa.ForeignKey('legal_case.id'), nullable=False),
    sa.Column('source', S(length=30), nullable=False),
    sa.Column('amount', money(), nullable=False),
    sa.Column('expected_on', sa.Date(), nullable=False),
    sa.Column('window_days', sa.Integer(), nullable=False),
    sa.Column('payer', S(length=200), nullable=False),
    sa.Column('references', S(length=300), nullable=False),
    sa.Column('origin', S(length=40), nullable=False),
    sa.Column('origin_id', S(length=40), nullable=False),
    sa.Column('debtor_party_id', sa.Integer(), sa.ForeignKey('party.id'), nullable=True),
    sa.Column('status', S(length=10), nullable=False),
    sa.Column('created_at', T(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    for column in ('case_id', 'expected_on', 'status'):
        op.create_index(f'ix_expected_recovery_{column}', 'expected_recovery', [column])
    op.create_table('line_match',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), sa.ForeignKey('statement_line.id'), nullable=False),
    sa.Column('case_id', sa.Integer(), sa.ForeignKey('legal_case.id'), nullable=False),
    sa.Column('amount', money(), nullable=False),
    sa.Column('expected_id', sa.Integer(), sa.ForeignKey('expected_recovery.id'), nullable=True),
    sa.Column('entry_id', sa.Integer(), sa.ForeignKey('ledger_entry.id'), nullable=False),
    sa.Column('method', S(length=10), nullable=False),
    sa.Column('matched_by_id', sa.Integer(), sa.ForeignKey('app_user.id'), nullable=True),
    sa.Column('matched_at', T(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    )
    for column in ('line_id', 'case_id', 'entry_id'):
        op.create_index(f'ix_line_match_{column}', 'line_match', [column])

    if op.get_bind().dialect.name != "postgresql":
        return
    # Money entries are append-only at the database too: a correction is a reversal, never an edit.
    op.execute(
        """
        CREATE FUNCTION ledger_append_only() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only; reverse the entry instead', TG_TABLE_NAME;
        END;
        $$ LANGUAGE plpgsql
        """
    )
    for table in APPEND_ONLY:
        op.execute(f"CREATE TRIGGER {table}_no_rewrite BEFORE UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION ledger_append_only()")
        op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_rewrite ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS ledger_append_only()")
    for table in ('line_match', 'expected_recovery', 'statement_line', 'statement_import', 'bank_account',
                  'month_close', 'settlement_instalment', 'settlement_plan', 'claim_cost', 'ledger_allocation',
                  'ledger_entry'):
        op.drop_table(table)

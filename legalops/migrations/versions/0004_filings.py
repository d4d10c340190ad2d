"""Court filings: versioned generated documents per case and form

Revision ID: 0004_filings
Revises: 0003_assessment
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0004_filings'
down_revision = '0003_assessment'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('filing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('form_key', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('form_version', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('formats', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('docx_path', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('docx_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('pdf_path', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('pdf_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('render_state', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('render_error', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('context', sa.JSON(), nullable=False),
    sa.Column('context_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('snapshot_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('rule_versions', sa.JSON(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('stale', sa.Boolean(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('approver_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('filed_on', sa.Date(), nullable=True),
    sa.Column('filed_court', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint('approver_id IS NULL OR approver_id <> author_id', name='ck_filing_approver_not_author'),
    sa.ForeignKeyConstraint(['approver_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_id', 'form_key', 'version_number', name='uq_filing_case_form_version')
    )
    with op.batch_alter_table('filing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_filing_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_filing_context_sha256'), ['context_sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_filing_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('filing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_filing_status'))
        batch_op.drop_index(batch_op.f('ix_filing_context_sha256'))
        batch_op.drop_index(batch_op.f('ix_filing_case_id'))
    op.drop_table('filing')

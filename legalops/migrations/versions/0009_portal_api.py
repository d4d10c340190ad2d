"""Law-firm portal and API: court documents, firm updates, firm API tokens, idempotency keys

Revision ID: 0009_portal_api
Revises: 0008_litigation_enforcement
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0009_portal_api'
down_revision = '0008_litigation_enforcement'
branch_labels = None
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString
T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table('case_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', S(length=20), nullable=False),
    sa.Column('title', S(length=200), nullable=False),
    sa.Column('original_name', S(length=255), nullable=False),
    sa.Column('storage_path', S(length=120), nullable=False),
    sa.Column('sha256', S(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime', S(length=100), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('firm_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', T(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('case_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_document_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_document_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_document_uploaded_at'), ['uploaded_at'], unique=False)

    op.create_table('firm_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('prefix', S(length=16), nullable=False),
    sa.Column('token_hash', S(length=64), nullable=False),
    sa.Column('label', S(length=120), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', T(), nullable=False),
    sa.Column('expires_at', T(), nullable=True),
    sa.Column('revoked_at', T(), nullable=True),
    sa.Column('last_used_at', T(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('firm_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_firm_token_firm_id'), ['firm_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_firm_token_token_hash'), ['token_hash'], unique=True)

    op.create_table('case_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('token_id', sa.Integer(), nullable=True),
    sa.Column('author_name', S(length=200), nullable=False),
    sa.Column('kind', S(length=30), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('status', S(length=10), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('reason', S(length=1000), nullable=False),
    sa.Column('created_at', T(), nullable=False),
    sa.Column('reviewed_at', T(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['document_id'], ['case_document.id'], ),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.ForeignKeyConstraint(['reviewer_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['token_id'], ['firm_token.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('case_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_update_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_update_firm_id'), ['firm_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_update_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_update_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_update_created_at'), ['created_at'], unique=False)

    op.create_table('api_idempotency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('key', S(length=200), nullable=False),
    sa.Column('method', S(length=10), nullable=False),
    sa.Column('path', S(length=300), nullable=False),
    sa.Column('request_hash', S(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('response', sa.JSON(), nullable=False),
    sa.Column('created_at', T(), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('firm_id', 'key', name='uq_api_idempotency_firm_key')
    )
    with op.batch_alter_table('api_idempotency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_idempotency_firm_id'), ['firm_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_api_idempotency_created_at'), ['created_at'], unique=False)


def downgrade() -> None:
    for table in ('api_idempotency', 'case_update', 'firm_token', 'case_document'):
        op.drop_table(table)

"""Deadlines calendar: deadlines, calendar-feed tokens, in-app notifications

Revision ID: 0007_deadlines
Revises: 0006_demand_deliveries
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0007_deadlines'
down_revision = '0006_demand_deliveries'
branch_labels = None
depends_on = None

_str = sqlmodel.sql.sqltypes.AutoString
_ts = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table('deadline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', _str(length=30), nullable=False),
    sa.Column('title', _str(length=300), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('citation', _str(length=2000), nullable=False),
    sa.Column('source', _str(length=60), nullable=False),
    sa.Column('source_id', _str(length=60), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.Column('responsible_id', sa.Integer(), nullable=True),
    sa.Column('state', _str(length=12), nullable=False),
    sa.Column('provisional', sa.Boolean(), nullable=False),
    sa.Column('provisional_note', _str(length=1000), nullable=False),
    sa.Column('done_at', _ts(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', _ts(), nullable=False),
    sa.Column('updated_at', _ts(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], ),
    sa.ForeignKeyConstraint(['responsible_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['done_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_responsible_id'), ['responsible_id'], unique=False)
        batch_op.create_index('ix_deadline_state_due_on', ['state', 'due_on'], unique=False)
    # coalesce: a plain unique constraint would let rows whose party_id is NULL repeat.
    op.create_index('uq_deadline_source_kind_party', 'deadline',
                    ['source', 'source_id', 'kind', sa.text('coalesce(party_id, 0)')], unique=True)

    op.create_table('calendar_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', _str(length=64), nullable=False),
    sa.Column('label', _str(length=100), nullable=False),
    sa.Column('created_at', _ts(), nullable=False),
    sa.Column('revoked_at', _ts(), nullable=True),
    sa.Column('last_used_at', _ts(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('calendar_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_token_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calendar_token_token_hash'), ['token_hash'], unique=True)

    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', _str(length=40), nullable=False),
    sa.Column('key', _str(length=120), nullable=False),
    sa.Column('text', _str(length=1000), nullable=False),
    sa.Column('link', _str(length=300), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('emailed_at', _ts(), nullable=True),
    sa.Column('created_at', _ts(), nullable=False),
    sa.Column('read_at', _ts(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'key', name='uq_notification_user_key'),
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_table('notification')
    op.drop_table('calendar_token')
    op.drop_index('uq_deadline_source_kind_party', table_name='deadline')
    op.drop_table('deadline')

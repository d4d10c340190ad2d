"""Demand-letter deliveries; debt acquired by assignment and the litigation agent on the case

Revision ID: 0006_demand_deliveries
Revises: 0005_audit_truncate_guard
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0006_demand_deliveries'
down_revision = '0005_audit_truncate_guard'
branch_labels = None
depends_on = None

CASE_COLUMNS = ("acquired_by_assignment", "assignor", "assignment_date", "assignment_notice_date", "agent_name",
                "agent_phone")


def upgrade() -> None:
    op.create_table('demand_delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('delivered_on', sa.Date(), nullable=False),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('tracking_number', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('proof', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('filing_id', sa.Integer(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], ),
    sa.ForeignKeyConstraint(['filing_id'], ['filing.id'], ),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('demand_delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_demand_delivery_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_demand_delivery_party_id'), ['party_id'], unique=False)
    with op.batch_alter_table('legal_case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acquired_by_assignment', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('assignor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('assignment_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('assignment_notice_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('agent_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('agent_phone', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('legal_case', schema=None) as batch_op:
        for name in reversed(CASE_COLUMNS):
            batch_op.drop_column(name)
    with op.batch_alter_table('demand_delivery', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_demand_delivery_party_id'))
        batch_op.drop_index(batch_op.f('ix_demand_delivery_case_id'))
    op.drop_table('demand_delivery')

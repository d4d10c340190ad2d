"""Disposal: reference prices with inquiry quotes and objections, other creditors' encumbrances, auction rounds

Revision ID: 0010_disposal
Revises: 0009_portal_api
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel
import legalops.db.types


revision = '0010_disposal'
down_revision = '0009_portal_api'
branch_labels = None
depends_on = None

_str = sqlmodel.sql.sqltypes.AutoString
_ts = sqlmodel.sql.sqltypes.UTCDateTime
_money = legalops.db.types.ExactDecimal(scale=2, precision=18)


def _index(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def upgrade() -> None:
    op.create_table('reference_price',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('collateral_id', sa.Integer(), nullable=False),
    sa.Column('method', _str(length=20), nullable=False),
    sa.Column('value', _money, nullable=False),
    sa.Column('determined_on', sa.Date(), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=True),
    sa.Column('served_on', sa.Date(), nullable=True),
    sa.Column('agency', _str(length=200), nullable=False),
    sa.Column('report_number', _str(length=120), nullable=False),
    sa.Column('note', _str(length=1000), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', _ts(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['collateral_id'], ['collateral.id'], ),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _index('reference_price', 'case_id', 'collateral_id')

    op.create_table('inquiry_quote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference_price_id', sa.Integer(), nullable=False),
    sa.Column('platform', _str(length=100), nullable=False),
    sa.Column('amount', _money, nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['reference_price_id'], ['reference_price.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _index('inquiry_quote', 'reference_price_id')

    op.create_table('price_objection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('reference_price_id', sa.Integer(), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=False),
    sa.Column('party', _str(length=200), nullable=False),
    sa.Column('grounds', _str(length=2000), nullable=False),
    sa.Column('outcome', _str(length=20), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['reference_price_id'], ['reference_price.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _index('price_objection', 'case_id', 'reference_price_id')

    op.create_table('encumbrance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('collateral_id', sa.Integer(), nullable=False),
    sa.Column('creditor', _str(length=200), nullable=False),
    sa.Column('kind', _str(length=30), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('secured_amount', _money, nullable=False),
    sa.Column('note', _str(length=500), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['collateral_id'], ['collateral.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _index('encumbrance', 'case_id', 'collateral_id')

    op.create_table('auction_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('collateral_id', sa.Integer(), nullable=False),
    sa.Column('mode', _str(length=20), nullable=False),
    sa.Column('platform', _str(length=100), nullable=False),
    sa.Column('listing_url', _str(length=500), nullable=False),
    sa.Column('round_number', sa.Integer(), nullable=False),
    sa.Column('after_default', sa.Boolean(), nullable=False),
    sa.Column('reserve_price', _money, nullable=False),
    sa.Column('deposit', _money, nullable=False),
    sa.Column('bid_increment', _money, nullable=True),
    sa.Column('announced_on', sa.Date(), nullable=False),
    sa.Column('starts_at', _ts(), nullable=False),
    sa.Column('ends_at', _ts(), nullable=False),
    sa.Column('status', _str(length=20), nullable=False),
    sa.Column('bids_count', sa.Integer(), nullable=True),
    sa.Column('winning_bid', _money, nullable=True),
    sa.Column('buyer', _str(length=200), nullable=False),
    sa.Column('payment_deadline', sa.Date(), nullable=True),
    sa.Column('ruling_number', _str(length=120), nullable=False),
    sa.Column('ruling_on', sa.Date(), nullable=True),
    sa.Column('transferred_on', sa.Date(), nullable=True),
    sa.Column('enforcement_costs', _money, nullable=False),
    sa.Column('override_reason', _str(length=1000), nullable=False),
    sa.Column('violations', sa.JSON(), nullable=True),
    sa.Column('checks', sa.JSON(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', _ts(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['collateral_id'], ['collateral.id'], ),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    _index('auction_round', 'case_id', 'collateral_id', 'status')


def downgrade() -> None:
    for table in ('auction_round', 'encumbrance', 'price_objection', 'inquiry_quote', 'reference_price'):
        op.drop_table(table)

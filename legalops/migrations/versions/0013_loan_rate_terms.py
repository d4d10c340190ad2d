"""Loans carry their floating-rate clause (e.g. 1Y LPR + 1.5%) for the claim calculation statement

Revision ID: 0013_loan_rate_terms
Revises: 0011_ledger
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0013_loan_rate_terms'
down_revision = '0011_ledger'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('loan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rate_terms', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('loan', schema=None) as batch_op:
        batch_op.drop_column('rate_terms')

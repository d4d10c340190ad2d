"""Litigation and enforcement: proceedings, events, judgments with awards per party, measures and renewals,
enforcement cases, property leads, money received through the court

Revision ID: 0008_litigation_enforcement
Revises: 0013_loan_rate_terms
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel
import legalops.db.types


revision = '0008_litigation_enforcement'
down_revision = '0013_loan_rate_terms'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('phase', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('asset_type', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('object_description', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('ruling_number', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('imposed_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('renew_by', sa.Date(), nullable=False),
    sa.Column('amount', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_measure_case_id'), 'measure', ['case_id'], unique=False)
    op.create_index(op.f('ix_measure_expires_on'), 'measure', ['expires_on'], unique=False)
    op.create_table('proceeding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('court_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('jurisdiction_basis', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('court_case_number', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('judge', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('procedure', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=True),
    sa.Column('accepted_on', sa.Date(), nullable=True),
    sa.Column('fees_paid', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_proceeding_case_id'), 'proceeding', ['case_id'], unique=False)
    op.create_index(op.f('ix_proceeding_court_case_number'), 'proceeding', ['court_case_number'], unique=False)
    op.create_table('property_lead',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('identifier', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_property_lead_case_id'), 'property_lead', ['case_id'], unique=False)
    op.create_table('judgment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('proceeding_id', sa.Integer(), nullable=False),
    sa.Column('document_kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('performance_days', sa.Integer(), nullable=True),
    sa.Column('debt_amount', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=False),
    sa.Column('interest_amount', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=False),
    sa.Column('costs_amount', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['proceeding_id'], ['proceeding.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_judgment_case_id'), 'judgment', ['case_id'], unique=False)
    op.create_index(op.f('ix_judgment_proceeding_id'), 'judgment', ['proceeding_id'], unique=False)
    op.create_table('litigation_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('proceeding_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.Column('hearing_time', sa.Time(), nullable=True),
    sa.Column('courtroom', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], ),
    sa.ForeignKeyConstraint(['proceeding_id'], ['proceeding.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_litigation_event_case_id'), 'litigation_event', ['case_id'], unique=False)
    op.create_index(op.f('ix_litigation_event_proceeding_id'), 'litigation_event', ['proceeding_id'], unique=False)
    op.create_table('measure_renewal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('renewed_on', sa.Date(), nullable=False),
    sa.Column('previous_expires_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('ruling_number', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['measure.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_measure_renewal_measure_id'), 'measure_renewal', ['measure_id'], unique=False)
    op.create_table('enforcement_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('judgment_id', sa.Integer(), nullable=True),
    sa.Column('court_case_number', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('court_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('judge', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('applied_on', sa.Date(), nullable=False),
    sa.Column('accepted_on', sa.Date(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('terminated_on', sa.Date(), nullable=True),
    sa.Column('termination_reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('resumed_from_id', sa.Integer(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closure_reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['judgment_id'], ['judgment.id'], ),
    sa.ForeignKeyConstraint(['resumed_from_id'], ['enforcement_case.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_enforcement_case_case_id'), 'enforcement_case', ['case_id'], unique=False)
    op.create_index(op.f('ix_enforcement_case_court_case_number'), 'enforcement_case', ['court_case_number'], unique=False)
    op.create_table('judgment_party',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('judgment_id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('served_on', sa.Date(), nullable=True),
    sa.Column('domiciled_in_china', sa.Boolean(), nullable=False),
    sa.Column('liability', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('amount', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=True),
    sa.Column('collateral_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['collateral_id'], ['collateral.id'], ),
    sa.ForeignKeyConstraint(['judgment_id'], ['judgment.id'], ),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_judgment_party_judgment_id'), 'judgment_party', ['judgment_id'], unique=False)
    op.create_index(op.f('ix_judgment_party_party_id'), 'judgment_party', ['party_id'], unique=False)
    op.create_table('court_receipt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('enforcement_case_id', sa.Integer(), nullable=True),
    sa.Column('amount', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('payer', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('ledger_entry_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['enforcement_case_id'], ['enforcement_case.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_court_receipt_case_id'), 'court_receipt', ['case_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_court_receipt_case_id'), table_name='court_receipt')
    op.drop_table('court_receipt')
    op.drop_index(op.f('ix_judgment_party_party_id'), table_name='judgment_party')
    op.drop_index(op.f('ix_judgment_party_judgment_id'), table_name='judgment_party')
    op.drop_table('judgment_party')
    op.drop_index(op.f('ix_enforcement_case_court_case_number'), table_name='enforcement_case')
    op.drop_index(op.f('ix_enforcement_case_case_id'), table_name='enforcement_case')
    op.drop_table('enforcement_case')
    op.drop_index(op.f('ix_measure_renewal_measure_id'), table_name='measure_renewal')
    op.drop_table('measure_renewal')
    op.drop_index(op.f('ix_litigation_event_proceeding_id'), table_name='litigation_event')
    op.drop_index(op.f('ix_litigation_event_case_id'), table_name='litigation_event')
    op.drop_table('litigation_event')
    op.drop_index(op.f('ix_judgment_proceeding_id'), table_name='judgment')
    op.drop_index(op.f('ix_judgment_case_id'), table_name='judgment')
    op.drop_table('judgment')
    op.drop_index(op.f('ix_property_lead_case_id'), table_name='property_lead')
    op.drop_table('property_lead')
    op.drop_index(op.f('ix_proceeding_court_case_number'), table_name='proceeding')
    op.drop_index(op.f('ix_proceeding_case_id'), table_name='proceeding')
    op.drop_table('proceeding')
    op.drop_index(op.f('ix_measure_expires_on'), table_name='measure')
    op.drop_index(op.f('ix_measure_case_id'), table_name='measure')
    op.drop_table('measure')

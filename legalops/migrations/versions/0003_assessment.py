"""Assessment: per-case assessment, evidence checklist, dated case events, go / no-go decisions

Revision ID: 0003_assessment
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel
import legalops.db.types


revision = '0003_assessment'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('claim_amount', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=True),
    sa.Column('notarised_contract', sa.Boolean(), nullable=False),
    sa.Column('debt_uncontested', sa.Boolean(), nullable=False),
    sa.Column('debtor_reachable', sa.Boolean(), nullable=False),
    sa.Column('collateral_value', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=True),
    sa.Column('expected_round', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('prior_claims', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=False),
    sa.Column('appraisal_cost', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=False),
    sa.Column('auction_cost', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=False),
    sa.Column('lawyer_fee', legalops.db.types.ExactDecimal(scale=2, precision=18), nullable=True),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('prepared_by_id', sa.Integer(), nullable=True),
    sa.Column('prepared_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('findings', sa.JSON(), nullable=True),
    sa.Column('findings_as_of', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['prepared_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_case_id'), ['case_id'], unique=True)

    op.create_table('assessment_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('target_stage', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('route', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('comments', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('prepared_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.Column('decided_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], ),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['decided_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['prepared_by_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('assessment_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_decision_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_decision_case_id'), ['case_id'], unique=False)

    op.create_table('assessment_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], ),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('assessment_id', 'kind')
    )
    with op.batch_alter_table('assessment_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_evidence_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_evidence_case_id'), ['case_id'], unique=False)

    op.create_table('case_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('debtor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['legal_case.id'], ),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['debtor_id'], ['case_party.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_event_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_event_debtor_id'), ['debtor_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_event_debtor_id'))
        batch_op.drop_index(batch_op.f('ix_case_event_case_id'))

    op.drop_table('case_event')
    with op.batch_alter_table('assessment_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_evidence_case_id'))
        batch_op.drop_index(batch_op.f('ix_assessment_evidence_assessment_id'))

    op.drop_table('assessment_evidence')
    with op.batch_alter_table('assessment_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_decision_case_id'))
        batch_op.drop_index(batch_op.f('ix_assessment_decision_assessment_id'))

    op.drop_table('assessment_decision')
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_case_id'))

    op.drop_table('assessment')

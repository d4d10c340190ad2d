"""Uploaded DOCX versions of court forms; filings record the uploaded version they used

Revision ID: 0012_form_versions
Revises: 0007_deadlines
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0012_form_versions'
down_revision = '0007_deadlines'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('form_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('form_key', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('path', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.Column('activated_at', sa.DateTime(), nullable=True),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['previous_id'], ['form_version.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('form_key', 'label', name='uq_form_version_label'),
    sa.UniqueConstraint('form_key', 'sha256', name='uq_form_version_sha256'),
    )
    op.create_index(op.f('ix_form_version_form_key'), 'form_version', ['form_key'], unique=False)
    op.create_index(op.f('ix_form_version_status'), 'form_version', ['status'], unique=False)
    # At most one active version per form, enforced by the database (partial unique index).
    op.create_index('uq_form_version_one_active', 'form_version', ['form_key'], unique=True,
                    postgresql_where=sa.text("status = 'active'"), sqlite_where=sa.text("status = 'active'"))
    with op.batch_alter_table('filing') as batch:
        batch.add_column(sa.Column('form_version_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_filing_form_version', 'form_version', ['form_version_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('filing') as batch:
        batch.drop_constraint('fk_filing_form_version', type_='foreignkey')
        batch.drop_column('form_version_id')
    op.drop_index('uq_form_version_one_active', table_name='form_version')
    op.drop_index(op.f('ix_form_version_status'), table_name='form_version')
    op.drop_index(op.f('ix_form_version_form_key'), table_name='form_version')
    op.drop_table('form_version')

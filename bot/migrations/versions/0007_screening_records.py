"""screening records: de-identified results of completed staff screens

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('screening_record',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('instrument', sa.String(length=60), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('county', sa.String(length=40), nullable=True),
    sa.Column('band', sa.String(length=20), nullable=False),
    sa.Column('positive_domains', sa.String(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('screening_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_screening_record_day'), ['day'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('screening_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_screening_record_day'))
    op.drop_table('screening_record')

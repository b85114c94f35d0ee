"""aggregates: de-identified counts for county reports (no identifier, month granularity)

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('aggregate_event',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('county', sa.String(length=40), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('aggregate_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aggregate_event_month'), ['month'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('aggregate_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aggregate_event_month'))
    op.drop_table('aggregate_event')

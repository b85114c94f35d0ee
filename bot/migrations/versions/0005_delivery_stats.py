"""sms delivery daily counts

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 13:50:29.380894
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sms_delivery_daily',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', 'status')
    )


def downgrade() -> None:
    op.drop_table('sms_delivery_daily')

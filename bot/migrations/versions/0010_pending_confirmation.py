"""pending yes/no confirmations asked by a channel (erase everything?)

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pending_confirmation',
                    sa.Column('conversation_id', sa.String(length=100), nullable=False),
                    sa.Column('channel', sa.String(length=20), nullable=False),
                    sa.Column('action', sa.String(length=30), nullable=False),
                    sa.Column('expires_at', sa.DateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('conversation_id', 'channel'))


def downgrade() -> None:
    op.drop_table('pending_confirmation')

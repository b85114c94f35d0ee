"""handoff: last youth message time and when the 24/7 lines were given

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('handoff') as batch:
        batch.add_column(sa.Column('last_youth_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('fallback_sent_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('handoff') as batch:
        batch.drop_column('fallback_sent_at')
        batch.drop_column('last_youth_at')

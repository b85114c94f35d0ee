"""advocate console: accounts, sessions, audit log, notes, canned replies, outbound messages

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# Short trauma-informed replies (GSM-7, <= 320 characters); admins edit them in the console.
SEED_CANNED = [
    ("Introduce", "Hi, I'm an advocate with Harbor, a real person. I'm here to listen. You choose what to share, "
                  "and you can stop any time. If you are in danger right now, call 911."),
    ("Check safety", "Are you safe right now? You can answer yes, no, or not sure. Any answer is OK."),
    ("Shelter", "I can look for a safe place for you to sleep tonight. What city, county or ZIP are you near? "
                "You don't have to tell me more than that."),
    ("Hotline", "You can also reach the National Human Trafficking Hotline 24/7: call 1-888-373-7888 or "
                "text 233733. It is free and confidential."),
    ("Not your fault", "What happened is not your fault. Thank you for telling me. We can go at your pace."),
    ("Still here", "I'm still here. Take your time. If you need to go, that's OK. You can write again later."),
]


def upgrade() -> None:
    op.create_table('advocate',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('on_duty', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('advocate_session',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('advocate_id', sa.Integer(), nullable=False),
    sa.Column('csrf_token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['advocate_id'], ['advocate.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash')
    )
    op.create_index('ix_advocate_session_advocate_id', 'advocate_session', ['advocate_id'])
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('advocate', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('conversation_id', sa.String(length=100), nullable=True),
    sa.Column('detail', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_audit_log_at', 'audit_log', ['at'])
    op.create_index('ix_audit_log_conversation_id', 'audit_log', ['conversation_id'])
    op.create_table('handoff_note',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('handoff_id', sa.String(length=36), nullable=False),
    sa.Column('conversation_id', sa.String(length=100), nullable=False),
    sa.Column('advocate', sa.String(length=100), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_handoff_note_handoff_id', 'handoff_note', ['handoff_id'])
    op.create_index('ix_handoff_note_conversation_id', 'handoff_note', ['conversation_id'])
    canned = op.create_table('canned_reply',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('text', sa.String(length=320), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('outbound_message',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('conversation_id', sa.String(length=100), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('delivered_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_outbound_message_conversation_id', 'outbound_message', ['conversation_id'])
    op.bulk_insert(canned, [{"title": title, "text": text} for title, text in SEED_CANNED])


def downgrade() -> None:
    op.drop_index('ix_outbound_message_conversation_id', table_name='outbound_message')
    op.drop_table('outbound_message')
    op.drop_table('canned_reply')
    op.drop_index('ix_handoff_note_conversation_id', table_name='handoff_note')
    op.drop_index('ix_handoff_note_handoff_id', table_name='handoff_note')
    op.drop_table('handoff_note')
    op.drop_index('ix_audit_log_conversation_id', table_name='audit_log')
    op.drop_index('ix_audit_log_at', table_name='audit_log')
    op.drop_table('audit_log')
    op.drop_index('ix_advocate_session_advocate_id', table_name='advocate_session')
    op.drop_table('advocate_session')
    op.drop_table('advocate')

"""participants.connection_id indexed: a closing connection finds every participant it held

Revision ID: f3a8d1c6b2e4
Revises: e2b6c0f4a913
Create Date: 2026-12-01 22:00:00

"""
from alembic import op

revision = 'f3a8d1c6b2e4'
down_revision = 'e2b6c0f4a913'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index('ix_participants_connection_id', ['connection_id'], unique=False)


def downgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index('ix_participants_connection_id')

"""participants.connection_id: only the newest connection's closing counts as leaving

Revision ID: e2b6c0f4a913
Revises: d7a93b5c1e08
Create Date: 2026-11-25 17:45:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e2b6c0f4a913'
down_revision = 'd7a93b5c1e08'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('connection_id', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('connection_id')

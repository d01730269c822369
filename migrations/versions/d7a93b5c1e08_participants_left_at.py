"""participants.left_at: phones that left free their seat after a grace period

Revision ID: d7a93b5c1e08
Revises: c41f0a9d2e57
Create Date: 2026-11-25 17:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'd7a93b5c1e08'
down_revision = 'c41f0a9d2e57'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('left_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('left_at')

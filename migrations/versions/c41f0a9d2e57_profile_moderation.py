"""profile moderation: facilitators hide offers, pre-moderation holds them back

Revision ID: c41f0a9d2e57
Revises: 1882ec238f15
Create Date: 2026-11-25 17:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c41f0a9d2e57'
down_revision = '1882ec238f15'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('profile_hidden', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('profile_approved', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))


def downgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('profile_approved')
        batch_op.drop_column('profile_hidden')

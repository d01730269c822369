"""agreement_groups: a next step addresses groups of cards, not only single cards

Revision ID: f3a8d1c7b920
Revises: f3a81c5d9b27
Create Date: 2026-12-01 21:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'f3a8d1c7b920'
down_revision = 'f3a81c5d9b27'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'agreement_groups',
        sa.Column('agreement_id', sa.Integer(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'],
                                name=op.f('fk_agreement_groups_agreement_id_agreements'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['group_id'], ['card_groups.id'],
                                name=op.f('fk_agreement_groups_group_id_card_groups'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('agreement_id', 'group_id', name=op.f('pk_agreement_groups')),
    )


def downgrade():
    op.drop_table('agreement_groups')

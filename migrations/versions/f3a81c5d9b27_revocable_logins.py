"""logins, staff_sockets and facilitators.active: logins the server can end

Revision ID: f3a81c5d9b27
Revises: f3a8d1c6b2e4
Create Date: 2026-12-01 21:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'f3a81c5d9b27'
down_revision = 'f3a8d1c6b2e4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('facilitators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    op.create_table('logins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['facilitator_id'], ['facilitators.id'], name=op.f('fk_logins_facilitator_id_facilitators'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_logins')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_logins_token_hash'))
    )
    with op.batch_alter_table('logins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_logins_facilitator_id'), ['facilitator_id'], unique=False)

    op.create_table('staff_sockets',
    sa.Column('sid', sa.String(length=64), nullable=False),
    sa.Column('login_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['login_id'], ['logins.id'], name=op.f('fk_staff_sockets_login_id_logins'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sid', name=op.f('pk_staff_sockets'))
    )
    with op.batch_alter_table('staff_sockets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_sockets_login_id'), ['login_id'], unique=False)


def downgrade():
    with op.batch_alter_table('staff_sockets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_sockets_login_id'))
    op.drop_table('staff_sockets')
    with op.batch_alter_table('logins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_logins_facilitator_id'))
    op.drop_table('logins')
    with op.batch_alter_table('facilitators', schema=None) as batch_op:
        batch_op.drop_column('active')

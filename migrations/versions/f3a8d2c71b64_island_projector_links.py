"""islands.projector_token (every island's own projector link), events.projector_island_id

Revision ID: f3a8d2c71b64
Revises: f3a8d1c6b270
Create Date: 2026-12-01 21:40:00

"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = 'f3a8d2c71b64'
down_revision = 'f3a8d1c6b270'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('islands', schema=None) as batch_op:
        batch_op.add_column(sa.Column('projector_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_islands_projector_token'),
                                          ['projector_token'])
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('projector_island_id', sa.Integer(), nullable=True))

    # Existing islands get their projector link too.
    islands = sa.table('islands', sa.column('id', sa.Integer),
                       sa.column('projector_token', sa.String))
    connection = op.get_bind()
    for (island_id,) in connection.execute(sa.select(islands.c.id)).all():
        connection.execute(islands.update().where(islands.c.id == island_id)
                           .values(projector_token=secrets.token_urlsafe(24)))


def downgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('projector_island_id')
    with op.batch_alter_table('islands', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_islands_projector_token'), type_='unique')
        batch_op.drop_column('projector_token')

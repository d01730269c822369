"""sozialraeume: events belong to a Sozialraum, accounts are its members, admins manage them;
each Sozialraum keeps a library of case examples

Existing data moves into a first Sozialraum "Mein Sozialraum": every event belongs to it, every
account is its member and an installation admin, so nobody loses access.

Revision ID: a7c5e2d91f04
Revises: f3a8d2c71b64
Create Date: 2026-12-01 23:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'a7c5e2d91f04'
down_revision = 'f3a8d2c71b64'
branch_labels = None
depends_on = None

FIRST = "Mein Sozialraum"


def upgrade():
    op.create_table(
        'sozialraeume',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'sozialraum_members',
        sa.Column('sozialraum_id', sa.Integer(), nullable=False),
        sa.Column('facilitator_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['facilitator_id'], ['facilitators.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['sozialraum_id'], ['sozialraeume.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('sozialraum_id', 'facilitator_id'),
    )
    op.create_table(
        'library_cases',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sozialraum_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('situation', sa.Text(), nullable=False),
        sa.Column('goal', sa.Text(), nullable=False),
        sa.Column('source', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['sozialraum_id'], ['sozialraeume.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('library_cases') as batch_op:
        batch_op.create_index('ix_library_cases_sozialraum_id', ['sozialraum_id'])
    with op.batch_alter_table('sozialraum_members') as batch_op:
        batch_op.create_index('ix_sozialraum_members_facilitator_id', ['facilitator_id'])
    with op.batch_alter_table('facilitators') as batch_op:
        batch_op.add_column(sa.Column('is_admin', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('events') as batch_op:
        batch_op.add_column(sa.Column('sozialraum_id', sa.Integer(), nullable=True))

    conn = op.get_bind()
    conn.execute(sa.text("INSERT INTO sozialraeume (name, created_at) "
                         "VALUES (:name, CURRENT_TIMESTAMP)"), {"name": FIRST})
    first = conn.execute(sa.text("SELECT id FROM sozialraeume WHERE name = :name"),
                         {"name": FIRST}).scalar_one()
    conn.execute(sa.text("UPDATE events SET sozialraum_id = :id"), {"id": first})
    conn.execute(sa.text("INSERT INTO sozialraum_members (sozialraum_id, facilitator_id) "
                         "SELECT :id, id FROM facilitators"), {"id": first})
    conn.execute(sa.text("UPDATE facilitators SET is_admin = :yes"), {"yes": True})

    with op.batch_alter_table('events') as batch_op:
        batch_op.alter_column('sozialraum_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index('ix_events_sozialraum_id', ['sozialraum_id'])
        batch_op.create_foreign_key('fk_events_sozialraum_id', 'sozialraeume',
                                    ['sozialraum_id'], ['id'])


def downgrade():
    with op.batch_alter_table('events') as batch_op:
        batch_op.drop_constraint('fk_events_sozialraum_id', type_='foreignkey')
        batch_op.drop_index('ix_events_sozialraum_id')
        batch_op.drop_column('sozialraum_id')
    with op.batch_alter_table('facilitators') as batch_op:
        batch_op.drop_column('is_admin')
    op.drop_table('library_cases')
    op.drop_table('sozialraum_members')
    op.drop_table('sozialraeume')

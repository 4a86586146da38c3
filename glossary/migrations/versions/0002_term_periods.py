"""Validity periods of terms: when a former name was the name in use.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('term_periods',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.CheckConstraint('starts_on IS NOT NULL OR ends_on IS NOT NULL', name=op.f('ck_term_periods_open_on_one_side_at_most')),
    sa.CheckConstraint('starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on', name=op.f('ck_term_periods_ends_after_it_starts')),
    sa.ForeignKeyConstraint(['term_id'], ['terms.id'], name=op.f('fk_term_periods_term_id_terms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_term_periods'))
    )
    with op.batch_alter_table('term_periods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_term_periods_term_id'), ['term_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('term_periods', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_term_periods_term_id'))

    op.drop_table('term_periods')

"""Translation memory: units, variants, origins, the word index.

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('tm_origins',
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('header', sa.JSON(), nullable=True),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_by', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_tm_origins'))
    )
    op.create_table('tm_units',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('content_hash', sa.BigInteger(), nullable=False),
    sa.Column('origin', sa.String(length=500), nullable=True),
    sa.Column('languages', sa.String(length=200), nullable=False),
    sa.Column('tuid', sa.String(length=200), nullable=True),
    sa.Column('srclang', sa.String(length=35), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_by', sa.String(length=200), nullable=True),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('usage_count', sa.Integer(), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('props', sa.JSON(), nullable=True),
    sa.Column('notes', sa.JSON(), nullable=True),
    sa.Column('attributes', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tm_units')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_tm_units_content_hash'))
    )
    op.create_table('tm_variants',
    sa.Column('unit_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('position', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('lang', sa.String(length=35), nullable=False),
    sa.Column('language', sa.String(length=35), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('markup', sa.Text(), nullable=True),
    sa.Column('props', sa.JSON(), nullable=True),
    sa.Column('notes', sa.JSON(), nullable=True),
    sa.Column('attributes', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['tm_units.id'], name=op.f('fk_tm_variants_unit_id_tm_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('unit_id', 'position', name=op.f('pk_tm_variants')),
    sqlite_with_rowid=False
    )

    op.create_table('tm_words',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('word', sa.String(length=200).with_variant(sa.String(length=200, collation='C'), 'postgresql'), nullable=False),
    sa.Column('language', sa.String(length=35), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tm_words')),
    sa.UniqueConstraint('word', 'language', name=op.f('uq_tm_words_word_language'))
    )
    op.create_table('tm_postings',
    sa.Column('word_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('chunk', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('units', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('word_id', 'chunk', name=op.f('pk_tm_postings'))
    )
    op.create_table('tm_languages',
    sa.Column('language', sa.String(length=35), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('language', name=op.f('pk_tm_languages'))
    )


def downgrade() -> None:
    op.drop_table('tm_languages')
    op.drop_table('tm_postings')
    op.drop_table('tm_words')
    op.drop_table('tm_variants')
    op.drop_table('tm_units')
    op.drop_table('tm_origins')

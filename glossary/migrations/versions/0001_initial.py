"""Initial glossary schema: concepts, terms, house styles, change history.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from alembic import op
import sqlalchemy as sa

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('changes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('entity', sa.String(length=20), nullable=False),
    sa.Column('concept_id', sa.String(length=200), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_changes'))
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_changes_concept_id'), ['concept_id'], unique=False)

    op.create_table('concepts',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('subject_field', sa.String(length=200), nullable=True),
    sa.Column('definition', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concepts'))
    )
    op.create_table('styles',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_styles'))
    )
    op.create_table('terms',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('concept_id', sa.String(length=200), nullable=False),
    sa.Column('lang', sa.String(length=35), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('status', sa.Enum('preferred', 'admitted', 'deprecated', 'superseded', name='term_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('case_rule', sa.Enum('permissive', 'strict', 'insensitive', name='case_rule', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('part_of_speech', sa.Enum('noun', 'verb', 'adjective', 'adverb', 'other', name='part_of_speech', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('search_key', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['concept_id'], ['concepts.id'], name=op.f('fk_terms_concept_id_concepts'), onupdate='CASCADE', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_terms')),
    sa.UniqueConstraint('concept_id', 'lang', 'text', name=op.f('uq_terms_concept_id_lang_text')),
    sa.UniqueConstraint('id', 'concept_id', 'lang', name=op.f('uq_terms_id_concept_id_lang'))
    )
    with op.batch_alter_table('terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_terms_search_key'), ['search_key'], unique=False)
        batch_op.create_index('uq_terms_preferred', ['concept_id', 'lang'], unique=True, sqlite_where=sa.text("status = 'preferred'"), postgresql_where=sa.text("status = 'preferred'"))

    op.create_table('term_style_statuses',
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('style_name', sa.String(length=64), nullable=False),
    sa.Column('concept_id', sa.String(length=200), nullable=False),
    sa.Column('lang', sa.String(length=35), nullable=False),
    sa.Column('status', sa.Enum('preferred', 'admitted', 'deprecated', 'superseded', name='style_term_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.ForeignKeyConstraint(['style_name'], ['styles.name'], name=op.f('fk_term_style_statuses_style_name_styles'), onupdate='CASCADE', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['term_id', 'concept_id', 'lang'], ['terms.id', 'terms.concept_id', 'terms.lang'], name=op.f('fk_term_style_statuses_term_id_concept_id_lang_terms'), onupdate='CASCADE', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('term_id', 'style_name', name=op.f('pk_term_style_statuses'))
    )
    with op.batch_alter_table('term_style_statuses', schema=None) as batch_op:
        batch_op.create_index('uq_term_style_statuses_preferred', ['style_name', 'concept_id', 'lang'], unique=True, sqlite_where=sa.text("status = 'preferred'"), postgresql_where=sa.text("status = 'preferred'"))



def downgrade() -> None:
    with op.batch_alter_table('term_style_statuses', schema=None) as batch_op:
        batch_op.drop_index('uq_term_style_statuses_preferred', sqlite_where=sa.text("status = 'preferred'"), postgresql_where=sa.text("status = 'preferred'"))

    op.drop_table('term_style_statuses')
    with op.batch_alter_table('terms', schema=None) as batch_op:
        batch_op.drop_index('uq_terms_preferred', sqlite_where=sa.text("status = 'preferred'"), postgresql_where=sa.text("status = 'preferred'"))
        batch_op.drop_index(batch_op.f('ix_terms_search_key'))

    op.drop_table('terms')
    op.drop_table('styles')
    op.drop_table('concepts')
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_changes_concept_id'))

    op.drop_table('changes')

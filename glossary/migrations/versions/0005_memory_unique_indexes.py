"""Translation memory: the unique keys of units (content hash) and words (word, language) as unique indexes, not
table constraints, so that an import into an empty memory can build them after writing its rows (``tm.bulk``):
SQLite cannot drop a table's constraint.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 23:30:00
"""

from alembic import op


revision = '0005'
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tm_units', schema=None) as batch_op:
        batch_op.drop_constraint('uq_tm_units_content_hash', type_='unique')
        batch_op.create_index('ix_tm_units_content_hash', ['content_hash'], unique=True)
    with op.batch_alter_table('tm_words', schema=None) as batch_op:
        batch_op.drop_constraint('uq_tm_words_word_language', type_='unique')
        batch_op.create_index('ix_tm_words_word_language', ['word', 'language'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('tm_words', schema=None) as batch_op:
        batch_op.drop_index('ix_tm_words_word_language')
        batch_op.create_unique_constraint('uq_tm_words_word_language', ['word', 'language'])
    with op.batch_alter_table('tm_units', schema=None) as batch_op:
        batch_op.drop_index('ix_tm_units_content_hash')
        batch_op.create_unique_constraint('uq_tm_units_content_hash', ['content_hash'])

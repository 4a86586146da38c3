"""Alembic environment: migrations run on the connection Database.upgrade passes in."""

from alembic import context

from glossary.model import Base
import tm.model  # noqa: F401  (the translation memory's tables share Base's metadata)

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()

"""Many rows written fast, inside the session's transaction: what an import of a million units needs.

SQLAlchemy's per-row parameter processing costs more than the database's own work at
this scale, so rows go to the driver as tuples: ``executemany`` on SQLite, binary ``COPY`` on
PostgreSQL (no text to parse: packed postings are not sent as hexadecimal, nor times as text). Values are given as the database stores them (``tm.prepare``'s
``db_datetime`` and ``db_json``), the way SQLAlchemy would have written them, so the ORM reads them back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKeyConstraint, Index, Integer, LargeBinary, PrimaryKeyConstraint, String, Table, text
from sqlalchemy.orm import Session
from sqlalchemy.schema import AddConstraint, CreateIndex, DropConstraint, DropIndex

from glossary.database import FOREIGN_KEYS_OFF

from .prepare import db_datetime


# PostgreSQL's types of the columns a binary COPY writes. JSON goes as text: its binary form is its text, and
# the values are JSON text already (``db_json``).
_COPY_TYPES = ((BigInteger, "int8"), (Integer, "int4"), (String, "text"), (LargeBinary, "bytea"), (JSON, "text"))


def copy_types(table: Table, columns: Sequence[str]) -> list[str]:
    """The types psycopg is told to send ``columns`` of ``table`` as in a binary COPY."""
    types = []
    for name in columns:
        column_type = table.c[name].type
        if isinstance(column_type, DateTime):
            types.append("timestamptz" if column_type.timezone else "timestamp")
            continue
        types.append(next(name for kind, name in _COPY_TYPES if isinstance(column_type, kind)))
    return types


class BulkWriter:
    def __init__(self, session: Session):
        self.session = session
        self.connection = session.connection()
        self.is_sqlite = self.connection.dialect.name == "sqlite"
        self.raw = self.connection.connection.dbapi_connection
        self.dropped: list[Index | ForeignKeyConstraint | PrimaryKeyConstraint] = []  # keys ``drop_keys`` dropped, to build again

    def foreign_keys_off(self) -> None:
        """SQLite: no foreign key checked for the rows written from now on, which refer to rows this import wrote
        (0.7 s a million variants). The pragma works outside a transaction only: where this import begins it (else
        nothing changes). The pool turns the check on again when the connection is next taken (``glossary.database``)."""
        if self.is_sqlite and not self.raw.in_transaction:
            self.raw.execute("PRAGMA foreign_keys = OFF")
            self.connection.connection.info[FOREIGN_KEYS_OFF] = True

    def drop_keys(self, *tables: Table) -> None:
        """Into empty tables: their unique indexes, and on PostgreSQL their foreign keys and primary keys of more than
        one column (a single id is written in order: its b-tree is only appended to), dropped until
        ``build_keys``, which sorts each one's rows once instead of a b-tree insert and (foreign keys) a trigger per
        row, PostgreSQL's advice for bulk loads ("create indexes after COPY"). SQLite cannot drop a table's own keys.
        In the transaction: a rollback or a killed process leaves the keys as they were. Until the commit, readers
        of these tables on PostgreSQL wait (the tables are empty until then anyway)."""
        keys: list = [index for table in tables for index in table.indexes if index.unique]
        if not self.is_sqlite:
            keys += [key for table in tables for key in table.foreign_key_constraints]
            keys += [table.primary_key for table in tables if len(table.primary_key.columns) > 1]
        for key in keys:
            self.session.execute(DropIndex(key) if isinstance(key, Index) else DropConstraint(key))
        self.dropped += keys

    def build_keys(self) -> None:
        """The keys ``drop_keys`` dropped, built on the rows written since (none: nothing to do)."""
        for key in reversed(self.dropped):
            self.session.execute(CreateIndex(key) if isinstance(key, Index) else AddConstraint(key))
        self.dropped.clear()

    def db_datetime(self, value: datetime | None) -> Any:
        """A datetime as this database stores it (``tm.prepare.db_datetime``)."""
        return db_datetime(value, self.is_sqlite)

    def insert(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        if self.is_sqlite:
            marks = ", ".join("?" * len(columns))
            self.raw.executemany(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})", rows)
            return
        with self.raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(copy_types(table, columns))
            for row in rows:
                copy.write_row(row)

    def execute_many(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        """A statement with ``?`` placeholders run for each row (SQLite's paramstyle; %s on PostgreSQL)."""
        if self.is_sqlite:
            self.raw.executemany(statement, rows)
            return
        with self.raw.cursor() as cursor:
            cursor.executemany(statement.replace("?", "%s"), list(rows))

    def add_to(self, table: Table, column: str, rows: list[tuple[int, int]]) -> None:
        """``column += n`` for each (n, id) row. PostgreSQL: the rows copied into a temporary table and
        added in one UPDATE (an UPDATE a row, even pipelined, costs it a round of messages each)."""
        if not rows:
            return
        if self.is_sqlite:
            self.raw.executemany(f"UPDATE {table.name} SET {column} = {column} + ? WHERE id = ?", rows)
            return
        with self.raw.cursor() as cursor:
            cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS tm_additions (n integer, id integer) ON COMMIT DROP")
            cursor.execute("TRUNCATE tm_additions")
            with cursor.copy("COPY tm_additions (n, id) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(f"UPDATE {table.name} SET {column} = {table.name}.{column} + a.n FROM tm_additions a "
                           f"WHERE {table.name}.id = a.id")

    def next_id(self, table: Table) -> int:
        return (self.session.execute(text(f"SELECT max(id) FROM {table.name}")).scalar() or 0) + 1

    def ids_given(self, table: Table) -> None:
        """After rows were inserted with ids of our own: PostgreSQL's sequence moved past them."""
        if not self.is_sqlite:
            self.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                      f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"))

    def analyze(self, *tables: Table) -> None:
        """PostgreSQL's statistics of tables that just grew: without them its planner reads a million
        postings where an index gives a few (SQLite plans well without)."""
        if not self.is_sqlite:
            self.session.execute(text(f"ANALYZE {', '.join(table.name for table in tables)}"))

    def lock(self, table: Table) -> None:
        """One import at a time: the ids it hands out are its own (SQLite locks the whole file on the first write)."""
        if self.is_sqlite:
            self.session.execute(text(f"DELETE FROM {table.name} WHERE 0 = 1"))  # takes the write lock now
        else:
            self.session.execute(text(f"LOCK TABLE {table.name} IN SHARE ROW EXCLUSIVE MODE"))

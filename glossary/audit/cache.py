"""Per-document audit results kept on disk, so that a stopped audit resumes and a repeated one
redoes only what changed.

One SQLite file in the folder given (``--cache DIR``). A result is keyed by a
digest of the document's bytes and of everything else it depends on (the
context): the compiled glossary (its cache key changes with the glossary's
revision or content, the house style and the matcher's code), the lint
engine's code and the audit's code that counts a document's names (not that of its
report), and the options. Beside the results, the key
of each file's content is kept with the file's size and modification time,
as git's index does: a file seen before with the same size and time is not
read again. And the last output of each format, keyed by every file's path, size and time (a file
beside the SQLite one): given again while no file has changed. Results are written by the process that runs the
audit, in transactions of a few dozen, so a run that is stopped keeps what it had done but
the last moments; forked workers read with connections of their own.

Beside the SQLite file, one file for each context and ``--since``: the record of the archive
last audited in it (``ledger.Ledger``: its files and its totals, in columns), so that the
next run reads and counts only the files that changed.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import sqlite3
import struct
import sys
import time
from array import array
from pathlib import Path

from ..errors import GlossaryError
from ..fileio import write_atomically

FILE_NAME = "tilmash-audit.sqlite3"
_COMMIT_EVERY = 50  # results
_COMMIT_AFTER = 1.0  # seconds
_OUTPUT_HEAD = struct.Struct("<32sQQ")  # a kept output's file: the archive's key, the documents, the output's length


class CacheError(GlossaryError):
    """The cache folder cannot be used."""


# The code a document's counts come from (``reading.audit_file``): a change to the rest of the
# audit (the run over many documents, the record of the archive, the report, its formats) keeps
# the documents' results.
_COUNTING = ("documents.py", "dates.py", "reading.py")


def _code_fingerprint(counting_only: bool = False) -> str:
    """Changes whenever the code that makes a document's counts (and, unless ``counting_only``, the
    rest of the audit) changes."""
    digest = hashlib.sha256()
    package = Path(__file__).parents[1]
    audit = [path for path in (package / "audit").glob("*.py") if not counting_only or path.name in _COUNTING]
    for path in sorted([*(package / "lint").glob("*.py"), *audit]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class ResultCache:
    def __init__(self, folder: str | Path, context: str):
        """``context``: what the results depend on besides a document's bytes and the code."""
        self.path = Path(folder) / FILE_NAME
        # (the Python's version too: the record of the archive is written with its marshal)
        self._context = hashlib.sha256(f"{_code_fingerprint()}|{sys.version}|{context}".encode()).digest()
        # what a document's result depends on besides its bytes and day: the results and the files' index
        self._counting = hashlib.sha256(f"{_code_fingerprint(True)}|{context}".encode()).digest()
        self._pending: list[tuple[bytes, str]] = []
        self._pending_files: list[tuple[bytes, str, int, int, bytes]] = []
        self._last_commit = time.monotonic()
        self._connection: sqlite3.Connection | None = None
        self._pid = os.getpid()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with sqlite3.connect(self.path, timeout=30) as connection:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("CREATE TABLE IF NOT EXISTS results (key BLOB PRIMARY KEY, counts TEXT NOT NULL)")
                # the key of each file's content when it had this size and time: a file seen before is not read again
                connection.execute("CREATE TABLE IF NOT EXISTS files (context BLOB NOT NULL, path TEXT NOT NULL, "
                                   "size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, key BLOB NOT NULL, "
                                   "PRIMARY KEY (context, path))")
            connection.close()
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(f"cannot use the cache folder {folder}: {exc}") from exc

    def key(self, data: bytes, day: datetime.date | None) -> bytes:
        """The key of a document with these bytes, judged at ``day`` (its former names are judged by it)."""
        return hashlib.sha256(self._counting + (day.isoformat() if day else "-").encode() + data).digest()

    def get(self, key: bytes) -> str | None:
        row = self._database().execute("SELECT counts FROM results WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def known(self, path: str, size: int, mtime_ns: int) -> tuple[bytes, str] | None:
        """The key and result of a file seen with this size and time (in this context), if any."""
        return self._database().execute(
            "SELECT files.key, counts FROM files JOIN results ON results.key = files.key "
            "WHERE context = ? AND path = ? AND size = ? AND mtime_ns = ?", (self._counting, path, size, mtime_ns)).fetchone()

    def listing_key(self, paths: list[str], sizes: array, mtimes_ns: array, since: datetime.date | None) -> bytes:
        """The key of a listing of files: each one's path, size and time (in this context), and ``--since``."""
        names = "\0".join(paths).encode("utf-8", "surrogateescape")  # (no path holds a NUL)
        return hashlib.sha256(b"%b%b\0%d\0%d\0%b%b%b" % (
            self._context, (since.isoformat() if since else "-").encode(), len(paths), len(names), names,
            sizes.tobytes(), mtimes_ns.tobytes())).digest()

    def ledger_path(self, since: datetime.date | None) -> Path:
        """Where the record of the archive audited in this context with ``since`` is kept (``ledger.Ledger``)."""
        # (the local time zone too: a file's day is its time's local day)
        key = hashlib.sha256(b"%b%b|%d" % (self._context, (since.isoformat() if since else "-").encode(),
                                            time.timezone)).hexdigest()[:32]
        return self.path.parent / f"tilmash-audit-{key}.ledger"

    def output(self, key: bytes, name: str) -> tuple[int, bytes] | None:
        """The documents and the output kept as ``name`` if it was kept for ``key`` (an archive's: made of its
        runs' keys, so of this context too)."""
        try:
            with open(self._output_path(name), "rb") as kept:
                head = kept.read(_OUTPUT_HEAD.size)
                if len(head) < _OUTPUT_HEAD.size:
                    return None
                kept_key, documents, length = _OUTPUT_HEAD.unpack(head)
                if kept_key != key:
                    return None
                data = kept.read()
        except OSError:
            return None
        return (documents, data) if len(data) == length else None

    def put_output(self, key: bytes, name: str, documents: int, data: bytes) -> None:
        """Keep ``data`` as the output ``name`` of ``key``, in place of the one kept before (a file of its own:
        the report of 100,000 articles is 22 MB, written in a hundredth of the time a row of it takes)."""
        try:
            write_atomically(self._output_path(name), [_OUTPUT_HEAD.pack(key, documents, len(data)), data], durable=False)
        except OSError:
            pass  # not kept: the next run makes it again

    def _output_path(self, name: str) -> Path:
        return self.path.parent / f"tilmash-audit-output-{hashlib.sha256(name.encode()).hexdigest()[:32]}"

    def put(self, key: bytes, counts: str) -> None:
        """Keep a result; written with the next few dozen, or within a second."""
        self._pending.append((key, counts))
        self._maybe_flush()

    def index(self, path: str, size: int, mtime_ns: int, key: bytes) -> None:
        """Remember that the file at ``path``, with this size and time, has the content of ``key``."""
        self._pending_files.append((self._counting, path, size, mtime_ns, key))
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        if len(self._pending) + len(self._pending_files) >= _COMMIT_EVERY or time.monotonic() - self._last_commit >= _COMMIT_AFTER:
            self.flush()

    def flush(self) -> None:
        if self._pending or self._pending_files:
            with self._database() as connection:
                connection.executemany("INSERT OR REPLACE INTO results (key, counts) VALUES (?, ?)", self._pending)
                connection.executemany("INSERT OR REPLACE INTO files (context, path, size, mtime_ns, key) "
                                       "VALUES (?, ?, ?, ?, ?)",
                                       self._pending_files)
            self._pending.clear()
            self._pending_files.clear()
        self._last_commit = time.monotonic()

    def __len__(self) -> int:
        return self._database().execute("SELECT count(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self.flush()
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    def _database(self) -> sqlite3.Connection:
        """This process's connection: a forked worker opens its own (one must not cross a fork)."""
        if self._connection is None or self._pid != os.getpid():
            self._connection, self._pid = sqlite3.connect(self.path, timeout=30), os.getpid()
        return self._connection

"""The memory import's writing side alone: a file's batches, read once and kept, replayed through the writer.

    python benchmarks/tm_import_writer.py sqlite:////tmp/w.db /tmp/data/memory-100000.tmx
    python benchmarks/tm_import_writer.py postgresql+psycopg://postgres@127.0.0.1:5432/DB /tmp/data/memory-100000.tmx
    cd /tmp && PYTHONPATH=/tmp/main python /path/to/tm_import_writer.py ...   # another build, in turn (not from
                                                                             # the checkout: its directory comes first)

A whole import runs two processes at once (``tm.forked``), so its wall time is the slower chain's and the
reading child's share hides the writer's. Here the batches the child would send (``tm.prepare.Batch``) are made
once and pickled beside the file (``FILE.batches.sqlite`` or ``.postgresql``: made by the build that runs first),
then given to ``MemoryImport`` in this process, into a fresh database (SQLite: the file replaced; PostgreSQL: a
schema ``writer_bench`` made again). Prints the writer's processor seconds (unpickling the batches not counted:
about 0.35 s per 100,000 units in a whole import), the PostgreSQL backend's (``/proc``: run it on the database's
machine), and each table's insert, writer and backend.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from collections import defaultdict
from pathlib import Path

from tm_import_cpu import backend_seconds, fresh_database  # beside this file


def _backend_seconds(pid: int | None) -> float:
    return 0.0 if pid is None else backend_seconds(pid)


def main() -> None:
    from sqlalchemy import text

    sqlite = sys.argv[1].startswith("sqlite")
    url, path = fresh_database(sys.argv[1], "writer_bench"), sys.argv[2]

    import tm
    import tm.bulk
    import tm.importing
    from glossary.database import Database
    from tm.forked import FileBatches

    spent: dict[str, float] = defaultdict(float)
    backend: list[int | None] = [None]
    insert = tm.bulk.BulkWriter.insert

    def timed_insert(self, table, columns, rows):
        started, server = time.process_time(), _backend_seconds(backend[0])
        insert(self, table, columns, rows)
        spent[table.name] += time.process_time() - started
        spent["backend " + table.name] += _backend_seconds(backend[0]) - server

    tm.bulk.BulkWriter.insert = timed_insert
    kept = Path(f"{path}.batches.{'sqlite' if sqlite else 'postgresql'}")
    database = Database(url)
    with database.session() as session:
        job = tm.importing.MemoryImport(session, None)
        if not kept.exists():
            source = FileBatches(path, job.rows(Path(path).name), fork=False)
            kept.write_bytes(pickle.dumps((list(source), source), protocol=pickle.HIGHEST_PROTOCOL))
        batches, source = pickle.loads(kept.read_bytes())
        backend[0] = None if sqlite else session.execute(text("SELECT pg_backend_pid()")).scalar()
        server, started, wall = _backend_seconds(backend[0]), time.process_time(), time.perf_counter()
        job._add(source, batches, Path(path).name)
        job.finish()
        session.commit()
        writer, wall = time.process_time() - started, time.perf_counter() - wall
        server = _backend_seconds(backend[0]) - server
    tables = " ".join(f"{name} {seconds:.2f}" for name, seconds in sorted(spent.items()) if seconds)
    print(f"{Path(tm.__file__).parents[1]}: {sum(len(b.units) for b in batches):,} units, writer {writer:.2f} s, "
          f"PostgreSQL backend {server:.2f} s, wall {wall:.1f} s, load {os.getloadavg()[0]:.1f}; inserts: {tables}")


if __name__ == "__main__":
    main()

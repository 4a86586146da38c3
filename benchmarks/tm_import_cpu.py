"""Where an import's processor time goes: the writing process, the reading child, PostgreSQL's backend.

    python benchmarks/tm_import_cpu.py sqlite:////tmp/cpu.db benchmarks/data/memory-100000.tmx
    python benchmarks/tm_import_cpu.py postgresql+psycopg://postgres@127.0.0.1:5432/DB benchmarks/data/memory-100000.tmx
    PYTHONPATH=/tmp/main python benchmarks/tm_import_cpu.py ...     # another build (``git archive main``), in turn

Imports the file into a fresh database (SQLite: the file is replaced; PostgreSQL: a schema ``cpu_bench``
dropped and made again) with ``tm.importing.import_files(fork=True)``, as ``tilmash import`` does, and
prints the wall time and the processor seconds (user and system) of the writer (this process), of the
reading child (``RUSAGE_CHILDREN`` less what ``tilmash init`` took before it) and of the PostgreSQL
backend (``/proc/PID/stat``: run it on the database's machine). On two idle cores the import can go no
faster than its longest chain: the writer, the child, or writer and backend sharing what is left.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def backend_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fresh_database(url: str, schema: str) -> str:
    """An empty, initialised Tilmash database at ``url`` (SQLite: the file replaced; PostgreSQL: ``schema`` made
    again), and the URL to use it."""
    from sqlalchemy import create_engine, text

    if url.startswith("sqlite"):
        Path(url.split("///", 1)[1]).unlink(missing_ok=True)
    else:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        engine.dispose()
        url += ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
    subprocess.run([sys.executable, "-m", "tilmash", "--db", url, "init", "--empty"], check=True, capture_output=True)
    return url


def _children_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    from sqlalchemy import text

    url, path = fresh_database(sys.argv[1], "cpu_bench"), sys.argv[2]
    before_children = _children_seconds()

    import tm
    from glossary.database import Database
    from tm.importing import import_files

    database = Database(url)
    start, writer = time.perf_counter(), time.process_time()
    with database.session() as session:
        backend = None if url.startswith("sqlite") else session.execute(text("SELECT pg_backend_pid()")).scalar()
        backend_before = backend_seconds(backend) if backend else 0.0
        [report] = import_files(session, [path], fork=True)
        server = backend_seconds(backend) - backend_before if backend else 0.0
    wall, writer = time.perf_counter() - start, time.process_time() - writer
    child = _children_seconds() - before_children
    print(f"{Path(tm.__file__).parents[1]}: {report.added:,} units, wall {wall:.1f} s, writer {writer:.1f} s, "
          f"reading child {child:.1f} s, PostgreSQL backend {server:.1f} s, load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

"""Loading the bundled glossary into a new database: the engine and the whole `tilmash init`.

Engine, in this process, in turn, on a freshly migrated SQLite file (and a PostgreSQL schema when
TILMASH_BENCH_POSTGRES is a database URL):
  bulk   termbase.seed_bundled_glossary (executemany inserts, glossary/bulk_insert.py)
  orm    the same rows through the ORM (one object a row, the history from the flush listener),
         as imports wrote them before the bulk path
Whole process, in turn: `tilmash init` on a new HOME, beside the sqlite3 shell importing the same CSV
files into one table (a floor: no validation, no history, no schema).

Processor time (this process, or the child's from the OS) is the figure to compare on a busy machine;
medians of --runs. Load averages are printed before and after.

    python benchmarks/seed_benchmark.py --runs 7
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from importlib import resources
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from glossary import termbase
from glossary.database import Database
from glossary.model import Style


def orm_seed(session, glossary) -> None:
    session.add_all(Style(name=name) for name in glossary.styles())
    session.flush()
    session.add_all(termbase.new_concept_row(concept) for concept in glossary.concepts)


def bulk_seed(session, glossary) -> None:
    termbase.import_glossaries(session, [("bundled", glossary)])


def engine_once(url: str, seed, glossary) -> tuple[float, float]:
    database = Database(url)
    database.upgrade()
    cpu, wall = time.process_time(), time.perf_counter()
    with database.session(actor="bench") as session:
        seed(session, glossary)
    result = time.process_time() - cpu, time.perf_counter() - wall
    database.dispose()
    return result


def postgres_schema(base: str):
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)

    def drop():
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return url, drop


def process_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def median_row(name: str, runs: list[tuple[float, float]], baseline: list[tuple[float, float]] | None) -> str:
    cpu, wall = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
    ratio = f"{statistics.median(a[0] / b[0] for a, b in zip(runs, baseline)):.2f}" if baseline else ""
    return f"| {name} | {cpu:.3f} | {wall:.3f} | {ratio} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print("load average before:", Path("/proc/loadavg").read_text().split()[:3])
    glossary = termbase.bundled_glossary()
    folder = Path(tempfile.mkdtemp(prefix="seed-bench-"))
    try:
        targets = [("SQLite", None)]
        if os.environ.get("TILMASH_BENCH_POSTGRES"):
            targets.append(("PostgreSQL", os.environ["TILMASH_BENCH_POSTGRES"]))
        print("\n| engine | processor s | wall s | processor, bulk/orm |\n|---|---:|---:|---:|")
        for label, base in targets:
            timings: dict[str, list] = {"orm": [], "bulk": []}
            for run in range(args.runs):
                for name, seed in (("orm", orm_seed), ("bulk", bulk_seed)):
                    if base is None:
                        timings[name].append(engine_once(f"sqlite:///{folder / f'{name}{run}.db'}", seed, glossary))
                    else:
                        url, drop = postgres_schema(base)
                        try:
                            timings[name].append(engine_once(url, seed, glossary))
                        finally:
                            drop()
            print(median_row(f"{label}, ORM", timings["orm"], None))
            print(median_row(f"{label}, bulk", timings["bulk"], timings["orm"]))

        tilmash = shutil.which("tilmash") or sys.exit("tilmash is not on PATH")
        sqlite3 = shutil.which("sqlite3")
        csv_files = sorted(str(f) for f in resources.files("glossary").joinpath("data", "bundled").iterdir()
                           if f.name.endswith(".csv"))
        commands = {"tilmash init": [], "sqlite3 .import": []}
        for run in range(args.runs):
            home = folder / f"home{run}"
            env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "TILMASH_"))} | {"HOME": str(home)}
            commands["tilmash init"].append(process_once([tilmash, "init"], env))
            if sqlite3:
                script = [f".import --csv {'--skip 1 ' if i else ''}{f} bundled" for i, f in enumerate(csv_files)]
                commands["sqlite3 .import"].append(process_once([sqlite3, str(folder / f"floor{run}.db"), *script], env))
        print("\n| whole process | processor s | wall s | processor, /tilmash init |\n|---|---:|---:|---:|")
        print(median_row("tilmash init", commands["tilmash init"], None))
        if sqlite3:
            print(median_row("sqlite3 .import (floor)", commands["sqlite3 .import"], commands["tilmash init"]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("\nload average after:", Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    main()

"""The memory through the web app: an upload imported in the background against the same import run
directly (what ``tilmash import`` does), and the streamed TMX download, on SQLite.

    python benchmarks/web_memory_benchmark.py --units 50000 --rounds 3

For each round, on a fresh database each time: the library's ``run_import`` in this process
(``fork=False``, as the web app runs it), then ``POST /api/imports`` with the same file and polling
``GET /api/imports/ID`` every 0.1 s until the report (Flask's test client: no network), then
``GET /api/export/tmx`` read to the end beside ``export_units`` into a sink (``tilmash export``'s
work), and in a second pass the peak of Python's allocations while it streams (tracemalloc)
beside the size of the file. Prints medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from glossary import accounts  # noqa: E402
from glossary.database import Database  # noqa: E402
from glossary.records import Role  # noqa: E402
from tm.destinations import plan_import, run_import  # noqa: E402
from tm.export import export_units  # noqa: E402
from tm_data import generate  # noqa: E402
from webapp import create_app  # noqa: E402


class Sink:
    """A binary stream that keeps nothing (the library's export, without a file)."""

    def write(self, data: bytes) -> int:
        return len(data)


def fresh(folder: Path, name: str) -> str:
    url = f"sqlite:///{folder / name}"
    database = Database(url)
    database.upgrade()
    with database.session(actor="bench") as session:
        accounts.add_user(session, "bench", "bench password", Role.TRANSLATOR)
    database.dispose()
    return url


def direct(url: str, tmx: Path) -> float:
    database = Database(url)
    start = time.perf_counter()
    with database.session(actor="bench") as session:
        run_import(session, plan_import([tmx]), actor="bench", fork=False)
    elapsed = time.perf_counter() - start
    database.dispose()
    return elapsed


def through_the_app(url: str, tmx: Path, folder: Path) -> dict:
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "MAX_CONTENT_LENGTH": 1 << 30,
                      "IMPORTS_FOLDER": str(folder / "imports")})
    with app.extensions["tilmash.database"].session(actor="bench") as session:
        secret = accounts.create_token(session, "bench", "bench", Role.TRANSLATOR)
    client, headers = app.test_client(), {"Authorization": f"Bearer {secret}"}
    start = time.perf_counter()
    with tmx.open("rb") as handle:
        job = client.post("/api/imports", data={"file": (handle, tmx.name)}, headers=headers,
                          content_type="multipart/form-data").get_json()
    accepted = time.perf_counter() - start
    polls, refused, progress_seen = 0, 0, set()
    while job["state"] not in ("done", "failed"):
        time.sleep(0.1)
        answer = client.get(f"/api/imports/{job['id']}", headers=headers)
        polls += 1
        if answer.status_code != 200:
            refused += 1
            continue
        job = answer.get_json()
        progress_seen.add(round(job["progress"], 1))
    imported = time.perf_counter() - start
    assert job["state"] == "done", job["error"]
    start = time.perf_counter()
    response = client.get("/api/export/tmx", buffered=False)
    size = sum(len(chunk) for chunk in response.response)
    exported = time.perf_counter() - start
    tracemalloc.start()  # a second pass, for the peak (tracemalloc slows what it watches)
    response = client.get("/api/export/tmx", buffered=False)
    first = next(iter(response.response))
    sum(len(chunk) for chunk in response.response)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    with app.extensions["tilmash.database"].session() as session:
        start = time.perf_counter()
        export_units(session, Sink())
        library_export = time.perf_counter() - start
    app.extensions["tilmash.database"].dispose()
    return {"accepted": accepted, "imported": imported, "polls": polls, "refused": refused, "progress_values": len(progress_seen),
            "added": job["report"]["files"][0]["added"], "export_s": exported, "export_bytes": size, "export_peak": peak,
            "library_export": library_export, "first_chunk": len(first)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="web-memory-") as name:
        folder = Path(name)
        tmx, _queries = generate(args.units, folder)
        rows = []
        for n in range(args.rounds):
            library = direct(fresh(folder, f"direct-{n}.db"), tmx)
            web = through_the_app(fresh(folder, f"web-{n}.db"), tmx, folder)
            rows.append({"direct": library, **web})
            print(f"round {n + 1}: direct {library:.2f} s; upload accepted in {web['accepted']:.2f} s, report after "
                  f"{web['imported']:.2f} s ({web['polls']} polls, {web['refused']} refused, {web['progress_values']} progress values); "
                  f"TMX download {web['export_bytes'] / 1e6:.1f} MB in {web['export_s']:.2f} s "
                  f"(export_units to a sink {web['library_export']:.2f} s), "
                  f"peak Python allocations {web['export_peak'] / 1e6:.1f} MB", flush=True)
        median = {key: statistics.median(r[key] for r in rows) for key in ("direct", "accepted", "imported", "export_s", "export_peak", "library_export")}
        print(f"\n{args.units:,} units ({tmx.stat().st_size / 1e6:.1f} MB TMX), medians of {args.rounds} rounds:")
        print(f"  import, library in this process:   {median['direct']:.2f} s ({args.units / median['direct']:,.0f} units/s)")
        print(f"  import, POST /api/imports to report: {median['imported']:.2f} s ({args.units / median['imported']:,.0f} units/s;"
              f" ratio {median['imported'] / median['direct']:.2f}); upload accepted in {median['accepted']:.2f} s")
        print(f"  GET /api/export/tmx: {median['export_s']:.2f} s (export_units to a sink: {median['library_export']:.2f} s), "
              f"peak Python allocations while streaming {median['export_peak'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

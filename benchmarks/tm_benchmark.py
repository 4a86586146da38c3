"""The translation memory's speed on SQLite and PostgreSQL, beside translate-toolkit, a rapidfuzz scan and the native indexes.

    python benchmarks/tm_benchmark.py --units 10000 100000 1000000
    python benchmarks/tm_benchmark.py --units 10000 --backends sqlite --baseline-queries 250
    python benchmarks/tm_benchmark.py --units 1000000 --no-baselines      # Tilmash alone, both databases
    python benchmarks/tm_benchmark.py --worker search|concordance URL QUERIES [ROUNDS]   # a memory kept: one worker

For each size it generates a memory and its queries (``tm_data.py``: English-Russian
units; 200 queries made by editing stored segments, a word, a number, two words
swapped or a glossary name changed, and 50 unrelated sentences), then on each database:

- import: ``tilmash import`` as a user runs it, the whole process (wall time, peak
  resident memory, and processor time of the process and its reading child, from
  ``/usr/bin/time``: on a shared machine, units per processor second is what moves
  least with the load; PostgreSQL's own processes are not counted), into an empty database;
- search: ``tm.search.search`` in one process, each query timed (p50, p95), recall@1
  (the best match is the unit the query was made from), the best score of the
  unrelated queries; and ``tilmash tm search --batch`` as a whole command;
- concordance: names, words and two-word phrases of the memory, each timed (p50, p95);
- the native index of that database on the same units and queries: SQLite FTS5
  (bm25 over the query's words, best 50 rescored as ours are) or PostgreSQL pg_trgm
  (trigram similarity, best 50 rescored), build time, p50, p95, recall@1 (at a
  million units on ``--baseline-queries`` queries: they take seconds each).

Then, in memory, over the same units: translate-toolkit's ``translate.search.match.matcher``
(max_length raised to 1,000: its default of 70 characters skips longer segments; its
``matches()`` raises TypeError when candidates tie, counted as a miss) and a brute-force
rapidfuzz scan (``process.extractOne`` with ``fuzz.ratio`` over every source), each on
``--baseline-queries`` queries (they are slow at a million units).

A worker reports wall time (p50, p95 over the queries; with ``ROUNDS`` the best of that many runs of each
query, in turn) and processor time per call: the client's (``cpu_p50_ms``, ``cpu_p95_ms``, best of the rounds)
and the PostgreSQL backend's on average (``server_cpu_ms``, from ``/proc``; 0 on SQLite, which runs in the
client). Timings are wall-clock on a shared machine: compare within one run. Each worker runs in
its own process. Results are printed as a Markdown table and kept in ``DATA/results-*.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

POSTGRES = os.environ.get("TILMASH_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def database_url(backend: str, units: int, data: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{data / f'bench-{units}.db'}"
    from sqlalchemy.engine import make_url

    return make_url(POSTGRES).update_query_dict({"options": f"-csearch_path=bench_{units}"}).render_as_string(hide_password=False)


def fresh_database(backend: str, units: int, data: Path) -> str:
    url = database_url(backend, units, data)
    if backend == "sqlite":
        for suffix in ("", "-journal", "-wal"):
            Path(str(data / f"bench-{units}.db") + suffix).unlink(missing_ok=True)
    else:
        from sqlalchemy import create_engine, text

        engine = create_engine(POSTGRES)
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS bench_{units} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA bench_{units}"))
        engine.dispose()
    subprocess.run(["tilmash", "--db", url, "init", "--empty"], check=True, capture_output=True)
    return url


def timed_command(command: list[str]) -> tuple[float, float, str, float]:
    """(wall seconds, peak resident MB, stdout, processor seconds of the command and the processes it waited
    for, user and system) of a whole command, from /usr/bin/time."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", *command], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    peak_kb, user, system = result.stderr.strip().splitlines()[-1].split()
    return wall, int(peak_kb) / 1024, result.stdout, float(user) + float(system)


def worker(name: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--worker", name, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"worker {name} failed:\n{out.stderr}")
    return json.loads(out.stdout.splitlines()[-1])


# ---------------------------------------------------------------- workers (each in its own process)

def _queries(path: str, count: int | None = None) -> list[dict]:
    queries = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    if count is not None and count < len(queries):
        queries = random.Random(7).sample(queries, count)
    return queries


def _summary(latencies: list[float], results: list[tuple[dict, str | None, float | None]]) -> dict:
    related = [(q, best) for q, best, _ in results if q["expected"] is not None]
    unrelated = [score for q, _, score in results if q["expected"] is None]
    return {
        "p50_ms": statistics.median(latencies) * 1000, "p95_ms": percentile(latencies, 0.95) * 1000,
        "recall_at_1": sum(best == q["expected"] for q, best in related) / max(len(related), 1),
        "unrelated_max": max((s for s in unrelated if s is not None), default=None),
        "queries": len(latencies),
    }


def _server_seconds(session) -> float:
    """Processor seconds (user + system) of the session's PostgreSQL backend so far, 0 on SQLite (it runs in this
    process: its time is the client's) or where the server's /proc cannot be read."""
    from sqlalchemy import text

    if session.get_bind().dialect.name != "postgresql":
        return 0.0
    pid = session.execute(text("SELECT pg_backend_pid()")).scalar()
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _timed(session, items: list, call, rounds: int) -> tuple[list, list[float], dict]:
    """``call(session, item)`` for each item, ``rounds`` times in turn: the results, each item's best wall time,
    and processor time per call (the best of the rounds, p50 and p95, in ms; the database server's on average)."""
    walls, cpus = [float("inf")] * len(items), [float("inf")] * len(items)
    results = [None] * len(items)
    server = _server_seconds(session)
    for _ in range(rounds):
        for n, item in enumerate(items):
            wall, cpu = time.perf_counter(), time.process_time()
            results[n] = call(session, item)
            cpus[n] = min(cpus[n], time.process_time() - cpu)
            walls[n] = min(walls[n], time.perf_counter() - wall)
    server = (_server_seconds(session) - server) / (rounds * len(items))
    return results, walls, {"cpu_p50_ms": statistics.median(cpus) * 1000, "cpu_p95_ms": percentile(cpus, 0.95) * 1000,
                            "server_cpu_ms": server * 1000, "rounds": rounds, "load": os.getloadavg()[0]}


def work_search(url: str, queries_path: str, rounds: str = "1") -> dict:
    from glossary.database import Database
    from tm.search import search

    database = Database(url)
    queries = _queries(queries_path)
    with database.session() as session:
        for q in queries[:10]:  # warm the caches (the glossary for repairs, the database's pages)
            search(session, q["query"], "en", "ru")
        found, latencies, cpu = _timed(session, queries, lambda s, q: search(s, q["query"], "en", "ru", min_score=0, limit=5),
                                       int(rounds))
    results = [(q, matches[0].source if matches else None, matches[0].score if matches else None)
               for q, matches in zip(queries, found)]
    return {**_summary(latencies, results), **cpu}


def concordance_phrases(queries_path: str) -> list[str]:
    """Names, and a word or two words in a row of 100 of the memory's segments."""
    rng = random.Random(3)
    texts = [q["expected"] or q["query"] for q in _queries(queries_path)]
    phrases = ["Fuzuli", "Физули", "Astana", "Middle Corridor", "KazMunayGas", "Aktau", "Баку"]
    for text in texts[:100]:
        words = [w.strip(".,") for w in text.split()]
        start = rng.randrange(len(words) - 1)
        phrases.append(" ".join(words[start:start + rng.choice((1, 2))]))
    return phrases


def work_concordance(url: str, queries_path: str, rounds: str = "1") -> dict:
    from glossary.database import Database
    from tm.concordance import concordance

    database = Database(url)
    phrases = concordance_phrases(queries_path)
    with database.session() as session:
        for phrase in phrases[:5]:
            concordance(session, phrase)
        found, latencies, cpu = _timed(session, phrases, lambda s, phrase: concordance(s, phrase, limit=20), int(rounds))
    return {"p50_ms": statistics.median(latencies) * 1000, "p95_ms": percentile(latencies, 0.95) * 1000,
            "phrases": len(phrases), "found": sum(map(bool, found)), **cpu}


def _rescore(query: str, rows: list[tuple[str, bool]]) -> tuple[str | None, float | None]:
    from tm.similarity import compare

    scored = [(compare(query, text, source_has_tags=tags).score, text) for text, tags in rows]
    if not scored:
        return None, None
    score, text = max(scored, key=lambda s: s[0])
    return text, score


def work_native(url: str, queries_path: str, count: str) -> dict:
    """SQLite FTS5 or PostgreSQL pg_trgm over the English segments: build, then best 50 rescored."""
    import re

    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    sqlite = url.startswith("sqlite")
    start = time.perf_counter()
    with engine.begin() as connection:
        if sqlite:
            connection.execute(text("DROP TABLE IF EXISTS bench_fts"))
            connection.execute(text("CREATE VIRTUAL TABLE bench_fts USING fts5(text, unit_id UNINDEXED, tags UNINDEXED)"))
            connection.execute(text("INSERT INTO bench_fts(text, unit_id, tags) SELECT text, unit_id, markup IS NOT NULL FROM tm_variants WHERE language = 'en'"))
        else:
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
            connection.execute(text("DROP INDEX IF EXISTS bench_trgm"))
            connection.execute(text("CREATE INDEX bench_trgm ON tm_variants USING gin (text public.gin_trgm_ops) WHERE language = 'en'"))
    build = time.perf_counter() - start
    queries = _queries(queries_path, int(count))
    latencies, results = [], []
    with engine.connect() as connection:
        if not sqlite:
            connection.execute(text("SET pg_trgm.similarity_threshold = 0.3"))
        for n, q in enumerate(queries):
            begin = time.perf_counter()
            if sqlite:
                words = re.findall(r"\w+", q["query"])
                match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
                rows = connection.execute(text(
                    "SELECT text, tags FROM bench_fts WHERE bench_fts MATCH :m ORDER BY bm25(bench_fts) LIMIT 50"), {"m": match}).all()
            else:
                rows = connection.execute(text(
                    "SELECT text, markup IS NOT NULL FROM tm_variants WHERE language = 'en' AND text OPERATOR(public.%) :q "
                    "ORDER BY public.similarity(text, :q) DESC LIMIT 50"), {"q": q["query"]}).all()
            best, score = _rescore(q["query"], [tuple(r) for r in rows])
            latencies.append(time.perf_counter() - begin)
            results.append((q, best, score))
    return {"build_s": build, **_summary(latencies, results)}


def _memory_units(tmx_path: str) -> list[tuple[str, str]]:
    from tm.formats.tmx import read_units

    with open(tmx_path, "rb") as handle:
        return [(u.variants[0].text, u.variants[1].text) for u in read_units(handle, tmx_path)]


def work_translate_toolkit(tmx_path: str, queries_path: str, count: str) -> dict:
    from translate.search.match import matcher
    from translate.storage.base import TranslationStore, TranslationUnit

    units = _memory_units(tmx_path)
    start = time.perf_counter()
    store = TranslationStore()
    for source, target in units:
        unit = TranslationUnit(source)
        unit.target = target
        store.units.append(unit)
    tm = matcher(store, max_candidates=1, min_similarity=1, max_length=1000)
    build = time.perf_counter() - start
    latencies, results, errors = [], [], 0
    for q in _queries(queries_path, int(count)):
        begin = time.perf_counter()
        try:
            found = tm.matches(q["query"])
        except TypeError:  # candidates that tie cannot be sorted
            found, errors = [], errors + 1
        latencies.append(time.perf_counter() - begin)
        best = found[0] if found else None
        results.append((q, best.source if best else None, float(best.getnotes().split("%")[0]) if best else None))
    return {"build_s": build, "type_errors": errors, **_summary(latencies, results)}


def work_rapidfuzz(tmx_path: str, queries_path: str, count: str) -> dict:
    from rapidfuzz import fuzz, process

    sources = [source for source, _ in _memory_units(tmx_path)]
    latencies, results = [], []
    for q in _queries(queries_path, int(count)):
        begin = time.perf_counter()
        best = process.extractOne(q["query"], sources, scorer=fuzz.ratio)
        latencies.append(time.perf_counter() - begin)
        results.append((q, best[0] if best else None, best[1] if best else None))
    return _summary(latencies, results)


WORKERS = {"search": work_search, "concordance": work_concordance, "native": work_native,
           "translate-toolkit": work_translate_toolkit, "rapidfuzz": work_rapidfuzz}


# ---------------------------------------------------------------- the run

def run(sizes: list[int], backends: list[str], data: Path, baseline_queries: int, baselines: bool = True) -> list[dict]:
    from tm_data import generate

    rows = []
    for units in sizes:
        memory, queries = data / f"memory-{units}.tmx", data / f"queries-{units}.jsonl"
        if not memory.exists() or not queries.exists():
            generate(units, data)
        batch = data / f"queries-{units}.txt"
        batch.write_text("".join(json.loads(line)["query"] + "\n" for line in queries.read_text(encoding="utf-8").splitlines()),
                         encoding="utf-8")
        for backend in backends:
            url = fresh_database(backend, units, data)
            load = os.getloadavg()[0]
            wall, peak, _, cpu = timed_command(["tilmash", "--db", url, "import", str(memory)])
            row = {"units": units, "engine": f"tilmash, {backend}", "import_s": wall, "units_per_s": units / wall, "peak_mb": peak,
                   "import_cpu_s": cpu, "units_per_cpu_s": units / cpu, "load_before_import": load}
            row.update({f"search_{k}": v for k, v in worker("search", url, str(queries)).items()})
            batch_wall, batch_peak, _, _ = timed_command(["tilmash", "--db", url, "tm", "search", "--source", "en", "--target", "ru",
                                                       "--min-score", "0", "--batch", str(batch)])
            row["batch_command_s"], row["batch_command_peak_mb"] = batch_wall, batch_peak
            row.update({f"concordance_{k}": v for k, v in worker("concordance", url, str(queries)).items()})
            rows.append(row)
            print(json.dumps(row), flush=True)
            if not baselines:
                continue
            native = worker("native", url, str(queries), str(250 if units < 1_000_000 else baseline_queries))
            rows.append({"units": units, "engine": "SQLite FTS5, best 50 rescored" if backend == "sqlite" else "PostgreSQL pg_trgm, best 50 rescored",
                         **{f"search_{k}": v for k, v in native.items()}})
            print(json.dumps(rows[-1]), flush=True)
        for name, label in (("translate-toolkit", "translate-toolkit matcher (in memory)"), ("rapidfuzz", "rapidfuzz scan (in memory)")) if baselines else ():
            result = worker(name, str(memory), str(queries), str(baseline_queries))
            rows.append({"units": units, "engine": label, **{f"search_{k}": v for k, v in result.items()}})
            print(json.dumps(rows[-1]), flush=True)
    return rows


def table(rows: list[dict]) -> str:
    def cell(row, key, fmt):
        value = row.get(key)
        return "" if value is None else format(value, fmt)

    lines = ["| units | engine | import (units/s) | units per CPU s | peak MB | search p50 ms | p95 ms | recall@1 | unrelated max | queries | concordance p50 ms | p95 ms |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(" | ".join([f"| {row['units']:,}", row["engine"], cell(row, "units_per_s", ",.0f"), cell(row, "units_per_cpu_s", ",.0f"),
                                 cell(row, "peak_mb", ".0f"),
                                 cell(row, "search_p50_ms", ".1f"), cell(row, "search_p95_ms", ".1f"), cell(row, "search_recall_at_1", ".3f"),
                                 cell(row, "search_unrelated_max", ".1f"), cell(row, "search_queries", "d"),
                                 cell(row, "concordance_p50_ms", ".1f"), cell(row, "concordance_p95_ms", ".1f")]) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--baseline-queries", type=int, default=50, help="queries for translate-toolkit and the rapidfuzz scan")
    parser.add_argument("--no-baselines", action="store_true",
                        help="Tilmash on each database only: no native index, translate-toolkit or rapidfuzz (a busy machine)")
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.worker:
        print(json.dumps(WORKERS[args.worker](*rest)))
        return
    args.data.mkdir(parents=True, exist_ok=True)
    rows = run(args.units, args.backends, args.data, args.baseline_queries, not args.no_baselines)
    (args.data / f"results-{int(time.time())}.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(table(rows))


if __name__ == "__main__":
    main()

"""CPU of one `POST /api/lint` in one process, and where it goes (Flask's test client, no network).

    python benchmarks/web_request_cpu.py                 # medians of 300 requests
    python benchmarks/web_request_cpu.py --profile 500   # and cProfile's top functions over 500 requests

The same 1,000-word draft as web_benchmark.py, the bundled glossary on a new SQLite file. Each
figure is the median CPU time (``time.process_time``) of one call, after 30 calls of warm-up:

- ``request``: the whole request through Flask's test client (WSGI app, routing, auth, the
  request's validation, lint, the findings' JSON, response headers);
- ``lint``: ``lint_text`` alone on the same text with the same matcher (the library's work; the
  reference the rest is compared with);
- ``matcher``: ``matcher_for_database``: finding the compiled matcher of the glossary's current
  revision (a cache hit);
- ``web``: ``request`` minus ``lint`` minus ``matcher``: what the web layer adds.

CPU times hold better than wall times on a shared machine, but a busy machine still slows them
(caches, frequency): the load average is printed beside them.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from benchmarks.web_benchmark import draft  # noqa: E402


def median_cpu_ms(call: Callable[[], object], runs: int) -> float:
    for _ in range(30):
        call()
    times = []
    for _ in range(runs):
        started = time.process_time()
        call()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also profile N requests with cProfile")
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="tilmash-cpu-"))
    os.environ.update(XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
    try:
        from glossary.lint.engine import lint_text
        from glossary.lint.service import matcher_for_database
        from webapp import create_app

        app = create_app({"ANONYMOUS_READ": True})
        database = app.extensions["tilmash.database"]
        client = app.test_client()
        text = draft(options.words)
        body = json.dumps({"text": text}, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}

        def request() -> None:
            response = client.post("/api/lint", data=body, headers=headers)
            if response.status_code != 200:
                raise SystemExit(f"POST /api/lint answered {response.status_code}: {response.get_data(as_text=True)}")

        request()
        matcher = matcher_for_database(database)
        results = {
            "request_ms": median_cpu_ms(request, options.runs),
            "lint_ms": median_cpu_ms(lambda: lint_text(text, matcher, path="-"), options.runs),
            "matcher_ms": median_cpu_ms(lambda: matcher_for_database(database), options.runs),
        }
        results["web_ms"] = results["request_ms"] - results["lint_ms"] - results["matcher_ms"]
        results = {key: round(value, 3) for key, value in results.items()}
        results["findings"] = len(client.post("/api/lint", data=body, headers=headers).get_json()["findings"])
        results["load_average"] = os.getloadavg()
        print(json.dumps(results))
        if options.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(options.profile):
                request()
            profile.disable()
            stats = pstats.Stats(profile)
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(25)
        database.dispose()
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()

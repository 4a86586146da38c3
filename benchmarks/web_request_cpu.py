"""CPU of one `POST /api/lint` in one process, and where it goes (Flask's test client, no network).

    python benchmarks/web_request_cpu.py                 # medians of 300 requests
    python benchmarks/web_request_cpu.py --profile 500   # and cProfile's top functions over 500 typing requests

The same 1,000-word draft as web_benchmark.py, the bundled glossary on a new SQLite file. Each
figure is the median CPU time (``time.process_time``) of one call, after 30 calls of warm-up:

- ``request``: the whole request through Flask's test client (WSGI app, routing, auth, the
  request's validation, lint, the findings' JSON, response headers), the same draft every time;
- ``request_typing``: the same, one word inserted at a random place of the draft each time (what a
  workbench sends as its user types: the paragraph cache lints that paragraph and a neighbour again);
- ``lint``: ``lint_text`` alone on the same text with the same matcher (the library's work, no cache;
  the reference the rest is compared with);
- ``lint_cached`` and ``lint_typing``: ``piece_cache.lint_text_cached``, the same draft, and a word
  typed each time;
- ``matcher``: ``matcher_for_database``: finding the compiled matcher of the glossary's current
  revision (a cache hit);
- ``web``: ``request`` minus ``lint_cached`` minus ``matcher``: what the web layer adds.

CPU times hold better than wall times on a shared machine, but a busy machine still slows them
(caches, frequency): the load average is printed beside them.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import json
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from benchmarks.web_benchmark import draft  # noqa: E402


def typed_drafts(text: str, count: int, seed: int = 1) -> list[str]:
    """``text`` with one word typed at a random word break, ``count`` times (a different word each time)."""
    rng = random.Random(seed)
    breaks = [i for i, ch in enumerate(text) if ch == " "]
    return [text[:at] + f" typed{n}" + text[at:] for n, at in enumerate(rng.choice(breaks) for _ in range(count))]


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
        from glossary.lint.piece_cache import PieceCache, lint_text_cached
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

        drafts = itertools.cycle(typed_drafts(text, 1000))
        typed_bodies = itertools.cycle(json.dumps({"text": t}, ensure_ascii=False).encode() for t in typed_drafts(text, 1000))

        def request_typing() -> None:
            client.post("/api/lint", data=next(typed_bodies), headers=headers)

        request()
        matcher = matcher_for_database(database)
        cache = PieceCache()
        results = {
            "request_ms": median_cpu_ms(request, options.runs),
            "request_typing_ms": median_cpu_ms(request_typing, options.runs),
            "lint_ms": median_cpu_ms(lambda: lint_text(text, matcher, path="-"), options.runs),
            "lint_cached_ms": median_cpu_ms(lambda: lint_text_cached(text, matcher, cache, path="-"), options.runs),
            "lint_typing_ms": median_cpu_ms(lambda: lint_text_cached(next(drafts), matcher, cache, path="-"), options.runs),
            "matcher_ms": median_cpu_ms(lambda: matcher_for_database(database), options.runs),
        }
        results["web_ms"] = results["request_ms"] - results["lint_cached_ms"] - results["matcher_ms"]
        results = {key: round(value, 3) for key, value in results.items()}
        results["findings"] = len(client.post("/api/lint", data=body, headers=headers).get_json()["findings"])
        results["load_average"] = os.getloadavg()
        print(json.dumps(results))
        if options.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(options.profile):
                request_typing()
            profile.disable()
            stats = pstats.Stats(profile)
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(25)
        database.dispose()
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()

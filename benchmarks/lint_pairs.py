"""Two builds of ``tilmash lint`` in turn, pair by pair, beside the bare scan: what a change did to the whole command.

    python benchmarks/command_benchmark.py --folder DIR --runs 1        # makes DIR's glossary, text and bare scan
    git -C /work/main archive HEAD | tar -x -C /tmp/base                # and the compiled modules (*.so) copied into it
    python benchmarks/lint_pairs.py --folder DIR --build main=/tmp/base --build branch=. --runs 5 --uncached
    python benchmarks/lint_pairs.py --folder DIR --build main=/tmp/base --build branch=. --runs 5

Each run is ``python -m tilmash lint --glossary DIR/glossary.csv --format json DIR/text.txt`` as a whole
process with ``PYTHONPATH`` at the build (uncached: its cache folder emptied first, so the glossary is
compiled and the cache written; cached: a cache the build wrote before the first run); who goes first
alternates; the bare pyahocorasick scan (``command_benchmark``'s) runs after each pair. Processor time is
user + system of the process and the workers it waited for (``os.wait4``), which a busy machine moves less
than wall time: compare the ratios of one run, pair by pair, not seconds across runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run(command: list[str], env: dict) -> tuple[float, float]:
    """Wall and processor seconds of one process and the children it waited for."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/")
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited with {os.waitstatus_to_exitcode(status)}")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, required=True, help="command_benchmark's folder: glossary.csv, text.txt, bare_scan.py")
    parser.add_argument("--build", action="append", required=True, help="NAME=ROOT, twice: a checkout to put on PYTHONPATH")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--uncached", action="store_true", help="an empty cache each run: the glossary compiled and the cache written")
    args = parser.parse_args()
    builds = dict(build.split("=", 1) for build in args.build)
    folder = args.folder.resolve()
    glossary, text = str(folder / "glossary.csv"), str(folder / "text.txt")

    def lint(name: str) -> tuple[list[str], dict]:
        cache = folder / f"pairs-cache-{name}"
        if args.uncached:
            shutil.rmtree(cache, ignore_errors=True)
        env = {**os.environ, "PYTHONPATH": str(Path(builds[name]).resolve()), "XDG_CACHE_HOME": str(cache),
               "TILMASH_DATABASE_URL": "sqlite://"}
        return [sys.executable, "-m", "tilmash", "lint", "--glossary", glossary, "--format", "json", text], env

    for name in builds:  # a warm-up each, which writes the cache of the cached runs
        run(*lint(name))
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in [*builds, "bare scan"]}
    for number in range(args.runs):
        for name in list(builds)[::1 if number % 2 == 0 else -1]:
            results[name].append(run(*lint(name)))
        results["bare scan"].append(run([sys.executable, str(folder / "bare_scan.py"), glossary, text], dict(os.environ)))
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    first, second = builds
    print(f"`tilmash lint --format json`, {'uncached' if args.uncached else 'cached'}, {args.runs} runs in turn, "
          f"load average at the end {load}\n")
    print(f"| | processor (s), median (range) | wall (s), median | bare scan / this: processor | {second} / {first}, pair by pair: processor | wall |")
    print("|---|---:|---:|---:|---:|---:|")
    bare = statistics.median(r[1] for r in results["bare scan"])
    for name, rows in results.items():
        processor = [r[1] for r in rows]
        pairs = ""
        if name == second:
            ratios = [b[1] / a[1] for a, b in zip(results[first], rows, strict=True)]
            walls = [b[0] / a[0] for a, b in zip(results[first], rows, strict=True)]
            pairs = f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f}) | {statistics.median(walls):.2f}"
        print(f"| {name} | {statistics.median(processor):.2f} ({min(processor):.2f}-{max(processor):.2f}) | "
              f"{statistics.median(r[0] for r in rows):.2f} | {bare / statistics.median(processor):.2f} | {pairs or ' |'} |")


if __name__ == "__main__":
    main()

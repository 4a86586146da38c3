"""`tilmash lint --fix` against `tilmash lint` on one long file: time, and memory across all processes.

    python benchmarks/fix_benchmark.py                       # 50 MB, 5 runs of each, alternating
    python benchmarks/fix_benchmark.py --megabytes 10 --runs 3 --kind html

The file is published copy: the corpus articles and the evaluation articles (benchmarks/lint_eval),
repeated to the size asked for, as plain text (or, with --kind html, each paragraph in a <p>). Each
run is the whole command a user runs, in a fresh copy of the file, against the bundled glossary in
a database made once. The commands alternate (lint, --fix, sed, lint, ...), so that a slower moment
of the machine weighs on all of them; medians are printed, with each run's figures.

Memory is sampled every 10 ms over the command's whole process tree (this process's children and
their children: the forked workers too), from /proc: the sum of the processes' proportional set
sizes (PSS: a page shared by two processes counts half in each, so the sum is what the tree really
holds), and the sum of their resident sizes (RSS: shared pages counted in each, an upper bound).
`sed` rewriting every Fizuli as Fuzuli in a copy is the floor of rewriting a file of this size.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt")) + sorted((ROOT / "benchmarks" / "lint_eval" / "articles").glob("*.txt"))


def make_file(path: Path, megabytes: float, kind: str) -> None:
    paragraphs = [p.strip() for source in SOURCES for p in source.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    if kind == "html":
        paragraphs = [f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs]
    block = "\n\n".join(paragraphs) + "\n\n"
    size = int(megabytes * 1_000_000)
    with open(path, "w", encoding="utf-8") as handle:
        written = 0
        while written < size:
            handle.write(block)
            written += len(block.encode("utf-8"))


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo.extend(int(child) for child in handle.read().split())
        except OSError:
            pass
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB, from smaps_rollup; (0, 0) if it is gone."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def run(command: list[str]) -> dict:
    """Wall time and peak memory of the process tree (MB) of one run of ``command``."""
    peak = {"pss": 0, "rss": 0}
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            totals = [_memory(pid) for pid in _tree(process.pid)]
            peak["pss"] = max(peak["pss"], sum(p for p, _ in totals))
            peak["rss"] = max(peak["rss"], sum(r for _, r in totals))
            done.wait(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = process.wait()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    return {"wall": wall, "pss": peak["pss"] / 1024, "rss": peak["rss"] / 1024, "code": code}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kind", choices=("text", "html"), default="text")
    arguments = parser.parse_args()
    tilmash = [sys.executable, "-m", "tilmash"]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        original = folder / ("original.html" if arguments.kind == "html" else "original.txt")
        make_file(original, arguments.megabytes, arguments.kind)
        size = original.stat().st_size / 1_000_000
        database = ["--db", f"sqlite:///{folder / 'tilmash.db'}"]
        subprocess.run(tilmash + database + ["init"], check=True, capture_output=True)
        copy = folder / ("copy" + original.suffix)
        commands = {
            "tilmash lint --format json": tilmash + database + ["lint", "--format", "json", str(copy)],
            "tilmash lint --fix": tilmash + database + ["lint", "--fix", str(copy)],
            "sed -i s/Fizuli/Fuzuli/g": ["sed", "-i", "s/Fizuli/Fuzuli/g", str(copy)],
        }
        results: dict[str, list[dict]] = {name: [] for name in commands}
        shutil.copyfile(original, copy)
        run(commands["tilmash lint --format json"])  # warm-up: the glossary compiled and cached
        for _ in range(arguments.runs):
            for name, command in commands.items():
                shutil.copyfile(original, copy)
                results[name].append(run(command))
        print(f"{size:.1f} MB of {arguments.kind}, {arguments.runs} runs of each, alternating; "
              f"{os.cpu_count()} CPUs (shared with other work: compare the ratios)\n")
        print("| command | wall (s), median | peak PSS, all processes (MB) | PSS / file size | peak RSS, all processes (MB) |")
        print("|---|---:|---:|---:|---:|")
        lint_wall = statistics.median(r["wall"] for r in results["tilmash lint --format json"])
        for name, rows in results.items():
            wall = statistics.median(r["wall"] for r in rows)
            pss = statistics.median(r["pss"] for r in rows)
            rss = statistics.median(r["rss"] for r in rows)
            print(f"| `{name}` | {wall:.2f} ({wall / lint_wall:.2f} x lint) | {pss:.0f} | {pss / size:.2f} | {rss:.0f} |")
        print("\neach run (wall s / PSS MB):")
        for name, rows in results.items():
            print(f"  {name}: " + ", ".join(f"{r['wall']:.2f}/{r['pss']:.0f}" for r in rows))


if __name__ == "__main__":
    main()

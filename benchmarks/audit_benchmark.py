"""The archive audit on a large generated archive: throughput, peak memory, and what the cache saves.

    python benchmarks/audit_benchmark.py                          # 100,000 articles, 20,000 concepts
    python benchmarks/audit_benchmark.py --articles 10000 --concepts 2000
    python benchmarks/audit_benchmark.py --articles 20000 --folder DIR --cache-only   # DIR kept: written once

It generates a glossary (``lint_benchmark.generate_glossary``: four languages, two
terms per language and concept) and an archive of dated articles of three to six
paragraphs drawn from a pool of generated paragraphs (``lint_benchmark.generate_text``;
each article a different draw, dated over ten years by its file's time), then runs
whole commands, as a user would, each timed from process start to exit with the
peak resident memory of its largest process:

- ``tilmash lint --format json`` on the archive (the reference: the same engine, no counting);
- ``tilmash audit --format json`` on the archive, and on a tenth of it (memory should not grow with it);
- ``tilmash audit --cache DIR``: the first run, a second with 1% new articles, and a third with none
  (``--cache-only``: only these, with their processor time as a share of the first run's).

With ``--folder``, the glossary and the archive are written once and kept (a second benchmark
over the same folder starts with its audits); the 1% new articles wait in ``new/`` beside the
archive, are moved into it for the runs that count them and moved back out at the end.

Two builds side by side (``--build NAME=DIR``, twice or more: source trees with their compiled
modules, run with ``PYTHONPATH=DIR`` from the archive's folder), the cached runs only: each build's
first run (its cache kept as ``cache-NAME.first`` with ``first-NAME.json``, and reused by a later
benchmark over the same folder: ``--keep-first``), then ``--runs`` rounds in which each build in turn
starts again from its first run's cache and is timed with 1% new articles, then nothing new, then
(``--changed``) 1% of the articles edited in place (every hundredth: its first paragraph written
again at its end, its time one second later; put back afterwards)::

    git -C MAIN archive HEAD | tar -x -C /tmp/base   # and copy the compiled modules (*.so) into it
    python benchmarks/audit_benchmark.py --folder DIR --changed --runs 3 --build main=/tmp/base --build branch=.

Wall-clock times on a shared machine: compare within one run; processor seconds (of the
command and every worker it forked) vary less when the machine is busy.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lint_benchmark import generate_glossary, generate_text  # noqa: E402

TILMASH = [sys.executable, "-m", "tilmash"]


def write_archive(folder: Path, paragraphs: list[str], count: int, rng: random.Random, first: int = 0) -> int:
    """``count`` articles numbered from ``first``, in folders of a thousand; returns their bytes."""
    start = datetime.datetime(2015, 1, 1).timestamp()
    span = 10 * 365 * 86400
    size = 0
    for number in range(first, first + count):
        text = "\n\n".join(rng.sample(paragraphs, rng.randint(3, 6))) + "\n"
        path = folder / f"{number // 1000:03}" / f"{number:06}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        when = start + rng.random() * span
        os.utime(path, (when, when))
        size += len(data)
    return size


def run(command: list[str], env: dict) -> tuple[float, float, float]:
    """Wall seconds, processor seconds (all its processes) and peak resident megabytes of the
    largest process of ``command``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read().decode()
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({code}): {stderr}")
    # Linux's wait4 counts in the workers the command forked and waited for: their processor time, the largest one's memory
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--concepts", type=int, default=20_000)
    parser.add_argument("--folder", type=Path, help="where to write the archive (default: a temporary folder, removed)")
    parser.add_argument("--cache-only", action="store_true", help="only the cached runs (not the lint and uncached audits)")
    parser.add_argument("--build", action="append", default=[], metavar="NAME=DIR",
                        help="compare builds (source trees) side by side, cached runs only")
    parser.add_argument("--changed", action="store_true", help="with --build: also 1%% of the articles edited")
    parser.add_argument("--runs", type=int, default=3, help="with --build: rounds in turn")
    parser.add_argument("--keep-first", action="store_true",
                        help="with --build: reuse each build's first run kept in the folder by an earlier benchmark")
    args = parser.parse_args()
    rng = random.Random(2026)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="tilmash-audit-benchmark-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        glossary = folder / "glossary.csv"
        archive, tenth, new_articles = folder / "archive", folder / "tenth", folder / "new"
        written = folder / f"written-{args.articles}-{args.concepts}"  # all of it was written, with these counts
        started = time.perf_counter()
        if not written.exists():
            for old in (archive, tenth, new_articles, folder / "cache", folder / "xdg-cache"):
                shutil.rmtree(old, ignore_errors=True)
            glossary.write_text(generate_glossary(args.concepts, rng), encoding="utf-8")
            paragraphs = generate_text(glossary.read_text(encoding="utf-8"), 4, rng).split("\n\n")
            write_archive(archive, paragraphs, args.articles, rng)
            write_archive(tenth, paragraphs, args.articles // 10, random.Random(7))
            write_archive(new_articles, paragraphs, args.articles // 100, random.Random(99), first=args.articles)
            written.touch()
        size = sum(path.stat().st_size for path in archive.rglob("*.txt"))
        print(f"glossary: {args.concepts:,} concepts; archive: {args.articles:,} articles, {size / 1e6:.0f} MB "
              f"(written or found in {time.perf_counter() - started:.0f} s); {os.cpu_count()} CPUs; "
              f"load average {os.getloadavg()[0]:.1f}\n", flush=True)
        if args.build:
            compare_builds(args, folder)
            return
        env = {**os.environ, "XDG_CACHE_HOME": str(folder / "xdg-cache"), "TILMASH_DATABASE_URL": "sqlite://"}
        common = ["--glossary", str(glossary)]
        run([*TILMASH, "audit", *common, str(folder / "tenth" / "000")], env)  # compiles and caches the matchers
        run([*TILMASH, "lint", *common, str(folder / "tenth" / "000")], env)

        processor: dict[str, float] = {}

        def measure(label: str, command: list[str], articles: int, megabytes: float) -> None:
            seconds, cpu, peak = run(command, env)
            processor[label] = cpu
            print(f"| {label} | {seconds:.1f} | {cpu:.1f} | {articles / seconds:,.0f} | {megabytes / seconds:.1f} | {peak:.0f} |",
                  flush=True)

        print("| command | wall (s) | processor (s) | articles/s | MB/s | peak memory (MB) |")
        print("|---|---:|---:|---:|---:|---:|")
        megabytes = size / 1e6
        if not args.cache_only:
            measure("tilmash lint --format json (reference)", [*TILMASH, "lint", *common, "--format", "json", "--fail-on", "never",
                                                               str(archive)], args.articles, megabytes)
            measure("tilmash audit --format json", [*TILMASH, "audit", *common, "--format", "json", str(archive)],
                    args.articles, megabytes)
            tenth_size = sum(p.stat().st_size for p in tenth.rglob("*.txt")) / 1e6
            measure(f"tilmash audit --format json, {args.articles // 10:,} articles",
                    [*TILMASH, "audit", *common, "--format", "json", str(tenth)], args.articles // 10, tenth_size)
        shutil.rmtree(folder / "cache", ignore_errors=True)
        cache = ["--cache", str(folder / "cache")]
        measure("tilmash audit --cache, first run", [*TILMASH, "audit", *common, *cache, "--format", "json", str(archive)],
                args.articles, megabytes)
        new = args.articles // 100
        moved = [(new_articles / name, archive / name) for name in sorted(os.listdir(new_articles))]
        for waiting, place in moved:
            waiting.rename(place)
        try:
            measure(f"tilmash audit --cache, {new:,} new articles (1%)",
                    [*TILMASH, "audit", *common, *cache, "--format", "json", str(archive)], args.articles + new,
                    megabytes * 1.01)
            measure("tilmash audit --cache, nothing new", [*TILMASH, "audit", *common, *cache, "--format", "json",
                                                           str(archive)], args.articles + new, megabytes * 1.01)
            html = folder / "report.html"
            measure("tilmash audit --format html", [*TILMASH, "audit", *common, *cache, "--format", "html", "-o", str(html),
                                                    str(archive)], args.articles + new, megabytes * 1.01)
        finally:
            for waiting, place in moved:
                place.rename(waiting)
        print(f"\nHTML report: {html.stat().st_size / 1e6:.1f} MB; load average {os.getloadavg()[0]:.1f}")
        first = processor["tilmash audit --cache, first run"]
        print(f"Processor time against the first cached run: {new:,} new articles "
              f"{processor[f'tilmash audit --cache, {new:,} new articles (1%)'] / first:.1%}, "
              f"nothing new {processor['tilmash audit --cache, nothing new'] / first:.1%}")
    finally:
        if args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)


def compare_builds(args: argparse.Namespace, folder: Path) -> None:
    """Each build's cached runs, in turn, from the same first-run cache each time (see the module's notes)."""
    builds = dict(build.split("=", 1) for build in args.build)
    archive, new_articles = folder / "archive", folder / "new"
    envs = {name: {**os.environ, "PYTHONPATH": str(Path(source).resolve()), "XDG_CACHE_HOME": str(folder / f"xdg-{name}"),
                   "TILMASH_DATABASE_URL": "sqlite://"} for name, source in builds.items()}
    os.chdir(folder)  # not a source tree: each build is imported from its PYTHONPATH

    def audit(name: str, *extra: str) -> tuple[float, float, float]:
        return run([*TILMASH, "audit", "--glossary", str(folder / "glossary.csv"), "--cache", str(folder / f"cache-{name}"),
                    "--format", "json", *extra, str(archive)], envs[name])

    first: dict[str, dict] = {}
    for name in builds:
        kept = folder / f"first-{name}.json"
        if not (args.keep_first and kept.exists() and (folder / f"cache-{name}.first").is_dir()):
            run([*TILMASH, "audit", "--glossary", str(folder / "glossary.csv"), str(folder / "tenth" / "000")], envs[name])
            shutil.rmtree(folder / f"cache-{name}", ignore_errors=True)
            wall, cpu, peak = audit(name)
            shutil.rmtree(folder / f"cache-{name}.first", ignore_errors=True)
            shutil.copytree(folder / f"cache-{name}", folder / f"cache-{name}.first")
            kept.write_text(json.dumps({"wall": wall, "processor": cpu, "peak": peak, "load": os.getloadavg()[0]}))
        first[name] = json.loads(kept.read_text())
        print(f"{name}: first run {first[name]['processor']:.1f} s processor, {first[name]['wall']:.0f} s wall", flush=True)
    moved = [(new_articles / entry, archive / entry) for entry in sorted(os.listdir(new_articles))]
    edited = sorted(archive.rglob("*.txt"))[50::100]
    steps = ["1% new", "nothing new", *(["1% changed"] if args.changed else [])]
    times: dict[tuple[str, str], list[tuple[float, float]]] = {(name, step): [] for name in builds for step in steps}
    for round_number in range(args.runs):
        for name in (list(builds) if round_number % 2 == 0 else list(builds)[::-1]):  # who goes first alternates
            restore(folder, name)
            for waiting, place in moved:
                waiting.rename(place)
            try:
                for step in ("1% new", "nothing new"):
                    wall, cpu, _ = audit(name)
                    times[(name, step)].append((wall, cpu))
            finally:
                for waiting, place in moved:
                    place.rename(waiting)
            if args.changed:
                restore(folder, name)
                originals = [(path, path.read_bytes(), path.stat()) for path in edited]
                try:
                    for path, data, status in originals:
                        text = data.decode("utf-8")
                        path.write_text(text + "\n" + text.split("\n\n")[0] + "\n", encoding="utf-8")
                        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
                    wall, cpu, _ = audit(name)
                    times[(name, "1% changed")].append((wall, cpu))
                finally:
                    for path, data, status in originals:
                        path.write_bytes(data)
                        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
            print(f"round {round_number + 1} {name}: " + ", ".join(f"{step} {times[(name, step)][-1][1]:.2f} s"
                                                                   for step in steps), flush=True)
    names = list(builds)
    print(f"\n| `tilmash audit --cache --format json`, processor (s), median of {args.runs} | "
          + " | ".join(names) + f" | {names[-1]} / {names[0]}, pair by pair |")
    print("|---|" + "---:|" * (len(names) + 1))
    print("| first run | " + " | ".join(f"{first[n]['processor']:.1f}" for n in names) + " | |")
    for step in steps:
        cells = [f"{statistics.median(c for _, c in times[(n, step)]):.2f} "
                 f"({statistics.median(c for _, c in times[(n, step)]) / first[n]['processor']:.2%})" for n in names]
        ratio = statistics.median(b[1] / a[1] for a, b in zip(times[(names[0], step)], times[(names[-1], step)]))
        print(f"| {step} | " + " | ".join(cells) + f" | {ratio:.2f} |")
    print(f"\nwall medians (s): " + "; ".join(f"{n} {step} {statistics.median(w for w, _ in times[(n, step)]):.1f}"
                                             for step in steps for n in names))
    print(f"load average {os.getloadavg()[0]:.1f}")


def restore(folder: Path, name: str) -> None:
    """The build's cache as its first run left it."""
    shutil.rmtree(folder / f"cache-{name}", ignore_errors=True)
    shutil.copytree(folder / f"cache-{name}.first", folder / f"cache-{name}")


if __name__ == "__main__":
    main()

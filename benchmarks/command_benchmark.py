"""The command a user runs, from process start to the last byte written, beside a bare scan in the same run.

    python benchmarks/command_benchmark.py                     # 20,000 concepts, 3 MB, 5 runs of each
    python benchmarks/command_benchmark.py --concepts 2000 --megabytes 1 --runs 3

It generates a glossary and a text (``lint_benchmark``'s generators: four
languages, about 160,000 forms for 20,000 concepts) and times whole processes,
in turn, each run's wall and processor seconds and peak memory (``os.wait4``):

- ``tilmash lint --glossary g.csv --format json text.txt``, uncached (an empty
  cache folder each run: the glossary is compiled) and cached (compiled once before);
- a bare Aho-Corasick scan as a whole process: pyahocorasick over the lowercased
  text, each hit kept where it starts and ends a word, the hits written as JSON;
- flashtext as a whole process, its hits written as JSON;
- ``tilmash lint --format sarif``, cached (the same findings, 4.5 times the bytes of JSON);
- ``tilmash lint --help`` (the command's start), and ``tilmash lint --glossary SMALL.csv -`` on a
  line from standard input (the bundled test glossary, cached: the start of a lint that needs no
  database), beside ``python -c pass``.

Then the engine alone, in this process: reading the glossary file, compiling it,
writing it as the cache's bytes (the three steps of an uncached run before the
text), loading it from the cache, ``lint_text``, and the formatters per 10,000
findings. Speeds against the bare scan are given on wall and on processor time
(which a busy machine moves less: the forked workers of a long text are counted in). The bare
scan and flashtext find exact forms only (no inflection, letter-case rules,
language or markup): they are the floor, not equivalents. Medians; a shared
machine: compare within one run.
"""

from __future__ import annotations

import argparse
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

BARE_SCAN = r'''
import json, sys
import ahocorasick
forms = [line.split(",")[2] for line in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]]
text = open(sys.argv[2], encoding="utf-8").read()
automaton = ahocorasick.Automaton()
for form in forms:
    automaton.add_word(form.lower(), len(form))
automaton.make_automaton()
lowered = text.lower()
hits = []
for end, size in automaton.iter(lowered):
    start = end + 1 - size
    if (start == 0 or not lowered[start - 1].isalnum()) and (end + 1 == len(lowered) or not lowered[end + 1].isalnum()):
        hits.append({"start": start, "end": end + 1, "found": text[start:end + 1]})
sys.stdout.write(json.dumps(hits, ensure_ascii=False) + "\n")
'''

FLASHTEXT = r'''
import json, sys
from flashtext import KeywordProcessor
forms = [line.split(",")[2] for line in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]]
text = open(sys.argv[2], encoding="utf-8").read()
processor = KeywordProcessor(case_sensitive=False)
processor.set_non_word_boundaries({ch for ch in text + "".join(forms) if ch.isalnum()} | {"_"})
for form in forms:
    processor.add_keyword(form)
hits = [{"start": s, "end": e, "found": k} for k, s, e in processor.extract_keywords(text, span_info=True)]
sys.stdout.write(json.dumps(hits, ensure_ascii=False) + "\n")
'''


def run(command: list[str], env: dict, output: Path, codes: tuple[int, ...] = (0, 1),
        stdin: Path | None = None) -> tuple[float, float, float]:
    """Wall seconds, processor seconds and peak megabytes of one process (Linux's wait4 counts in the
    workers it forked and waited for: their processor time, and the largest one's memory); ``codes``:
    the exit statuses that mean it worked (a comparison script that fails, flashtext not installed, exits 1)."""
    with output.open("wb") as out, open(os.devnull, "rb") if stdin is None else stdin.open("rb") as given:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdin=given, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in codes:
        raise SystemExit(f"{' '.join(command)} failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _paused(function, *args):
    from glossary.lint.collector import collector_paused

    with collector_paused():
        return function(*args)


def engine(folder: Path, env: dict) -> None:
    """The engine's steps in this process, medians of a few runs."""
    os.environ.update(env)
    from glossary.formats import read_glossary_file
    from glossary.lint import cache, formatters, matcher_file
    from glossary.lint.engine import lint_text
    from glossary.lint.matcher import Matcher
    from glossary.lint.service import matcher_for_file

    glossary = read_glossary_file(folder / "glossary.csv")
    text = (folder / "text.txt").read_text(encoding="utf-8")
    compiled = Matcher(glossary)

    def median(step, runs: int = 3) -> float:
        times = []
        for _ in range(runs):
            started = time.process_time()  # one process: its processor time varies less than wall on a busy machine
            step()
            times.append(time.process_time() - started)
        return statistics.median(times)

    matcher = matcher_for_file(folder / "glossary.csv")
    findings = lint_text(text, matcher, path="text.txt")
    many = (findings * (10_000 // max(1, len(findings)) + 1))[:10_000]
    cache._MEMORY.clear()
    rows = [
        # (the command reads with the collector paused: with a compiled glossary in this process, a
        # read with it running took two to three times as long, walking that glossary again and again)
        ("read the glossary file (CSV, every row checked; collector paused, as the command reads)",
         median(lambda: _paused(read_glossary_file, folder / "glossary.csv"), 1)),
        ("compile the glossary (Matcher)", median(lambda: Matcher(glossary), 1)),
        ("write the compiled glossary as the cache's bytes (matcher_file.dumps)", median(lambda: matcher_file.dumps(compiled), 1)),
        ("load it from the disk cache", median(lambda: (cache._MEMORY.clear(), matcher_for_file(folder / "glossary.csv")))),
        ("load it, then lint_text: the forms the text names made from the file (a new process)",
         median(lambda: (cache._MEMORY.clear(), lint_text(text, matcher_for_file(folder / "glossary.csv"), path="text.txt", jobs=1)))),
        (f"lint_text again, its forms made ({len(findings):,} findings)", median(lambda: lint_text(text, matcher, path="text.txt", jobs=1))),
        # the UTF-8 bytes the command writes (formatters.report); the findings of the text, repeated
        ("format 10,000 findings as text", median(lambda: formatters.report("text", many), 5)),
        ("format 10,000 findings as JSON", median(lambda: formatters.report("json", many), 5)),
        ("format 10,000 findings as SARIF", median(lambda: formatters.report("sarif", many), 5)),
    ]
    print("\n| engine step (one process) | processor, median (s) |\n|---|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concepts", type=int, default=20_000)
    parser.add_argument("--megabytes", type=float, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--folder", type=Path, help="keep the data and outputs here (default: a temporary folder)")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="tilmash-command-benchmark-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        rng = random.Random(2026)
        glossary = generate_glossary(args.concepts, rng)
        (folder / "glossary.csv").write_text(glossary, encoding="utf-8")
        (folder / "text.txt").write_text(generate_text(glossary, args.megabytes, rng), encoding="utf-8")
        (folder / "bare_scan.py").write_text(BARE_SCAN, encoding="utf-8")
        (folder / "flashtext_scan.py").write_text(FLASHTEXT, encoding="utf-8")
        env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "TILMASH_DATABASE_URL": "sqlite://"}
        g, t = str(folder / "glossary.csv"), str(folder / "text.txt")
        small = str(Path(__file__).resolve().parents[1] / "tests" / "data" / "lint" / "glossary.csv")
        lint = [sys.executable, "-m", "tilmash", "lint", "--glossary", g, "--format", "json", t]
        commands = {
            "tilmash lint --format json, uncached": lint,
            "tilmash lint --format json, cached": lint,
            "bare pyahocorasick scan with word boundaries": [sys.executable, str(folder / "bare_scan.py"), g, t],
            "flashtext": [sys.executable, str(folder / "flashtext_scan.py"), g, t],
            "tilmash lint --format sarif, cached": [*lint[:-2], "sarif", t],
            "tilmash lint --help (start)": [sys.executable, "-m", "tilmash", "lint", "--help"],
            "tilmash lint --glossary SMALL.csv - (a line from stdin)": [*lint[:5], small, "-"],
            "python -c pass (the interpreter's start)": [sys.executable, "-c", "pass"],
        }
        run(lint, env, folder / "lint.json")  # compiles the glossary into the cache for the cached runs
        (folder / "line.txt").write_text("Fizuli and Qabala are in Azerbaijan.\n", encoding="utf-8")
        run(commands["tilmash lint --glossary SMALL.csv - (a line from stdin)"], env, folder / "small.out", stdin=folder / "line.txt")
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                run_env = env
                if "uncached" in name:
                    shutil.rmtree(folder / "uncached", ignore_errors=True)
                    run_env = {**env, "XDG_CACHE_HOME": str(folder / "uncached")}
                codes = (0, 1) if name.startswith("tilmash lint --") and "help" not in name else (0,)
                stdin = folder / "line.txt" if command[-1] == "-" else None
                results[name].append(run(command, run_env, folder / f"{name.split()[0]}.out", codes, stdin))
        size = (folder / "text.txt").stat().st_size / 1e6
        bare = statistics.median(r[0] for r in results["bare pyahocorasick scan with word boundaries"])
        print(f"glossary: {args.concepts:,} concepts, {len(glossary.splitlines()) - 1:,} forms; text: {size:.1f} MB; "
              f"{args.runs} runs of each, in turn; medians\n")
        bare_processor = statistics.median(r[1] for r in results["bare pyahocorasick scan with word boundaries"])
        print("| whole command | wall (s) | processor (s) | peak memory (MB) | speed against the bare scan: wall | processor |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, rows in results.items():
            wall, processor = statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows)
            print(f"| {name} | {wall:.2f} | {processor:.2f} | "
                  f"{statistics.median(r[2] for r in rows):.0f} | {bare / wall:.2f} | {bare_processor / processor:.2f} |")
        print(f"\nload average at the end: {open('/proc/loadavg').read().split()[:3]}")
        engine(folder, env)
    finally:
        if args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

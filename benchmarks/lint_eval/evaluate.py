"""Precision and recall of `tilmash lint` on published articles, per rule and per severity.

    python benchmarks/lint_eval/evaluate.py                    # the bundled glossary, in a fresh database
    python benchmarks/lint_eval/evaluate.py --glossary terms.csv
    python benchmarks/lint_eval/evaluate.py --articles held-out/articles --names held-out/names.csv

It runs the command a user runs, `tilmash lint --format json articles/`, and holds its findings
against `names.csv`: every name of the bundled glossary in the articles, found and checked by hand,
with the verdict on each (`ok`, the rule the lint should report with the suggestion it should make,
or why it is no finding). A finding is right when a row of the same file, line, text and rule
expects it. Then `--fix` on a copy of the articles: what it changed, whether a second lint finds
anything the fix made, and whether a second `--fix` changes anything more. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from glossary.lint.rules import RULES  # noqa: E402

ARTICLES = HERE / "articles"
SEVERITIES = ("error", "warning", "info")


def tilmash(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tilmash", *arguments], capture_output=True, text=True, check=False)


def lint(folder: Path, options: list[str], *extra: str) -> list[dict]:
    result = tilmash(*options[:2], "lint", *options[2:], "--format", "json", *extra, str(folder))
    try:
        if result.returncode in (0, 1):
            return json.loads(result.stdout)
    except json.JSONDecodeError:
        pass
    sys.exit(f"tilmash lint failed ({result.returncode}): {result.stderr}")


def expected_findings(names: Path) -> list[dict]:
    with open(names, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row for row in rows if row["verdict"] in RULES]


def key(path: str, line: int | str, found: str, rule: str) -> tuple[str, int, str, str]:
    return Path(path).name, int(line), found, rule


def score(findings: list[dict], expected: list[dict]) -> tuple[list, list, list, int]:
    """(true positives, false positives, false negatives, suggestions as annotated)."""
    wanted = Counter(key(r["file"], r["line"], r["written"], r["verdict"]) for r in expected)
    suggestion = {key(r["file"], r["line"], r["written"], r["verdict"]): r["suggestion"] for r in expected}
    true, false = [], []
    for finding in findings:
        k = key(finding["path"], finding["line"], finding["found"], finding["rule"])
        if wanted[k] > 0:
            wanted[k] -= 1
            true.append(finding)
        else:
            false.append(finding)
    missed = [r for r in expected if wanted[key(r["file"], r["line"], r["written"], r["verdict"])] > 0]
    for r in missed:
        wanted[key(r["file"], r["line"], r["written"], r["verdict"])] -= 1
    right = sum(1 for f in true if f["suggestion"] == suggestion[key(f["path"], f["line"], f["found"], f["rule"])])
    return true, false, missed, right


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def table(true: list, false: list, missed: list, group, labels) -> None:
    print(f"| {'':<22} | found | right | wrong | missed | precision | recall |")
    print(f"|{'-' * 24}|------:|------:|------:|-------:|----------:|-------:|")
    for label in labels:
        t = sum(1 for f in true if group(f) == label)
        f = sum(1 for x in false if group(x) == label)
        m = sum(1 for r in missed if group({"rule": r["verdict"]}) == label)
        print(f"| {label:<22} | {t + f:5} | {t:5} | {f:5} | {m:6} | {ratio(t, t + f):>9} | {ratio(t, t + m):>6} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--glossary", help="lint against this TBX or CSV file instead of the bundled glossary")
    parser.add_argument("--articles", type=Path, default=ARTICLES, help="another folder of articles (a held-out set)")
    parser.add_argument("--names", type=Path, default=HERE / "names.csv", help="the annotation of those articles")
    arguments = parser.parse_args()
    articles_folder, names = arguments.articles.resolve(), arguments.names.resolve()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        if arguments.glossary:
            options = ["--db", f"sqlite:///{folder / 'unused.db'}", "--glossary", arguments.glossary]
        else:
            options = ["--db", f"sqlite:///{folder / 'tilmash.db'}"]
        findings = lint(articles_folder, options)
        expected = expected_findings(names)
        true, false, missed, right = score(findings, expected)
        articles = sorted(articles_folder.iterdir())
        print(f"{len(articles)} articles ({', '.join(f'{n} {k}' for k, n in sorted(Counter(p.suffix for p in articles).items()))}), "
              f"{sum(1 for _ in open(names, encoding='utf-8')) - 1} names checked by hand, "
              f"{len(expected)} findings expected, {len(findings)} reported\n")
        print("Per severity:\n")
        table(true, false, missed, lambda f: RULES[f["rule"]].severity.value, SEVERITIES)
        print("\nPer rule:\n")
        table(true, false, missed, lambda f: f["rule"], list(RULES))
        print(f"\nsuggestions as annotated: {right} of {len(true)} right findings")
        for title, rows in (("wrong", false), ("missed", missed)):
            if rows:
                print(f"\n{title}:")
            for row in rows:
                if title == "wrong":
                    print(f"  {Path(row['path']).name}:{row['line']}: {row['rule']}: {row['message']} -> {row['suggestion']}")
                else:
                    print(f"  {row['file']}:{row['line']}: {row['verdict']}: {row['written']!r} -> {row['suggestion']}")
        copy = folder / "articles"
        shutil.copytree(articles_folder, copy)
        fixed = tilmash(*options[:2], "lint", *options[2:], "--fix", str(copy))
        changes = [line for line in fixed.stderr.splitlines() if line.startswith("fixed ")]
        wrong = {(Path(f["path"]).name, f["line"], f["found"]) for f in false}
        wrong_changes = [line for line in changes if _fixed_where(line) in wrong]
        after = lint(copy, options)
        before = Counter((Path(f["path"]).name, f["rule"], f["found"]) for f in findings)
        made = [f for f in after if before[(Path(f["path"]).name, f["rule"], f["found"])] == 0]
        texts = {p.name: p.read_bytes() for p in copy.iterdir()}
        tilmash(*options[:2], "lint", *options[2:], "--fix", str(copy))
        again = [name for name, data in texts.items() if (copy / name).read_bytes() != data]
        print(f"\n--fix: {len(changes)} changes in {sum(1 for p in copy.iterdir() if p.read_bytes() != (articles_folder / p.name).read_bytes())} "
              f"files, {len(wrong_changes)} of them for a wrong finding; findings after: {len(after)}, of which made by "
              f"the fix: {len(made)}; files a second --fix changes: {len(again)}")
        for line in wrong_changes:
            print(f"  wrong change: {line.removeprefix('fixed ')}")
        for finding in made:
            print(f"  made: {Path(finding['path']).name}:{finding['line']}: {finding['rule']}: {finding['found']!r}")


def _fixed_where(line: str) -> tuple[str, int, str]:
    """(file name, line, text found) of a 'fixed path:line:column: found -> suggestion' line."""
    place, change = line.removeprefix("fixed ").split(": ", 1)
    path, number, _ = place.rsplit(":", 2)
    return Path(path).name, int(number), change.rsplit(" -> ", 1)[0]


if __name__ == "__main__":
    main()

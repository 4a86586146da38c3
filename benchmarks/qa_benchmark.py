"""Speed of `tilmash qa`: four 2,000-word versions of one story, a 10,000-entry PO catalogue, a TMX memory.

    python benchmarks/qa_benchmark.py                 # 4 x 2,000 words, 10,000 entries, 3,750 TMX units, 5 runs each
    python benchmarks/qa_benchmark.py --words 500 --entries 1000 --tmx-units 400 --runs 3

The data is made from the parallel test set (tests/data/qa): the stories in all four
languages repeated until the English version has --words words, and the catalogue
cms.ru.po repeated, each copy with its own msgctxt, to --entries entries, and the memory
newsroom.tmx repeated, each copy of a unit with its own tuid, to --tmx-units units (3,750 units
are 10,000 pairs of a source and a translation, as many as the catalogue). Each figure is
the median of --runs runs, measured two ways: the engine in this process (the glossary
already compiled), and the whole command a user runs (a new process: start-up, imports,
the compiled glossary from its cache, reading, checking, printing).

Beside them, in the same run, the well-known tools for part of the job:
- versions: NLTK's Gale–Church (``nltk.translate.gale_church.align_blocks``) aligning the
  same sentences by length alone (our alignment adds names and numbers as anchors, then
  compares them); ``pip install nltk`` for this row;
- catalogues: translate-toolkit's ``pofilter`` with its numbers, printf, Python-brace and
  XML-tag checks (no names, no languages' notations), and GNU ``msgfmt --check-format``
  (placeholders of flagged messages only).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from glossary.formats import read_glossary_file  # noqa: E402
from glossary.lint.matcher import Matcher  # noqa: E402
from tm.qa.align import align  # noqa: E402
from tm.qa.files import read_units  # noqa: E402
from tm.qa.pairs import check_units  # noqa: E402
from tm.qa.versions import align_versions, check_versions, read_version  # noqa: E402

SET = ROOT / "tests" / "data" / "qa"
LANGS = ("en", "az", "kk", "ru")
FOUR_LANGUAGE_STORIES = ("energy", "ports", "visit")


def make_versions(folder: Path, words: int) -> list[Path]:
    """One story per language: the four-language stories of the set, repeated until the English one has ``words`` words."""
    stories = {lang: [(SET / "stories" / s / f"{lang}.txt").read_text(encoding="utf-8") for s in FOUR_LANGUAGE_STORIES]
               for lang in LANGS}
    texts = {lang: [] for lang in LANGS}
    count = 0
    while count < words:
        for i in range(len(FOUR_LANGUAGE_STORIES)):
            for lang in LANGS:
                texts[lang].append(stories[lang][i])
            count += len(stories["en"][i].split())
    paths = []
    for lang in LANGS:
        path = folder / f"story.{lang}.txt"
        path.write_text("\n".join(texts[lang]), encoding="utf-8")
        paths.append(path)
    return paths


def make_catalogue(folder: Path, entries: int) -> Path:
    """cms.ru.po's messages repeated, each copy in its own msgctxt, to ``entries`` entries."""
    text = (SET / "catalogues" / "cms.ru.po").read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n#: templates/home.html:3")
    body = "#: templates/home.html:3" + body
    messages = [m for m in body.split("\n\n") if m.strip()]
    out = [header]
    for i in range(entries):
        message = messages[i % len(messages)]
        lines = message.splitlines()
        at = next(n for n, line in enumerate(lines) if line.startswith("msgid "))
        lines.insert(at, f'msgctxt "copy {i // len(messages)}"')
        out.append("\n".join(lines))
    path = folder / "cms.ru.po"
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return path


def make_memory(folder: Path, units: int) -> Path:
    """newsroom.tmx's units repeated, each copy with its own tuid, to ``units`` units."""
    text = (SET / "catalogues" / "newsroom.tmx").read_text(encoding="utf-8")
    head, _, rest = text.partition("  <body>\n")
    body, _, tail = rest.partition("  </body>")
    blocks = [b + "</tu>\n" for b in body.split("</tu>\n") if b.strip()]
    out = [head, "  <body>\n"]
    for i in range(units):
        block = blocks[i % len(blocks)]
        out.append(block.replace('tuid="', f'tuid="{i // len(blocks)}-', 1))
    out += ["  </body>", tail]
    path = folder / "newsroom.tmx"
    path.write_text("".join(out), encoding="utf-8")
    return path


def median_seconds(run, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), max(times)


def command(args: list[str], env: dict[str, str]) -> None:
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)


def row(name: str, figures: tuple[float, float, float], note: str = "") -> None:
    low, middle, high = figures
    print(f"| {name} | {middle:.3f} | {low:.3f} to {high:.3f} | {note} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--tmx-units", type=int, default=3750)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tilmash-qa-bench-"))
    env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache"), XDG_DATA_HOME=str(folder / "data"))
    tilmash = shutil.which("tilmash") or str(Path(sys.executable).with_name("tilmash"))
    glossary = str(SET / "glossary.csv")
    try:
        versions = make_versions(folder, options.words)
        catalogue = make_catalogue(folder, options.entries)
        memory = make_memory(folder, options.tmx_units)
        matcher = Matcher(read_glossary_file(glossary), shortcuts=False)
        texts = [(str(p), p.read_text(encoding="utf-8"), lang) for p, lang in zip(versions, LANGS)]
        sizes = ", ".join(f"{lang} {len(t.split()):,}" for (_, t, _), lang in zip(texts, LANGS))
        print(f"versions: words {sizes}; catalogue: {options.entries:,} entries; memory: {options.tmx_units:,} TMX units; "
              f"median of {options.runs} runs (seconds)\n")
        print("| what | median | min to max | note |")
        print("|---|---:|---:|---|")

        read = [read_version(path, text, lang, matcher) for path, text, lang in texts]
        findings = check_versions(read, matcher)
        row("versions, engine: read (segment, names, numbers), align, check",
            median_seconds(lambda: check_versions([read_version(p, t, lang, matcher) for p, t, lang in texts], matcher),
                           options.runs), f"{sum(len(v.sentences) for v in read)} sentences, {len(findings)} findings")
        row("versions, engine: alignment alone (3 pairs, anchors)",
            median_seconds(lambda: align_versions(read), options.runs))
        try:
            from nltk.translate.gale_church import align_blocks
        except ImportError:
            print("| versions: NLTK's Gale–Church | - | - | not installed (pip install nltk) |")
        else:
            first = read[0]
            row("versions: NLTK's Gale–Church, lengths alone (3 pairs)",
                median_seconds(lambda: [align_blocks(first.lengths, other.lengths) for other in read[1:]], options.runs))
            ours = [align(first.lengths, o.lengths, first.anchors(), o.anchors()) for o in read[1:]]
            theirs = [align_blocks(first.lengths, o.lengths) for o in read[1:]]
            agree = sum(len({(i, j) for b in beads for i in range(*b.a) for j in range(*b.b)} & set(pairs))
                        for beads, pairs in zip(ours, theirs))
            total = sum(len(pairs) for pairs in theirs)
            print(f"| (sentence pairs both alignments make) | {agree} of {total} | | |")
        version_args = [tilmash, "qa", "--glossary", glossary, "--versions", *map(str, versions)]
        command(version_args, env)  # compiles the glossary into the cache
        row("versions, whole command: tilmash qa --versions", median_seconds(lambda: command(version_args, env), options.runs))

        for name, path, reading in (("catalogue", catalogue, "polib and the scan"),
                                    ("memory", memory, "the memory's TMX reader, segments located")):
            units = list(read_units(str(path)))  # a memory is read as a stream
            found = check_units(units, matcher)
            row(f"{name}, engine: read ({reading}) and check",
                median_seconds(lambda: check_units(read_units(str(path)), matcher), options.runs),
                f"{len(units):,} units, {len(found):,} findings")
            row(f"{name}, engine: read alone", median_seconds(lambda: list(read_units(str(path))), options.runs))
            args = [tilmash, "qa", "--glossary", glossary, str(path)]
            row(f"{name}, whole command: tilmash qa {path.name}", median_seconds(lambda: command(args, env), options.runs))
        pofilter = shutil.which("pofilter") or str(Path(sys.executable).with_name("pofilter"))
        if Path(pofilter).exists():
            out = folder / "pofilter.po"
            row("catalogue: translate-toolkit pofilter -t numbers -t printf -t pythonbraceformat -t xmltags",
                median_seconds(lambda: command([pofilter, "-t", "numbers", "-t", "printf", "-t", "pythonbraceformat",
                                                "-t", "xmltags", str(catalogue), str(out)], env), options.runs))
        if shutil.which("msgfmt"):
            row("catalogue: GNU msgfmt --check-format",
                median_seconds(lambda: command(["msgfmt", "--check-format", "-o", os.devnull, str(catalogue)], env),
                               options.runs))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

"""PO catalogues: reading a large one, and exporting the bundled glossary per language.

    python benchmarks/po_benchmark.py [--entries 10000] [--runs 5]

1. Reading a generated catalogue of ``--entries`` entries: polib alone (what the memory's
   PO reader did before it shared ``read_catalogue``) against ``read_catalogue`` (polib and
   the checks polib leaves out), median and fastest of ``--runs``.
2. ``export_file(session, "po", lang=...)`` of the bundled glossary for az, kk and ru in an
   SQLite database in a temporary folder, and ``msgfmt --check --statistics`` on the result.
Timings on a shared machine are noisy: compare the rows of one run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import polib

from glossary.database import Database
from glossary.exports import export_file
from glossary.formats.base import decode_text
from glossary.formats.po import read_catalogue
from glossary.termbase import seed_bundled_glossary


def catalogue(entries: int) -> bytes:
    head = 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    body = "".join(f'#: templates/page{i}.html:{i}\nmsgctxt "c{i}"\n'
                   f'msgid "Sentence {i} about the port of Kuryk and %(count)d ships."\n'
                   f'msgstr "Предложение {i} о порте Курык и %(count)d судах."\n\n' for i in range(entries))
    return (head + body).encode("utf-8")


def timed(function, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    data = catalogue(args.entries)
    print(f"reading {args.entries:,} entries ({len(data) / 1e6:.1f} MB), {args.runs} runs: median / fastest")
    for name, read in (("polib alone", lambda: polib.pofile(decode_text(data, "x.po"))),
                       ("read_catalogue", lambda: read_catalogue(data, "x.po"))):
        median, fastest = timed(read, args.runs)
        print(f"  {name:<15} {median:6.3f} s / {fastest:6.3f} s")

    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{Path(folder) / 'tilmash.db'}")
        database.upgrade()
        with database.session(actor="benchmark") as session:
            seed_bundled_glossary(session)
        print("export of the bundled glossary: median / fastest, then msgfmt --check --statistics")
        for lang in ("az", "kk", "ru"):
            with database.session() as session:
                median, fastest = timed(lambda: export_file(session, "po", lang=lang), args.runs)
                exported = export_file(session, "po", lang=lang)
            path = Path(folder) / f"glossary.{lang}.po"
            path.write_bytes(exported.data)
            start = time.perf_counter()
            checked = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
                                     capture_output=True, text=True, check=True)
            took = time.perf_counter() - start
            print(f"  {lang}: {exported.concepts} entries, {median:.3f} s / {fastest:.3f} s; "
                  f"msgfmt {took:.3f} s: {checked.stderr.strip()}")
        database.dispose()


if __name__ == "__main__":
    main()

"""The reading child's work, part by part, in one process: what ``tm_import_cpu.py`` counts as one number.

    python benchmarks/tm_read_cpu.py benchmarks/data/memory-100000.tmx

Processor seconds of reading the TMX file with lxml alone (``iterparse``, as every unit was read before the
``tmxscan`` scanner) and with the scanner; of the content hashes; of the batches' rows; of their words folded
and split (``fold_joined`` then ``split_folded``, and ``split_texts`` in one pass); and of pickling the
batches as the pipe does. Each part runs ``--rounds`` times in turn with its alternative; medians printed.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import time
from datetime import datetime, timezone

from tm import prepare
from tm.formats import tmx
from tm.formats.base import CountingStream
from tm.text import fold_joined
from tm.words import SEPARATOR, split_folded, split_texts


def _seconds(work) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def _read(path: str, scanned: bool) -> list:
    tmx.compiled = scanned and tmx.scan_unit.__module__ == "tm.formats.tmxscan"
    with open(path, "rb") as handle:
        return list(tmx.read_units(CountingStream(handle), path))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    compiled = tmx.compiled
    units = _read(args.path, compiled)
    keyed = [(unit.content_hash(), unit) for unit in units]
    rows = prepare.RowMaker(True, "bench", None, datetime(2026, 1, 1, tzinfo=timezone.utc))
    batches = list(rows.batches(iter(keyed)))
    texts = [([row[4] for row in batch.variants if row[3] == language], [row[0] for row in batch.variants if row[3] == language])
             for batch in batches for language in {row[3] for row in batch.variants}]
    parts = {
        "TMX, lxml alone": lambda: _read(args.path, False),
        "TMX, scanner and lxml": lambda: _read(args.path, compiled),
        "content hashes": lambda: [unit.content_hash() for unit in units],
        "rows and words of batches": lambda: list(rows.batches(iter(keyed))),
        "words: fold_joined, split_folded": lambda: [split_folded(fold_joined(SEPARATOR.join(t), SEPARATOR), ids) for t, ids in texts],
        "words: split_texts": lambda: [split_texts(t, ids) for t, ids in texts],
        "pickling the batches": lambda: [pickle.dumps(batch) for batch in batches],
    }
    times: dict[str, list[float]] = {name: [] for name in parts}
    for _ in range(args.rounds):
        for name, work in parts.items():
            times[name].append(_seconds(work))
    tmx.compiled = compiled
    print(f"{len(units):,} units, {args.rounds} rounds, scanner compiled: {compiled}")
    for name, seconds in times.items():
        print(f"{name:36} {statistics.median(seconds):6.2f} s  ({min(seconds):.2f}-{max(seconds):.2f})")


if __name__ == "__main__":
    main()

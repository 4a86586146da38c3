"""Processor time of reading a glossary file, a clean one and one refused with a problem on every row.

    python benchmarks/glossary_read_cpu.py [ROWS] [REPEATS]
    PYTHONPATH=/tmp/base python benchmarks/glossary_read_cpu.py ...   # another build (``git archive``), in turn

Generates a CSV of ROWS terms (default 20,000: 5,000 concepts in four languages, with validity periods on
one term in ten) and the same file with an unknown status and a malformed period on every row, then reads
each with the CSV and TBX readers (the TBX written from the clean glossary) REPEATS times (default 7) and
prints the median processor seconds (this process's user + system) per read as JSON. A refused file's
problems are built as message ids with their arguments; this shows what that costs against plain text.
"""

from __future__ import annotations

import json
import statistics
import sys
import time


def _cpu(read, data: bytes, name: str, repeats: int) -> float:
    from glossary.errors import FormatError

    times = []
    for _ in range(repeats):
        start = time.process_time()
        try:
            read(data, name)
        except FormatError as exc:
            "\n".join(str(p) for p in exc.problems)  # the command line prints each
        times.append(time.process_time() - start)
    return round(statistics.median(times), 4)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    from glossary.formats import csv as csv_format
    from glossary.formats import tbx as tbx_format

    lines, bad = ["concept,lang,term,status,valid"], ["concept,lang,term,status,valid"]
    for n in range(rows):
        concept, lang = f"place-{n // 4}", ("en", "az", "kk", "ru")[n % 4]
        status = "preferred" if n % 4 != 3 or n % 8 == 3 else "admitted"
        valid = "1998-05-06/2019-03-19" if n % 10 == 0 else ""
        lines.append(f"{concept},{lang},Name {n},{status},{valid}")
        bad.append(f"{concept},{lang},Name {n},best,{2000 + n % 20}-13/")
    clean, broken = ("\n".join(lines) + "\n").encode(), ("\n".join(bad) + "\n").encode()
    tbx = tbx_format.FORMAT.write(csv_format.FORMAT.read(clean, "clean.csv"))
    print(json.dumps({
        "rows": rows, "repeats": repeats,
        "csv_clean": _cpu(csv_format.FORMAT.read, clean, "clean.csv", repeats),
        "csv_refused": _cpu(csv_format.FORMAT.read, broken, "broken.csv", repeats),
        "tbx_clean": _cpu(tbx_format.FORMAT.read, tbx, "clean.tbx", repeats),
    }))


if __name__ == "__main__":
    main()

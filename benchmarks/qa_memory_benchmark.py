"""Peak memory of `tilmash qa` on TMX memories of growing size: the memory is read as a stream, so the
peak stays flat however large the file (a 200 MB memory is never loaded whole).

    python benchmarks/qa_memory_benchmark.py                  # 5,000 and 20,000 units (about 2 and 8 MB)
    python benchmarks/qa_memory_benchmark.py --units 2000 8000 32000

The memories are newsroom.tmx's first unit (a clean one, in four languages) repeated, each copy with its own
tuid: the findings, which a report holds whole (JSON and SARIF are one document), stay out of the
figures, so that they show what reading takes. Each command runs in its own
process, whose peak resident memory is read with ``getrusage``. Beside it, in the same run, the well-known
way to read a TMX file: translate-toolkit's ``tmxfile`` (lxml's whole tree), reading the same file and doing
nothing else. What matters is how each grows with the file, not the figures across runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from qa_benchmark import SET  # noqa: E402

PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
TOOLKIT = "import sys; from translate.storage.tmx import tmxfile; print(len(tmxfile.parsefile(sys.argv[1]).units))"


def make_memory(folder: Path, units: int) -> Path:
    """newsroom.tmx's first unit repeated ``units`` times, written as it goes."""
    text = (SET / "catalogues" / "newsroom.tmx").read_text(encoding="utf-8")
    head, _, rest = text.partition("  <body>\n")
    unit = rest[:rest.index("</tu>\n") + len("</tu>\n")]
    path = folder / "memory.tmx"
    with path.open("w", encoding="utf-8") as out:
        out.write(head + "  <body>\n")
        for i in range(units):
            out.write(unit.replace('tuid="', f'tuid="{i}-', 1))
        out.write("  </body>\n</tmx>\n")
    return path


def peak_and_seconds(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """The command's peak resident memory (MiB) and wall time (seconds), in a process of its own."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK, *args], capture_output=True, text=True, env=env, check=True)
    return int(out.stdout) / 1024, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, nargs="+", default=[5000, 20000])
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tilmash-qa-memory-"))
    env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache"), XDG_DATA_HOME=str(folder / "data"))
    tilmash = shutil.which("tilmash") or str(Path(sys.executable).with_name("tilmash"))
    glossary = str(SET / "glossary.csv")
    try:
        print(f"load average {os.getloadavg()[0]:.1f}\n")
        print("| units | file MB | tilmash qa: peak MiB | seconds | translate-toolkit tmxfile (read only): peak MiB | seconds |")
        print("|---:|---:|---:|---:|---:|---:|")
        for units in options.units:
            sized = folder / str(units)
            sized.mkdir()
            memory = make_memory(sized, units)
            ours = peak_and_seconds([tilmash, "qa", "--glossary", glossary, str(memory)], env)
            theirs = peak_and_seconds([sys.executable, "-c", TOOLKIT, str(memory)], env)
            print(f"| {units:,} | {memory.stat().st_size / 1e6:.1f} | {ours[0]:.0f} | {ours[1]:.1f} | {theirs[0]:.0f} | {theirs[1]:.1f} |")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

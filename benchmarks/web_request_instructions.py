"""Instructions of one `POST /api/lint`, counted by Valgrind's callgrind: a figure a busy machine cannot move.

    python benchmarks/web_request_instructions.py                       # typing and same, 200 requests each
    python benchmarks/web_request_instructions.py --root /tmp/base       # another checkout (main's), same way

On a shared machine processor time moves with the load (caches, frequency, other processes): two runs of
web_request_cpu.py minutes apart differ by 20% and more. The number of instructions the process executes
for the same requests does not (the hash seed is fixed). Each draft is run in its own process under
``valgrind --tool=callgrind``; only the requests are counted (callgrind collects inside
``functools.reduce``, which runs them; not the start, the app's creation nor 40 requests of warm-up).

The requests go to the WSGI app itself (what gunicorn calls), without the network nor gunicorn's own
work, with the same 1,000-word draft as web_benchmark.py: ``typing``, one word typed at another place
each time (the paragraph cache lints that paragraph and a neighbour again); ``same``, the same draft.
A data folder is kept for each checkout (--home), so that its SQLite file and compiled glossary are made
once, not under Valgrind at every run. Valgrind runs the program about 50 times slower: a run takes
minutes, the most of it the start.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def requests(draft_kind: str, count: int) -> None:
    """In the process callgrind watches: make the app, warm it, then run ``count`` requests in ``functools.reduce``."""
    sys.path.insert(0, os.getcwd())
    from werkzeug.test import EnvironBuilder

    from benchmarks.web_benchmark import draft
    from benchmarks.web_request_cpu import typed_drafts
    from webapp import create_app

    app = create_app({"ANONYMOUS_READ": True})
    text = draft(1000)
    texts = typed_drafts(text, count + 40) if draft_kind == "typing" else [text] * (count + 40)
    environs = [EnvironBuilder(path="/api/lint", method="POST", headers={"Content-Type": "application/json"},
                               data=json.dumps({"text": t}, ensure_ascii=False).encode()).get_environ() for t in texts]

    def call(_, environ: dict) -> None:
        environ = {**environ, "wsgi.input": io.BytesIO(environ["wsgi.input"].getvalue())}
        status = []
        b"".join(app.wsgi_app(environ, lambda s, headers, exc_info=None: status.append(s)))
        if not status[0].startswith("200"):
            raise SystemExit(f"POST /api/lint answered {status[0]}")

    for environ in environs[:40]:
        call(None, environ)
    functools.reduce(call, environs[40:], None)


def counted(root: Path, home: Path, draft_kind: str, count: int) -> float:
    """Millions of instructions per request of ``root``'s code."""
    out = home / f"callgrind.{draft_kind}.out"
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": "0",
           "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache")}
    script = [sys.executable, str(Path(__file__).resolve()), "--inside", draft_kind, "--requests", str(count)]
    subprocess.run(script[:2] + ["--inside", "setup", "--requests", "1"], env=env, cwd=root, check=True)  # data made
    run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                          "--toggle-collect=functools_reduce", *script], env=env, cwd=root, capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode or not found:
        raise SystemExit(f"valgrind failed:\n{run.stderr[-2000:]}")
    return int(found.group(1)) / count / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose code is counted (default: this one)")
    parser.add_argument("--home", type=Path, help="its data folder, kept between runs (default: /tmp/tilmash-instructions-<name>)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--drafts", nargs="+", choices=["typing", "same"], default=["typing", "same"])
    parser.add_argument("--inside", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.inside:
        requests("same" if options.inside == "setup" else options.inside, options.requests)
        return
    root = options.root.resolve()
    home = options.home or Path("/tmp") / f"tilmash-instructions-{root.name}"
    results = {f"{kind}_million_instructions": round(counted(root, home, kind, options.requests), 3)
               for kind in options.drafts}
    print(json.dumps({"root": str(root), **results}))


if __name__ == "__main__":
    main()

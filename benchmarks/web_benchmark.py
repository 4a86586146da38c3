"""The web app under load, and the workbench's keystroke-to-underline time in a real browser.

    python benchmarks/web_benchmark.py                      # both parts, 60 s of load per server
    python benchmarks/web_benchmark.py --duration 20 --skip-browser

Load: POST /api/lint with a 1,000-word draft (the corpus articles, in four languages, with their
wrong names) on loopback, 50 connections from wrk (Debian's wrk), for --duration seconds, against
`tilmash serve --workers 2` (gunicorn) and, in the same run, against Flask's development server
(werkzeug, threaded) on the same database: requests/s, p50 and p99 latency, non-2xx answers and
socket errors, and the server's CPU time per request (its processes' user and system time over the
run, from /proc, divided by the requests answered: what decides the throughput when the machine is
shared). wrk runs on the same 2 cores as the server, so the figures are a floor.

Browser: Debian's Chromium through Playwright opens the workbench with a 5,000-word draft; after
the draft's first check, a deprecated name is typed at the end (one keystroke at a time) and the
time from the last keystroke to its underline on the page is measured inside the page
(performance.now), --runs times; the median, beside the median of the API call alone for the same
text. The underline includes the editor's 150 ms debounce.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"
WRONG = ("Визит Касыма-Жомарта Кемеловича Токаева в Нахичевань. Prezident FİZULİDƏ çıxış edib. "
         "Бүгін Президент Токаевтың Актауға сапары басталды. Fizuli, the Zangazur corridor and COP-29.")


def draft(words: int) -> str:
    """Corpus articles (and a paragraph of wrong names in four languages) repeated to ``words`` words."""
    pieces = [WRONG] + [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    out, count, i = [], 0, 0
    while count < words:
        for paragraph in pieces[i % len(pieces)].split("\n\n"):
            taken = paragraph.split()[: words - count]
            if taken:
                out.append(" ".join(taken))
                count += len(taken)
            if count >= words:
                break
        i += 1
    return "\n\n".join(out)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server at {url} did not come up")


def post_json(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def start(kind: str, port: int, env: dict) -> subprocess.Popen:
    if kind == "gunicorn":
        command = [sys.executable, "-m", "tilmash", "serve", "--port", str(port), "--workers", "2"]
    else:
        command = [sys.executable, "-c", "from webapp import create_app; create_app().run("
                   f"host='127.0.0.1', port={port}, threaded=True)"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def group_cpu_seconds(group: int) -> float:
    """User and system CPU of the live processes of a process group (a server's master and workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # gone meanwhile
                continue
            if int(fields[2]) == group:  # pgrp; utime and stime are fields 14 and 15 of stat
                total += int(fields[11]) + int(fields[12])
    return total / ticks


def load(url: str, body_file: Path, duration: int, connections: int) -> dict:
    script = body_file.with_suffix(".lua")
    script.write_text('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                      f'local f = io.open("{body_file}", "rb")\nwrk.body = f:read("*a")\nf:close()\n')
    output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency",
                             "-s", str(script), url], capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", output, re.M))  # wrk pads "1.46s "
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p50_ms": _ms(percentiles["50"]), "p99_ms": _ms(percentiles["99"]),
            "requests": int(re.search(r"(\d+) requests in", output).group(1)),
            "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": sum(map(int, errors.groups())) if errors else 0}


KEYSTROKES = """
async (name) => {
  const view = window.tilmashEditor;
  const findings = () => document.querySelectorAll('#findings li').length;
  const before = findings();
  for (const ch of name) {                      // one transaction per keystroke, as typing makes
    const end = view.state.doc.length;
    view.dispatch({changes: {from: end, insert: ch}, selection: {anchor: end + 1}, userEvent: 'input.type'});
    await new Promise((r) => setTimeout(r, 40));
  }
  const last = performance.now();
  const end = view.state.doc.length;
  return await new Promise((resolve) => {
    const check = () => {
      const marks = [...document.querySelectorAll('.cm-lintRange')];
      const found = marks.some((m) => { const pos = view.posAtDOM(m); return pos >= end - name.length - 1 && pos < end; });
      if (found && findings() > before) resolve(performance.now() - last); else requestAnimationFrame(check);
    };
    check();
  });
}
"""


def browser_timing(base: str, text: str, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"]
    underline, api = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(base + "/")
            page.evaluate("(t) => window.tilmashEditor.dispatch({changes: {from: 0, insert: t}})", text)
            page.locator("#findings li").first.wait_for(timeout=60000)
            page.wait_for_timeout(500)
            underline.append(page.evaluate(KEYSTROKES, " Fizuli"))
            page.close()
            started = time.perf_counter()
            post_json(base + "/api/lint", {"text": text + " Fizuli", "concepts": True})
            api.append((time.perf_counter() - started) * 1000)
        browser.close()
    return {"underline_median_ms": statistics.median(underline), "underline_all_ms": [round(v) for v in underline],
            "api_median_ms": statistics.median(api)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    options = parser.parse_args()
    if not options.skip_load and shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk); or run with --skip-load")
    if not options.skip_browser and not Path("/usr/bin/chromium").exists():
        raise SystemExit("Debian's Chromium is not installed (apt-get install chromium); or run with --skip-browser")
    home = Path(tempfile.mkdtemp(prefix="tilmash-bench-"))
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"), "TILMASH_ANONYMOUS_READ": "1"}
    body = home / "draft.json"
    body.write_text(json.dumps({"text": draft(1000)}, ensure_ascii=False), encoding="utf-8")
    results = {}
    try:
        for kind in ([] if options.skip_load else ["gunicorn", "werkzeug"]):
            port = free_port()
            server = start(kind, port, env)
            try:
                wait_until_up(f"http://127.0.0.1:{port}/api/openapi.json")
                post_json(f"http://127.0.0.1:{port}/api/lint", json.loads(body.read_text()))  # compile the glossary
                cpu = group_cpu_seconds(server.pid)
                results[kind] = load(f"http://127.0.0.1:{port}/api/lint", body, options.duration, options.connections)
                cpu = group_cpu_seconds(server.pid) - cpu
                results[kind]["server_cpu_ms_per_request"] = round(cpu * 1000 / max(1, results[kind]["requests"]), 2)
                results[kind]["load_average"] = [round(v, 2) for v in os.getloadavg()]
            finally:
                stop(server)
            print(kind, results[kind], flush=True)
        if not options.skip_browser:
            port = free_port()
            server = start("gunicorn", port, env)
            try:
                wait_until_up(f"http://127.0.0.1:{port}/api/openapi.json")
                results["browser"] = browser_timing(f"http://127.0.0.1:{port}", draft(5000), options.runs)
            finally:
                stop(server)
            print("browser", results["browser"], flush=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

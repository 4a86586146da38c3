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

Two drafts (--drafts): ``same``, the very same body every time; ``typing``, a new word typed at
a different place of the draft in every request (wrk's Lua makes each body: a word ``typed<t>x<n>``,
t the wrk thread and n counting its requests, inserted at one of the draft's word breaks, the place
stepping through them; the parts around each break are made once, so a request costs the client
one concatenation), as a workbench sends the draft while its user types. The server caches lint results per
paragraph (glossary/lint/piece_cache.py), so ``same`` is its best case and ``typing`` the honest one:
each request lints the changed paragraph (and a neighbour within 200 characters) again.

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


TYPING = """
local breaks = {%s}
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
-- Each request is its (unchanging) head and the body up to a word break, the new word, and the rest
-- of the body: the two parts made once per break and kept, so that a request costs one concatenation
-- and wrk's client takes little of the two cores the server runs on. The word has a fixed length (n
-- with 7 digits) so that the Content-Length in the head holds for every request.
local n = 0
local before, after = {}, {}
local head
function request()
  n = n + 1
  local word = "typed" .. id .. "x" .. string.format("%%07d", n)
  local i = (n * 7919 + id * 104729) %% #breaks + 1
  if before[i] == nil then
    if head == nil then
      local size = #body + #word + 1
      head = wrk.format(nil, nil, nil, string.rep(" ", size)):sub(1, -size - 1)
    end
    local at = breaks[i]
    before[i], after[i] = head .. body:sub(1, at + 1), " " .. body:sub(at + 2)
  end
  return before[i] .. word .. after[i]
end
"""


def wrk_script(body_file: Path, draft: str) -> Path:
    """wrk's Lua script: POST the body; for ``typing``, a new word in it each time (see the module)."""
    script = body_file.with_name(f"{draft}.lua")
    lua = ('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
           f'local f = io.open("{body_file}", "rb")\nbody = f:read("*a")\nf:close()\nwrk.body = body\n')
    if draft == "typing":
        data = body_file.read_bytes()
        value = data.index(b'": "') + 4  # where the text starts: every space after it is a word break in the text
        lua += TYPING % ", ".join(str(i) for i, byte in enumerate(data) if byte == 0x20 and i >= value)
    script.write_text(lua)
    return script


def load(url: str, body_file: Path, duration: int, connections: int, draft: str = "same") -> dict:
    script = wrk_script(body_file, draft)
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
    parser.add_argument("--drafts", nargs="+", choices=["same", "typing"], default=["same", "typing"],
                        help="the same body every time, a word typed in each one, or both (the default)")
    parser.add_argument("--servers", nargs="+", choices=["gunicorn", "werkzeug"], default=["gunicorn", "werkzeug"])
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
        for kind, draft_kind in ([] if options.skip_load else
                                 [(k, d) for k in options.servers for d in options.drafts]):
            name = f"{kind}, {draft_kind}"
            port = free_port()
            server = start(kind, port, env)  # a new server for each: the typing run starts with no paragraph cached
            try:
                wait_until_up(f"http://127.0.0.1:{port}/api/openapi.json")
                post_json(f"http://127.0.0.1:{port}/api/lint", json.loads(body.read_text()))  # compile the glossary
                cpu = group_cpu_seconds(server.pid)
                results[name] = load(f"http://127.0.0.1:{port}/api/lint", body, options.duration, options.connections,
                                     draft_kind)
                cpu = group_cpu_seconds(server.pid) - cpu
                results[name]["server_cpu_ms_per_request"] = round(cpu * 1000 / max(1, results[name]["requests"]), 2)
                results[name]["load_average"] = [round(v, 2) for v in os.getloadavg()]
            finally:
                stop(server)
            print(name, results[name], flush=True)
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

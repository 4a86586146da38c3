"""`tilmash serve` runs gunicorn with its workers; a glossary edit is seen by the next request in every worker."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from glossary.records import Role


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _call(url: str, body: dict | None = None, method: str | None = None, headers: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data, {"Content-Type": "application/json", **(headers or {})}, method=method)
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.load(response)


def test_serve_runs_gunicorn_and_every_worker_sees_an_edit(app, token, tmp_path):
    secret = token(Role.TERMINOLOGIST)
    port = _free_port()
    env = {**os.environ, "TILMASH_DATABASE_URL": app.config["DATABASE_URL"], "XDG_CACHE_HOME": str(tmp_path / "serve-cache"),
           "XDG_DATA_HOME": str(tmp_path / "serve-data")}
    server = subprocess.Popen([sys.executable, "-m", "tilmash", "serve", "--port", str(port), "--workers", "2"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(base + "/api/openapi.json", timeout=2)
                break
            except OSError:  # refused, or accepted and not answered yet (a worker still starting on a busy machine)
                time.sleep(0.25)
        before = [_call(base + "/api/lint", {"text": "Fizulee"})["findings"] for _ in range(6)]
        assert before == [[]] * 6
        concept = _call(base + "/api/concepts/fuzuli")
        concept["terms"].append({"lang": "en", "text": "Fizulee", "status": "deprecated"})
        _call(base + "/api/concepts/fuzuli", concept, "PUT", {"Authorization": f"Bearer {secret}"})
        after = [[f["suggestion"] for f in _call(base + "/api/lint", {"text": "Fizulee"})["findings"]] for _ in range(6)]
        assert after == [["Fuzuli"]] * 6
    finally:
        os.killpg(server.pid, 15)
        output = server.communicate(timeout=20)[0]
    assert "Starting gunicorn" in output and output.count("Booting worker with pid") == 2


def test_gunicorns_own_environment_variable_changes_the_defaults(app, tmp_path):
    port = _free_port()
    env = {**os.environ, "TILMASH_DATABASE_URL": app.config["DATABASE_URL"], "XDG_CACHE_HOME": str(tmp_path / "serve-cache"),
           "XDG_DATA_HOME": str(tmp_path / "serve-data"), "GUNICORN_CMD_ARGS": "--worker-class sync --threads 1"}
    server = subprocess.Popen([sys.executable, "-m", "tilmash", "serve", "--port", str(port), "--workers", "1"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/openapi.json", timeout=2)
                break
            except OSError:
                time.sleep(0.25)
        [finding] = _call(f"http://127.0.0.1:{port}/api/lint", {"text": "Fizuli"})["findings"]
        assert finding["suggestion"] == "Fuzuli"
    finally:
        os.killpg(server.pid, 15)
        output = server.communicate(timeout=20)[0]
    assert "Using worker: sync" in output and output.count("Booting worker with pid") == 1

"""``tilmash serve``: gunicorn running ``create_app()`` in each worker.

The app is made after the fork (no preloading), so each worker has its own database
engine; the compiled matcher is cached per worker and keyed by the glossary's revision
(glossary/lint/cache.py), so a glossary edit is seen by the next request in every worker.
"""

from __future__ import annotations

from gunicorn.app.base import BaseApplication


class Server(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        # Then gunicorn's own environment variable, read as its command line reads it: the settings here
        # are defaults (GUNICORN_CMD_ARGS="--worker-class sync --threads 1" behind a buffering proxy, "--access-logfile ...").
        for key, value in vars(self.cfg.parser().parse_args(self.cfg.get_cmd_args_from_env())).items():
            if value is not None and key != "args":
                self.cfg.set(key.lower(), value)

    def load(self):
        from . import create_app

        return create_app()


def run(host: str, port: int, workers: int) -> None:
    Server({
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": 4,
        "timeout": 60,
        # No access log: a line per request cost 7% of a lint request's CPU under load (py-spy), and the
        # reverse proxy in front logs each request anyway. GUNICORN_CMD_ARGS="--access-logfile -" writes it.
        "accesslog": None,
        "preload_app": False,
    }).run()

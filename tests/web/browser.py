"""What the browser tests add to the browser (tests/support/browser.py): the app served for real, by
werkzeug in a thread, and axe-core to check a page's accessibility."""

from __future__ import annotations

import threading
from pathlib import Path

AXE = Path(__file__).with_name("axe.min.js")


class LiveServer:
    """The app served on a free loopback port by werkzeug's threaded server, in this process."""

    def __init__(self, app):
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.thread.join(5)

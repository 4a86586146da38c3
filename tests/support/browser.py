"""A real browser for tests: Debian's Chromium, headless, through Playwright (never a browser Playwright
downloads), with no network of its own: one per test process, the ``browser`` fixture (tests/conftest.py).

Skipped where Chromium or Playwright is missing, except where ``TILMASH_REQUIRE_BROWSER`` is set
(``.ci/run`` sets it, and installs Chromium): there a missing browser must fail, not pass unseen.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("TILMASH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@contextmanager
def chromium() -> Iterator[object]:
    """A Playwright browser (Chromium, headless). Playwright's sync API runs one at a time in a process:
    tests take the session's ``browser`` fixture rather than calling this."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        _missing(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _missing(reason: str) -> None:
    if os.environ.get("TILMASH_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)

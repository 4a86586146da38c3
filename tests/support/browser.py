"""A real browser for tests: Debian's Chromium, headless, through Playwright, with no network of its own.

Skipped where Chromium or Playwright is missing, except in CI (``CI`` set), where
``.ci/run`` installs them and a missing browser must fail, not pass unseen.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]


@contextmanager
def chromium() -> Iterator[object]:
    """A Playwright browser (Chromium, headless)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install -e '.[test]')")
    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        _missing(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)

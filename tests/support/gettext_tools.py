"""GNU gettext's own tools, run on the files we write: the reference for what a valid catalogue is."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: apt-get install gettext (.ci/run does it)")
    return found


def msgfmt_check(path: Path, *options: str) -> tuple[int, str]:
    """Run ``msgfmt --check`` (plus ``options``, e.g. --check-format) on a file: exit code and messages."""
    done = subprocess.run([_tool("msgfmt"), "--check", *options, "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, check=False)
    return done.returncode, done.stderr


def msgfmt_compile(path: Path, output: Path) -> None:
    subprocess.run([_tool("msgfmt"), "-o", str(output), str(path)], check=True, capture_output=True)


def run(tool: str, *arguments: str) -> str:
    """Run another gettext tool (msgattrib, msgcat, msgmerge...) and return its output."""
    return subprocess.run([_tool(tool), *arguments], check=True, capture_output=True, text=True).stdout

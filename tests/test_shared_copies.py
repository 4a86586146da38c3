"""The copies of ../shared in tests/data stay identical to the originals."""

from pathlib import Path

import pytest

from .conftest import DATA

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.parametrize("folder", ["corpus", "schemas"])
def test_copies_match_shared(folder):
    if not (SHARED / folder).is_dir():
        pytest.skip(f"{SHARED / folder} is not next to this checkout")
    original = {p.name: p.read_bytes() for p in (SHARED / folder).iterdir()}
    copy = {p.name: p.read_bytes() for p in (DATA / folder).iterdir()}
    assert copy == original

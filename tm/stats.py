"""What the memory holds: units in all, per language pair and per origin (``tilmash tm stats``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from glossary.languages import language_sort_key

from .model import Unit


@dataclass
class MemoryStats:
    units: int = 0
    pairs: Counter = field(default_factory=Counter)  # (language, language) -> units with both
    origins: Counter = field(default_factory=Counter)  # origin (None: added otherwise) -> units

    def to_json(self) -> dict:
        return {
            "units": self.units,
            "pairs": [{"languages": list(pair), "units": n} for pair, n in sorted(self.pairs.items(), key=lambda i: (-i[1], i[0]))],
            "origins": [{"origin": origin, "units": n} for origin, n in sorted(self.origins.items(), key=lambda i: (-i[1], i[0] or ""))],
        }


def memory_stats(session: Session) -> MemoryStats:
    """Counted in one pass over the units (each keeps its languages in one column)."""
    stats = MemoryStats()
    for languages, origin, count in session.execute(
            select(Unit.languages, Unit.origin, func.count()).group_by(Unit.languages, Unit.origin)):
        stats.units += count
        stats.origins[origin] += count
        for pair in combinations(sorted(languages.split(), key=language_sort_key), 2):
            stats.pairs[pair] += count
    return stats

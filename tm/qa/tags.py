"""Inline tags of a translation unit: HTML in a catalogue's strings, TMX's inline elements.

A translation keeps the source's tags (attributes may change: a link's address,
a title) and closes what it opens. Void elements (``<br>``, ``<img>``) and
self-closed ones (``<br/>``) stand alone. A source that leaves a tag open (a
fragment of a page cut into strings) may be followed by its translation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

_TAG = regex.compile(r"""<(?P<close>/)?(?P<name>[A-Za-z][\w:.-]*)(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*)?(?P<self>/)?\s*>""")
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


@dataclass(frozen=True)
class Tag:
    start: int
    end: int
    text: str
    name: str  # lowercase
    kind: str  # "open", "close" or "single"
    file_span: tuple[int, int] | None = None  # a code not in the text (TMX's <bpt>, <ph>...): where it is in the file

    @property
    def key(self) -> str:
        return {"open": f"<{self.name}>", "close": f"</{self.name}>", "single": f"<{self.name}/>"}[self.kind]


def tags(text: str) -> list[Tag]:
    if "<" not in text:
        return []
    found = []
    for match in _TAG.finditer(text):
        name = match.group("name").lower()
        if match.group("close"):
            kind = "close"
        elif match.group("self") or name in VOID:
            kind = "single"
        else:
            kind = "open"
        found.append(Tag(match.start(), match.end(), match.group(), name, kind))
    return found


def unbalanced(found: list[Tag]) -> list[Tag]:
    """Tags opened and never closed, and closing tags that close nothing open."""
    open_tags: list[Tag] = []
    left: list[Tag] = []
    for tag in found:
        if tag.kind == "open":
            open_tags.append(tag)
        elif tag.kind == "close":
            for i in range(len(open_tags) - 1, -1, -1):
                if open_tags[i].name == tag.name:
                    left.extend(open_tags[i + 1:])  # opened inside and closed only by this one: never closed
                    del open_tags[i:]
                    break
            else:
                left.append(tag)
    return sorted(open_tags + left, key=lambda t: t.start)


@dataclass(frozen=True)
class Difference:
    tag: Tag
    kind: str  # "extra", "missing" (the tag is the source's) or "unclosed", "stray"


def compare(source: list[Tag], target: list[Tag]) -> list[Difference]:
    """What the translation leaves open or closes in excess (where the source does not), then the
    tags it adds or lacks by name and kind, each problem once: a ``<b>`` left open is not also a
    missing ``</b>``."""
    if not source and not target:
        return []
    differences = []
    source_open = Counter(t.key for t in unbalanced(source))
    for tag in unbalanced(target):
        if source_open[tag.key] > 0:
            source_open[tag.key] -= 1
        else:
            differences.append(Difference(tag, "unclosed" if tag.kind == "open" else "stray"))
    explained = Counter(d.tag.name for d in differences)
    wanted = Counter(t.key for t in source)
    have = Counter(t.key for t in target)
    extra = have - wanted
    for tag in target:
        if extra[tag.key] > 0:
            extra[tag.key] -= 1
            if not any(d.tag is tag for d in differences):
                differences.append(Difference(tag, "extra"))
    missing = wanted - have
    for tag in source:
        if missing[tag.key] > 0:
            missing[tag.key] -= 1
            if explained[tag.name] > 0:
                explained[tag.name] -= 1
                continue
            differences.append(Difference(tag, "missing"))
    return differences

"""Sentences of a news text in English, Azerbaijani, Kazakh or Russian, with their offsets.

sentencex (Wikimedia's segmenter, with rules for about 300 languages) cuts each line;
news copy has a sentence, a headline or a dateline per line, so a line break always
ends one. sentencex cuts after initials and some abbreviations that news copy is full
of (*K.-J. Tokayev*, *Қ.-Ж. Тоқаев*, *İ. Əliyev*, *т.е. важно*, *Prof. Əliyev*,
*BAQ.KZ тілшісі*), so four rules put those back together: a piece that ends with an
initial (one capital letter and a full stop) or with a title or abbreviation of the
list below goes on into the next one, and so does a piece followed by one that starts
with a lowercase letter or a hyphen (a new sentence never does) or with no space
between them (a domain name, an abbreviation with full stops).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from sentencex import get_sentence_boundaries

_INITIAL = regex.compile(r"(?:^|[\s\p{Pd}.(«\"“'])\p{Lu}\.$")
_ABBREVIATION = regex.compile(r"(?:^|[\s(«\"“])([\p{L}.-]+)\.$")
_ABBREVIATIONS = frozenset(
    # titles and abbreviations after which a name or a noun follows, never a new sentence
    "mr mrs ms dr prof gen col lt sgt capt sen rep gov st jr sr no vs approx dept "
    "г-н г-жа проф акад ген им ул т.е т.к т.н напр см ср "
    "akad gen müav "
    "ж.т.б".split()
)
_CONTINUES = regex.compile(r"^[\s\"“”«»'‘’(\[]*(?:\p{Ll}|\p{Pd}\S)")
_LINE = regex.compile(r"[^\n]+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str, lang: str) -> list[Sentence]:
    """The sentences of ``text``, each without the spaces around it, in text order."""
    result: list[Sentence] = []
    for line in _LINE.finditer(text):
        if not line.group().strip():
            continue
        pieces = [(line.start() + b["start_index"], line.start() + b["end_index"])
                  for b in get_sentence_boundaries(lang, line.group())]
        merged: list[list[int]] = []
        for start, end in pieces:
            if merged and (not text[start - 1:start].isspace() and not text[start:start + 1].isspace()
                           or _goes_on(text[merged[-1][0]:merged[-1][1]].rstrip(), text[start:end])):
                merged[-1][1] = end
            else:
                merged.append([start, end])
        for start, end in merged:
            piece = text[start:end]
            stripped = piece.strip()
            if stripped:
                first = start + len(piece) - len(piece.lstrip())
                result.append(Sentence(first, first + len(stripped), stripped))
    return result


def _goes_on(before: str, after: str) -> bool:
    if _CONTINUES.match(after):
        return True
    if _INITIAL.search(before):
        return True
    abbreviation = _ABBREVIATION.search(before)
    return abbreviation is not None and abbreviation.group(1).lower() in _ABBREVIATIONS

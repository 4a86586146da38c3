"""One name, one form per document: which uses of a concept's accepted forms are inconsistent.

Two accepted forms of one concept in one document are inconsistent unless one is a short
form of the other (an acronym, or fewer words, each a word of the other or of the same
stem: Порт Баку beside Бакинский международный морской торговый порт), or the document
says they are one name in a gloss: "the Trans-Caspian International Transport Route
(TITR), also known as the Middle Corridor", "X (Y)", "X, formerly Y", in four languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import TermStatus
from .matcher import Form, Match
from .text import match_key, words

def short_form_of(a: str, b: str) -> bool:
    """Whether one form is a short form of the other: an acronym, or fewer words, each a word
    of the other or of the same stem (Порт Баку of Бакинский международный морской торговый порт)."""
    if any(len(t) <= 10 and t.isupper() for t in (a, b)):
        return True
    words_a = [match_key(a[s:e]) for s, e in words(a)]
    words_b = [match_key(b[s:e]) for s, e in words(b)]
    short, long = sorted((words_a, words_b), key=len)
    if all(w in long for w in short):
        return True
    return len(short) < len(long) and all(any(_same_stem(w, other) for other in long) for w in short)


def _same_stem(a: str, b: str) -> bool:
    """Whether two words share their beginning but for the last two letters or so (баку, бакинский)."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= max(3, min(len(a), len(b)) - 2)


# What may stand between two names of one thing for the text to say they are one: brackets,
# punctuation, and these words (the, a and an left out), in the four languages.
_GLOSS_WORDS = frozenset({
    "", "or", "also known as", "known as", "also called", "called", "formerly", "formerly known as", "aka",
    "also referred to as", "referred to as", "i e", "that is", "now", "now called",
    "или", "то есть", "т е", "также известный как", "также известная как", "также известное как",
    "также известного как", "известный как", "известная как", "так называемый", "так называемого", "ранее",
    "ya da", "və ya", "yaxud", "kimi tanınan", "kimi tanınır", "adlanan", "yəni", "həmçinin",
    "немесе", "яғни", "деп аталатын", "бұрынғы",
})
_GLOSS_NOISE = re.compile(r"[^\w\s]|_|\uffff")
_LONGEST_GLOSS = 40  # characters between the two names


def _is_gloss(between: str) -> bool:
    """Whether the text between two names of one concept says that they are one ("(", ", also known as")."""
    if len(between) > _LONGEST_GLOSS or "\n\n" in between:
        return False
    phrase = " ".join(w for w in _GLOSS_NOISE.sub(" ", between).lower().split() if w not in ("the", "a", "an"))
    return phrase in _GLOSS_WORDS


class _Glosses:
    """Forms said to be one name, in groups (union-find on their texts)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, text: str) -> str:
        while self.parent.get(text, text) != text:
            text = self.parent[text]
        return text

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)




def inconsistent_uses(used: list[tuple[int, int, Match]], view: str) -> Iterator[tuple[int, int, Match, Form]]:
    """Each use of a concept (in one language) written otherwise than the document's reference
    form (its preferred form if it uses it, else the first it uses) and not a short form of it
    or glossed as it, with that reference form. ``view`` is the document's prose view."""
    if len({m.form.text for _, _, m in used}) < 2:
        return
    used = sorted(used, key=lambda use: use[0])
    glossed = _glossed(used, view)
    reference = next((m.form for _, _, m in used if m.form.status is TermStatus.PREFERRED), used[0][2].form)
    for start, end, match in used:
        if not _one_name(match.form.text, reference.text, glossed):
            yield start, end, match, reference


class FormsInUse:
    """The accepted forms a document uses for one concept in one language, and which it glosses
    as one another: what a fix may write without writing the concept a second way."""

    def __init__(self, used: list[tuple[int, int, Match]], view: str):
        self.texts = {m.form.text for _, _, m in used}
        self.glossed = _glossed(sorted(used, key=lambda use: use[0]), view)

    def adds_a_form(self, target: str) -> bool:
        """Whether writing ``target`` makes the document write its concept a second way: it uses
        an accepted form that is neither ``target`` nor a short form of it nor glossed as it."""
        return any(not _one_name(target, text, self.glossed) for text in self.texts)


def _one_name(a: str, b: str, glossed: _Glosses) -> bool:
    return a == b or short_form_of(a, b) or glossed.find(a) == glossed.find(b)


def _glossed(used: list[tuple[int, int, Match]], view: str) -> _Glosses:
    """The forms the document glosses as one another, from uses in file order."""
    same = _Glosses()
    for (_, end, before), (start, _, after) in zip(used, used[1:]):
        if before.form.text != after.form.text and _is_gloss(view[end:start]):
            same.join(before.form.text, after.form.text)
    return same

"""One name, one form per document: which uses of a concept's accepted forms are inconsistent.

Two accepted forms of one concept in one document are inconsistent unless one is a short
form of the other (an acronym, or fewer words, each a word of the other or of the same
stem: Порт Баку beside Бакинский международный морской торговый порт), or the document
says they are one name in a gloss: "the Trans-Caspian International Transport Route
(TITR), also known as the Middle Corridor", "X (Y)", "X, formerly Y", in four languages.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Iterator
from os.path import commonprefix  # of any strings, not only paths

from ..records import TermStatus
from .matcher import Form, Match
from .text import match_key, words

@functools.lru_cache(maxsize=4096)  # a document asks about the same few pairs of forms again and again
def short_form_of(a: str, b: str, names: tuple[str, ...] = ()) -> bool:
    """Whether one form is a short form of the other: an acronym of it, or fewer words, each a word
    of the other, of the same stem (Порт Баку of Бакинский международный морской торговый порт) or
    the acronym of a run of its words (Транскаспийская ВОЛС).

    An acronym stands for the name whose initials it spells (TBNM for Transxəzər Beynəlxalq
    Nəqliyyat Marşrutu, not Orta Dəhliz) and for that name's own short forms (TRIPP for Trump Route,
    both short for Trump Route for International Peace and Prosperity); one that spells none of the
    concept's ``names`` (AZAL, KMG) cannot be told apart and is a short form of each."""
    for acronym, other in ((a, b), (b, a)):
        if _is_acronym(acronym):
            if _spells(acronym, other, whole=True):
                return True
            spelled = [name for name in names if name != acronym and _spells(acronym, name, whole=True)]
            return not spelled or any(not _is_acronym(other) and short_form_of(other, name) for name in spelled)
    words_a = [match_key(a[s:e]) for s, e in words(a)]
    words_b = [match_key(b[s:e]) for s, e in words(b)]
    short, long = sorted((words_a, words_b), key=len)
    if all(w in long for w in short):
        return True
    short_text, long_text = (a, b) if short is words_a else (b, a)
    return len(short) < len(long) and all(
        any(_same_stem(w, other) for other in long)
        or _is_acronym(_word_as_written(w, short_text)) and _spells(w, long_text, whole=False) for w in short)


# Words an acronym leaves out (Organization of Turkic States: OTS).
_MINOR_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "и", "по", "və", "ilə", "мен", "және"})
_TOKEN = re.compile(r"[^\s\u2010-\u2015-]+")  # words as spaces and dashes part them


def _is_acronym(text: str) -> bool:
    """One word of capitals (TBNM, ВОЛС, ТМҰ, COP29), as acronyms are written."""
    return 2 <= len(text) <= 10 and text.isupper() and not any(ch.isspace() for ch in text)


@functools.lru_cache(maxsize=4096)
def _spells(acronym: str, name: str, whole: bool) -> bool:
    """Whether ``acronym`` is the initials of ``name`` (``whole``) or of a run of its words: its words
    as spaces part them or as hyphens do too (TITR, ВОЛС), with or without the small words."""
    key = match_key(acronym)
    for tokens in ([name[m.start():m.end()] for m in _TOKEN.finditer(name)], [name[s:e] for s, e in words(name)]):
        for keep_small in (True, False):
            initials = "".join(match_key(t[0]) for t in tokens
                               if t and t[0].isalpha() and (keep_small or t.lower() not in _MINOR_WORDS))
            if (initials == key) if whole else (key in initials):
                return True
    return False


def _word_as_written(key: str, text: str) -> str:
    """The word of ``text`` whose key is ``key``, as ``text`` writes it."""
    return next((text[s:e] for s, e in words(text) if match_key(text[s:e]) == key), key)


def _same_stem(a: str, b: str) -> bool:
    """Whether two words share their beginning but for the last two letters or so (баку, бакинский)."""
    return len(commonprefix((a, b))) >= max(3, min(len(a), len(b)) - 2)


# What may stand between two names of one thing for the text to say they are one: brackets,
# punctuation, and these words (the, a and an left out), in the four languages.
_GLOSS_WORDS = frozenset({
    "", "or", "also known as", "known as", "also called", "called", "formerly", "formerly known as", "aka",
    "also referred to as", "referred to as", "i e", "that is", "now", "now called",
    "или", "то есть", "т е", "ранее",
    "ya da", "və ya", "yaxud", "kimi tanınan", "kimi tanınır", "adlanan", "yəni", "həmçinin",
    "немесе", "яғни", "деп аталатын", "бұрынғы",
}) | {
    # Russian participles agree with the name they follow, so they come in every case and gender:
    # "маршрут, называемый Средним коридором", "маршрута, также известного как Средний коридор".
    f"{lead}{stem}{ending}{tail}"
    for stem, tail in (("называем", ""), ("известн", " как"))
    for ending in ("ый", "ая", "ое", "ые", "ого", "ой", "ому", "ым", "ом", "ую", "ых", "ыми")
    for lead in ("", "так ", "также ")
}
_GLOSS_NOISE = re.compile(r"[^\w\s]|_|\uffff")
_SENTENCE_END = re.compile(r"[.!?…]")
_LONGEST_GLOSS = 40  # characters between the two names


def _is_gloss(between: str) -> bool:
    """Whether the text between two names of one concept says that they are one ("(", ", also known as")."""
    if len(between) > _LONGEST_GLOSS or "\n\n" in between:
        return False
    if _qualified_parenthesis(between):
        return True
    phrase = " ".join(w for w in _GLOSS_NOISE.sub(" ", between).lower().split() if w not in ("the", "a", "an"))
    if not phrase and _SENTENCE_END.search(between):
        return False  # "Middle Corridor. The Trans-Caspian ...", "X ... Y": two statements, not one name glossed
    return phrase in _GLOSS_WORDS


def _qualified_parenthesis(between: str) -> bool:
    """A name's qualifier of capitalised words joined by a hyphen, then the gloss's parenthesis:
    "маршрута Восток-Запад (Среднего коридора)" (Report quoting the Gabala declaration, 2025)."""
    head, parenthesis, tail = between.replace("\uffff", "").rpartition("(")
    qualifier = head.split()
    return bool(parenthesis) and not tail.strip() and len(qualifier) == 1 and "-" in qualifier[0] \
        and all(part[:1].isupper() and part.isalpha() for part in qualifier[0].split("-"))


class _Glosses:
    """Forms said to be one name, in groups (union-find on their texts)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.after: dict[int, int] = {}  # start of a place -> start of the place it glosses, right before it

    def find(self, text: str) -> str:
        while self.parent.get(text, text) != text:
            text = self.parent[text]
        return text

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)




class Uses:
    """Where a document writes one concept in one language with an accepted form: the places of
    its preferred form as numbers only (start, end, start, end... in an array: a long document
    names its countries and capitals tens of thousands of times), those of its other forms as
    numbers too, from which their matches are made again when they are needed (what
    ``term.inconsistent`` may have to suggest from): ``forms`` is the matcher's list of forms."""

    __slots__ = ("preferred", "_others", "_endings", "former", "_glossed")

    _FIELDS = 6  # of a place in ``_others``: start, end, match start, match end, suffix start (-1: none), form number

    def __init__(self) -> None:
        self.preferred = array("q")
        self._others = array("q")
        self._endings: dict[int, tuple[str, ...]] = {}  # place number -> its match's endings, where it has any (Russian)
        # A former name right for the document's date, or mentioned as a former one: a use to count
        # (``tilmash audit``), never an inconsistency.
        self.former: list[tuple[int, int, Match]] = []
        self._glossed: _Glosses | None = None

    def add(self, start: int, end: int, match: Match, preferred: bool) -> None:
        """A place; ``preferred``: written with the concept's preferred form in this language."""
        if preferred:
            self.preferred.extend((start, end))
            return
        if match.endings:
            self._endings[len(self._others) // self._FIELDS] = match.endings
        self._others.extend((start, end, match.start, match.end,
                             -1 if match.suffix_start is None else match.suffix_start, match.form.number))

    @property
    def has_others(self) -> bool:
        """Whether some place is written with an accepted form other than the preferred one (if none, none is inconsistent)."""
        return bool(self._others)

    def add_former(self, start: int, end: int, match: Match) -> None:
        self.former.append((start, end, match))

    def extend(self, other: Uses) -> None:
        self.preferred.extend(other.preferred)
        shift = len(self._others) // self._FIELDS
        self._endings.update((shift + number, endings) for number, endings in other._endings.items())
        self._others.extend(other._others)
        self.former.extend(other.former)

    def moved(self, delta: int) -> Uses:
        """A copy with every place ``delta`` characters further on (``piece_cache``: a paragraph's
        results found again after the text before it changed)."""
        moved = Uses()
        moved.preferred = array("q", (n + delta for n in self.preferred))
        moved._others = array("q", (n if i % self._FIELDS == 5 or (i % self._FIELDS == 4 and n < 0) else n + delta
                                    for i, n in enumerate(self._others)))
        moved._endings = dict(self._endings)
        moved.former = [(start + delta, end + delta, match._replace(
            start=match.start + delta, end=match.end + delta,
            suffix_start=None if match.suffix_start is None else match.suffix_start + delta))
            for start, end, match in self.former]
        return moved

    def others(self, forms) -> list[tuple[int, int, Match]]:
        """(start, end, match) of each place written with an accepted form other than the preferred one, in no set order."""
        numbers, size = self._others, self._FIELDS
        return [(numbers[i], numbers[i + 1],
                 Match(numbers[i + 2], numbers[i + 3], forms[numbers[i + 5]], self._endings.get(i // size, ()),
                       None if numbers[i + 4] < 0 else numbers[i + 4]))
                for i in range(0, len(numbers), size)]

    def places(self, preferred: Form | None, forms) -> Iterator[tuple[int, int, Form]]:
        """Every place with the form written there (former names included), in no set order."""
        for i in range(0, len(self.preferred), 2):
            yield self.preferred[i], self.preferred[i + 1], preferred
        numbers, size = self._others, self._FIELDS
        for i in range(0, len(numbers), size):
            yield numbers[i], numbers[i + 1], forms[numbers[i + 5]]
        for start, end, match in self.former:
            yield start, end, match.form

    def inconsistent(self, preferred: Form | None, view: str, forms,
                     whole: tuple[str, ...] = ()) -> Iterator[tuple[int, int, Match, Form]]:
        """Each place written otherwise than the document's reference form (``preferred`` if it
        is used, else the first of the concept's preferred forms it uses, else the first form it
        uses) and not a short form of it or glossed as it, with that reference form.
        ``view`` is the document's prose view."""
        if not self._others or len(self._texts(preferred, forms)) < 2:
            return
        others = sorted(self.others(forms), key=lambda place: place[0])
        if self.preferred:
            reference = preferred
        else:
            reference = next((m.form for _, _, m in others if m.form.status is TermStatus.PREFERRED), others[0][2].form)
        glossed: _Glosses | None = None  # looked for only when a place is neither the reference nor a short form of it
        reported: set[int] = set()
        for start, end, match in others:
            if match.form.text == reference.text or short_form_of(match.form.text, reference.text, whole):
                continue
            if glossed is None:
                glossed = self._glosses(preferred, view, forms)
            if not _one_name(match.form.text, reference.text, glossed, whole):
                if glossed.after.get(start) in reported:
                    continue  # "маршруту (ТМТМ)": the gloss of a name reported already, one with it once that is fixed
                reported.add(start)
                yield start, end, match, reference

    def adds_a_form(self, target: str, preferred: Form | None, view: str, forms, whole: tuple[str, ...] = ()) -> bool:
        """Whether writing ``target`` makes the document write its concept a second way: it uses
        an accepted form that is neither ``target`` nor a short form of it nor glossed as it."""
        texts = [text for text in self._texts(preferred, forms) if text != target and not short_form_of(target, text, whole)]
        if not texts:
            return False
        glossed = self._glosses(preferred, view, forms)  # (only now: most forms are the target or a short form of it)
        return any(not _one_name(target, text, glossed, whole) for text in texts)

    def _texts(self, preferred: Form | None, forms) -> set[str]:
        return {forms[number].text for number in set(self._others[self._FIELDS - 1::self._FIELDS])} \
            | ({preferred.text} if self.preferred else set())

    def _glosses(self, preferred: Form | None, view: str, forms) -> _Glosses:
        """The forms the document glosses as one another (see ``_is_gloss``), from its places in file order."""
        if self._glossed is None:
            self._glossed = _Glosses()
            before: tuple[int, str, int] | None = None  # (end, text, start) of the place before
            for start, end, text in self._places(preferred, forms):
                if before is not None and before[1] != text and _is_gloss(view[before[0]:start]):
                    self._glossed.join(before[1], text)
                    self._glossed.after[start] = before[2]
                before = (end, text, start)
        return self._glossed

    def _places(self, preferred: Form | None, forms) -> Iterator[tuple[int, int, str]]:
        """(start, end, form text) of every place, in file order, without a tuple kept for each."""
        numbers, size = self._others, self._FIELDS
        others = sorted(range(0, len(numbers), size), key=lambda i: numbers[i])
        preferred_places = self.preferred
        i = 0
        for place in others:
            start = numbers[place]
            while i < len(preferred_places) and preferred_places[i] < start:
                yield preferred_places[i], preferred_places[i + 1], preferred.text
                i += 2
            yield start, numbers[place + 1], forms[numbers[place + 5]].text
        while i < len(preferred_places):
            yield preferred_places[i], preferred_places[i + 1], preferred.text
            i += 2


def _one_name(a: str, b: str, glossed: _Glosses, whole: tuple[str, ...] = ()) -> bool:
    """Whether ``a`` and ``b`` name one thing the same way: equal, one a short form of the other,
    glossed as one another, or both parts of one of the concept's accepted forms ``whole``
    (Kassym-Jomart Kemelevich and Kassym-Jomart Tokayev, of Kassym-Jomart Kemelevich Tokayev)."""
    return (a == b or short_form_of(a, b, whole) or glossed.find(a) == glossed.find(b)
            or any(_part_of(a, name) and _part_of(b, name) for name in whole))


def _part_of(part: str, name: str) -> bool:
    """Whether ``part`` is fewer words than ``name``, each one of its words."""
    words_of_part = [match_key(part[s:e]) for s, e in words(part)]
    words_of_name = [match_key(name[s:e]) for s, e in words(name)]
    return len(words_of_part) < len(words_of_name) and all(w in words_of_name for w in words_of_part)

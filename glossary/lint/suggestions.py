"""A suggestion as it is written into the file: the target form in the grammatical form and
letter case of the name found (Turkic suffixes carried over, Russian endings), placed word by word so
that what the file writes between and inside the words it keeps stays as it is."""

from __future__ import annotations

import functools
import re

from ..languages import SUFFIXING_LANGUAGES
from . import markup, russian, turkic
from .matcher import Form, Match
from .text import IGNORABLE, apply_case, case_pattern, words

_READ_WORD = re.compile("(?:[^\\W_]|\uffff)+")  # a word of the view: markup rendered to nothing stays inside it
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
# Titles in the nominative before a name in apposition: the name is in the nominative too.
_NOMINATIVE_TITLES = frozenset("президент глава премьер министр лидер посол председатель спикер король султан".split())


def _declines(text: str) -> bool:
    """Whether a Russian name changes its ending by case (Токаев, Акорда; not Баку)."""
    return any(russian.declines(text[a:b]) for a, b in words(text))


class Suggester:
    """Suggestions for one text: ``source`` as written, ``view`` as read (``markup``), of ``kind``."""

    def __init__(self, source: str, view: str, kind: str):
        self.source, self.view, self.kind = source, view, kind

    def suggest(self, match: Match, target: Form, language: str) -> tuple[str, bool]:
        """The target form in the grammatical form and letter case of the match, as it is to be
        written into the file; whether it is certain."""
        found = self.as_read(match.start, match.end)
        text, certain = target.text, True
        if match.suffix_start is not None and language in SUFFIXING_LANGUAGES:
            rest = self.as_read(match.suffix_start, match.end)
            carried = turkic.carry_suffix(language, self.as_read(match.start, match.suffix_start), rest, target.text)
            text, certain = (target.text + carried, True) if carried is not None else (target.text, False)
        elif language == "ru" and _LATIN.search(found) and not _LATIN.search(target.text) \
                and match.suffix_start is None and _declines(target.text):
            certain = self._in_the_nominative(match.start)  # "с Tokayev": a Latin name shows no case to carry
        elif language == "ru" and (match.suffix_start is not None or match.form.declines):
            endings = list(match.endings) if match.form.declines else self._endings_of_whole_form(match)
            words_of_form = match.form.words or [None] * len(endings)
            if any(word is None or ending != word.base_ending for ending, word in zip(endings, words_of_form)):
                inflected = russian.inflect_like(match.form.text, endings, target.text, self._previous_word(match.start))
                text, certain = (inflected, True) if inflected is not None else (target.text, False)
        if case_pattern(found) != case_pattern(match.form.text):  # the writer's letter case, not the form's own
            text = apply_case(text, found, language)  # FIZULI -> FUZULI, but OTS is no reason for TURKIC COUNCIL
        written, placed = self._in_place(match.start, match.end, text)
        return written, certain and placed

    def as_read(self, start: int, end: int) -> str:
        """The text from ``start`` to ``end`` as a reader sees it: markup and entities rendered."""
        return self.view[start:end].replace(IGNORABLE, "")

    def _in_place(self, start: int, end: int, replacement: str) -> tuple[str, bool]:
        """What to write over the file from ``start`` to ``end`` so that it reads ``replacement``,
        and whether that is certain.

        Word by word: a word that stays is kept as written (markup inside it too), and so is a
        space between words that stays a space, whatever it is written as (``&nbsp;``, a
        no-break space, a line break, tags): ``Zangazur&nbsp;corridor`` becomes
        ``Zangezur&nbsp;corridor``. A changed word with markup or an entity inside it, or a
        different number of words where the text has markup, cannot be placed for certain.
        """
        written, seen = self.source[start:end], self.view[start:end]
        escape = functools.partial(markup.escape_for, self.kind)
        ours = [m.span() for m in _READ_WORD.finditer(seen)]
        theirs = [m.span() for m in _READ_WORD.finditer(replacement)]
        if len(ours) != len(theirs):
            return escape(replacement), written == seen
        pieces: list[str] = []
        for (a, b), (x, y), (next_a, next_x) in zip(ours, theirs, [(a, x) for (a, _), (x, _) in zip(ours[1:], theirs[1:])]
                                                   + [(len(seen), len(replacement))]):
            if not pieces:  # what comes before the first word
                pieces.append(written[:a] if _same_space(seen[:a], replacement[:x]) else escape(replacement[:x]))
            word, new = seen[a:b].replace(IGNORABLE, ""), replacement[x:y]
            if word == new:
                pieces.append(written[a:b])
            elif written[a:b] == seen[a:b]:
                pieces.append(escape(new))
            else:
                return escape(replacement), False
            space, new_space = seen[b:next_a], replacement[y:next_x]
            pieces.append(written[b:next_a] if _same_space(space, new_space) else escape(new_space))
        if not ours:
            return escape(replacement), written == seen
        return "".join(pieces), True

    def _endings_of_whole_form(self, match: Match) -> list[str]:
        """The endings of a form looked up whole and found with a Russian ending on its last word
        (a Kazakh spelling declined in Russian text: Тоқаева)."""
        spans = words(match.form.compact)
        last = match.form.compact[spans[-1][0]:spans[-1][1]]
        forms = russian.word_forms(last)
        ending = forms.base_ending + self.as_read(match.suffix_start, match.end).lower()
        return [russian.word_forms(match.form.compact[a:b]).base_ending for a, b in spans[:-1]] + [ending]

    def _in_the_nominative(self, start: int) -> bool:
        """Whether a name at ``start`` of Russian text is, for certain, in the nominative: first in its
        sentence, or after a title that is ("Президент Tokayev прибыл"), not after a preposition or
        a noun that governs it ("с Tokayev", "пресс-служба Akorda")."""
        before = self.view[max(0, start - 40):start].replace(IGNORABLE, "")
        clause = re.split(r"[.!?\n«\"“(:]", before)[-1]
        spans = words(clause)
        return not spans or clause[spans[-1][0]:spans[-1][1]].lower() in _NOMINATIVE_TITLES

    def _previous_word(self, start: int) -> str | None:
        before = self.view[max(0, start - 40):start]
        spans = words(before)
        return before[spans[-1][0]:spans[-1][1]] if spans else None


def _same_space(seen: str, new: str) -> bool:
    """Whether the text between two words of the view (``seen``) reads as ``new``: the same
    characters, or white space (any, markup rendered to nothing between) for white space."""
    seen = seen.replace(IGNORABLE, "")
    return seen == new or (new.isspace() and seen.isspace())

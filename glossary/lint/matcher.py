"""The glossary compiled for matching: every form of every term, found in one pass.

Each form gets a key (its text folded with ``text.match_key``). Forms of every
language but Russian are looked up whole; a Russian form is looked up by what
comes before its first declinable word's ending, and its words are then
checked one by one as stem plus an ending of their declension class. All keys
go into one Aho-Corasick automaton (pyahocorasick, C), so a text is scanned
once whatever the size of the glossary. A key found in the text is a match
when it starts a word and ends one, or is followed by endings of the text's
language: Azerbaijani and Kazakh suffixes (Füzulidə), Russian endings.

Letter case is checked on the original characters against each term's case
rule; the four Turkic i's are one letter in the key and are told apart here.
"""

from __future__ import annotations

import functools
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick
import regex

from ..records import ACCEPTED_STATUSES, CaseRule, Glossary, TermStatus
from ..validation import statuses_in_style
from . import russian, turkic
from .collector import collector_paused
from .language import Paragraphs
from .text import is_word_char, match_key, without_invisible, word_end, words

# The script a language is written in when its tag names none.
_DEFAULT_SCRIPT = {"az": "Latn", "kk": "Cyrl", "ru": "Cyrl", "en": "Latn", "tr": "Latn", "uz": "Latn"}
_DOTTED_I = frozenset("iİ")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_I_FAMILY = frozenset("iIİı")


@functools.lru_cache(maxsize=1024)
def text_language(tag: str) -> str:
    """The text language a term's language tag belongs to: en-US -> en, kk-Cyrl -> kk, kk-Latn -> kk-Latn."""
    parts = tag.split("-")
    primary = parts[0].lower()
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    if script and script != _DEFAULT_SCRIPT.get(primary, script):
        return f"{primary}-{script}"
    return primary


@dataclass(frozen=True, eq=False)
class Word:
    """One word of a Russian form: the key characters of its stem and the endings it takes."""

    stem: str
    endings: frozenset[str]
    base_ending: str
    written_stem: str  # the stem as the term writes it, letter case kept


@dataclass(eq=False)
class Form:
    """A term as the matcher knows it, with its status in the compiled style."""

    concept: str
    lang: str
    language: str  # text language: en, az, kk, ru, kk-Latn, ...
    text: str
    status: TermStatus
    case_rule: CaseRule
    note: str | None
    key: str  # what the automaton finds
    compact: str  # the text without invisible characters: one character per key character
    words: tuple[Word, ...] = ()  # Russian forms: their words, each a stem and endings
    separators: tuple[str, ...] = ()  # key text between the words of a Russian form
    exact_punctuation: bool = False
    declines: bool = False  # a Russian form whose words take endings (then ``words`` is set)
    first_declining: int = 0  # its first word that takes endings: the key ends with that word's stem
    leading_endings: tuple[str, ...] = ()  # the endings of the words before it, which never change
    first_endings: frozenset[str] = frozenset()  # the endings of the first declining word
    restyled: bool = False  # the house style gives this term another status than the default
    # Accepted, and its concept's only accepted form in its language: in a paragraph of that
    # language it can never be a finding, so the matcher keeps only its extent.
    plain: bool = False
    last_word: int = 0  # where the form's last word starts, in the key
    number: int = -1  # its place in ``Matcher.forms``


class Match(NamedTuple):
    """A form found in the text: its span in the compact key and how it was inflected."""

    start: int
    end: int
    form: Form
    endings: tuple[str, ...] = ()  # Russian: the ending each word had
    suffix_start: int | None = None  # Azerbaijani/Kazakh: where the suffix chain begins


@dataclass
class Concept:
    id: str
    preferred: dict[str, Form] = field(default_factory=dict)  # text language -> preferred form
    forms: list[Form] = field(default_factory=list)


class Matcher:
    """A glossary compiled for one house style.

    ``shortcuts=False`` compiles without the plain-form shortcuts: every form found
    goes the full way through classification (the tests check both give the same findings).
    """

    def __init__(self, glossary: Glossary, style: str | None = None, *, shortcuts: bool = True):
        with collector_paused():
            self._compile(glossary, style, shortcuts)

    def _compile(self, glossary: Glossary, style: str | None, shortcuts: bool) -> None:
        self.style = style
        self.concepts: dict[str, Concept] = {}
        forms: list[Form] = []
        for entry in glossary.concepts:
            concept = self.concepts[entry.id] = Concept(entry.id)
            statuses = statuses_in_style(entry.terms, style)
            for term, status in statuses.items():
                form = _compile_form(entry.id, term.lang, term.text, status, term.case_rule, term.note)
                if form is None:
                    continue
                form.restyled = status is not term.status
                form.number = len(forms)
                concept.forms.append(form)
                forms.append(form)
                if form.status is TermStatus.PREFERRED:
                    current = concept.preferred.get(form.language)
                    if current is None or (form.lang == form.language and current.lang != current.language):
                        concept.preferred[form.language] = form
        if shortcuts:
            _mark_plain(self.concepts.values())
        by_key: dict[str, list[Form]] = defaultdict(list)
        for form in forms:
            by_key[form.key].append(form)
        for same_key in by_key.values():
            _mark_punctuation_variants(same_key)
        whole_word_shortcuts = _whole_word_shortcuts(forms, by_key) if shortcuts else {}
        self.automaton = ahocorasick.Automaton()
        for key, same_key in by_key.items():
            self.automaton.add_word(key, (len(key), tuple(same_key), whole_word_shortcuts.get(key)))
        self.forms = forms
        self.near_misses = _NearMissIndex(forms)
        if forms:
            self.automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.forms)

    def find(self, key: str, text: str, paragraphs: Paragraphs, base: int = 0,
             offsets: list[int] | None = None) -> tuple[list[Match], list[tuple[int, int, bool]]]:
        """Every form found in ``key``, overlaps not yet resolved, at offsets in the view.

        ``key`` is the key of a stretch of the view that ``paragraphs`` divides, and
        ``text`` the same stretch as written, character for character (without its
        invisible characters, which the key leaves out). A position ``p`` in the key
        is ``base + p`` in the view, or, where the key left characters out,
        ``offsets[p]`` (with the end of the stretch last).

        Returns the matches, and apart from them the extents of plain forms found in
        a paragraph of their own language (nothing to report there, but they still
        cover what lies inside them), each with whether the text has the form
        exactly as written (not through a suffix or ending).
        """
        matches: list[Match] = []
        plain: list[tuple[int, int, bool]] = []
        if not self.forms:
            return matches, plain
        length = len(key)
        paragraph_start, paragraph_end, language = 0, -1, ""
        for last, (size, candidates, shortcut) in self.automaton.iter(key):
            start = last + 1 - size
            if start:
                before = key[start - 1]  # is_word_char, inline: this runs for every key found
                if before.isalnum() or (before > "\u02ff" and is_word_char(before)):
                    continue
            end = last + 1
            at = base + start if offsets is None else offsets[start]
            if not paragraph_start <= at < paragraph_end:
                paragraph_start, paragraph_end, language = paragraphs.paragraph_at(at)
            if end == length:
                whole_word = True
            else:
                after = key[end]
                whole_word = not (after.isalnum() or (after > "\u02ff" and is_word_char(after)))
            if whole_word:
                found = text[start:end]
                if shortcut is not None and (language, found) in shortcut:
                    plain.append((start, end, True))
                    continue
            ending = None  # what follows the key up to the end of its word: a declining form's ending
            for form in candidates:
                # The common case, inline: a whole word spelled exactly as the term.
                if whole_word and not form.declines and found == form.compact:
                    if form.plain and language == form.language:
                        plain.append((start, end, True))
                    else:
                        matches.append(Match(start, end, form))
                    continue
                if form.declines:
                    if ending is None:
                        tail = word_end(key, end)
                        ending = key[end:tail]
                    if ending not in form.first_endings and language != "az" and language != "kk":
                        continue  # what _verify_declined would find first, without the call
                    match = _verify_declined(form, key, start, end, tail, language, text)
                else:
                    match = _verify_whole(form, key, start, end, language, text)
                if match is not None and _case_agrees(form, match, text):
                    if form.plain and language == form.language:
                        plain.append((match.start, match.end, text[match.start:match.end] == form.compact))
                    else:
                        matches.append(match)
        if offsets is not None or base:
            def to_view(position: int) -> int:  # a start or an end: just after the character before it
                if offsets is None:
                    return base + position
                return offsets[position - 1] + 1 if position else offsets[0]
            matches = [m._replace(start=to_view(m.start), end=to_view(m.end),
                                  suffix_start=None if m.suffix_start is None else to_view(m.suffix_start))
                       for m in matches]
            plain = [(to_view(a), to_view(b), exact) for a, b, exact in plain]
        return matches, plain


def _mark_plain(concepts: Iterable[Concept]) -> None:
    """Mark each form that is its concept's only accepted form in its language."""
    for concept in concepts:
        accepted = defaultdict(list)
        for form in concept.forms:
            if form.status in ACCEPTED_STATUSES:
                accepted[form.language].append(form)
        for same_language in accepted.values():
            if len(same_language) == 1:
                same_language[0].plain = True


def _whole_word_shortcuts(forms: list[Form], by_key: dict[str, list[Form]]) -> dict[str, frozenset[tuple[str, str]]]:
    """For each automaton key, the (paragraph language, text) pairs that are a plain form and nothing else.

    Where the text, as a whole word, is exactly a plain form of the paragraph's
    language, that form is what it is: the other forms under the same key (the same
    name listed in another language, or with another status) cannot make a finding
    there. A key is left out when one of its forms declines (it could reach further),
    or when the text is also another accepted form of that language (then which
    concept is meant is not settled here).
    """
    accepted_as: dict[tuple[str, str], list[Form]] = defaultdict(list)  # (language, text) -> accepted forms
    for form in forms:
        if form.status in ACCEPTED_STATUSES:
            accepted_as[(form.language, form.compact)].append(form)
    shortcuts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for form in forms:
        if not form.plain or not all(f.plain for f in accepted_as[(form.language, form.compact)]):
            continue
        key = match_key(form.compact) if form.declines else form.key
        same_key = by_key.get(key)
        if same_key is None or any(f.declines for f in same_key):
            continue
        if form.declines:  # found by its stem: it must reach the end of its own text, with no ending added
            match = _verify_declined(form, key, 0, len(form.key), word_end(key, len(form.key)), form.language, form.compact)
            if match is None or match.end != len(key):
                continue
        shortcuts[key].add((form.language, form.compact))
    return {key: frozenset(pairs) for key, pairs in shortcuts.items()}


def _compile_form(concept: str, lang: str, text: str, status: TermStatus, case_rule: CaseRule, note: str | None) -> Form | None:
    compact = without_invisible(text)
    full_key = match_key(compact)
    if not full_key.strip():
        return None
    language = text_language(lang)
    spans = words(compact)
    form = Form(concept, lang, language, text, status, case_rule, note, full_key, compact,
                last_word=spans[-1][0] if spans else 0)
    if language != "ru":
        return form
    declined = [russian.word_forms(compact[a:b]) for a, b in spans]
    if all(w.endings == frozenset({w.base_ending}) for w in declined) or spans[0][0] > 0 \
            or any(not w.stem for w in declined):
        return form  # nothing declines (Баку, ООН), or a term too odd to decline safely: looked up whole
    form.declines = True
    form.words = tuple(Word(match_key(w.stem), _ending_keys(w.endings), match_key(w.base_ending), compact[a:a + len(w.stem)])
                       for w, (a, _) in zip(declined, spans))
    form.separators = tuple(full_key[spans[i][1]:spans[i + 1][0]] for i in range(len(spans) - 1))
    form.first_declining = next(i for i, w in enumerate(form.words) if w.endings != frozenset({w.base_ending}))
    form.leading_endings = tuple(w.base_ending for w in form.words[:form.first_declining])
    form.first_endings = form.words[form.first_declining].endings
    # The key runs up to the first declining word's stem: what is the same in every form.
    form.key = full_key[: spans[form.first_declining][0] + len(form.words[form.first_declining].stem)]
    return form


@functools.lru_cache(maxsize=None)
def _ending_keys(endings: frozenset[str]) -> frozenset[str]:
    """The keys of a declension's endings: a few dozen sets, shared by thousands of words."""
    return frozenset(match_key(e) for e in endings)


def _mark_punctuation_variants(forms: list[Form]) -> None:
    """Forms that differ only in dashes, apostrophes or spaces match only their own spelling."""
    texts = {f.compact for f in forms if not f.declines}
    if len({t.lower() for t in texts}) > 1:
        for form in forms:
            form.exact_punctuation = not form.declines


def _suffix_allowed(form: Form, language: str, key: str, stem_start: int, stem_end: int, tail: int, text: str) -> bool:
    """Whether the letters after a form's last word are endings of the text's language."""
    if language == "az" or language == "kk":
        return turkic.is_suffix_chain(language, text[stem_start:stem_end], text[stem_end:tail])
    return language == "ru" and key[stem_end:tail] in _russian_endings(form.compact)


@functools.lru_cache(maxsize=65536)
def _russian_endings(text: str) -> frozenset[str]:
    """The keys of the endings the last word of ``text`` takes in Russian (none for a Latin name)."""
    if not _CYRILLIC.search(text):
        return frozenset()
    last = words(text)[-1]
    return frozenset(match_key(e) for e in russian.word_forms(text[last[0]:last[1]]).endings)


def _verify_whole(form: Form, key: str, start: int, end: int, language: str, text: str) -> Match | None:
    if end == len(key) or not is_word_char(key[end]) or not is_word_char(key[end - 1]):
        return Match(start, end, form)
    tail = word_end(key, end)
    if _suffix_allowed(form, language, key, start + form.last_word, end, tail, text):
        return Match(start, tail, form, suffix_start=end)
    return None


def _verify_declined(form: Form, key: str, start: int, end: int, tail: int, language: str, text: str) -> Match | None:
    """Walk a Russian form word by word from its first declining word, whose stem ends the key at
    ``end`` and whose word ends at ``tail``: one of its endings, the separator, the next word's stem
    and ending, and so on."""
    endings = list(form.leading_endings)  # the words before are in the key, as written in the term
    position = end
    last = len(form.words) - 1
    for i in range(form.first_declining, last + 1):
        word = form.words[i]
        if i > form.first_declining:
            separator = form.separators[i - 1]
            if not key.startswith(separator, position) or not key.startswith(word.stem, position + len(separator)):
                return None
            position += len(separator) + len(word.stem)
            tail = word_end(key, position)
        ending = key[position:tail]
        if ending in word.endings and (language == "ru" or ending == word.base_ending):
            endings.append(ending)
            position = tail
        elif i == last and language in ("az", "kk") and ending.startswith(word.base_ending) and turkic.is_suffix_chain(
                language, text[position - len(word.stem):position + len(word.base_ending)],
                text[position + len(word.base_ending):tail]):
            endings.append(word.base_ending)
            return Match(start, tail, form, tuple(endings), suffix_start=position + len(word.base_ending))
        else:
            return None
    return Match(start, position, form, tuple(endings))


def _letters_agree(term_char: str, text_char: str, rule: CaseRule) -> bool:
    if term_char == text_char:
        return True
    if rule is CaseRule.STRICT:
        return False
    if (term_char in _I_FAMILY or text_char in _I_FAMILY) and "I" not in (term_char, text_char) \
            and (term_char in _DOTTED_I) != (text_char in _DOTTED_I):
        return False  # ı and i are different letters in Azerbaijani
    if rule is CaseRule.INSENSITIVE:
        return True
    return not (term_char.isupper() and not text_char.isupper())


def _case_agrees(form: Form, match: Match, text: str) -> bool:
    """The text's letters agree with the term's under its case rule (and its punctuation, where it must)."""
    rule = form.case_rule
    if not form.declines:
        if text.startswith(form.compact, match.start):
            return True
        for offset, term_char in enumerate(form.compact):
            text_char = text[match.start + offset]
            if term_char.isalpha() or text_char.isalpha():
                if not _letters_agree(term_char, text_char, rule):
                    return False
            elif form.exact_punctuation and term_char != text_char:
                return False
        return True
    position = match.start
    for i, word in enumerate(form.words):
        if i > 0:
            position += len(form.separators[i - 1])
        if not text.startswith(word.written_stem, position):
            for offset, term_char in enumerate(word.written_stem):
                if not _letters_agree(term_char, text[position + offset], rule):
                    return False
        position += len(word.stem) + len(match.endings[i])
    return True


class _NearMissIndex:
    """Words of the glossary's names, found from a word one edit away.

    Deletion neighbourhoods (SymSpell's idea: two words one edit apart share a
    word with one letter deleted), stored compactly: a dict from a stable CRC-32
    of each neighbour key to the numbers of its words (a set of words per
    neighbour string took three times the memory).
    Collisions only add candidates, which ``near`` confirms letter by letter.
    """

    MIN_LENGTH = 5

    def __init__(self, forms: Iterable[Form]):
        self.words: dict[str, list[tuple[Form, int]]] = defaultdict(list)  # word key -> (form, word index)
        for form in forms:
            if form.status is TermStatus.DEPRECATED:
                continue
            for index, (a, b) in enumerate(words(form.compact)):
                word = form.compact[a:b]
                if len(word) >= self.MIN_LENGTH and word[0].isupper():
                    self.words[match_key(word)].append((form, index))
        self.keys = list(self.words)
        self.neighbours: dict[int, int | tuple[int, ...]] = {}
        for number, key in enumerate(self.keys):
            for neighbour in {key, *(key[:i] + key[i + 1:] for i in range(len(key)))}:
                digest = zlib.crc32(neighbour.encode())
                present = self.neighbours.get(digest)
                self.neighbours[digest] = number if present is None else (
                    (*present, number) if isinstance(present, tuple) else (present, number))

    def known(self, word_key: str) -> bool:
        return word_key in self.words

    def near(self, word_key: str) -> list[str]:
        """Glossary words one edit (insertion, deletion, substitution, swap) away from ``word_key``."""
        numbers: set[int] = set()
        for neighbour in {word_key, *(word_key[:i] + word_key[i + 1:] for i in range(len(word_key)))}:
            found = self.neighbours.get(zlib.crc32(neighbour.encode()))
            if found is not None:
                numbers.update(found if isinstance(found, tuple) else (found,))
        found = {self.keys[n] for n in numbers}
        found.discard(word_key)
        return sorted(w for w in found if _one_edit(w, word_key))


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1:]


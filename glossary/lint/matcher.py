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
rule; the four Turkic i's are one letter in the key and are told apart there.
That loop, which runs for every name in a text, is in ``scan`` (compiled with
Cython where the package was built with a C compiler), with the forms it reads
(``Form``, ``Word``); this module builds them.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

from ..records import ACCEPTED_STATUSES, CaseRule, Glossary, TermStatus
from ..validation import term_statuses
from . import russian
from .collector import collector_paused
from .language import Paragraphs, text_language
from .near_misses import NearMissIndex
from .scan import Form, Match, Word, ending_keys, find_forms, verify_declined, word_end
from .text import match_key, without_invisible, words


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

    cache_key: str | None = None  # set by the matcher cache: changes with the glossary, the style and the code
    # The automaton's value for a key (pyahocorasick keeps 32-bit integers): its number in ``entries``
    # (the forms under it and the pairs of its whole-word shortcut) and in ``key_sizes`` (its length).
    entries: list
    key_sizes: array

    def __init__(self, glossary: Glossary, style: str | None = None, *, shortcuts: bool = True):
        with collector_paused():
            self._compile(glossary, style, shortcuts)

    def _compile(self, glossary: Glossary, style: str | None, shortcuts: bool) -> None:
        self.style = style
        self.shortcuts = shortcuts
        self.concepts: dict[str, Concept] = {}
        forms: list[Form] = []
        russian_words: dict[str, tuple] = {}  # a Russian word -> its analysis (declining, Word), made once
        for entry in glossary.concepts:
            concept = self.concepts[entry.id] = Concept(entry.id)
            for term, status in term_statuses(entry.terms, style):
                form = _compile_form(entry.id, term.lang, term.text, status, term.case_rule, term.note, russian_words)
                if form is None:
                    continue
                form.restyled = status is not term.status
                form.periods = term.periods
                form.preferred_in = tuple(name for name, st in term.styles if st is TermStatus.PREFERRED and name != style)
                form.number = len(forms)
                concept.forms.append(form)
                forms.append(form)
            concept.preferred = preferred_forms(concept.forms)
        if shortcuts:
            _mark_plain(self.concepts.values())
        by_key: dict[str, list[Form]] = {}
        for form in forms:
            by_key.setdefault(form.key, []).append(form)
        for same_key in by_key.values():
            _mark_punctuation_variants(same_key)
        whole_word_shortcuts = _whole_word_shortcuts(forms, by_key) if shortcuts else {}
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self.entries = []
        self.key_sizes = array("I")
        for key, same_key in by_key.items():
            self.automaton.add_word(key, len(self.entries))
            self.entries.append((tuple(same_key), whole_word_shortcuts.get(key)))
            self.key_sizes.append(len(key))
        self.forms = forms
        self.near_misses = NearMissIndex(forms)
        if forms:
            self.automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.forms)

    def _entry(self, number: int, with_forms: bool = True) -> tuple:
        """The forms under the automaton's key ``number`` and its shortcut (a loaded matcher reads
        them from its file the first time the key is found, and without ``with_forms`` may give None
        for the forms, made when a hit needs them; a compiled one has them all)."""
        return self.entries[number]

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
        if not self.forms:
            return [], []
        matches, plain = find_forms(self.automaton, self.entries, self.key_sizes, self._entry, key, text, paragraphs, base, offsets)
        if offsets is not None:  # (else find_forms gave offsets in the view)
            def to_view(position: int) -> int:  # a start or an end: just after the character before it
                return offsets[position - 1] + 1 if position else offsets[0]
            matches = [m._replace(start=to_view(m.start), end=to_view(m.end),
                                  suffix_start=None if m.suffix_start is None else to_view(m.suffix_start))
                       for m in matches]
            plain = [(to_view(a), to_view(b), exact) for a, b, exact in plain]
        return matches, plain


def preferred_forms(forms: Iterable[Form]) -> dict[str, Form]:
    """A concept's preferred form in each text language: its first, unless a later one is written
    in that very language and the first is not (an ``az`` term before an ``az-Cyrl`` one)."""
    preferred: dict[str, Form] = {}
    for form in forms:
        if form.status is TermStatus.PREFERRED:
            current = preferred.get(form.language)
            if current is None or (form.lang == form.language and current.lang != current.language):
                preferred[form.language] = form
    return preferred


def _mark_plain(concepts: Iterable[Concept]) -> None:
    """Mark each form that is its concept's only accepted form in its language, unless it has
    validity periods (then the document's date decides whether it is a finding)."""
    for concept in concepts:
        accepted = defaultdict(list)
        for form in concept.forms:
            if form.status in ACCEPTED_STATUSES:
                accepted[form.language].append(form)
        for same_language in accepted.values():
            if len(same_language) == 1 and not same_language[0].periods:
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
    accepted_as: dict[tuple[str, str], list[Form]] = {}  # (language, text) -> accepted forms
    for form in forms:
        if form.status in ACCEPTED_STATUSES:
            accepted_as.setdefault((form.language, form.compact), []).append(form)
    shortcuts: dict[str, set[tuple[str, str]]] = {}
    for form in forms:
        if not form.plain or not all(f.plain for f in accepted_as.get((form.language, form.compact), ())):
            continue
        key = match_key(form.compact) if form.declines else form.key
        same_key = by_key.get(key)
        if same_key is None or any(f.declines for f in same_key):
            continue
        if form.declines:  # found by its stem: it must reach the end of its own text, with no ending added
            match = verify_declined(form, key, 0, len(form.key), word_end(key, len(form.key)), form.language, form.compact)
            if match is None or match.end != len(key):
                continue
        shortcuts.setdefault(key, set()).add((form.language, form.compact))
    return {key: frozenset(pairs) for key, pairs in shortcuts.items()}


def _compile_form(concept: str, lang: str, text: str, status: TermStatus, case_rule: CaseRule, note: str | None,
                  russian_words: dict[str, tuple]) -> Form | None:
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
    declined = []
    for a, b in spans:
        word = compact[a:b]
        analysis = russian_words.get(word)
        if analysis is None:
            analysis = russian_words[word] = _russian_word(word)
        declined.append(analysis)
    if not any(declining for declining, _ in declined) or spans[0][0] > 0 or any(word is None for _, word in declined):
        return form  # nothing declines (Баку, ООН), or a term too odd to decline safely: looked up whole
    form.declines = True
    form.words = tuple([word for _, word in declined])
    form.separators = tuple(full_key[spans[i][1]:spans[i + 1][0]] for i in range(len(spans) - 1))
    form.first_declining = next(i for i, w in enumerate(form.words) if w.endings != frozenset({w.base_ending}))
    form.leading_endings = tuple(w.base_ending for w in form.words[:form.first_declining])
    form.first_endings = form.words[form.first_declining].endings
    # The key runs up to the first declining word's stem: what is the same in every form.
    form.key = full_key[: spans[form.first_declining][0] + len(form.words[form.first_declining].stem)]
    return form


def _russian_word(word: str) -> tuple[bool, Word | None]:
    """Whether a word of a Russian term takes other endings than its own, and the ``Word`` it is
    (None when it has no stem: too odd to decline safely). The same for every term that has the word."""
    stem, endings, base_ending = russian.stem_and_endings(word)
    declining = endings != frozenset({base_ending})
    if not stem:
        return declining, None
    return declining, Word(match_key(stem), ending_keys(endings), match_key(base_ending), word[:len(stem)])


def _mark_punctuation_variants(forms: list[Form]) -> None:
    """Forms that differ only in dashes, apostrophes or spaces match only their own spelling."""
    texts = {f.compact for f in forms if not f.declines}
    if len({t.lower() for t in texts}) > 1:
        for form in forms:
            form.exact_punctuation = not form.declines

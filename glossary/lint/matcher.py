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

import threading
from array import array
from itertools import accumulate, chain

import ahocorasick

from ..records import ACCEPTED_STATUSES, CaseRule, Glossary, TermStatus
from ..validation import term_statuses
from . import russian
from .collector import collector_paused
from .language import Paragraphs, text_language
from .near_misses import NearMissIndex
from .scan import (
    Columns,
    Form,
    Match,
    Word,
    ending_keys,
    find_forms,
    verify_declined,
    word_end,
)
from .tables import (
    DECLINES,
    EXACT_PUNCTUATION,
    PLAIN,
    RESTYLED,
    STATUS_CODE,
    STATUSES,
    Concepts,
    Forms,
    FormTable,
    NearMissWords,
    grouped,
)
from .text import match_key, without_invisible, words

_CASE_RULES = tuple(CaseRule)
_CASE_RULE_CODE = {rule: code for code, rule in enumerate(_CASE_RULES)}
_PREFERRED, _DEPRECATED = STATUS_CODE[TermStatus.PREFERRED], STATUS_CODE[TermStatus.DEPRECATED]
_ACCEPTED = frozenset(STATUS_CODE[status] for status in ACCEPTED_STATUSES)


class Matcher:
    """A glossary compiled for one house style.

    ``shortcuts=False`` compiles without the plain-form shortcuts: every form found
    goes the full way through classification (the tests check both give the same findings).

    Compiling makes what every text needs: each form's key, the automaton, which forms each key
    has, the whole-word shortcuts and the near-miss words' table; the scan reads those of a key,
    and what rules a form out, from flat columns (``scan.Columns``). A ``Form`` (and a concept) is made
    from the term's row in ``table`` when a text first needs it (``tables``), here as in a matcher
    read from the cache's file (``matcher_file``, which writes the same tables).
    """

    cache_key: str | None = None  # set by the matcher cache: changes with the glossary, the style and the code
    # The automaton's value for a key (pyahocorasick keeps 32-bit integers): its number in ``columns``
    # (``scan.Columns``: the forms under it and the pairs of its whole-word shortcut) and in
    # ``key_sizes`` (its length).
    columns: Columns
    key_sizes: array

    def __init__(self, glossary: Glossary, style: str | None = None, *, shortcuts: bool = True):
        with collector_paused():
            self._compile(glossary, style, shortcuts)

    def _compile(self, glossary: Glossary, style: str | None, shortcuts: bool) -> None:
        table = FormTable()
        concept_starts, preferred = array("Q"), []  # where each concept's rows start; its preferred rows
        languages, compacts, declining = [], [], bytearray()  # per row: what the keys and shortcuts are made from
        by_key: dict[str, list[int]] = {}  # an automaton key -> its rows
        declining_by_whole_key: dict[str, list[int]] = {}  # a declining row's whole key (not its stem's) -> such rows
        russian_words: dict[str, tuple] = {}  # a Russian word -> its analysis (declining, Word), made once
        form_columns, continuations, ending_sets = array("Q"), [], {}  # per row: what the scan reads (``scan.Columns``)
        lang_numbers: dict[str, int] = {}
        status_code, case_rule_code = STATUS_CODE, _CASE_RULE_CODE
        for entry in glossary.concepts:
            concept_number, first = len(table.concept_ids), len(compacts)
            table.concept_ids.append(entry.id)
            concept_starts.append(first)
            for term, status in term_statuses(entry.terms, style):
                compact = without_invisible(term.text)
                full_key = match_key(compact)
                if not full_key.strip():
                    continue
                language = text_language(term.lang)
                number = len(compacts)
                key, declines, column, continuation = full_key, False, 0, ""
                spans = None if compact.isalnum() else words(compact)  # (a word alone: its last word starts at 0)
                if language == "ru":
                    parts = _russian_parts(compact, full_key, spans or words(compact), russian_words)
                    if parts is not None:
                        key, declines = parts[-1], True
                        declining_by_whole_key.setdefault(full_key, []).append(number)
                        table.declining_words[number] = parts[0]
                        form_words, separators, first_declining = parts[:3]
                        column = ending_sets.setdefault(form_words[first_declining].endings, len(ending_sets)) + 1
                        if first_declining < len(form_words) - 1:
                            continuation = separators[first_declining] + form_words[first_declining + 1].stem
                declining.append(declines)
                form_columns.append(column | (spans[-1][0] if spans else 0) << 32)  # (``Form.last_word``)
                continuations.append(continuation)
                by_key.setdefault(key, []).append(number)
                languages.append(language)
                compacts.append(compact)
                table.concept_of.append(concept_number)
                lang_number = lang_numbers.get(term.lang)
                if lang_number is None:
                    lang_number = lang_numbers[term.lang] = len(table.langs)
                    table.langs.append(term.lang)
                table.lang_of.append(lang_number)
                table.texts.append(term.text)
                table.status.append(status_code[status])
                table.case_rule.append(case_rule_code[term.case_rule])
                table.flags.append((RESTYLED if status is not term.status else 0) | (DECLINES if declines else 0))
                if term.note is not None:
                    table.notes[number] = term.note
                if term.periods:
                    table.periods[number] = term.periods
                styles = tuple(name for name, st in term.styles if st is TermStatus.PREFERRED and name != style)
                if styles:
                    table.preferred_in[number] = styles
            rows = range(first, len(compacts))
            preferred.append(_preferred_rows(rows, table, languages))
            if shortcuts:
                _mark_plain(rows, table, languages)
        concept_starts.append(len(compacts))
        for rows in by_key.values():
            if len(rows) > 1:
                _mark_punctuation_variants(rows, compacts, declining, table.flags)
        self._assemble(style, shortcuts, table)
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self.key_sizes = array("I")
        for number, key in enumerate(by_key):
            self.automaton.add_word(key, number)
            self.key_sizes.append(len(key))
        if compacts:
            self.automaton.make_automaton()
        shortcut_rows = _whole_word_shortcuts(by_key, declining_by_whole_key, languages, compacts, declining, table,
                                              self.forms) if shortcuts else [()] * len(by_key)
        shortcut_languages, shortcut_texts, text_languages = array("I"), [], {}
        for n in chain.from_iterable(shortcut_rows):
            shortcut_languages.append(text_languages.setdefault(languages[n], len(text_languages)))
            shortcut_texts.append(compacts[n])
        self._assemble_columns(form_columns, list(ending_sets), *grouped(by_key.values()),
                               grouped(shortcut_rows)[1], shortcut_languages, _starts(shortcut_texts),
                               "".join(shortcut_texts), list(text_languages), _starts(continuations), "".join(continuations))
        preferred_numbers, preferred_starts = grouped(preferred)
        self.concepts = Concepts(table.concept_ids, None, concept_starts, preferred_numbers, preferred_starts,
                                 self.forms, self._lock)
        forms = self.forms
        self.near_misses = NearMissIndex.of_rows(
            ((n, compacts[n]) for n in range(len(compacts)) if table.status[n] != _DEPRECATED),
            lambda keys, places: NearMissWords(keys, None, *grouped(places.values()), forms))

    def _assemble(self, style: str | None, shortcuts: bool, table: FormTable) -> None:
        """What a compiled or loaded matcher's rows make: its forms, each made when first asked for."""
        self.style, self.shortcuts, self.table = style, shortcuts, table
        self._lock = threading.Lock()
        self.forms = Forms(len(table), lambda n: _table_form(table, n), self._lock)

    def _assemble_columns(self, form_columns, ending_sets, key_forms, key_form_starts, shortcut_starts,
                          shortcut_languages, shortcut_text_starts, shortcut_text, languages, continuation_starts,
                          continuation_text) -> None:
        """The columns the scan reads (``scan.Columns``), the forms made as they are needed."""
        self.columns = Columns(form_columns, ending_sets, self.forms._made, self.forms._make, key_forms, key_form_starts,
                               shortcut_starts, shortcut_languages, shortcut_text_starts, shortcut_text, languages,
                               continuation_starts, continuation_text)

    def __len__(self) -> int:
        return len(self.forms)

    def forms_in(self, language: str) -> list[Form]:
        """The forms of one text language (``Form.language``), made from the rows of its language codes only."""
        table = self.table
        codes = {n for n, lang in enumerate(table.langs) if text_language(lang) == language}
        return [self.forms[n] for n in range(len(table)) if table.lang_of[n] in codes]

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
        matches, plain = find_forms(self.automaton, self.key_sizes, self.columns, key, text, paragraphs, base, offsets)
        if offsets is not None:  # (else find_forms gave offsets in the view)
            def to_view(position: int) -> int:  # a start or an end: just after the character before it
                return offsets[position - 1] + 1 if position else offsets[0]
            matches = [m._replace(start=to_view(m.start), end=to_view(m.end),
                                  suffix_start=None if m.suffix_start is None else to_view(m.suffix_start))
                       for m in matches]
            plain = [(to_view(a), to_view(b), exact) for a, b, exact in plain]
        return matches, plain


def _starts(texts: list[str]) -> array:
    """Where each of ``texts`` starts in them joined (one more: the end)."""
    return array("Q", accumulate(map(len, texts), initial=0))


def _preferred_rows(rows: range, table: FormTable, languages: list[str]) -> list[int]:
    """A concept's preferred row in each text language, in the order of the languages' first ones:
    its first, unless a later one is written in that very language and the first is not (an ``az``
    term before an ``az-Cyrl`` one)."""
    preferred: dict[str, int] = {}
    for n in rows:
        if table.status[n] == _PREFERRED:
            language = languages[n]
            current = preferred.get(language)
            if current is None or (_lang(table, n) == language and _lang(table, current) != language):
                preferred[language] = n
    return list(preferred.values())


def _lang(table: FormTable, n: int) -> str:
    return table.langs[table.lang_of[n]]


def _mark_plain(rows: range, table: FormTable, languages: list[str]) -> None:
    """Mark each of a concept's rows that is its only accepted form in its language, unless it has
    validity periods (then the document's date decides whether it is a finding)."""
    accepted: dict[str, list[int]] = {}
    for n in rows:
        if table.status[n] in _ACCEPTED:
            accepted.setdefault(languages[n], []).append(n)
    for same_language in accepted.values():
        if len(same_language) == 1 and same_language[0] not in table.periods:
            table.flags[same_language[0]] |= PLAIN


def _whole_word_shortcuts(by_key: dict[str, list[int]], declining_by_whole_key: dict[str, list[int]],
                          languages: list[str], compacts: list[str], declining: bytearray, table: FormTable,
                          forms: Forms) -> list[tuple[int, ...]]:
    """For each automaton key, the rows whose (text language, text) pairs are a plain form and nothing else.

    Where the text, as a whole word, is exactly a plain form of the paragraph's
    language, that form is what it is: the other forms under the same key (the same
    name listed in another language, or with another status) cannot make a finding
    there. A key is left out when one of its forms declines (it could reach further),
    or when the text is also another accepted form of that language (then which
    concept is meant is not settled here). A form and another of the same language and
    text have the same whole key, and decline alike: they are both under the key, or both
    declining forms of that whole key.
    """
    flags, status = table.flags, table.status
    shortcuts = []
    for key, rows in by_key.items():
        if any(declining[n] for n in rows):
            shortcuts.append(())
            continue
        longer = declining_by_whole_key.get(key, ())
        if len(rows) == 1 and not longer:  # (most keys)
            shortcuts.append(tuple(rows) if flags[rows[0]] & PLAIN else ())
            continue
        found = []
        candidates = rows + longer if longer else rows
        for n in candidates:
            if not flags[n] & PLAIN:
                continue
            pair = (languages[n], compacts[n])
            if not all(flags[m] & PLAIN for m in candidates
                       if status[m] in _ACCEPTED and (languages[m], compacts[m]) == pair):
                continue
            if declining[n]:  # found by its stem: it must reach the end of its own text, with no ending added
                form = forms[n]
                match = verify_declined(form, key, 0, len(form.key), word_end(key, len(form.key)), form.language,
                                        form.compact)
                if match is None or match.end != len(key):
                    continue
            found.append(n)
        shortcuts.append(tuple(found))
    return shortcuts


def _mark_punctuation_variants(rows: list[int], compacts: list[str], declining: bytearray, flags: bytearray) -> None:
    """Forms under one key that differ only in dashes, apostrophes or spaces match only their own spelling."""
    texts = {compacts[n] for n in rows if not declining[n]}
    if len({t.lower() for t in texts}) > 1:
        for n in rows:
            if not declining[n]:
                flags[n] |= EXACT_PUNCTUATION


def _table_form(table: FormTable, n: int) -> Form:
    """Form ``n`` made from its row."""
    text = table.texts[n]
    compact = without_invisible(text)
    full_key = match_key(compact)
    lang = table.langs[table.lang_of[n]]
    spans = words(compact)
    flags = table.flags[n]
    form = Form(table.concept_ids[table.concept_of[n]], lang, text_language(lang), text, STATUSES[table.status[n]],
                _CASE_RULES[table.case_rule[n]], table.notes.get(n), full_key, compact,
                last_word=spans[-1][0] if spans else 0)
    form.restyled, form.plain, form.exact_punctuation = bool(flags & RESTYLED), bool(flags & PLAIN), \
        bool(flags & EXACT_PUNCTUATION)
    if flags & DECLINES:  # else nothing declines (Баку, ООН), or a term too odd to decline safely: looked up whole
        form.declines = True
        form.words, form.separators, form.first_declining, form.key = \
            _declined_parts(table.declining_words[n], spans, full_key)
        form.leading_endings = tuple([w.base_ending for w in form.words[:form.first_declining]])
        form.first_endings = form.words[form.first_declining].endings
    if n in table.periods:
        form.periods = table.periods[n]
    if n in table.preferred_in:
        form.preferred_in = table.preferred_in[n]
    form.number = n
    return form


def _russian_parts(compact: str, full_key: str, spans: list, russian_words: dict[str, tuple]) -> tuple | None:
    """A Russian form's ``_declined_parts``; None when nothing declines or a word is too odd to decline
    safely (then the form is looked up whole). ``russian_words``: the words analysed so far."""
    declined, declines = [], False
    for a, b in spans:
        word = compact[a:b]
        analysis = russian_words.get(word)
        if analysis is None:
            analysis = russian_words[word] = _russian_word(word)
        declines = declines or analysis[0]
        declined.append(analysis[1])
    if not declines or spans[0][0] > 0 or None in declined:
        return None
    return _declined_parts(tuple(declined), spans, full_key)


def _declined_parts(form_words: tuple, spans: list, full_key: str) -> tuple:
    """A declining Russian form's words, the separators between them, its first declining word and its key
    (up to that word's stem: what is the same in every form of it)."""
    first = 0
    while True:  # the first word whose endings are more than its own (a word that declines is there)
        endings = form_words[first].endings
        if len(endings) != 1 or form_words[first].base_ending not in endings:
            break
        first += 1
    return (form_words, tuple([full_key[spans[i][1]:spans[i + 1][0]] for i in range(len(spans) - 1)]), first,
            full_key[: spans[first][0] + len(form_words[first].stem)])


def _russian_word(word: str) -> tuple[bool, Word | None]:
    """Whether a word of a Russian term takes other endings than its own, and the ``Word`` it is
    (None when it has no stem: too odd to decline safely). The same for every term that has the word."""
    stem, endings, base_ending = russian.stem_and_endings(word)
    declining = endings != frozenset({base_ending})
    if not stem:
        return declining, None
    return declining, Word(match_key(stem), ending_keys(endings), match_key(base_ending), word[:len(stem)])

"""From a text and a compiled glossary to findings, and from findings to a fixed text.

``lint_text`` is what the CLI, the web app and the tests call: it blanks
what is not prose (``markup``), decides each paragraph's language
(``language``), finds every form (``matcher``), keeps the longest of
overlapping matches (``spans``), looks for near misses of the glossary's
words outside them (``unknown_variants``), and reports each form that is not canonical for the
paragraph's language and the compiled house style, with the canonical form
in the same grammatical form and letter case.

All of that but one rule is local to a paragraph, so a long text can be cut
at paragraph breaks and its pieces shared between this process and forked ones; the one
document-wide rule, a name written two accepted ways (``term.inconsistent``),
is settled afterwards from what each piece reports it uses.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import re
import threading
from array import array
from collections import defaultdict
from typing import NamedTuple

from ..records import ACCEPTED_STATUSES, TermStatus
from . import markup, turkic
from .collector import collector_paused
from .consistency import Uses
from .document_date import document_date
from .findings import Finding
from .kazakh_latin import KazakhLatin
from .kazakh_latin import distance as _distance
from .former_names import Timing, historical_mention, timing
from .language import in_cyrillic, paragraphs
from .matcher import Form, Match, Matcher
from .messages import Message, Wording
from .rules import RULES
from .scripts import describe_scripts, in_one_script, mixed_script_words, odd_letters
from .shared_counter import SharedCounter, can_fork, fork_context
from .spans import Span, find_in, longest_first  # (``find_in``, ``longest_first``: also imported from here)
from .suggestions import Suggester
from .text import match_key, words
from .unknown_variants import near_misses

_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
# A capitalised Latin-script word right before (after) a name, with only spaces or a hyphen between:
# the name is part of a longer proper name.
_NAME_BEFORE = re.compile("(?<![\\w\uffff])[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f\uffff]*[ \u00a0-]+\\Z")
_NAME_AFTER = re.compile("[ \u00a0-]+[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f\uffff]*(?![\\w\uffff])")
# Quotation marks opening (closing) a quoted name, with markup rendered to nothing between: «Taraz».
_QUOTE_BEFORE = re.compile("[«\"“„‘'][\uffff]*\\Z")
_QUOTE_AFTER = re.compile("[\uffff]*[»\"”“’']")


_LINE_BREAK = re.compile("\n")
# What may stand around a credit on its line (markup rendered to nothing, spaces, punctuation), and
# the labels a credit follows: "Фото: Akorda", "Сурет: Akorda", "Источник — Akorda".
_CREDIT_AROUND = re.compile("[\\s\uffff\\W]+")
_CREDIT_LABEL = re.compile("(?i)(?:^|[\\s\uffff.])(?:фото|фотографи[яи]|источник|сурет|дереккөз|photo|foto)[\\s\uffff]*[:—–-][\\s\uffff]*\\Z")


class NameUse(NamedTuple):
    """A name written in a form right for its paragraph's language and the date: no finding, but a use to count."""

    start: int
    end: int
    concept: str
    lang: str  # the paragraph's language
    term: str  # the glossary's term, as the glossary writes it
    status: str  # in the compiled house style: preferred, admitted, or a former name's (superseded, deprecated)


def lint_text(
    source: str,
    matcher: Matcher,
    *,
    path: str = "-",
    lang: str = "auto",
    kind: str = "text",
    rules: frozenset[str] | None = None,
    jobs: int = 1,
    uses: list[NameUse] | None = None,
    date: datetime.date | None = None,
) -> list[Finding]:
    """Every finding in ``source``, in file order.

    Names with validity periods are judged by ``date``, else the date the document gives
    itself (``document_date``), else today.

    ``jobs`` > 1 lets a long text (``PARALLEL_FROM_CHARACTERS`` or more) be cut at
    paragraph breaks and its pieces linted in that many processes (this one and forked ones); the
    findings are the same.

    ``uses``: a list to add every name written in a form right for its paragraph's language
    and the date to (in file order), which makes no finding: accepted forms, and former names
    inside their validity periods or mentioned as former ones. With the findings, how the text
    writes each name (``tilmash audit``).
    A matcher compiled with its shortcuts keeps a concept's only accepted form of a language
    as a bare extent, with no concept: compile with ``shortcuts=False`` for those to be there too.

    The cyclic garbage collector is paused meanwhile (see ``collector``).
    """
    with collector_paused():
        linter = _Linter(source, matcher, path, lang, kind, frozenset(RULES) if rules is None else rules, date)
        findings = linter.run(jobs)
        if uses is not None:
            concepts = linter.matcher.concepts
            uses.extend(sorted(NameUse(start, end, concept, language, form.text, form.status.value)
                               for (concept, language), where in linter.uses.items()
                               for start, end, form in where.places(concepts[concept].preferred.get(language), linter.matcher.forms)))
        return findings


def lint_paragraphs(source: str, matcher: Matcher, offsets: list[int], *, path: str = "-", lang: str = "auto",
                    kind: str = "text", rules: frozenset[str] | None = None,
                    date: datetime.date | None = None) -> list[tuple[tuple[int, int], list[Finding]]]:
    """The paragraphs of ``source`` that ``offsets`` (sorted) are in, each as its extent and its
    findings, in file order; the rules that look at one paragraph only (not ``term.inconsistent``).
    What ``--fix`` lints again after fixing (``fixing``)."""
    with collector_paused():
        linter = _Linter(source, matcher, path, lang, kind, frozenset(RULES) if rules is None else rules, date)
        spans: list[tuple[int, int]] = []
        for offset in offsets:
            start, end = linter.paragraphs.span_at(offset)
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        return [(span, linter._lint_piece(span)[0]) for span in spans]


PARALLEL_FROM_CHARACTERS = 1_000_000  # below this, forking workers costs more than it saves
# Pieces are not equally hard, and a forked worker starts slower than this process (it copies
# each page of the compiled glossary it writes a reference count on, and its caches are empty):
# more pieces than processes, each process taking the next one left, evens the load.
_PIECES_PER_JOB = 4
_LONGEST_PIECE = 250_000  # characters



# (concept, language) -> where it is written with an accepted form
_Uses = dict[tuple[str, str], Uses]
# extent of a fixable finding -> the form its suggestion writes (uninflected)
_Targets = dict[tuple[int, int], str]
_shared: tuple[_Linter, list[tuple[int, int]], SharedCounter, object] | None = None  # what forked workers take pieces of, and the queue they send results on


def _take_pieces(linter: _Linter, pieces: list[tuple[int, int]], taken: SharedCounter) -> list[tuple[int, tuple[list[Finding], _Uses, _Targets]]]:
    """Lint the next piece no process has taken, until none is left: (number of the piece, its results) of each."""
    done = []
    while (number := taken.take()) < len(pieces):
        done.append((number, linter._lint_piece(pieces[number])))
    return done


def _take_pieces_in_worker() -> None:
    """``_take_pieces`` in a forked worker, each piece's results sent back as soon as it is done (so
    that no process holds another's results)."""
    linter, pieces, taken, linted = _shared
    while (number := taken.take()) < len(pieces):
        findings, uses, targets = linter._lint_piece(pieces[number])
        linted.put((number, (findings, dict(uses), targets)))
        del findings, uses, targets


class _Linter(KazakhLatin):
    """One text being linted. Offsets are in the view, which are offsets in the source."""

    def __init__(self, source: str, matcher: Matcher, path: str, lang: str, kind: str, rules: frozenset[str],
                 date: datetime.date | None = None):
        self.source, self.matcher, self.path, self.kind, self.rules = source, matcher, path, kind, rules
        self.date = date or document_date(source, kind) or datetime.date.today()
        seen = markup.prose(source, kind)
        self.view = seen.view
        self.urls = seen.urls  # only in plain text: see markup.Prose
        self.url_starts = [a for a, _ in self.urls]
        self.url_ends = [b for _, b in self.urls]
        self.paragraphs = paragraphs(self.view, lang, seen.blocks, seen.language,
                                     markup.blank_urls if seen.urls else None)
        self.line_starts = array("q", [0])  # (an array: a long text has hundreds of thousands of lines)
        self.line_starts.extend(m.end() for m in _LINE_BREAK.finditer(source))
        self.targets: dict[tuple[int, str], Form | None] = {}
        self.alphabets: dict[int, int | None] = {}  # Kazakh Latin: each paragraph's alphabet (2018, 2021), -1 the text's
        self.uses: _Uses = {}  # after ``run``: where the text uses which accepted form
        self.wording = Wording(matcher)
        self.suggester = Suggester(source, self.view, kind)
        self._kazakh_first_words: frozenset[str] | None = None  # keys of the first words of the Kazakh Latin forms
        # of the piece being linted: its names' extents, and its paragraphs' alphabets (``_prose_alphabet``)
        self._names: tuple[list[tuple[int, int]], dict[int, int | None]] = ([], {})

    def add(self, findings: list[Finding], start: int, end: int, rule: str, found: str, suggestion: str | None,
            message: str, *, concept: str | None, lang: str, status: str | None, fixable: bool = False,
            term: str | None = None) -> None:
        if rule not in self.rules:
            return
        line = bisect.bisect_right(self.line_starts, start) - 1
        end_line = bisect.bisect_right(self.line_starts, end) - 1
        findings.append(Finding(
            path=self.path, start=start, end=end,
            line=line + 1, column=start - self.line_starts[line] + 1,
            end_line=end_line + 1, end_column=end - self.line_starts[end_line] + 1,
            rule=rule, severity=RULES[rule].severity, found=found, suggestion=suggestion,
            concept=concept, lang=lang, status=status, message=message,
            fixable=fixable and suggestion is not None and suggestion != found, term=term,
        ))

    # the run --------------------------------------------------------------
    def run(self, jobs: int) -> list[Finding]:
        pieces = self._pieces(jobs)
        if jobs > 1 and len(pieces) > 1 and can_fork():
            results = self._lint_in_processes(pieces, jobs)
        else:
            results = [self._lint_piece(piece) for piece in pieces]
        findings: list[Finding] = []
        uses: _Uses = defaultdict(Uses)
        targets: _Targets = {}
        for number, result in enumerate(results):
            results[number] = None  # each piece's places let go of as they are merged: not held twice
            piece_findings, piece_uses, piece_targets = result
            findings.extend(piece_findings)
            targets.update(piece_targets)
            for used, where in piece_uses.items():
                uses[used].extend(where)
        if "term.inconsistent" in self.rules:
            self._inconsistencies(uses, findings)
        self.uses = uses
        findings = self._keeping_one_form(findings, uses, targets)
        return sorted(findings, key=lambda f: (f.start, f.end, f.rule))

    def _keeping_one_form(self, findings: list[Finding], uses: _Uses, targets: _Targets) -> list[Finding]:
        """The findings, those whose fix would write a concept a second accepted way in this
        document no longer fixable (the fix would make a ``term.inconsistent``)."""
        kept = []
        for finding in findings:
            target = targets.get((finding.start, finding.end)) if finding.fixable else None
            used = uses.get((finding.concept, finding.lang)) if target is not None else None
            if used and used.adds_a_form(target, self.matcher.concepts[finding.concept].preferred.get(finding.lang),
                                         self.view, self.matcher.forms, self._accepted_texts(finding.concept, finding.lang)):
                finding = dataclasses.replace(finding, fixable=False)
            kept.append(finding)
        return kept

    def _lint_in_processes(self, pieces: list[tuple[int, int]], jobs: int) -> list[tuple[list[Finding], _Uses, _Targets]]:
        """The results of each piece, linted by this process and ``jobs - 1`` forked ones, each
        taking the next piece left (the forked ones inherit this linter and the matcher without a copy).
        A worker sends each piece's results as soon as it is done and a thread here takes them in."""
        global _shared
        context = fork_context()
        taken, linted = SharedCounter(context), context.SimpleQueue()
        _shared = (self, pieces, taken, linted)
        received: dict[int, tuple[list[Finding], _Uses, _Targets]] = {}

        def receive() -> None:
            while (item := linted.get()) is not None:
                number, results = item
                received[number] = results

        try:
            with context.Pool(jobs - 1) as pool:
                receiver = threading.Thread(target=receive, daemon=True)
                receiver.start()
                try:
                    workers = [pool.apply_async(_take_pieces_in_worker) for _ in range(jobs - 1)]
                    done = dict(_take_pieces(self, pieces, taken))
                    for worker in workers:
                        worker.get()
                finally:
                    linted.put(None)  # after all the workers' pieces: the pipe keeps their order
                    receiver.join()
        finally:
            _shared = None
        done.update(received)
        return [done[number] for number in range(len(pieces))]

    def _pieces(self, jobs: int) -> list[tuple[int, int]]:
        """The view cut at paragraph starts into pieces of about equal length: one piece, unless
        the text is long; then ``_PIECES_PER_JOB`` for each process, and none longer than
        ``_LONGEST_PIECE`` (what a piece needs while it is linted: its key, its matches)."""
        length = len(self.view)
        if length < PARALLEL_FROM_CHARACTERS:
            return [(0, length)]
        starts, count = self.paragraphs.starts, max(jobs * _PIECES_PER_JOB, -(-length // _LONGEST_PIECE))
        cuts = {starts[i] for i in (bisect.bisect_left(starts, length * n // count) for n in range(1, count))
                if i < len(starts)}
        bounds = [0, *sorted(cuts - {0, length}), length]
        return list(zip(bounds, bounds[1:]))

    def _lint_piece(self, piece: tuple[int, int]) -> tuple[list[Finding], _Uses, _Targets]:
        """The findings in one piece of the view, where it uses which accepted form, and the form
        each fixable finding's suggestion writes."""
        low, high = piece
        stretch = self.view[low:high]
        matches, plain = find_in(self.matcher, self.view, self.paragraphs, low, high)
        if self.urls:  # plain text: its view keeps its URLs, and what is found in them is passed over
            matches = [m for m in matches if not self._in_url(m.start, m.end)]
            plain = [p for p in plain if not self._in_url(p[0], p[1])]
        spans = self._without_plain(longest_first(matches), plain)
        findings: list[Finding] = []
        uses: _Uses = defaultdict(Uses)
        targets: _Targets = {}
        self._names = (sorted([(s.start, s.end) for s in spans] + [(a, b) for a, b, _ in plain]), {})
        for span in spans:
            self._classify(span, uses, targets, findings)
        mixed = self._mixed_scripts(low, high, findings) if "text.mixed-script" in self.rules else []
        if "term.unknown-variant" in self.rules:
            near_misses(self, low, stretch, spans, plain, mixed, findings)
        return findings, uses, targets

    def _in_url(self, start: int, end: int) -> bool:
        """Whether the view from ``start`` to ``end`` overlaps a URL (plain text only)."""
        i = bisect.bisect_left(self.url_starts, end) - 1  # the last URL starting before ``end``
        return i >= 0 and self.url_ends[i] > start

    def _without_plain(self, spans: list[Span], plain: list[tuple[int, int, bool]]) -> list[Span]:
        """The spans no plain extent beats, settled as ``longest_first`` and ``_classify`` would.

        A longer plain extent, or one as long and further left, wins. On the very same
        extent the plain form (accepted in its own language) wins unless it was reached
        through a suffix or ending and the span has a form written exactly as the text:
        a form listed with exactly the text's spelling is the better reading.
        """
        if not plain:
            return spans
        plain = sorted(plain)
        starts = [a for a, _, _ in plain]
        kept = []
        for span in spans:
            length = span.end - span.start
            i = bisect.bisect_left(starts, span.end)  # plain extents starting before the span ends
            beaten = False
            while i > 0:
                i -= 1
                a, b, exact = plain[i]
                if b <= span.start and a < span.start - 200:
                    break  # extents far to the left cannot reach the span (names are short)
                if b <= span.start:
                    continue
                if b - a > length or (b - a == length and a < span.start):
                    beaten = True
                elif (a, b) == (span.start, span.end):
                    found = self.source[span.start:span.end]
                    beaten = exact or not any(m.form.compact == found for m in span.matches)
                if beaten:
                    break
            if not beaten:
                kept.append(span)
        return kept

    def _classify(self, span: Span, uses: _Uses, targets: _Targets, findings: list[Finding]) -> None:
        language = self.paragraphs.language_at(span.start)
        if len(span.matches) == 1:  # the common case: one form, accepted in this language
            match = span.matches[0]
            if match.form.language == language and match.form.status in ACCEPTED_STATUSES and not match.form.periods:
                if language != "kk-Latn" or not self._other_alphabet(span, match, targets, findings):
                    uses[(match.form.concept, language)].add(span.start, span.end, match, self._is_preferred(match.form, language))
                return
        found_text = self.source[span.start:span.end]
        exact = [m for m in span.matches if m.form.compact == found_text]
        candidates = exact or span.matches  # a form written exactly so beats one that only folds to it
        own = [m for m in candidates if m.form.language == language]
        if own:
            accepted = [m for m in own if m.form.status in ACCEPTED_STATUSES]
            if accepted:
                chosen = min(accepted, key=lambda m: m.form.status is not TermStatus.PREFERRED)
                if language == "kk-Latn" and self._other_alphabet(span, chosen, targets, findings):
                    return
                when = timing(chosen.form.periods, self.date)
                # Between two of its periods a name had existed, and other names keep it (The Astana Times in 2020).
                if when in (Timing.INSIDE, Timing.BETWEEN):
                    uses[(chosen.form.concept, language)].add(span.start, span.end, chosen,
                                                              self._is_preferred(chosen.form, language))
                    return
                match, rule = chosen, "term.superseded" if when is Timing.AFTER else "term.anachronism"
            else:
                match = min(own, key=lambda m: m.form.status is not TermStatus.DEPRECATED)
                rule = "term.deprecated" if match.form.status is TermStatus.DEPRECATED else "term.superseded"
                when = timing(match.form.periods, self.date)
                if when is Timing.INSIDE and match.form.periods:
                    uses[(match.form.concept, language)].add_former(span.start, span.end, match)
                    return  # a former name, right at the document's date
                if when is Timing.BEFORE:
                    rule = "term.anachronism"
            if rule in ("term.superseded", "term.anachronism") and \
                    historical_mention(self.view, span.start, span.end, language, match.form.periods):
                uses[(match.form.concept, language)].add_former(span.start, span.end, match)
                return  # "renamed from Nur-Sultan", "formerly Alma-Ata", "the 2019 summit of the Turkic Council"
        else:
            others = [m for m in candidates if language in self.matcher.concepts[m.form.concept].preferred
                      and self._foreign(m.form, language)]
            if not others:
                return
            match = min(others, key=lambda m: m.form.status is not TermStatus.PREFERRED)
            if self._inside_foreign_name(span, match, language) or self._credit(span, match, language):
                return
            rule = "term.wrong-language"
        form = match.form
        target = self._target(form, language, rule)
        if language == "kk-Latn":
            target = self._in_text_alphabet(target, span.start)
        if rule == "term.anachronism" and target is not None and timing(target.periods, self.date) is not Timing.INSIDE:
            target = None  # the glossary has no name of it for that date
        suggestion, certain = self.suggester.suggest(match, target, language) if target else (None, False)
        if rule == "term.wrong-language":  # a name's language is changed only where the text's is certain
            certain = certain and self.paragraphs.certain_at(span.start)
        fixable = certain and rule not in ("term.superseded", "term.anachronism")
        if fixable:
            targets[(span.start, span.end)] = target.text
        self.add(findings, span.start, span.end, rule, found_text, suggestion,
                 self.wording.message(rule, form, target, language, self.date), concept=form.concept, lang=language,
                 status=form.status.value, fixable=fixable, term=form.text)

    def _accepted_texts(self, concept_id: str, language: str) -> tuple[str, ...]:
        """The texts of a concept's accepted forms in ``language`` (a document's forms of it may be parts of one)."""
        return tuple(f.text for f in self.matcher.concepts[concept_id].forms
                     if f.language == language and f.status in ACCEPTED_STATUSES)

    def _is_preferred(self, form: Form, language: str) -> bool:
        """Whether ``form`` is its concept's preferred form in ``language``."""
        return self.matcher.concepts[form.concept].preferred.get(language) is form

    def _foreign(self, form: Form, language: str) -> bool:
        """Whether ``form``, found in text of ``language`` and not listed for it, is another
        language's: always outside English; in English when it has letters English does not
        use, or when it is written so in one other language only (Kazakh Latin Qasym-Jomart
        Toqaev) rather than the same in several (an agency's name, Report)."""
        if language != "en" or not form.compact.isascii():
            return True
        return len(self.wording.languages_writing(form)) == 1

    def _inside_foreign_name(self, span: Span, match: Match, language: str) -> bool:
        """Whether a Latin-script name in Azerbaijani, Kazakh or Russian text is part of a longer
        Latin-script proper name ("Baku Shipyard", "директор Baku Network"): the name of a company
        or a brand, not a name to write in this language. In Cyrillic text a capitalised Latin word
        on either side makes it so; in Latin text (Azerbaijani) only one after it, and only for a
        name without a suffix (Prezident Qabalada is Azerbaijani, not a company), and in Kazakh Latin
        text only a word without Kazakh letters (Ilham Aliyev Astanaǵa keldi is Kazakh). In Cyrillic text a
        Latin-script name alone in quotation marks is quoted as it is written, as Russian and Kazakh copy
        quote a ship's, a brand's or a company's name (танкер «Taraz», KazTransOil 2025)."""
        if language == "en" or not _LATIN_LETTER.search(match.form.compact):
            return False
        after = _NAME_AFTER.match(self.view, span.end)
        if not in_cyrillic(language):
            if language == "kk-Latn" and after and self._kazakh_word(after.group().lstrip(" \u00a0-")):
                return False  # Ilham Aliyev Astanaǵa, Ilham Aliyev Qazaqstanda: Kazakh, not the rest of a brand
            return match.suffix_start is None and bool(after)
        line_start = self.view.rfind("\n", 0, span.start) + 1
        before = _NAME_BEFORE.search(self.view, max(line_start, span.start - 60), span.start)
        quoted = bool(_QUOTE_BEFORE.search(self.view, max(line_start, span.start - 10), span.start)
                      and _QUOTE_AFTER.match(self.view, span.end))
        return bool(before or after or quoted)

    def _credit(self, span: Span, match: Match, language: str) -> bool:
        """Whether a Latin-script name in Cyrillic text is a credit: alone on its line (a photo's
        "Akorda" under a Russian article) or after a credit's label ("Фото: Akorda"). Russian and
        Kazakh copy write the press service so, as its own brand; in running text they write Акорда."""
        if not in_cyrillic(language) or not _LATIN_LETTER.search(match.form.compact):
            return False
        line_start = self.view.rfind("\n", 0, span.start) + 1
        line_end = self.view.find("\n", span.end)
        before = self.view[line_start:span.start]
        after = self.view[span.end:len(self.view) if line_end < 0 else line_end]
        return not _CREDIT_AROUND.sub("", after) and (not _CREDIT_AROUND.sub("", before)
                                                      or bool(_CREDIT_LABEL.search(before)))

    def _target(self, form: Form, language: str, rule: str) -> Form | None:
        """What to write instead of ``form``: the preferred form, or an admitted one that is only
        a spelling away (Kemelovich -> Kemelevich keeps the patronymic the writer meant); for a
        name in another language's form, this language's form of as many words (a surname alone
        for a surname alone: Tokayev -> Токаев)."""
        key = (id(form), language)
        if key not in self.targets:
            target = (self._same_length(form, language) if rule == "term.wrong-language"
                      else self._closest_accepted(form, language))
            if target is not None and timing(target.periods, self.date) is not Timing.INSIDE:
                target = self._name_at_the_date(form, language) or target
            self.targets[key] = target
        return self.targets[key]

    def _same_length(self, form: Form, language: str) -> Form | None:
        concept = self.matcher.concepts[form.concept]
        preferred = concept.preferred.get(language)
        count = len(words(form.compact))
        if preferred is None or len(words(preferred.compact)) == count:
            return preferred
        return next((f for f in concept.forms if f.language == language and f.status is TermStatus.ADMITTED
                     and len(words(f.compact)) == count), preferred)

    def _name_at_the_date(self, form: Form, language: str) -> Form | None:
        """The concept's form in ``language`` that was the name in use at the document's date, if one was:
        accepted before superseded, one with periods (named for that time) before one without."""
        candidates = [f for f in self.matcher.concepts[form.concept].forms
                      if f.language == language and f.status is not TermStatus.DEPRECATED
                      and (f.periods or f.status in ACCEPTED_STATUSES) and timing(f.periods, self.date) is Timing.INSIDE]
        return min(candidates, key=lambda f: (f.status not in ACCEPTED_STATUSES, not f.periods,
                                              f.status is not TermStatus.PREFERRED), default=None)

    def _closest_accepted(self, form: Form, language: str) -> Form | None:
        concept = self.matcher.concepts[form.concept]
        preferred = concept.preferred.get(language)
        admitted = [f for f in concept.forms if f.language == language and f.status is TermStatus.ADMITTED]
        if preferred is None or not admitted:
            return preferred
        best, best_distance = preferred, _distance(form.text, preferred.text)
        for other in admitted:
            distance = _distance(form.text, other.text)
            if distance < best_distance and distance <= max(2, len(form.text) // 6):
                best, best_distance = other, distance
        return best

    def _inconsistencies(self, uses: _Uses, findings: list[Finding]) -> None:
        """A concept written two accepted ways in one document: the less canonical ones (see ``consistency``)."""
        for (concept_id, language), used in uses.items():
            if not used.has_others:
                continue  # written with its preferred form only: nothing to compare (and its forms not looked up)
            preferred = self.matcher.concepts[concept_id].preferred.get(language)
            for start, end, match, reference in used.inconsistent(preferred, self.view, self.matcher.forms,
                                                                  self._accepted_texts(concept_id, language)):
                suggestion, _ = self.suggester.suggest(match, reference, language)
                self.add(findings, start, end, "term.inconsistent", self.source[start:end], suggestion,
                         Message.of("inconsistent", form=match.form.text, reference=reference.text),
                         concept=concept_id, lang=language, status=match.form.status.value, term=match.form.text)

    def _mixed_scripts(self, low: int, high: int, findings: list[Finding]) -> list[tuple[int, int]]:
        """Words mixing Latin and Cyrillic letters in the paragraphs from ``low`` to ``high``; returns their spans."""
        found = mixed_script_words(self.view, self.paragraphs, low, high)
        if self.urls:
            found = [(a, b) for a, b in found if not self._in_url(a, b)]
        for start, end in found:
            word = self.source[start:end]
            language = self.paragraphs.language_at(start)
            suggestion = in_one_script(word, language, self.latin_alphabet_at(start) if language == "kk-Latn" else None)
            self.add(findings, start, end, "text.mixed-script", word, suggestion,
                     Message.of("mixed-script", letters=describe_scripts(word), odd="".join(odd_letters(word))),
                     concept=None, lang=language, status=None, fixable=suggestion is not None)
        return found

"""From a text and a compiled glossary to findings, and from findings to a fixed text.

``lint_text`` is what the CLI, the web app and the tests call: it blanks
what is not prose (``markup``), decides each paragraph's language
(``language``), finds every form (``matcher``), keeps the longest of
overlapping matches, and reports each form that is not canonical for the
paragraph's language and the compiled house style, with the canonical form
in the same grammatical form and letter case.

All of that but one rule is local to a paragraph, so a long text can be cut
at paragraph breaks and its pieces shared between this process and forked ones; the one
document-wide rule, a name written two accepted ways (``term.inconsistent``),
is settled afterwards from what each piece reports it uses.
"""

from __future__ import annotations

import bisect
import datetime
import multiprocessing
import re
from collections import defaultdict
from dataclasses import dataclass

from ..records import ACCEPTED_STATUSES, TermStatus
from . import markup, russian, turkic
from .collector import collector_paused
from .document_date import document_date
from .findings import Finding
from .former_names import Timing, historical_mention, timing
from .language import paragraphs
from .matcher import Form, Match, Matcher
from .rules import RULES
from .scan import capitalised_words
from .scripts import describe_scripts, in_one_script, mixed_script_words
from .shared_counter import SharedCounter
from .text import IGNORABLE, apply_case, match_key, without_invisible, words

_LANGUAGE_NAMES = {"en": "English", "az": "Azerbaijani", "kk": "Kazakh", "ru": "Russian"}
_LINE_BREAK = re.compile("\n")


@dataclass
class _Span:
    """Overlapping matches with the same extent: alternatives for one stretch of text."""

    start: int
    end: int
    matches: list[Match]


def lint_text(
    source: str,
    matcher: Matcher,
    *,
    path: str = "-",
    lang: str = "auto",
    kind: str = "text",
    rules: frozenset[str] | None = None,
    jobs: int = 1,
    date: datetime.date | None = None,
) -> list[Finding]:
    """Every finding in ``source``, in file order.

    Names with validity periods are judged by ``date``, else the date the document gives
    itself (``document_date``), else today.

    ``jobs`` > 1 lets a long text (``PARALLEL_FROM_CHARACTERS`` or more) be cut at
    paragraph breaks and its pieces linted in that many processes (this one and forked ones); the
    findings are the same.

    The cyclic garbage collector is paused meanwhile (see ``collector``).
    """
    with collector_paused():
        return _Linter(source, matcher, path, lang, kind, frozenset(RULES) if rules is None else rules, date).run(jobs)


PARALLEL_FROM_CHARACTERS = 1_000_000  # below this, forking workers costs more than it saves
# Pieces are not equally hard, and a forked worker starts slower than this process (it copies
# each page of the compiled glossary it writes a reference count on, and its caches are empty):
# more pieces than processes, each process taking the next one left, evens the load.
_PIECES_PER_JOB = 4

# (concept, language) -> each place it is written with an accepted form: the extent, and the match
_Uses = dict[tuple[str, str], list[tuple[int, int, Match]]]
_shared: tuple[_Linter, list[tuple[int, int]], SharedCounter] | None = None  # what forked workers take pieces of


def _take_pieces(linter: _Linter, pieces: list[tuple[int, int]], taken: SharedCounter) -> list[tuple[int, tuple[list[Finding], _Uses]]]:
    """Lint the next piece no process has taken, until none is left: (number of the piece, its results) of each."""
    done = []
    while (number := taken.take()) < len(pieces):
        done.append((number, linter._lint_piece(pieces[number])))
    return done


def _take_pieces_in_worker() -> list[tuple[int, tuple[list[Finding], dict]]]:
    """``_take_pieces`` in a forked worker; the forms its pieces use go back as their numbers in the matcher."""
    linter, pieces, taken = _shared
    return [(number, (findings, {used: [(start, end, match._replace(form=match.form.number)) for start, end, match in where]
                                 for used, where in uses.items()}))
            for number, (findings, uses) in _take_pieces(linter, pieces, taken)]


class _Linter:
    """One text being linted. Offsets are in the view, which are offsets in the source."""

    def __init__(self, source: str, matcher: Matcher, path: str, lang: str, kind: str, rules: frozenset[str],
                 date: datetime.date | None = None):
        self.source, self.matcher, self.path, self.kind, self.rules = source, matcher, path, kind, rules
        self.date = date or document_date(source, kind) or datetime.date.today()
        self.view = markup.prose_view(source, kind)
        self.paragraphs = paragraphs(self.view, lang)
        self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(source)]
        self.targets: dict[tuple[int, str], Form | None] = {}

    def add(self, findings: list[Finding], start: int, end: int, rule: str, found: str, suggestion: str | None,
            message: str, *, concept: str | None, lang: str, status: str | None, fixable: bool = False) -> None:
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
            fixable=fixable and suggestion is not None and suggestion != found,
        ))

    # the run --------------------------------------------------------------
    def run(self, jobs: int) -> list[Finding]:
        pieces = self._pieces(jobs)
        results = [self._lint_piece(pieces[0])] if len(pieces) == 1 else self._lint_in_processes(pieces, jobs)
        findings: list[Finding] = []
        uses: _Uses = defaultdict(list)
        for piece_findings, piece_uses in results:
            findings.extend(piece_findings)
            for used, where in piece_uses.items():
                uses[used].extend(where)
        if "term.inconsistent" in self.rules:
            self._inconsistencies(uses, findings)
        return sorted(findings, key=lambda f: (f.start, f.end, f.rule))

    def _lint_in_processes(self, pieces: list[tuple[int, int]], jobs: int) -> list[tuple[list[Finding], _Uses]]:
        """The results of each piece, linted by this process and ``jobs - 1`` forked ones, each
        taking the next piece left (the forked ones inherit this linter and the matcher without a copy)."""
        global _shared
        context = multiprocessing.get_context("fork")
        taken = SharedCounter(context)
        _shared = (self, pieces, taken)
        try:
            with context.Pool(jobs - 1) as pool:
                workers = [pool.apply_async(_take_pieces_in_worker) for _ in range(jobs - 1)]
                done = dict(_take_pieces(self, pieces, taken))
                forms = self.matcher.forms
                for worker in workers:
                    for number, (findings, uses) in worker.get():
                        done[number] = findings, {used: [(start, end, match._replace(form=forms[match.form]))
                                                         for start, end, match in where] for used, where in uses.items()}
        finally:
            _shared = None
        return [done[number] for number in range(len(pieces))]

    def _pieces(self, jobs: int) -> list[tuple[int, int]]:
        """The view cut at paragraph starts into pieces of about equal length: one piece, unless
        the text is long, more than one process may work and they can be forked."""
        length = len(self.view)
        if jobs <= 1 or length < PARALLEL_FROM_CHARACTERS or "fork" not in multiprocessing.get_all_start_methods():
            return [(0, length)]
        starts, count = self.paragraphs.starts, jobs * _PIECES_PER_JOB
        cuts = {starts[i] for i in (bisect.bisect_left(starts, length * n // count) for n in range(1, count))
                if i < len(starts)}
        bounds = [0, *sorted(cuts - {0, length}), length]
        return list(zip(bounds, bounds[1:]))

    def _lint_piece(self, piece: tuple[int, int]) -> tuple[list[Finding], _Uses]:
        """The findings in one piece of the view, and where it uses which accepted form."""
        low, high = piece
        stretch, spans, plain = self._spans(low, high)
        findings: list[Finding] = []
        uses: _Uses = defaultdict(list)
        for span in spans:
            self._classify(span, uses, findings)
        mixed = self._mixed_scripts(low, high, findings) if "text.mixed-script" in self.rules else []
        if "term.unknown-variant" in self.rules:
            self._near_misses(low, stretch, spans, plain, mixed, findings)
        return findings, uses

    def _spans(self, low: int, high: int) -> tuple[str, list[_Span], list[tuple[int, int, bool]]]:
        """The view from ``low`` to ``high``, the spans of forms found there and the extents of plain forms."""
        stretch = self.view[low:high]
        key = match_key(stretch)
        text, offsets = stretch, None
        if IGNORABLE in key:  # matching skips invisible characters: it runs on the rest
            offsets = [low + i for i, ch in enumerate(key) if ch != IGNORABLE]
            offsets.append(high)
            key, text = key.replace(IGNORABLE, ""), without_invisible(stretch)
        matches, plain = self.matcher.find(key, text, self.paragraphs, low, offsets)
        return stretch, self._without_plain(_longest_first(matches), plain), plain

    def _without_plain(self, spans: list[_Span], plain: list[tuple[int, int, bool]]) -> list[_Span]:
        """The spans no plain extent beats, settled as ``_longest_first`` and ``_classify`` would.

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

    def _classify(self, span: _Span, uses: _Uses, findings: list[Finding]) -> None:
        language = self.paragraphs.language_at(span.start)
        if len(span.matches) == 1:  # the common case: one form, accepted in this language
            match = span.matches[0]
            if match.form.language == language and match.form.status in ACCEPTED_STATUSES and not match.form.periods:
                uses[(match.form.concept, language)].append((span.start, span.end, match))
                return
        found_text = self.source[span.start:span.end]
        exact = [m for m in span.matches if m.form.compact == found_text]
        candidates = exact or span.matches  # a form written exactly so beats one that only folds to it
        own = [m for m in candidates if m.form.language == language]
        if own:
            accepted = [m for m in own if m.form.status in ACCEPTED_STATUSES]
            if accepted:
                chosen = min(accepted, key=lambda m: m.form.status is not TermStatus.PREFERRED)
                when = timing(chosen.form.periods, self.date)
                if when is Timing.INSIDE:
                    uses[(chosen.form.concept, language)].append((span.start, span.end, chosen))
                    return
                match, rule = chosen, "term.superseded" if when is Timing.AFTER else "term.anachronism"
            else:
                match = min(own, key=lambda m: m.form.status is not TermStatus.DEPRECATED)
                rule = "term.deprecated" if match.form.status is TermStatus.DEPRECATED else "term.superseded"
                when = timing(match.form.periods, self.date)
                if when is Timing.INSIDE and match.form.periods:
                    return  # a former name, right at the document's date
                if when in (Timing.BEFORE, Timing.BETWEEN):
                    rule = "term.anachronism"
            if rule in ("term.superseded", "term.anachronism") and \
                    historical_mention(self.view, span.start, span.end, language, match.form.periods):
                return  # "renamed from Nur-Sultan", "formerly Alma-Ata", "the 2019 summit of the Turkic Council"
        else:
            others = [m for m in candidates if language in self.matcher.concepts[m.form.concept].preferred
                      and (language != "en" or not m.form.compact.isascii())]
            if not others:
                return
            match = min(others, key=lambda m: m.form.status is not TermStatus.PREFERRED)
            rule = "term.wrong-language"
        form = match.form
        target = self._target(form, language)
        if rule == "term.anachronism" and target is not None and timing(target.periods, self.date) is not Timing.INSIDE:
            target = None  # the glossary has no name of it for that date
        suggestion, certain = self._suggest(match, target, language) if target else (None, False)
        self.add(findings, span.start, span.end, rule, found_text, suggestion,
                 _message(rule, form, target, language, self.date), concept=form.concept, lang=language,
                 status=form.status.value, fixable=certain and rule not in ("term.superseded", "term.anachronism"))

    def _target(self, form: Form, language: str) -> Form | None:
        """What to write instead of ``form``: the preferred form, or an admitted one that is only
        a spelling away (Kemelovich -> Kemelevich keeps the patronymic the writer meant)."""
        key = (id(form), language)
        if key not in self.targets:
            target = self._closest_accepted(form, language)
            if target is not None and timing(target.periods, self.date) is not Timing.INSIDE:
                target = self._name_at_the_date(form, language) or target
            self.targets[key] = target
        return self.targets[key]

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

    def _suggest(self, match: Match, target: Form, language: str) -> tuple[str, bool]:
        """The target form in the grammatical form and letter case of the match; whether it is certain."""
        found = self.source[match.start:match.end]
        text, certain = target.text, True
        if match.suffix_start is not None and language in ("az", "kk"):
            rest = self.source[match.suffix_start:match.end]
            carried = turkic.carry_suffix(language, self.source[match.start:match.suffix_start], rest, target.text)
            text, certain = (target.text + carried, True) if carried is not None else (target.text, False)
        elif language == "ru" and (match.suffix_start is not None or match.form.declines):
            endings = list(match.endings) if match.form.declines else self._endings_of_whole_form(match)
            words_of_form = match.form.words or [None] * len(endings)
            if any(word is None or ending != word.base_ending for ending, word in zip(endings, words_of_form)):
                inflected = russian.inflect_like(match.form.text, endings, target.text, self._previous_word(match.start))
                text, certain = (inflected, True) if inflected is not None else (target.text, False)
        return markup.escape_for(self.kind, apply_case(text, found, language)), certain

    def _endings_of_whole_form(self, match: Match) -> list[str]:
        """The endings of a form looked up whole and found with a Russian ending on its last word
        (a Kazakh spelling declined in Russian text: Тоқаева)."""
        spans = words(match.form.compact)
        last = match.form.compact[spans[-1][0]:spans[-1][1]]
        forms = russian.word_forms(last)
        ending = forms.base_ending + self.source[match.suffix_start:match.end].lower()
        return [russian.word_forms(match.form.compact[a:b]).base_ending for a, b in spans[:-1]] + [ending]

    def _previous_word(self, start: int) -> str | None:
        before = self.view[max(0, start - 40):start]
        spans = words(before)
        return before[spans[-1][0]:spans[-1][1]] if spans else None

    def _inconsistencies(self, uses: _Uses, findings: list[Finding]) -> None:
        """A concept written two accepted ways in one document: the less canonical ones are reported."""
        for (concept_id, language), used in uses.items():
            forms = {m.form.text: m.form for _, _, m in used}
            if len(forms) < 2:
                continue
            reference = next((m.form for _, _, m in used if m.form.status is TermStatus.PREFERRED), used[0][2].form)
            for start, end, match in used:
                form = match.form
                if form.text == reference.text or _short_form_of(form.text, reference.text):
                    continue
                suggestion, _ = self._suggest(match, reference, language)
                self.add(findings, start, end, "term.inconsistent", self.source[start:end], suggestion,
                         f"this document also writes this name as {reference.text!r}; use one form",
                         concept=concept_id, lang=language, status=form.status.value)

    def _mixed_scripts(self, low: int, high: int, findings: list[Finding]) -> list[tuple[int, int]]:
        """Words mixing Latin and Cyrillic letters in the paragraphs from ``low`` to ``high``; returns their spans."""
        found = mixed_script_words(self.view, self.paragraphs, low, high)
        for start, end in found:
            word = self.source[start:end]
            language = self.paragraphs.language_at(start)
            suggestion = in_one_script(word, language)
            self.add(findings, start, end, "text.mixed-script", word, suggestion,
                     "this word mixes Latin and Cyrillic letters: " + describe_scripts(word),
                     concept=None, lang=language, status=None, fixable=suggestion is not None)
        return found

    def _near_misses(self, low: int, stretch: str, spans: list[_Span], plain: list[tuple[int, int, bool]],
                     mixed: list[tuple[int, int]], findings: list[Finding]) -> None:
        """Capitalised words outside every match that are one edit from a glossary word.

        ``stretch`` is the view from ``low`` on.
        """
        extents = [(s.start - low, s.end - low) for s in spans] + [(a - low, b - low) for a, b, _ in plain]
        extents.extend((a - low, b - low) for a, b in mixed)
        index = self.matcher.near_misses
        memo: dict[str, list[str]] = {}
        for start, end in capitalised_words(stretch, sorted(extents), index.MIN_LENGTH):
            text = stretch[start:end]
            start, end = start + low, end + low
            near = memo.get(text)
            if near is None:
                key = match_key(text)
                near = memo[text] = [] if index.known(key) else [
                    c for c in index.near(key) if not (c.startswith(key) or key.startswith(c) or _inflects_to(c, key))]
            for candidate in near:
                hit = self._near_miss_in_context(start, end, candidate)
                if hit is None:
                    continue
                form, written = hit
                language = self.paragraphs.language_at(start)
                found = self.source[start:end]
                self.add(findings, start, end, "term.unknown-variant", found, apply_case(written, found, language),
                         f"not in the glossary, but one letter from {written!r} ({form.text!r}, {form.concept!r})",
                         concept=form.concept, lang=language, status=None)
                break

    def _near_miss_in_context(self, start: int, end: int, candidate: str) -> tuple[Form, str] | None:
        """A form whose word ``candidate`` this text word misspells, if the neighbouring words fit the form."""
        for form, index in self.matcher.near_misses.words[candidate]:
            spans = words(form.compact)
            before = form.compact[:spans[index][0]]
            after = form.compact[spans[index][1]:]
            if before and match_key(self.view[max(0, start - len(before)):start]) != match_key(before):
                continue
            if after and match_key(self.view[end:end + len(after)]) != match_key(after):
                continue
            return form, form.compact[spans[index][0]:spans[index][1]]
        return None


def _longest_first(matches: list[Match]) -> list[_Span]:
    """Group matches by extent and keep the longest of overlapping ones (leftmost on ties).

    Matches are swept in order of start; a run of mutually overlapping extents
    (rare) is settled longest first, the rest (almost all) pass straight through.
    """
    by_extent: dict[tuple[int, int], list[Match]] = {}
    for match in matches:
        by_extent.setdefault((match.start, match.end), []).append(match)
    extents = sorted(by_extent)
    chosen: list[_Span] = []
    cluster: list[tuple[int, int]] = []
    cluster_end = -1
    for extent in extents + [(1 << 62, 1 << 62)]:
        if extent[0] >= cluster_end and cluster:
            if len(cluster) == 1:
                chosen.append(_Span(cluster[0][0], cluster[0][1], by_extent[cluster[0]]))
            else:
                taken: list[tuple[int, int]] = []  # sorted, never overlapping
                for start, end in sorted(cluster, key=lambda e: (e[0] - e[1], e[0])):
                    i = bisect.bisect_left(taken, (start, end))
                    if (i == 0 or taken[i - 1][1] <= start) and (i == len(taken) or taken[i][0] >= end):
                        taken.insert(i, (start, end))
                chosen.extend(_Span(a, b, by_extent[(a, b)]) for a, b in taken)
            cluster = []
        cluster.append(extent)
        cluster_end = max(cluster_end, extent[1]) if len(cluster) > 1 else extent[1]
    return chosen


def _inflects_to(word_key: str, text_key: str) -> bool:
    """Whether a text word is a Russian form of a glossary word (Нахичевани of Нахичевань)."""
    forms = russian.word_forms(word_key)
    return text_key.startswith(forms.stem) and text_key[len(forms.stem):] in forms.endings


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, case-blind (names of a few words: quadratic is fine)."""
    a, b = a.lower(), b.lower()
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _short_form_of(a: str, b: str) -> bool:
    """Whether one form is a short form of the other: an acronym, or its words within the other's."""
    if any(len(t) <= 10 and t.isupper() for t in (a, b)):
        return True
    words_a = [match_key(a[s:e]) for s, e in words(a)]
    words_b = [match_key(b[s:e]) for s, e in words(b)]
    short, long = sorted((words_a, words_b), key=len)
    return all(w in long for w in short)


def _message(rule: str, form: Form, target: Form | None, language: str, day: datetime.date) -> str:
    name = _LANGUAGE_NAMES.get(language, language)
    periods = " and ".join(p.describe() for p in form.periods)
    if rule == "term.wrong-language":
        text = f"{form.text!r} is the {_LANGUAGE_NAMES.get(form.language, form.language)} form"
    elif rule == "term.anachronism":
        text = f"{form.text!r} was not the name on {day.isoformat()}; the glossary dates it {periods}"
    elif rule == "term.superseded":
        text = f"{form.text!r} is a former name" + (f", dated {periods}" if periods else "")
    else:
        text = f"{form.text!r} is a deprecated form"
    if rule == "term.anachronism" and target is None:
        text += f"; the glossary has no {name} name for that date"
    elif target is None:
        text += f"; the glossary has no preferred {name} form"
    elif rule == "term.anachronism":
        text += f"; at that date the {name} name was {target.text!r}"
    elif target.status is TermStatus.PREFERRED:
        text += f"; the {name} form is {target.text!r}"
    else:
        text += f"; write {target.text!r}"
    # A term's note explains its default status; a house style that changed the status makes it beside the point.
    reason = "" if form.restyled else (form.note or "").split(";")[0].strip()
    if reason and rule not in ("term.wrong-language", "term.anachronism") and not reason.lower().startswith("uncertain"):
        text += f" ({reason})"
    return text


def apply_fixes(source: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """``source`` with every fixable finding's suggestion put in place; the findings applied."""
    applied: list[Finding] = []
    pieces: list[str] = []
    position = 0
    for finding in sorted((f for f in findings if f.fixable), key=lambda f: f.start):
        if finding.start < position:
            continue  # overlaps a fix already made
        pieces.append(source[position:finding.start])
        pieces.append(finding.suggestion or "")
        position = finding.end
        applied.append(finding)
    pieces.append(source[position:])
    return "".join(pieces), applied


@dataclass(frozen=True)
class NameUse:
    """A glossary name written in a text, in any of its forms (canonical or not)."""

    concept: str
    start: int
    end: int
    found: str


def names_in_text(source: str, matcher: Matcher, *, lang: str = "auto", kind: str = "text") -> list[NameUse]:
    """Every glossary name in ``source``, in order: the accepted forms the linter passes over and
    the non-canonical ones it reports (translate mode lists them; a name inflected counts)."""
    with collector_paused():
        linter = _Linter(source, matcher, "-", lang, kind, frozenset(RULES) - {"term.unknown-variant", "text.mixed-script"})
        _, spans, plain = linter._spans(0, len(linter.view))
        findings: list[Finding] = []
        uses: _Uses = defaultdict(list)
        for span in spans:
            linter._classify(span, uses, findings)
    found = {(f.start, f.end): f.concept for f in findings if f.concept is not None}
    for (concept, _lang), where in uses.items():
        for start, end, _match in where:
            found[(start, end)] = concept
    for start, end, _exact in plain:  # plain forms: accepted in their paragraph's language, found whole
        language = linter.paragraphs.language_at(start)
        key = match_key(linter.view[start:end])
        # the longest form at the start of the extent (the rest is a suffix: Ақтауға)
        heads = [forms for last, (length, forms, _) in matcher.automaton.iter(key) if last + 1 == length]
        concept = next((f.concept for forms in reversed(heads) for f in forms
                        if f.language == language and f.status in ACCEPTED_STATUSES), None)
        if concept is not None:
            found[(start, end)] = concept
    return [NameUse(concept, start, end, source[start:end]) for (start, end), concept in sorted(found.items())]

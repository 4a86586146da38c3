"""The lint engine's Kazakh Latin: which of the two alphabets in print (2018, with acute letters; 2021)
a paragraph is written in, the forms of a name in it, and the words that are Kazakh.

A mixin of ``engine._Linter``: its methods read the linter's view, paragraphs, matcher and suggester.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ..records import ACCEPTED_STATUSES
from . import turkic
from .findings import Finding
from .matcher import Form, Match, Matcher
from .messages import Message
from .spans import Span
from .text import match_key, words

if TYPE_CHECKING:
    from .engine import _Targets


class KazakhLatin:
    """Kazakh Latin, for ``engine._Linter``."""

    def latin_alphabet_at(self, start: int) -> int | None:
        """The Kazakh Latin alphabet (2018, 2021) of the paragraph at ``start``, else of the whole text."""
        paragraph, end, _ = self.paragraphs.paragraph_at(start)
        if paragraph not in self.alphabets:
            self.alphabets[paragraph] = turkic.latin_alphabet_of(self.view[paragraph:end])
        if self.alphabets[paragraph] is None and -1 not in self.alphabets:
            self.alphabets[-1] = turkic.latin_alphabet_of(self.view)
        return self.alphabets[paragraph] or self.alphabets[-1]

    def alphabet_rank(self, form: Form, start: int) -> int:
        """``alphabet_rank`` of a form in the alphabet of the text at ``start``."""
        return alphabet_rank(form, self.latin_alphabet_at(start))

    def _in_text_alphabet(self, target: Form | None, start: int) -> Form | None:
        """``in_alphabet``: a Kazakh Latin target in the alphabet the text at ``start`` is written in."""
        return in_alphabet(self.matcher, target, self.latin_alphabet_at(start))

    def _other_alphabet(self, span: Span, match: Match, targets: _Targets, findings: list[Finding]) -> bool:
        """Whether an accepted Kazakh Latin form is the other alphabet's in a text written in one (Baku,
        the 2021 form, which 2018 copy reads Бакұ, beside Ázerbaıjan): then reported, with the concept's
        form in the text's alphabet, and not counted as a use. Not inside a Latin brand's name (Baku Network)."""
        form = match.form
        written = turkic.form_alphabet(form.text)
        alphabet = self._prose_alphabet(span.start)
        if alphabet is None or written == alphabet or self._inside_foreign_name(span, match, "kk-Latn"):
            return False  # (Baku Network: a brand's name, written as the brand writes it)
        # a form of the other alphabet may give way to one that reads the same in both (Baký: Baku in 2021
        # copy); one that reads the same in both only to one of the text's alphabet (Baku: Baký in 2018 copy)
        better = [f for f in self._latin_forms_like(form)
                  if turkic.form_alphabet(f.text) in ((alphabet,) if written is None else (alphabet, None))]
        if not better:
            return False
        target = min(better, key=lambda f: (turkic.form_alphabet(f.text) != alphabet, distance(f.text, form.text)))
        suggestion, certain = self.suggester.suggest(match, target, "kk-Latn")
        if certain and suggestion is not None:
            targets[(span.start, span.end)] = target.text
        self.add(findings, span.start, span.end, "term.inconsistent", self.source[span.start:span.end], suggestion,
                 Message.of("inconsistent.alphabet", form=form.text, target=target.text, alphabet=str(alphabet)),
                 concept=form.concept, lang="kk-Latn", status=form.status.value, fixable=certain, term=form.text)
        return True

    def _latin_forms_like(self, form: Form) -> list[Form]:
        return latin_forms_like(self.matcher, form)

    def in_own_transliteration(self, start: int) -> bool:
        """Whether the Kazakh Latin paragraph at ``start`` is in a site's own transliteration rather than an
        alphabet in print (``turkic.writes_digraphs``: abai.kz's shyghys, Qúryq), whose accents are its own."""
        paragraph, end, _ = self.paragraphs.paragraph_at(start)
        return turkic.writes_digraphs(self.view[paragraph:end])

    def _prose_alphabet(self, start: int) -> int | None:
        """The Kazakh Latin alphabet of the words of the paragraph at ``start`` that are no glossary name
        (the names are what is judged), where they show it (``turkic.prose_latin_alphabet_of``). The paragraph's only, as every other rule but ``term.inconsistent``
        between forms reads (``piece_cache`` keeps a paragraph's results by its own text)."""
        names, alphabets = self._names
        paragraph, end, _ = self.paragraphs.paragraph_at(start)
        if paragraph not in alphabets:
            i, kept, at = bisect.bisect_left(names, (paragraph, paragraph)), [], paragraph
            while i < len(names) and names[i][0] < end:
                kept.append(self.view[at:max(at, names[i][0])])
                at, i = max(at, names[i][1]), i + 1
            kept.append(self.view[at:end])
            alphabets[paragraph] = turkic.prose_latin_alphabet_of(" ".join(kept))
        return alphabets[paragraph]

    def _kazakh_word(self, word: str) -> bool:
        """Whether a word of Kazakh Latin text is Kazakh (``turkic.is_kazakh_latin_word``)."""
        if self._kazakh_first_words is None:
            self._kazakh_first_words = frozenset(match_key(f.compact[:words(f.compact)[0][1]])
                                                 for f in self.matcher.forms_in("kk-Latn") if words(f.compact))
        return turkic.is_kazakh_latin_word(word, self._kazakh_first_words)


def alphabet_rank(form: Form, alphabet: int | None) -> int:
    """0 for a Kazakh Latin form in ``alphabet`` (2018, 2021), 1 for one that reads the same in both (or any
    form where the text shows no alphabet), 2 for one in the other alphabet."""
    written = turkic.form_alphabet(form.text)
    return 1 if alphabet is None or written is None else 0 if written == alphabet else 2


def latin_forms_like(matcher: Matcher, form: Form) -> list[Form]:
    """The accepted Kazakh Latin forms of ``form``'s concept of as many words as it (either alphabet's)."""
    count = len(words(form.compact))
    return [f for f in matcher.concepts[form.concept].forms
            if f.language == "kk-Latn" and f.status in ACCEPTED_STATUSES and len(words(f.compact)) == count]


def in_alphabet(matcher: Matcher, target: Form | None, alphabet: int | None) -> Form | None:
    """A Kazakh Latin target in the ``alphabet`` of the text it goes into: the accepted form of as many words
    in it, else one that is in neither, the closest to the target (2018 copy, as Kazinform's and Egemen's
    Latin editions print, gets Aqtaý, not Aqtau, which it would read Ақтаұ). The lint's suggestions and the
    memory's repairs (``names.name_in_place``) both ask it."""
    if target is None or target.language != "kk-Latn" or target.status not in ACCEPTED_STATUSES \
            or alphabet_rank(target, alphabet) == 0:
        return target
    return min(latin_forms_like(matcher, target), key=lambda f: (alphabet_rank(f, alphabet), distance(f.text, target.text)),
               default=target)


def distance(a: str, b: str) -> int:
    """Levenshtein distance, case-blind (rapidfuzz's, in C: a draft's near misses ask for it hundreds of times;
    imported here, when first needed, so that a command that finds no near miss does not pay its import)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a.lower(), b.lower())

"""``term.unknown-variant``: capitalised words outside every match, one edit from a word of the glossary.

The part of linting a piece of text (``engine``) that looks at what the glossary did not find:
each capitalised word long enough, outside the matches, the plain extents, the mixed-script
words and the URLs, looked up in the compiled glossary's ``NearMissIndex``.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ..folding import without_marks
from ..records import ACCEPTED_STATUSES
from . import russian, turkic
from .findings import Finding
from .matcher import Form
from .messages import Message
from .scan import capitalised_words
from .spans import Span
from .text import apply_case, case_pattern, lower, match_key, upper, words

if TYPE_CHECKING:
    from .engine import _Linter


def near_misses(linter: _Linter, low: int, stretch: str, spans: list[Span], plain: list[tuple[int, int, bool]],
                 mixed: list[tuple[int, int]], findings: list[Finding]) -> None:
    """Capitalised words outside every match that are one edit from a glossary word.

    ``stretch`` is the view from ``low`` on.
    """
    extents = [(s.start - low, s.end - low) for s in spans] + [(a - low, b - low) for a, b, _ in plain]
    extents.extend((a - low, b - low) for a, b in mixed)
    extents.extend((a - low, b - low) for a, b in linter.urls[bisect.bisect_left(linter.url_ends, low):
                                                            bisect.bisect_left(linter.url_starts, low + len(stretch))])
    index = linter.matcher.near_misses
    memo: dict[str, list[str]] = {}
    for start, end in capitalised_words(stretch, sorted(extents), index.MIN_LENGTH):
        text = stretch[start:end]
        start, end = start + low, end + low
        near = memo.get(text)
        if near is None:
            key = match_key(text)
            # a misspelling keeps its first letter: Даулы ("disputed") is a word of its own, not Таулы
            near = memo[text] = [] if index.known(key) else [
                c for c in index.near(key) if c[:1] == key[:1]
                and not (c.startswith(key) or key.startswith(c) or _inflects_to(c, key))]
        if not near:
            continue
        language = linter.paragraphs.language_at(start)
        text_key = match_key(text)
        own_latin = language == "kk-Latn" and linter.in_own_transliteration(start)
        hits = [hit for candidate in near if not _same_letters(language, text_key, candidate, own_latin)
                for hit in _near_miss_in_context(linter, start, end, candidate)]
        if language in _KAZAKH_LATIN_READERS:
            hits = [hit for hit in hits if not _kazakh_name_in_latin(linter, hit[0].concept, text_key)]
        if not hits:
            continue
        # a form of the paragraph's language first (Qazaxstan in Azerbaijani is Qazaxıstan, not Kazakh
        # Latin Qazaqstan), then an accepted one, then in Kazakh Latin one in the text's alphabet (Aqtay:
        # Aqtaý in 2018 copy, Aqtau in 2021 copy)
        form, (a, b) = min(hits, key=lambda hit: (hit[0].language != language,
                                                   hit[0].status not in ACCEPTED_STATUSES,
                                                   language == "kk-Latn" and linter.alphabet_rank(hit[0], start)))
        written = form.compact[a:b]
        found = linter.source[start:end]
        linter.add(findings, start, end, "term.unknown-variant", found, apply_case(written, found, language),
                   Message.of("unknown-variant", written=written) if written == form.text
                   else Message.of("unknown-variant.in-name", written=written, name=form.text),
                   concept=form.concept, lang=language, status=None,
                   term=form.compact[:a] + _cased_like(found, written, language) + form.compact[b:])


def _near_miss_in_context(linter: _Linter, start: int, end: int, candidate: str) -> list[tuple[Form, tuple[int, int]]]:
    """The forms whose word ``candidate`` this text word misspells, where the neighbouring words fit
    the form, each with where that word is in the form."""
    hits = []
    for form, index in linter.matcher.near_misses.words[candidate]:
        spans = words(form.compact)
        before = form.compact[:spans[index][0]]
        after = form.compact[spans[index][1]:]
        if before and match_key(linter.view[max(0, start - len(before)):start]) != match_key(before):
            continue
        if after and match_key(linter.view[end:end + len(after)]) != match_key(after):
            continue
        hits.append((form, spans[index]))
    return hits


def _same_letters(language: str, text_key: str, word_key: str, own_latin: bool = False) -> bool:
    """Whether a text word is a glossary word spelled as the language's copy may spell it, not a
    misspelling: е for ё in Russian (Sputnik's Мирзиеев, Мирзиёев); in English a name with its own
    accented letters where the glossary drops them (Kazinform's Erdoğan, Erdogan); in Kazakh Latin
    of a site's own transliteration (``own_latin``: abai.kz's Qúryq for the 2018 Quryq) the same letters
    with other accents, which are that site's way of writing them, not the alphabets' letters."""
    if language == "ru":
        return text_key.replace("ё", "е") == word_key.replace("ё", "е")
    if language == "en":
        return without_marks(text_key) == word_key
    if own_latin:
        return without_marks(text_key) == without_marks(word_key)
    return False


# Where a word in the Kazakh name's Latin letters is that name as written, not a misspelling: Kazakh Latin
# copy, and a Latin word in Cyrillic copy (a handle or a name quoted as its owner writes it: Lenta.ru's
# "пресс-служба казахстанского лидера Aqorda", 2025). English and Azerbaijani copy write the names their own way.
_KAZAKH_LATIN_READERS = frozenset({"kk-Latn", "kk", "ru"})


def _kazakh_name_in_latin(linter: _Linter, concept: str, text_key: str) -> bool:
    """Whether a word of Kazakh Latin text is a word of the concept's Kazakh name in either Latin
    alphabet: Nazarbaev (Назарбаев) is how Kazakh Latin copy writes him, not a misspelling of the
    English Nazarbayev, though most names have no Kazakh Latin form in the glossary."""
    for form in linter.matcher.concepts[concept].forms:
        if form.language == "kk":
            for alphabet in (2018, 2021):
                latin = turkic.kazakh_name_in_latin(form.text, alphabet)
                if any(match_key(latin[a:b]) == text_key for a, b in words(latin)):
                    return True
    return False


def _inflects_to(word_key: str, text_key: str) -> bool:
    """Whether a text word is a Russian form of a glossary word (Нахичевани of Нахичевань)."""
    forms = russian.word_forms(word_key)
    return text_key.startswith(forms.stem) and text_key[len(forms.stem):] in forms.endings


def _cased_like(text: str, model: str, language: str) -> str:
    """``text`` in the letter case of ``model`` where that is one (ZANGEZOUR like Zangezur: Zangezour)."""
    pattern = case_pattern(model)
    if pattern == "upper":
        return upper(text, language)
    if pattern == "lower":
        return lower(text, language)
    if pattern == "title":
        return upper(text[:1], language) + lower(text[1:], language)
    return text

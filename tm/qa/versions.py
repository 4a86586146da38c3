"""The versions of one story in several languages: sentences aligned, then names and numbers compared.

Each version is cut into sentences (``segment``), its names found by concept
(``glossary.lint.mentions``) and its numbers read in its notation (``numbers``).
Every version is aligned with the first (``align``); where all the alignments agree
on a boundary, the story is cut into *groups*: a few sentences of the first version
and the sentences of each other version aligned with them. Then, group by group:

- a concept that more of the other versions name here than leave out, and that this
  version names in no form here or in the groups either side (nor by a name inside
  it, *Aktau* for *the port of Aktau*, unless the others name that one on its own
  too, as *Astana* beside *Air Astana*; nor by a word made from it, *казахстанский*:
  ``names``), is a ``version.missing-name`` on this version, unless this version names it in as
  many sentences as one of the others that name it here: that sentence was moved, not left out;
- a number that no other version has here (nor in the groups either side) is a
  ``version.numbers`` (not a year written as one, *2023 года* where the others say *last year*); with two versions the second is the one reported, with three or
  more the odd one out; a number that at least two versions agree on and this one
  lacks is reported on it too, or together with the number it has instead.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from glossary.errors import GlossaryError
from glossary.lint import markup
from glossary.lint.engine import lint_text
from glossary.formats.po import language_name
from glossary.lint.findings import Finding
from glossary.lint.messages import Message
from glossary.lint.language import LANGUAGES
from glossary.lint.matcher import Matcher
from glossary.lint.mentions import Mention, mentions, nested_concepts
from glossary.lint.rules import LINT_RULES, VERSION_RULES

from .. import numbers as numbers_module
from .align import Bead, align, summary
from ..numbers import Number
from .names import derived_word, expected_form
from .places import Place
from .segment import Sentence, sentences
from .units import detected_language


class VersionsError(GlossaryError):
    """Versions that cannot be compared: fewer than two, one language twice, no sentences."""


@dataclass
class Version:
    """One version of the story, read: its sentences, and the names and numbers of each."""

    path: str
    text: str
    lang: str
    kind: str = "text"
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    named: list[set[str]] = field(default_factory=list)  # per sentence: concepts of its outermost names
    present: list[set[str]] = field(default_factory=list)  # per sentence: every concept found, inner names too
    numbers: list[list[Number]] = field(default_factory=list)  # per sentence

    @property
    def lengths(self) -> list[int]:
        return [s.end - s.start for s in self.sentences]

    def anchors(self) -> list[frozenset[str]]:
        return [frozenset({f"c:{c}" for c in named} | {v for n in numbers for v in n.values})
                for named, numbers in zip(self.named, self.numbers)]


def read_version(path: str, text: str, lang: str, matcher: Matcher, *, kind: str = "text") -> Version:
    """A version's sentences, names and numbers; ``lang`` is one of en, az, kk, ru."""
    view = markup.prose_view(text, kind)
    version = Version(path, text, lang, kind, sentences(view, lang))
    if not version.sentences:
        raise VersionsError(f"{path}: no sentences to compare")
    version.mentions = mentions(text, matcher, lang=lang, kind=kind)
    starts = [s.start for s in version.sentences]
    count = len(version.sentences)
    version.named = [set() for _ in range(count)]
    version.present = [set() for _ in range(count)]
    version.numbers = [[] for _ in range(count)]
    for mention in version.mentions:
        index = _sentence_at(starts, mention.start)
        version.present[index].add(mention.concept)
        if mention.outermost:
            version.named[index].add(mention.concept)
    skip = [(m.start, m.end) for m in version.mentions
            if m.outermost and any(ch.isdigit() for ch in text[m.start:m.end])]
    for number in numbers_module.numbers(view, lang, skip=skip):
        version.numbers[_sentence_at(starts, number.start)].append(number)
    return version


def _sentence_at(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def version_language(text: str) -> str:
    """The language most of a text's lines are in."""
    return detected_language(text.splitlines())


def require_distinct_languages(paths: Sequence[str], langs: Sequence[str]) -> None:
    if len(paths) < 2:
        raise VersionsError("two or more versions of one story are needed to compare them")
    seen: dict[str, str] = {}
    for path, lang in zip(paths, langs):
        if lang not in LANGUAGES:
            raise VersionsError(f"{path}: language {lang!r} is not one of {', '.join(LANGUAGES)}")
        if lang in seen:
            raise VersionsError(f"{seen[lang]} and {path} are both in {language_name(lang)}: the versions of a story are in "
                                "different languages (give each one's language if it was not recognised)")
        seen[lang] = path


@dataclass(frozen=True)
class Group:
    """Sentences of each version that say the same thing: ``ranges[v]`` for version ``v``."""

    ranges: tuple[tuple[int, int], ...]


def align_versions(versions: Sequence[Version]) -> tuple[list[Group], list[list[Bead]]]:
    """The groups of the story, and each version's alignment with the first."""
    first = versions[0]
    alignments = [align(first.lengths, other.lengths, first.anchors(), other.anchors()) for other in versions[1:]]
    count = len(first.sentences)
    cuts = set(range(count + 1))
    for beads in alignments:
        cuts &= {bead.a[0] for bead in beads if bead.a[0] < bead.a[1]} | {count}
    bounds = sorted(cuts)
    groups_of_first = list(zip(bounds, bounds[1:]))
    ranges: list[list[tuple[int, int]]] = [[(a, b)] for a, b in groups_of_first]
    for beads in alignments:
        per_group: list[list[Bead]] = [[] for _ in groups_of_first]
        for bead in beads:
            position = bead.a[0] if bead.a[0] < bead.a[1] else max(0, bead.a[0] - 1)
            index = min(bisect.bisect_right(bounds, position) - 1, len(groups_of_first) - 1)
            per_group[index].append(bead)
        previous_end = 0
        for index, group_beads in enumerate(per_group):
            filled = [b for b in group_beads if b.b[0] < b.b[1]]
            if filled:
                span = (min(b.b[0] for b in filled), max(b.b[1] for b in filled))
            else:
                at = group_beads[0].b[0] if group_beads else previous_end
                span = (at, at)
            previous_end = span[1]
            ranges[index].append(span)
    return [Group(tuple(r)) for r in ranges], alignments


def check_versions(versions: Sequence[Version], matcher: Matcher,
                   rules: frozenset[str] = VERSION_RULES) -> list[Finding]:
    """The lint on every version, and the names and numbers that differ between them."""
    findings: list[Finding] = []
    if rules & LINT_RULES:
        for version in versions:
            findings.extend(lint_text(version.text, matcher, path=version.path, lang=version.lang, kind=version.kind,
                                      rules=rules & LINT_RULES))
    groups, _ = align_versions(versions)
    places = [Place.whole(v.path, v.text) for v in versions]
    if "version.missing-name" in rules:
        findings.extend(_missing_names(versions, groups, places, matcher))
    if "version.numbers" in rules:
        findings.extend(_numbers(versions, groups, places))
    return sorted(findings, key=lambda f: (f.path, f.start, f.end, f.rule))


def _union(sets: Sequence[set[str]], span: tuple[int, int]) -> set[str]:
    return set().union(*sets[span[0]:span[1]])


def _window(groups: list[Group], g: int, v: int) -> tuple[int, int]:
    """Version ``v``'s sentences in group ``g`` and the groups either side."""
    low = groups[max(0, g - 1)].ranges[v][0]
    high = groups[min(len(groups) - 1, g + 1)].ranges[v][1]
    return low, max(low, high)


def _span(version: Version, span: tuple[int, int]) -> tuple[int, int]:
    """The text offsets of a range of sentences; an empty range is the point after the sentence before it."""
    if span[0] < span[1]:
        return version.sentences[span[0]].start, version.sentences[span[1] - 1].end
    at = version.sentences[span[0] - 1].end if span[0] > 0 else 0
    return at, at


def _missing_names(versions: Sequence[Version], groups: list[Group], places: list[Place],
                   matcher: Matcher) -> list[Finding]:
    findings = []
    everywhere = [_union(v.present, (0, len(v.sentences))) for v in versions]
    nested: dict[str, set[str]] = {}
    for version in versions:
        for concept, inner in nested_concepts(version.mentions).items():
            nested.setdefault(concept, set()).update(inner)
    for g, group in enumerate(groups):
        named = [_union(v.named, group.ranges[i]) for i, v in enumerate(versions)]
        present = [_union(v.present, group.ranges[i]) for i, v in enumerate(versions)]
        for i, version in enumerate(versions):
            nearby = _union(version.present, _window(groups, g, i))
            candidates = set().union(*(named[j] for j in range(len(versions)) if j != i)) - nearby
            for concept in sorted(candidates):
                others = [j for j in range(len(versions)) if j != i]
                having = [j for j in others if concept in present[j]]
                if len(having) <= len(others) - len(having) or not any(concept in named[j] for j in having):
                    continue
                # a name inside this one (Aktau in the Port of Aktau) stands for it, unless the others
                # also name that one on its own here (Astana beside Air Astana)
                shortened = nested.get(concept, set()) - set().union(*(named[j] for j in having))
                if shortened & nearby:
                    continue
                if _moved(versions, group, i, concept, having):
                    continue
                expected = expected_form(matcher, concept, version.lang)
                if expected is None:
                    continue
                start, end = _span(version, group.ranges[i])
                if derived_word(matcher, concept, version.lang, version.text[start:end]):
                    continue
                written = next(versions[j].text[m.start:m.end] for j in having for m in versions[j].mentions
                               if m.concept == concept and _inside(versions[j], group.ranges[j], m.start))
                langs = tuple(versions[j].lang for j in having)
                id = ("version" if len(langs) == 1 else "versions") + ".missing-name" + (
                    "" if concept in everywhere[i] else ".anywhere")
                findings.append(places[i].finding(
                    start, end, "version.missing-name", version.text[start:end],
                    Message.of(id, language_name, written=written, lang=version.lang, expected=expected,
                               **({"version": langs[0]} if len(langs) == 1 else {"versions": langs})),
                    lang=version.lang, concept=concept,
                ))
    return findings


def _moved(versions: Sequence[Version], group: Group, i: int, concept: str, having: Sequence[int]) -> bool:
    """Whether version ``i`` names ``concept`` in as many sentences as a version that names it here does:
    then it lacks no mention of it, it has the sentence elsewhere (an editor moved *Tokayev called Baku
    the pearl of the Caspian* from the end of one version to the top of another)."""
    def sentences_naming(version: Version) -> int:
        return sum(concept in present for present in version.present)

    return sentences_naming(versions[i]) >= min(sentences_naming(versions[j]) for j in having)


def _inside(version: Version, span: tuple[int, int], offset: int) -> bool:
    if span[0] >= span[1]:
        return False
    return version.sentences[span[0]].start <= offset < version.sentences[span[1] - 1].end


def _numbers(versions: Sequence[Version], groups: list[Group], places: list[Place]) -> list[Finding]:
    findings = []
    count = len(versions)
    for g, group in enumerate(groups):
        found = [[n for s in range(*group.ranges[i]) for n in v.numbers[s]] for i, v in enumerate(versions)]
        nearby = [[n for s in range(*_window(groups, g, i)) for n in v.numbers[s]] for i, v in enumerate(versions)]
        support = [[0] * len(found[i]) for i in range(count)]
        for i in range(count):
            for j in range(i + 1, count):
                for a, b in numbers_module.pair_up(found[i], found[j]):
                    support[i][a] += 1
                    support[j][b] += 1
        # a number no other version has here, nor in the groups either side
        lone = [[n for k, n in enumerate(found[i]) if not support[i][k]
                 and not any(n.matches(o) for j in range(count) if j != i for o in nearby[j])]
                for i in range(count)]
        agreed = [[n for k, n in enumerate(found[i]) if support[i][k]] for i in range(count)]
        for i, version in enumerate(versions):
            if count == 2 and i == 0:
                continue  # two versions: the second is compared with the first
            if count == 2:
                wanted = lone[0]
            else:
                wanted = []
                for j in range(count):
                    if j == i:
                        continue
                    for n in agreed[j]:
                        if not any(n.matches(o) for o in nearby[i]) and not any(n.matches(w) for w in wanted):
                            wanted.append(n)
            instead, extra, missing = numbers_module.substitutions(lone[i], wanted)
            for number, expected in instead:
                text = version.text[number.start:number.end]
                findings.append(places[i].finding(
                    number.start, number.end, "version.numbers", text,
                    Message.of("version.number-differs" if count == 2 else "versions.number-differs", found=text,
                               expected=numbers_module.describe(expected.value, version.lang)),
                    lang=version.lang, suggestion=numbers_module.suggestion_for(number, expected.value, version.lang)))
            for number in extra:
                if numbers_module.is_year(number, version.text, version.lang):
                    continue  # 2023 года where the others say "last year": made explicit, not different
                text = version.text[number.start:number.end]
                findings.append(places[i].finding(number.start, number.end, "version.numbers", text,
                                                  Message.of("version.number-extra", found=text), lang=version.lang))
            for number in missing:
                start, end = _span(version, group.ranges[i])
                findings.append(places[i].finding(
                    start, end, "version.numbers", version.text[start:end],
                    Message.of("version.number-missing" if count == 2 else "versions.number-missing",
                               written=numbers_module.describe(number.value, version.lang)),
                    lang=version.lang,
                ))
    return findings


def check_texts(texts: Sequence[tuple[str, str | None]], matcher: Matcher, rules: frozenset[str] = VERSION_RULES,
                *, kind: str = "text") -> list[Finding]:
    """The versions of one story given as texts, each with its language or None to detect it (the web app's
    POST /api/qa with ``versions``). A finding's path is ``versions[i]``; VersionsError for versions that
    cannot be compared."""
    paths = [f"versions[{i}]" for i in range(len(texts))]
    langs = [lang or version_language(text) for text, lang in texts]
    require_distinct_languages(paths, langs)
    versions = [read_version(path, text, lang, matcher, kind=kind) for path, (text, _), lang in zip(paths, texts, langs)]
    return check_versions(versions, matcher, rules)


@dataclass(frozen=True)
class AlignedPair:
    """Sentences of two versions that say the same thing: what a translation unit holds."""

    source: str
    target: str
    shape: tuple[int, int]  # sentences of each side: (1, 1), (2, 1)...


def aligned_pairs(first: Version, second: Version) -> tuple[list[AlignedPair], dict[str, int]]:
    """Two versions aligned as pairs of texts, what translation units hold (a newsroom's archive of
    published versions turned into memory), and the report of the alignment: how many beads are one
    to one, merged (1-2, 2-1, 2-2) and unaligned (1-0, 0-1; those give no pair)."""
    beads = align(first.lengths, second.lengths, first.anchors(), second.anchors())
    pairs = [AlignedPair(_text_of(first, bead.a), _text_of(second, bead.b), bead.shape)
             for bead in beads if 0 not in bead.shape]
    return pairs, summary(beads)


def _text_of(version: Version, span: tuple[int, int]) -> str:
    start, end = version.sentences[span[0]].start, version.sentences[span[1] - 1].end
    return " ".join(version.text[start:end].split())

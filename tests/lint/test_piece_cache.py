"""Lint results cached per paragraph (``piece_cache``) are exactly a full lint's, edit after edit."""

import random

import pytest

from glossary import termbase
from glossary.formats import FORMATS
from glossary.lint.engine import lint_text
from glossary.lint.matcher import Matcher
from glossary.lint.piece_cache import PieceCache, lint_text_cached
from glossary.lint.service import matcher_for_database
from glossary.termbase import bundled_glossary

from ..conftest import CORPUS

MATCHER = Matcher(bundled_glossary())
MATCHER.cache_key = "bundled"  # (what the matcher cache sets)

# What an editor types or pastes: names right and wrong in four languages, a second accepted form
# of a name used elsewhere (term.inconsistent), a former name with a cue, breaks that split or
# join paragraphs, a sentence end, markup.
TYPED = ["Fizuli", " Кемеловича", "\n\n", "\n", "formerly ", "Nur-Sultan", "Prezident ", "Astana", "Токаевтың",
         ". ", "Baku", "Tokayev", "Zangazur", "Актауда", "Trans-Caspian International Transport Route",
         "Middle Corridor", "Zangezour", "в ", "B\u0430k\u0131", "Фото: Akorda\n", "in 2019 ", "Qabalada"]
HTML_TYPED = TYPED + ["</p><p>", "<b>", "</b>", "&amp;", "&shy;", '<p lang="ru">', "<br>"]


def corpus_draft() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:2])


def edited(text: str, rng: random.Random, typed: list[str]) -> str:
    at = rng.randrange(len(text) + 1)
    roll = rng.random()
    if roll < 0.6:
        return text[:at] + rng.choice(typed) + text[at:]
    return text[:at] + text[at + rng.randrange(1, 40):]


def assert_same_after_edits(text: str, steps: int, seed: int, typed: list[str], **options) -> PieceCache:
    cache = PieceCache()
    rng = random.Random(seed)
    for step in range(steps):
        expected = lint_text(text, MATCHER, **options)
        assert lint_text_cached(text, MATCHER, cache, **options) == expected, f"step {step}"
        text = edited(text, rng, typed)
    return cache


@pytest.mark.parametrize("seed", [1, 2])
def test_plain_text_edit_after_edit(seed):
    cache = assert_same_after_edits(corpus_draft(), 120, seed, TYPED)
    assert cache.hits > 5 * cache.misses  # an edit lints its paragraph again, not the draft


def test_html_with_blocks_on_one_line_and_declared_languages():
    paragraphs = corpus_draft().split("\n\n")
    text = ('<html lang="en"><head><meta property="article:published_time" content="2021-03-01"></head><body>'
            + "".join(f"<p>{p}</p>" for p in paragraphs[:4])  # one line: each block starts mid-line
            + "\n\n" + "\n".join(f'<p lang="{"ru" if i % 2 else "en"}">{p}</p>' for i, p in enumerate(paragraphs[4:]))
            + "\n<p>The Middle Corridor &amp; Fizuli&shy;s port.</p></body></html>")
    cache = assert_same_after_edits(text, 80, 3, HTML_TYPED, kind="html")
    assert cache.hits > cache.misses


def test_markdown_with_its_date_in_front_matter():
    text = "---\ndate: 2020-06-01\n---\n# Nur-Sultan talks\n\n" + corpus_draft()
    assert_same_after_edits(text, 60, 4, TYPED + ["date: 2023-01-01\n", "- "], kind="markdown")


def test_options_are_part_of_the_key():
    cache = PieceCache()
    text = "Talks were held in Nur-Sultan.\n\nFizuli was rebuilt."
    for options in ({}, {"lang": "ru"}, {"rules": frozenset({"term.deprecated"})}, {"date": __import__("datetime").date(2019, 6, 1)}, {"path": "a.txt"}):
        assert lint_text_cached(text, MATCHER, cache, **options) == lint_text(text, MATCHER, **options)


def test_a_paragraph_moved_down_keeps_its_findings_at_its_new_place():
    cache = PieceCache()
    first = "The first paragraph. " + "It says nothing of names. " * 10  # longer than the key's context
    text = first + "\n\nFizuli was rebuilt."
    lint_text_cached(text, MATCHER, cache)
    moved = "A new line\nand " + text
    [finding] = lint_text_cached(moved, MATCHER, cache)
    assert (finding.found, finding.start, finding.line, finding.column) == ("Fizuli", moved.index("Fizuli"), 4, 1)
    assert cache.hits >= 1


def test_a_second_form_in_another_paragraph_is_still_inconsistent():
    cache = PieceCache()
    text = "The Middle Corridor grows.\n\nShips sail."
    assert lint_text_cached(text, MATCHER, cache) == []
    text += " The Trans-Caspian International Transport Route carries oil."
    assert [(f.rule, f.found) for f in lint_text_cached(text, MATCHER, cache)] == [
        ("term.inconsistent", "Trans-Caspian International Transport Route")]


def test_a_glossary_edit_is_seen_by_the_next_lint(database, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    csv = b"concept,lang,term,status\nfuzuli,en,Fuzuli,preferred\n"
    with database.session() as session:
        termbase.import_glossaries(session, [("g", FORMATS["csv"].read(csv, "g.csv"))])
    cache = PieceCache()
    text = "Fizuli was rebuilt.\n\nFuzuli too."
    assert [f.rule for f in lint_text_cached(text, matcher_for_database(database), cache)] == ["term.unknown-variant"]
    with database.session() as session:
        termbase.import_glossaries(session, [("g", FORMATS["csv"].read(csv + b"fuzuli,en,Fizuli,deprecated\n", "g.csv"))])
    matcher = matcher_for_database(database)
    assert [(f.rule, f.found, f.suggestion) for f in lint_text_cached(text, matcher, cache)] == [
        ("term.deprecated", "Fizuli", "Fuzuli")]
    assert lint_text_cached(text, matcher, cache) == lint_text(text, matcher)


def test_the_cache_stays_within_its_bound():
    cache = PieceCache(max_bytes=20_000)
    rng = random.Random(5)
    text = corpus_draft()
    for _ in range(30):
        text = edited(text, rng, TYPED)
        assert lint_text_cached(text, MATCHER, cache) == lint_text(text, MATCHER)
        assert 0 < cache.bytes <= 20_000


def test_a_paragraph_read_with_the_word_before_it():
    """The last word of the paragraph before a Russian name narrows its case (``из`` Кзыл-Орды: the
    genitive): editing that word changes the next paragraph's suggestion, cached or not."""
    cache = PieceCache()
    lead = "Делегация прибыла накануне вечером и сразу " * 3
    suggestions = [[f.suggestion for f in lint_text_cached(f"{lead}{word}\n\nКзыл-Орды вчера. Президент выступил.", MATCHER, cache)]
                   for word in ("в", "из")]
    assert suggestions == [["Кызылорда"], ["Кызылорды"]]


@pytest.mark.parametrize("kind", ["text", "html", "markdown"])
def test_a_paragraphs_languages_depend_on_its_own_text_and_the_documents_settings(kind):
    """What the cache's key relies on: the stretches and languages ``Paragraphs`` decides for a
    paragraph are those of the paragraph alone, given the language asked for, the one declared
    for it, the document's own and the URL blanking."""
    from glossary.lint import markup
    from glossary.lint.language import Paragraphs, paragraphs

    text = corpus_draft() + "\n\nFizuli и Баку. Токаев сказал. The talks in Astana https://akorda.kz/ru went well."
    if kind == "html":
        text = '<html lang="ru"><p lang="kk">Бүгін Ақтауда.</p>' + "".join(f"<p>{p}</p>\n" for p in text.split("\n\n"))
    elif kind == "markdown":
        text = "---\nlang: az\n---\n" + text
    seen = markup.prose(text, kind)
    whole = paragraphs(seen.view, "auto", seen.blocks, seen.language, markup.blank_urls if seen.urls else None)
    for index, (start, end) in enumerate(whole.spans()):
        alone = Paragraphs(seen.view[start:end], [0], whole.lang, {0: whole.declared[index]} if index in whole.declared else None,
                           seen.language, whole.clean)
        regions, position = [], start
        while position < end:
            region = whole.region_at(position)
            regions.append((region[0] - start, region[1] - start, *region[2:]))
            position = region[1]
        expected, position = [], 0
        while position < end - start:
            region = alone.region_at(position)
            expected.append(region)
            position = region[1]
        assert regions == expected, seen.view[start:end]

"""Fuzzy search: scores a translator can trust, pinned per kind of edit; what differs; from the index."""

from __future__ import annotations

import pytest

from glossary.errors import InvalidLanguage
from tm.errors import BadQuery
from tm.importing import MemoryImport
from tm.records import MemoryHeader, UnitEntry, VariantEntry
from tm.search import search
from tm.similarity import compare

STORED = "The talks in Astana focused on the Middle Corridor."


@pytest.mark.parametrize(
    ("query", "tags", "score", "diff"),
    [
        pytest.param(STORED, False, 100.0, [], id="identical"),
        pytest.param(STORED, True, 99.0, [("markup", "", "")], id="only-inline-tags"),
        pytest.param("The talks in  Astana focused on the Middle Corridor.", False, 99.0, [("whitespace", "  ", " ")], id="only-spacing"),
        pytest.param("The talks in Astana focused on the middle corridor.", False, 98.0,
                     [("case", "middle", "Middle"), ("case", "corridor", "Corridor")], id="only-case"),
        pytest.param("The talks in Astana focused on the Middle Corridor", False, 98.0, [("punctuation", "", ".")], id="only-punctuation"),
        pytest.param("the talks in Astana focused on the Middle Corridor", True, 95.0,
                     [("case", "the", "The"), ("punctuation", "", "."), ("markup", "", "")], id="case-punctuation-tags"),
        pytest.param("The talks in Astana focused on the Middle Route.", False, 88.9, [("replace", "Route", "Corridor")], id="one-word-changed"),
        pytest.param("The talks in Baku focused on the Middle Corridor.", False, 88.9, [("replace", "Baku", "Astana")], id="name-changed"),
        pytest.param("The 3 talks in Astana focused on the Middle Corridor.", False, 90.0, [("extra", "3", "")], id="word-added"),
        pytest.param("The talks in Astana focused on Middle Corridor.", False, 88.9, [("missing", "", "the")], id="word-missing"),
        pytest.param("The talks in Astana focused on the Corridor Middle.", False, 77.8,
                     [("missing", "", "Middle"), ("extra", "Middle", "")], id="words-reordered"),
        pytest.param("Oil exports through Georgia grew in May.", False, 0.0,
                     [("missing", "", "The talks"), ("replace", "Oil exports through Georgia grew in May", "in Astana focused on the Middle Corridor")],
                     id="unrelated"),
    ],
)
def test_score_and_diff_per_kind_of_edit(query, tags, score, diff):
    comparison = compare(query, STORED, source_has_tags=tags)
    assert comparison.score == score
    assert [(d.kind, d.query, d.source) for d in comparison.diff][:len(diff)] == diff


def test_a_number_changed_scores_like_a_word_and_diff_has_its_offsets():
    query = "The 22nd meeting was held in 2025."
    comparison = compare(query, "The 21st meeting was held in 2024.")
    assert comparison.score == 71.4
    assert [(d.kind, d.query, d.source, query[d.query_start:d.query_end]) for d in comparison.diff] == [
        ("replace", "22nd", "21st", "22nd"), ("replace", "2025", "2024", "2025")]


def test_a_long_sentence_with_one_word_changed_stays_below_the_95_band():
    stored = " ".join(f"word{n}" for n in range(40))
    assert compare(stored.replace("word7", "other"), stored).score == 94.0


def test_search_finds_the_unit_and_its_translation(memory):
    with memory.session() as session:
        [match] = search(session, "The talks in Baku focused on the Middle Corridor.", "en", "ru")
    assert (match.score, match.source_lang, match.target_lang, match.origin) == (88.9, "en-US", "ru-RU", "agency.tmx")
    assert match.target == "Переговоры в Астане были посвящены Среднему коридору."
    assert match.repaired_target == "Переговоры в Баку были посвящены Среднему коридору."


def test_search_by_language_subtag_finds_regional_variants(memory):
    with memory.session() as session:
        found = search(session, "A new school opened in Fuzuli.", "en-GB", "az")
    assert [(m.score, m.target) for m in found] == [(100.0, "Füzulidə yeni məktəb açılıb.")]


def test_search_skips_units_without_the_target_language(memory):
    with memory.session() as session:
        assert search(session, "A new school opened in Fuzuli.", "en", "kk") == []


def test_min_score_and_limit(memory):
    with memory.session() as session:
        loose = search(session, "The talks focused on cargo from Aktau in 2024.", "en", "ru", min_score=0, limit=5)
        strict = search(session, "The talks focused on cargo from Aktau in 2024.", "en", "ru", min_score=50)
        one = search(session, "The talks focused on cargo from Aktau in 2024.", "en", "ru", min_score=0, limit=1)
    assert len(loose) >= 2 and [m.score for m in loose] == sorted((m.score for m in loose), reverse=True)
    assert all(m.score >= 50 for m in strict) and len(strict) < len(loose)
    assert one == loose[:1]


def test_unrelated_text_finds_nothing_at_the_default_score(memory):
    with memory.session() as session:
        assert search(session, "Oil exports through Georgia grew sharply in May.", "en", "ru") == []


@pytest.mark.parametrize(
    ("text", "source", "target", "error"),
    [
        pytest.param("", "en", "ru", BadQuery, id="empty-text"),
        pytest.param("Baku", "en", "xx", InvalidLanguage, id="unknown-language"),
        pytest.param("Baku", "en", "en-GB", BadQuery, id="same-language"),
    ],
)
def test_bad_searches_are_refused(memory, text, source, target, error):
    with memory.session() as session, pytest.raises(error):
        search(session, text, source, target)


class _Units:
    """A reader's shape around units made in the test."""

    path, skipped = "generated", {}

    def __init__(self, units):
        self.units, self.header = units, MemoryHeader("en")

    def __iter__(self):
        return iter(self.units)


def test_the_unit_a_query_was_made_from_comes_first_among_many(database):
    """Candidates come from the index: among 3,000 units sharing most words, the edited one wins."""
    words = "agreement pipeline freight ministers summit corridor railway tariffs customs terminal ferry grain".split()
    english = [f"The {words[n % 12]} of {words[n // 12 % 12]} and {words[n // 144 % 12]} number {n} was discussed." for n in range(3000)]
    with database.session() as session:
        job = MemoryImport(session, "tester")
        job.add(_Units([UnitEntry((VariantEntry("en", text), VariantEntry("ru", f"Обсуждение {n}."))) for n, text in enumerate(english)]),
                "generated")
        job.finish()
    with database.session() as session:
        [best, second, *_] = search(session, english[1234].replace("discussed", "discussed today"), "en", "ru", repair_names=False)
    assert (best.target, best.score) == ("Обсуждение 1234.", 90.9)
    assert second.score < best.score


def test_a_number_with_a_decimal_mark_is_one_word():
    comparison = compare("The transit of 2.5 million tons was agreed.", "The transit of 1.5 million tons was agreed.")
    assert [(d.kind, d.query, d.source) for d in comparison.diff] == [("replace", "2.5", "1.5")]
    assert comparison.score == 87.5

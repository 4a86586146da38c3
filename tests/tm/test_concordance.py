"""Concordance: a word or phrase in any language, case and diacritics ignored, the place marked."""

from __future__ import annotations

import numpy
import pytest

from tm.concordance import concordance
from tm.errors import BadQuery


def found(database, phrase, lang=None, limit=20):
    with database.session() as session:
        return [(o.lang, o.text[a:b]) for o in concordance(session, phrase, lang, limit) for a, b in o.marks]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        pytest.param("fuzuli", [("en-US", "Fuzuli")], id="case"),
        pytest.param("Füzuli", [("en-US", "Fuzuli")], id="diacritics-in-the-phrase"),
        pytest.param("FUZULIDƏ", [("az-Latn-AZ", "Füzulidə")], id="diacritics-in-the-text"),
        pytest.param("Qebele", [("az-Latn-AZ", "Qəbələdə")], id="schwa-is-a-letter"),
        pytest.param("Qəbələ", [("az-Latn-AZ", "Qəbələdə")], id="last-word-as-prefix"),
        pytest.param("Middle Corridor", [("en-US", "Middle Corridor")], id="phrase"),
        pytest.param("corridor middle", [], id="words-in-another-order"),
        pytest.param("Среднему коридору", [("ru-RU", "Среднему коридору")], id="cyrillic"),
        pytest.param("Астан", [("ru-RU", "Астане")], id="one-occurrence-per-unit-the-first-variant"),
        pytest.param("Актау", [("ru-RU", "Актау")], id="russian-spelling"),
        pytest.param("қазақ", [], id="not-a-word-start"),
        pytest.param("$470 million", [("en-US", "470 million")], id="number-and-word"),
    ],
)
def test_concordance(agency, phrase, expected):
    assert sorted(found(agency, phrase)) == sorted(expected)


def test_only_one_language(agency):
    assert found(agency, "Астан", lang="kk") == [("kk-KZ", "Астанадағы")]
    assert found(agency, "АСТАНАДАҒЫ", lang="kk") == found(agency, "астанадагы", lang="kk") == [("kk-KZ", "Астанадағы")]


def test_every_place_in_a_segment_is_marked_and_translations_come_along(agency):
    with agency.session() as session:
        [occurrence] = concordance(session, "in", "en", limit=20)[:1]
        assert len(occurrence.marks) >= 1
        assert occurrence.others and all(lang != "en-US" for lang, _ in occurrence.others)


def test_newest_first_and_limit(agency):
    with agency.session() as session:
        occurrences = concordance(session, "in", "en", limit=2)
    assert [o.id for o in occurrences] == sorted((o.id for o in occurrences), reverse=True)
    assert len(occurrences) == 2


def test_a_phrase_without_words_is_refused(agency):
    with agency.session() as session, pytest.raises(BadQuery):
        concordance(session, " - ")


def test_a_common_last_word_stands_for_itself_only(agency, monkeypatch):
    import tm.index

    assert ("en-US", "investments") in [(lang, text.lower()) for lang, text in found(agency, "in", "en")]
    monkeypatch.setattr(tm.index, "FREQUENT_FLOOR", 1)  # "in" is in four units of five: common
    assert {text for _, text in found(agency, "in", "en")} == {"in"}


def test_a_number_is_whole(agency):
    assert found(agency, "47") == []
    assert found(agency, "470") == [("en-US", "470")]


def test_a_phrase_found_only_in_the_oldest_of_many_candidates_comes_with_its_translation_and_origin(database, tmp_path):
    from tm.importing import import_files

    units = [f'<tu><tuv xml:lang="en"><seg>Ferry {n} to Kuryk.</seg></tuv><tuv xml:lang="ru"><seg>Паром {n} в Курык.</seg></tuv></tu>'
             for n in range(3)]
    units += [f'<tu><tuv xml:lang="en"><seg>Ferry {n} to Aktau and Kuryk.</seg></tuv><tuv xml:lang="ru"><seg>Паром {n} в Актау.</seg></tuv></tu>'
              for n in range(3, 703)]  # both words, not in a row: candidates read in several rounds
    path = tmp_path / "ferries.tmx"
    path.write_text('<tmx version="1.4"><header srclang="en"/><body>' + "".join(units) + "</body></tmx>", encoding="utf-8")
    with database.session() as session:
        import_files(session, [path])
    with database.session() as session:
        occurrences = concordance(session, "to kuryk", limit=20)
        assert [o.text for o in occurrences] == ["Ferry 2 to Kuryk.", "Ferry 1 to Kuryk.", "Ferry 0 to Kuryk."]
        assert [(o.others, o.origin, o.marks) for o in occurrences][0] == ((("ru", "Паром 2 в Курык."),), "ferries.tmx", ((8, 16),))
        assert [o.text for o in concordance(session, "to kuryk", limit=2)] == ["Ferry 2 to Kuryk.", "Ferry 1 to Kuryk."]


def test_a_word_repeated_in_the_phrase_is_found_only_repeated(database, tmp_path):
    from tm.importing import import_files

    path = tmp_path / "repeated.tmx"
    units = ['<tu><tuv xml:lang="en"><seg>Port port of Kuryk.</seg></tuv><tuv xml:lang="ru"><seg>Порт Курык.</seg></tuv></tu>',
             '<tu><tuv xml:lang="en"><seg>Port of Alat, port of Kuryk.</seg></tuv><tuv xml:lang="ru"><seg>Порт Алят.</seg></tuv></tu>']
    path.write_text('<tmx version="1.4"><header srclang="en"/><body>' + "".join(units) + "</body></tmx>", encoding="utf-8")
    with database.session() as session:
        import_files(session, [path])
    assert found(database, "port port") == [("en", "Port port")]


@pytest.mark.parametrize(("small", "large"), [
    pytest.param([3, 9], list(range(0, 1000, 3)), id="few-in-many-bisected"),
    pytest.param(list(range(0, 600, 2)), list(range(0, 900, 3)), id="many-in-many-by-table"),
    pytest.param([5, 4_000_000_000], [1, 5, 4_000_000_000], id="ids-far-apart"),
    pytest.param([], [1, 2], id="empty"),
])
def test_the_units_of_two_words_are_intersected(small, large):
    from tm.concordance import _sorted_intersection

    a, b = numpy.array(small, dtype="<u4"), numpy.array(large, dtype="<u4")
    assert _sorted_intersection(a, b).tolist() == _sorted_intersection(b, a).tolist() == sorted(set(small) & set(large))


def _ferries(database, tmp_path, monkeypatch):
    """240 units in two imports of 20-unit index batches (24 chunks); "and" and "of" in every unit (common), in a
    row in one of five; Kuryk in one of forty, after "of" in one of eighty. Postings read 50 units at first."""
    import tm.concordance
    import tm.index
    import tm.prepare
    from tm.importing import import_files

    monkeypatch.setattr(tm.index, "FLUSH_UNITS", 1)
    monkeypatch.setattr(tm.prepare, "BATCH", 20)
    monkeypatch.setattr(tm.index, "FREQUENT_FLOOR", 1)
    monkeypatch.setattr(tm.concordance, "_READ_AT_ONCE", 50)

    def english(n):
        if n % 5 == 0:
            return f"Ferry {n} and of the port."
        if n % 40 == 3:
            return f"Ferry {n} and the port of Kuryk." if n % 80 == 3 else f"Ferry {n} and the port of call, Kuryk of old."
        return f"Ferry {n} and the port of call."

    texts = [english(n) for n in range(1, 241)]
    for name, part in (("a.tmx", texts[:120]), ("b.tmx", texts[120:])):
        units = "".join(f'<tu><tuv xml:lang="en"><seg>{t}</seg></tuv><tuv xml:lang="ru"><seg>Паром {n}.</seg></tuv></tu>'
                        for n, t in enumerate(part))
        (tmp_path / name).write_text(f'<tmx version="1.4"><header srclang="en"/><body>{units}</body></tmx>', encoding="utf-8")
        with database.session() as session:
            import_files(session, [tmp_path / name])
    return texts


def _read_chunks(monkeypatch) -> list[int]:
    """The chunks of the postings that concordance reads, as it reads them."""
    import tm.index

    read, posting_rows = [], tm.index.posting_rows

    def spy(*args, **kwargs):
        rows = posting_rows(*args, **kwargs)
        read.extend(chunk for _, chunk, _ in rows)
        return rows

    monkeypatch.setattr(tm.index, "posting_rows", spy)
    return read


def test_a_phrase_of_common_words_is_found_in_the_newest_postings_alone(database, tmp_path, monkeypatch):
    texts = _ferries(database, tmp_path, monkeypatch)
    read = _read_chunks(monkeypatch)
    with database.session() as session:
        newest = concordance(session, "and of", limit=5)
        assert [o.text for o in newest] == [t for t in reversed(texts) if " and of " in t][:5]
        assert all(o.marks == ((len(o.text.split(" and")[0]) + 1, len(o.text.split(" of")[0]) + 3),) for o in newest)
        assert min(read) > 120  # the older import's postings were not read
        every = concordance(session, "AND OF", limit=100)
    assert [o.text for o in every] == [t for t in reversed(texts) if " and of " in t]  # 48, from every chunk
    assert [o.others for o in every[-1:]] == [(("ru", "Паром 4."),)]


def test_a_common_word_before_a_rare_prefix(database, tmp_path, monkeypatch):
    texts = _ferries(database, tmp_path, monkeypatch)
    with database.session() as session:
        assert [o.text for o in concordance(session, "of kury")] == [t for t in reversed(texts) if "of Kuryk" in t]
        assert [o.text for o in concordance(session, "kuryk of", limit=2)] == [t for t in reversed(texts) if "Kuryk of" in t][:2]
        # "call" (189 units) is read to narrow "kuryk" (6): it leaves out the three with "of Kuryk"
        assert [o.text for o in concordance(session, "call kuryk")] == [t for t in reversed(texts) if "call, Kuryk" in t]

"""The text primitives: keys that keep offsets, letter case with Turkic i's."""

import pytest

from glossary.lint.text import apply_case, match_key


def test_match_key_keeps_every_character_at_its_offset():
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000) + "".join(map(chr, range(0x1F300, 0x1F400)))
    assert len(match_key(every)) == len(every)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        pytest.param("FÜZULİ", "füzuli", id="dotted-capital-i-one-character"),
        pytest.param("BAKI Bakı", "baki baki", id="four-turkic-is-one-letter"),
        pytest.param("Baku–Tbilisi—Ceyhan", "baku-tbilisi-ceyhan", id="dashes"),
        pytest.param("Children’s\u00a0Center", "children's center", id="curly-apostrophe-and-no-break-space"),
        pytest.param("Fu\u00adzuli", "fu\uffffzuli", id="soft-hyphen-ignorable"),
    ],
)
def test_match_key(text, key):
    assert match_key(text) == key


@pytest.mark.parametrize(
    ("replacement", "found", "lang", "expected"),
    [
        pytest.param("Fuzuli", "FIZULI", "en", "FUZULI", id="english-capitals"),
        pytest.param("Füzulidə", "FIZULIDƏ", "az", "FÜZULİDƏ", id="azerbaijani-capitals-dotted-i"),
        pytest.param("Тоқаевтың", "ТОКАЕВТЫҢ", "kk", "ТОҚАЕВТЫҢ", id="kazakh-capitals"),
        pytest.param("Zangezur corridor", "Zangazur Corridor", "en", "Zangezur Corridor", id="title-case-word-by-word"),
        pytest.param("COP29", "cop-29", "en", "COP29", id="own-capitals-kept"),
        pytest.param("fuzuli", "fizuli", "en", "fuzuli", id="lowercase"),
    ],
)
def test_apply_case(replacement, found, lang, expected):
    assert apply_case(replacement, found, lang) == expected

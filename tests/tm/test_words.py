"""The import's word splitter (``tm.words``): the compiled pass and the same file run as Python give the same words.

Where the package was built with a C compiler the import runs the compiled module; here the
pure-Python fallback (a regular expression's ``findall``) is loaded from the same source file,
so both are checked on the same texts, every character included.
"""

import importlib.machinery
import importlib.util
import os
import unicodedata
from pathlib import Path

import pytest

import tm.words
from tm.prepare import batch_words
from tm.text import WORD, fold, fold_joined
from tm.words import SEPARATOR

TEXTS = [
    "Prezident Qəbələdə çıxış edib; FÜZULİDƏ məktəb açılıb (2025-ci il, 3,4%).",
    "Визит Касыма-Жомарта Токаева в Баку: «Ақтауда» 21-го числа_снова.",
    "The 21st meeting of the Joint Intergovernmental Commission, $470 million, e\u0301clair.",
    "   ",
    "x",
]


def _as_python():
    loader = importlib.machinery.SourceFileLoader("tm.words", str(Path(tm.words.__file__).with_name("words.py")))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("tm.words", loader))
    loader.exec_module(module)
    return module


def _is_compiled(module) -> bool:
    return module.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def _words_of_each(words, pairs):
    found = {}
    for pair in pairs.tolist():
        found.setdefault(pair & 0xFFFFFFFF, []).append(words[pair >> 32])
    return found


def test_each_text_has_the_words_the_index_reads():
    ids = list(range(7, 7 + len(TEXTS)))
    words, pairs = batch_words(ids, TEXTS)
    assert words[0] == "\x00"
    assert _words_of_each(words, pairs) == {i: WORD.findall(fold(t)) for i, t in zip(ids, TEXTS) if WORD.findall(fold(t))}
    assert _words_of_each(words, pairs)[7][:2] == ["prezident", "qebelede"]


def _every_character() -> list[str]:
    """Texts holding every character but surrogates, in runs and each between two letters."""
    characters = [chr(c) for c in range(1, 0x110000) if not 0xD800 <= c < 0xE000]
    texts = ["".join(characters[i:i + 97]) for i in range(0, len(characters), 97)]
    return texts + ["".join(ch + "a" for ch in characters[i:i + 50]) for i in range(0, 20_000, 50)]


@pytest.mark.parametrize("build", ["installed", "python"])
def test_both_builds_split_every_character_alike(build):
    module = tm.words if build == "installed" else _as_python()
    texts = _every_character()
    folded = "\x00".join(text.replace("\x00", " ") for text in texts)
    ids = list(range(1, len(texts) + 1))
    words, pairs = module.split_folded(folded, ids)
    expected = [[w for w in WORD.findall(t.replace("\x00", " "))] for t in texts]
    assert _words_of_each(words, pairs) == {i: e for i, e in zip(ids, expected) if e}
    assert len(set(words)) == len(words)


@pytest.mark.parametrize("build", ["installed", "python"])
def test_both_builds_fold_and_split_every_character_alike(build):
    module = tm.words if build == "installed" else _as_python()
    texts = _every_character() + ["ЁЛКИ Йошкар-Ола ёлки", "Mixed ЙЁ and ß", "QƏBƏLƏ Qəbələ FÜZULİ", "Ақтауда ҚАЗАҚСТАН", "ВЫБОРЫ выборы", "a\x00b"]
    ids = list(range(1, len(texts) + 1))
    words, pairs = module.split_texts(texts, ids)
    expected = [WORD.findall(fold(t.replace("\x00", " "))) for t in texts]
    assert _words_of_each(words, pairs) == {i: e for i, e in zip(ids, expected) if e}
    assert len(set(words)) == len(words)


def test_renumbering_keeps_the_numbers_given_and_adds_new_ones():
    for module in (tm.words, _as_python()):
        numbers, words = {"baku": 0, "shusha": 1}, ["baku", "shusha"]
        assert module.renumber(numbers, words, ["\x00", "shusha", "kuryk", "baku", "alat"]).tolist() == [0, 1, 2, 0, 3]
        assert words == ["baku", "shusha", "kuryk", "alat"] and numbers["alat"] == 3


@pytest.mark.skipif(not os.environ.get("TILMASH_REQUIRE_COMPILED"), reason="only where a C build is required (CI)")
def test_the_compiled_splitter_is_in_use():
    assert _is_compiled(tm.words), tm.words.__file__


def _fold_the_long_way(text: str) -> str:
    from tm.text import _LETTERS, _MARKS

    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold())).translate(_LETTERS)


@pytest.mark.parametrize("text", [
    pytest.param("Füzulidə FÜZULİDƏ Qəbələ", id="azerbaijani"),
    pytest.param("Ақтауда Қазақстан Өскемен һәм ұлы", id="kazakh"),
    pytest.param("Новый ЙОД, ёлка и ЁЖ в Шуше", id="russian-with-й-and-ё"),
    pytest.param("Soirée à l'ŒUVRE, ﬁnal ½ x²", id="ligatures-and-fractions"),
])
def test_fold_is_case_and_diacritics_away(text):
    assert fold(text) == _fold_the_long_way(text)


def test_fold_gives_the_long_way_on_every_character_and_next_to_russian_letters():
    characters = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    assert [fold(ch) for ch in characters] == [_fold_the_long_way(ch) for ch in characters]
    for ch in characters[:0x3000]:  # Latin, Greek, Cyrillic, combining marks beside plain Russian letters
        text = f"Й{ch}ё Абв{ch}"
        assert fold(text) == _fold_the_long_way(text), hex(ord(ch))


def test_texts_folded_together_fold_as_each_alone():
    """An import folds a batch's texts as one string (``fold_joined``): a text that needs decomposing beside
    plain ones, marks at a text's edges, Kazakh and Turkic letters, ligatures, a batch of plain texts only."""
    batches = [
        [*TEXTS, "Soirée à l'ŒUVRE – ﬁnal ½", "\u0301Йод в начале", "конец\u0301", "Ақтау", "BAKI", "ёж"],
        ["plain English", "простой русский текст с й"],
        ["only ascii", "AND CAPITALS"],
        ["ü"],
        ["plain", "Füzuli", "Ақтау", "plain again", "Qəbələ – Şuşa"],
    ]
    for texts in batches:
        assert fold_joined(SEPARATOR.join(texts), SEPARATOR) == SEPARATOR.join(fold(text) for text in texts)

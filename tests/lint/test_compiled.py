"""The compiled loops (``text``, ``scan``, ``language``, ``scripts``, ``near_misses``, ``matcher``) and the same files run as Python give the same findings.

Where the package was built with a C compiler the engine runs the compiled modules;
here the pure-Python fallback is loaded from the very same source files and put in
their place, so both are checked on the same texts.
"""

import importlib.machinery
import importlib.util
import os
import random
import sys
import unicodedata
from pathlib import Path

import pytest

import glossary.lint
from glossary.formats import read_glossary_file
from glossary.lint import engine, language, matcher, matcher_file, near_misses, scan, scripts, spans, text, unknown_variants
from glossary.lint.engine import lint_text
from glossary.lint.matcher import Matcher
from glossary.lint.text import is_word_char
from glossary.termbase import bundled_glossary

from ..conftest import CORPUS, DATA

PACKAGE = Path(glossary.lint.__file__).parent
COMPILED_MODULES = (text, scan, language, scripts, near_misses, matcher)
BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "lint_benchmark.py"

# Drafts in the four languages with what the loops decide: suffixes and endings, letter case,
# the four Turkic i's, boundaries, paragraphs in different languages.
DRAFTS = [
    "Prezident Qabalada çıxış edib. FİZULİDƏ məktəb açılıb və Füzulidə dərslər başlayıb.\n\n"
    "Fizuli's school and THE FIZULI DISTRICT. We had roast turkey; relations with Turkey grew.\n\n"
    "Қазақстан Президенті Токаевтың сапары басталды. Бүгін Президент Актауда болды, Ақтауда да.\n\n"
    "Визит Касыма-Жомарта Кемеловича Токаева в Баку. Обсуждалось открытие Зангазурского коридора "
    "и Зангезурского коридора. АГЕНТСТВО КАЗИНФОРМ СООБЩИЛО, а КазИнформ нет.",
    "Alatau is not Alat; the port of Alat and Baku–Tbilisi–Ceyhan, Baku-Tbilisi-Ceyhan, COP-29 and COP29.",
    "Near misses: the Zangezour corridor, the Zangezru corridor, the Zangezor corridor, Nakhchivn and Fuzluli.",
    # Mixed alphabets, with a combining mark at the seam, in a Latin and in a Cyrillic paragraph.
    "Fuzul\u0456 and B\u0430kı were named, and abc\u0434\u0301ef, Q\u0259\u0431\u0259l\u0259 and B\u0430k\u0443 too.\n\n"
    "Президент То\u049b\u0061ев және abc\u0434\u0301ef Бақуда болды.",
]
HTML_DRAFTS = ["<p>Fuz&shy;uli and Fiz<b>uli</b> and FIZ&#x130;L&#304; in Baku&nbsp;&ndash; Fu<i>zul\u0456</i></p>"]


def _as_python(module):
    """``module`` loaded from its ``.py`` source, whether or not a compiled build of it exists."""
    name = module.__name__
    loader = importlib.machinery.SourceFileLoader(name, str(PACKAGE / f"{name.rsplit('.', 1)[1]}.py"))
    spec = importlib.util.spec_from_loader(name, loader)
    python = importlib.util.module_from_spec(spec)
    loader.exec_module(python)
    return python


def _is_compiled(module) -> bool:
    return module.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def _use_python_loops(monkeypatch) -> None:
    python_scan, python_language, python_matcher = _as_python(scan), _as_python(language), _as_python(matcher)
    assert not _is_compiled(python_scan) and not python_scan.COMPILED
    monkeypatch.setattr(sys.modules[__name__], "Matcher", python_matcher.Matcher)  # compiling the glossary, as Python
    monkeypatch.setattr(matcher_file, "Matcher", python_matcher.Matcher)  # and loading it
    for name in ("find_forms", "verify_declined", "word_end"):
        monkeypatch.setattr(python_matcher, name, getattr(python_scan, name))
    monkeypatch.setattr(engine, "paragraphs", python_language.paragraphs)
    monkeypatch.setattr(unknown_variants, "capitalised_words", python_scan.capitalised_words)
    monkeypatch.setattr(python_matcher, "NearMissIndex", _as_python(near_misses).NearMissIndex)
    monkeypatch.setattr(engine, "mixed_script_words", _as_python(scripts).mixed_script_words)
    for module in (spans, unknown_variants):
        monkeypatch.setattr(module, "match_key", _as_python(text).match_key)


def _benchmark_sample() -> tuple[str, str]:
    """A small glossary and text from the benchmark's generator: every language, suffixes and endings."""
    spec = importlib.util.spec_from_file_location("lint_benchmark", BENCHMARK)
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    rng = random.Random(7)
    glossary_csv = benchmark.generate_glossary(150, rng)
    return glossary_csv, benchmark.generate_text(glossary_csv, 0.15, rng)


def _findings(glossary, texts, style=None, kind="text", loaded=False):
    """``loaded``: with the matcher written as the cache's file and read back (forms made as the text needs them)."""
    compiled_matcher = Matcher(glossary, style)
    if loaded:
        compiled_matcher = matcher_file.loads(matcher_file.dumps(compiled_matcher))
    return [lint_text(text, compiled_matcher, kind=kind) for text in texts]


@pytest.mark.skipif(not any(map(_is_compiled, COMPILED_MODULES)), reason="the compiled modules are not built here")
@pytest.mark.parametrize(
    "case",
    [
        pytest.param("corpus", id="corpus-articles-bundled-glossary"),
        pytest.param("drafts", id="drafts-in-four-languages"),
        pytest.param("drafts-az-official", id="drafts-house-style"),
        pytest.param("html", id="html-entities-and-tags-inside-words"),
        pytest.param("benchmark", id="generated-inflecting-glossary-and-text"),
    ],
)
def test_python_fallback_finds_what_the_compiled_loops_find(case, monkeypatch, tmp_path):
    kind = "html" if case == "html" else "text"
    if case == "corpus":
        glossary, texts, style = bundled_glossary(), [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))], None
    elif case == "html":
        glossary, texts, style = read_glossary_file(DATA / "lint" / "glossary.csv"), HTML_DRAFTS, None
    elif case.startswith("drafts"):
        glossary, texts = read_glossary_file(DATA / "lint" / "glossary.csv"), DRAFTS
        style = "az-official" if case.endswith("az-official") else None
    else:
        glossary_csv, text = _benchmark_sample()
        (tmp_path / "glossary.csv").write_text(glossary_csv, encoding="utf-8")
        glossary, texts, style = read_glossary_file(tmp_path / "glossary.csv"), [text], None
    compiled = _findings(glossary, texts, style, kind)
    _use_python_loops(monkeypatch)
    python = _findings(glossary, texts, style, kind)
    assert python == compiled
    assert _findings(glossary, texts, style, kind, loaded=True) == compiled
    assert sum(map(len, compiled)) >= len(texts)  # texts with findings, so there was something to compare


def test_paragraph_languages_agree_on_the_corpus():
    python_language = _as_python(language)
    paragraphs = [p for path in sorted(CORPUS.glob("*.txt")) for p in path.read_text(encoding="utf-8").split("\n\n")]
    paragraphs += [d for draft in DRAFTS for d in draft.split("\n\n")]
    assert [language.detect(p) for p in paragraphs] == [python_language.detect(p) for p in paragraphs]
    assert {language.detect(p) for p in paragraphs} == {"en", "az", "kk", "ru"}


@pytest.mark.parametrize(
    ("text", "position", "end"),
    [
        pytest.param("Füzulidə məktəb", 3, 8, id="az-word-with-suffix"),
        pytest.param("Ақтауда болды", 0, 7, id="kk-letters"),
        pytest.param("Нахичевани.", 4, 10, id="ends-at-punctuation"),
        pytest.param("Zangezur", 8, 8, id="at-the-end"),
        pytest.param("e\u0301clair x", 0, 7, id="combining-mark-inside-word"),
        pytest.param("COP29 summit", 0, 5, id="digits"),
        pytest.param("Баку\u2013Тбилиси", 0, 4, id="dash-ends-word"),
    ],
)
def test_word_end(text, position, end):
    assert scan.word_end(text, position) == end
    assert _as_python(scan).word_end(text, position) == end


def test_words_agree_with_the_regular_expression():
    """``words`` reads Latin, Greek and Cyrillic against a table where compiled, and goes
    through ``WORD`` otherwise: the same words either way, across the table's edge too."""
    python_text = _as_python(text)
    rng = random.Random(16)
    alphabet = [chr(c) for c in range(0x600)] + list("\u00ad\u200b\u2013\u2019\u0301\u0951\u4e2d\U0001d400")
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20_000)]
    samples += ["Qəbələdə", "Касым-Жомарт Кемелевич", "e\u0301clair x", "COP29 summit", "Ақтау\u2013Баку", ""]
    assert [text.words(s) for s in samples] == [python_text.words(s) for s in samples]
    assert text.words("Касым-Жомарт Кемелевич") == [(0, 5), (6, 12), (13, 22)]


@pytest.mark.skipif(not os.environ.get("TILMASH_REQUIRE_COMPILED"), reason="only where a C build is required (CI)")
def test_compiled_modules_are_in_use():
    assert all(map(_is_compiled, COMPILED_MODULES)), [m.__file__ for m in COMPILED_MODULES]
    assert scan.COMPILED


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("zangezour", ["zangezur"], id="one-letter-more"),
        pytest.param("zangezr", ["zangezur"], id="one-letter-less"),
        pytest.param("zangezor", ["zangezur"], id="one-letter-changed"),
        pytest.param("zangezru", ["zangezur"], id="two-neighbours-swapped"),
        pytest.param("zangezaa", [], id="two-letters-changed"),
        pytest.param("zanegzru", [], id="two-swaps"),
        pytest.param("zangezrx", [], id="one-letter-dropped-another-added"),
        pytest.param("zangezur", [], id="the-word-itself"),
    ],
)
def test_near_misses_one_edit_away(word, expected):
    forms = Matcher(read_glossary_file(DATA / "lint" / "glossary.csv")).forms
    for module in (near_misses, _as_python(near_misses)):
        assert module.NearMissIndex(forms).near(word) == expected, module.__file__


def test_match_key_of_every_character():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    without_sigma = every.replace("\u03a3", "")
    python_text = _as_python(text)
    for sample in (every, without_sigma, "ΣΟΦΙΑ ΚΑΙ ΟΔΟΣ" * 10, "x\ud800y" * 30, "İSTANBUL, Qazaxıstan — «Ақтау»" * 5):
        assert text.match_key(sample) == python_text.match_key(sample)
        assert len(text.match_key(sample)) == len(sample)


def test_words_end_where_text_says_word_characters_end():
    characters = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000] + ["\U0001d400", "\U0001f600", "\U000e0100"]
    assert [scan.word_end(ch + " ", 0) for ch in characters] == [1 if is_word_char(ch) else 0 for ch in characters]


def test_a_paragraph_is_skipped_only_when_it_lacks_an_alphabet():
    """The quick look at a whole paragraph and the letter tests of the loop know the same letters."""
    python_scripts = _as_python(scripts)
    for c in range(0x10000):
        ch = chr(c)
        assert bool(language.A_LATIN_LETTER.match(ch)) == python_scripts._is_latin(ch), hex(c)
        assert bool(language.A_CYRILLIC_LETTER.match(ch)) == python_scripts._is_cyrillic(ch), hex(c)


def test_capitalised_words_start_with_the_same_letters_in_both_builds():
    """Near-miss candidates: the compiled loop and the regular expression of the fallback agree
    on which characters start a capitalised word and which continue it, on every character
    Python's Unicode database knows (the regex module's may be newer: letters assigned since
    are words to it only)."""
    characters = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and unicodedata.category(chr(c)) != "Cn"]
    python_scan = _as_python(scan)
    starts = " ".join(ch + "bcde" for ch in characters)
    inside = " ".join("Abc" + ch + "de" for ch in characters)
    for sample in (starts, inside):
        assert scan.capitalised_words(sample, [], 5) == python_scan.capitalised_words(sample, [], 5)
    uppercase_letters = [ch for ch in characters if ch.isupper() and is_word_char(ch)]
    assert len(scan.capitalised_words(starts, [], 5)) == len(uppercase_letters) > 1000
    assert scan.capitalised_words("\u0130stanbul Qəbələ", [], 5) == [(0, 8), (9, 15)]


@pytest.mark.parametrize(
    ("sample", "skipped", "expected"),
    [
        pytest.param("Zangezour and Fuzuli", [], [(0, 9), (14, 20)], id="each-capitalised-word"),
        pytest.param("Zangezour and Fuzuli", [(14, 20)], [(0, 9)], id="a-name-found-is-skipped"),
        pytest.param("Zangezour and Fuzuli", [(0, 30), (2, 3)], [], id="inside-a-long-extent"),
        pytest.param("Qabalada Bakı", [], [(0, 8)], id="shorter-than-five-letters"),
        pytest.param("ZANGEZOUR zangezour", [], [(0, 9)], id="lowercase-words-are-not-names"),
        pytest.param("Ф\u0301uzuli", [], [(0, 7)], id="a-combining-mark-continues-the-word"),
    ],
)
def test_capitalised_words(sample, skipped, expected):
    for module in (scan, _as_python(scan)):
        assert module.capitalised_words(sample, skipped, 5) == expected, module.__file__


def test_near_miss_digests_are_the_same_in_both_builds():
    """A matcher cached on disk by one build is read by the other: the index must not depend on the build."""
    forms = Matcher(bundled_glossary()).forms
    compiled_index, python_index = near_misses.NearMissIndex(forms), _as_python(near_misses).NearMissIndex(forms)
    assert compiled_index.table == python_index.table
    assert sum(1 for entry in compiled_index.table if entry) > 1000

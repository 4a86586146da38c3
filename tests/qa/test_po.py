"""PO catalogues read as units, each translation located in the file; bad ones refused with their line."""

from pathlib import Path

import polib
import pytest

from glossary.errors import FormatError
from tm.qa.files import read_units
from tm.qa.po import read_po

DATA = Path(__file__).parents[1] / "data" / "qa"


def test_units_of_a_catalogue_with_languages_flags_and_plurals():
    units = read_units(str(DATA / "catalogues" / "cms.ru.po"))
    assert {(u.source_lang, u.target_lang) for u in units} == {("en", "ru")}
    first = units[0]
    assert (first.source, first.target, first.flags, first.line) == (
        "Welcome to {city}, %(name)s!", "Добро пожаловать, %(name)s!", frozenset({"python-format"}), 14)
    plural = [u for u in units if u.target.endswith("вагонов")]
    assert [u.source for u in units if "вагон" in u.target and "%d" in u.target] == ["%d wagon", "%d wagons", "%d wagons"]
    assert plural[0].line == 56
    assert "Astana hosts the summit" not in {u.source for u in units}  # untranslated: nothing to check


def test_every_character_of_a_translation_is_located_in_the_file():
    """Escapes and strings continued over lines: each character of the msgstr at its place in the file."""
    path = DATA / "catalogues" / "cms.ru.po"
    text = path.read_text(encoding="utf-8")
    for unit in read_units(str(path)):
        for i, ch in enumerate(unit.target):
            at = unit.place.positions[i]
            written = text[at:at + 2]
            assert written[0] == ch or written == {"\n": "\\n", '"': '\\"', "\\": "\\\\", "\t": "\\t"}[ch], (unit.target, i)


def test_the_translations_are_what_polib_reads():
    path = DATA / "catalogues" / "cms.ru.po"
    read = {u.target for u in read_units(str(path))}
    catalogue = polib.pofile(str(path))
    assert read == {e.msgstr for e in catalogue if e.msgstr} | {s for e in catalogue for s in e.msgstr_plural.values()}


@pytest.mark.parametrize(("header", "given", "expected"), [
    pytest.param('"Language: kk_KZ\\n"', None, ("en", "kk"), id="language-with-region"),
    pytest.param('"Language: ru\\n"\n"X-Source-Language: az\\n"', None, ("az", "ru"), id="source-from-header"),
    pytest.param('"Language: ru\\n"', "kk", ("kk", "ru"), id="source-given"),
    pytest.param('"Project-Id-Version: cms 2.4\\n"', None, ("en", "ru"), id="target-detected"),
])
def test_languages_of_a_catalogue(header, given, expected):
    data = (f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n{header}\n\n'
            'msgid "Baku"\nmsgstr "Переговоры в Баку"\n').encode()
    unit = read_po(data, "x.po", source_lang=given)[0]
    assert (unit.source_lang, unit.target_lang) == expected


@pytest.mark.parametrize(("name", "line", "message"), [
    # the catalogue reader's checks (glossary.formats.po), which QA shares with tilmash import
    pytest.param("unclosed-string.po", 7, "a string is not closed, or has an unescaped '\"' inside (write \\\" for a quote)",
                 id="unclosed-string"),
    pytest.param("unknown-keyword.po", 10, "unknown keyword 'translation'; a PO line is a comment (#), msgctxt, msgid, "
                 "msgid_plural, msgstr, msgstr[N] or a quoted string", id="unknown-keyword"),
    pytest.param("msgid-without-msgstr.po", 6, "msgid without msgstr after it", id="msgid-without-msgstr"),
    pytest.param("duplicate.po", 9, "duplicate entry: msgid 'Baku' is already at line 6", id="duplicate"),
    pytest.param("latin1.po", 7, "not valid UTF-8 (byte 0xfd); save the file as UTF-8", id="not-utf8"),
    # QA's own: the languages it needs
    pytest.param("bad-language.po", 4, "the header's Language 'x y' is not a language code", id="bad-language"),
])
def test_bad_catalogues_are_refused_with_file_and_line(name, line, message):
    with pytest.raises(FormatError) as raised:
        read_units(str(DATA / "bad" / name))
    assert [(p.line, p.message) for p in raised.value.problems] == [(line, message)]


@pytest.mark.parametrize(("name", "message"), [
    pytest.param("story.txt", "not a bilingual file QA reads (expected .po, .tmx)", id="unknown-extension"),
    pytest.param("missing.po", "cannot read file: No such file or directory", id="missing"),
])
def test_files_that_are_not_catalogues(tmp_path, name, message):
    (tmp_path / "story.txt").write_text("Baku", encoding="utf-8")
    with pytest.raises(FormatError) as raised:
        read_units(str(tmp_path / name))
    assert [p.message for p in raised.value.problems] == [message]

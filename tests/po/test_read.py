"""PO files from outside: every problem with file, line and reason, as msgfmt would find it; nothing imported."""

from __future__ import annotations

import shutil

import pytest

from glossary.errors import FormatError
from glossary.formats.po import read_catalogue

from ..conftest import DATA
from ..support.gettext_tools import msgfmt_check

BAD = DATA / "po" / "bad"

BAD_FILES = [
    pytest.param("unclosed-string.po", ["8: a string is not closed, or has an unescaped '\"' inside (write \\\" for a quote)"],
                 id="unclosed-string"),
    pytest.param("unescaped-quote.po", ["8: a string is not closed, or has an unescaped '\"' inside (write \\\" for a quote)"],
                 id="unescaped-quote"),
    pytest.param("bad-escape.po", ["8: invalid escape '\\\\q' in a string"], id="bad-escape"),
    pytest.param("unknown-keyword.po", ["8: unknown keyword 'msgtsr'; a PO line is a comment (#), msgctxt, msgid, "
                                        "msgid_plural, msgstr, msgstr[N] or a quoted string"], id="unknown-keyword"),
    pytest.param("missing-msgstr.po", ["7: msgid without msgstr after it"], id="msgid-without-msgstr"),
    pytest.param("no-header.po", ['1: no header entry (msgid "" with Content-Type: text/plain; charset=UTF-8): '
                                  "not a complete PO file"], id="no-header"),
    pytest.param("no-content-type.po", ['1: the header has no "Content-Type: text/plain; charset=..." field'],
                 id="header-without-charset"),
    pytest.param("utf8-declared-latin1.po", ["3: the header declares charset=ISO-8859-1, but the file is UTF-8; "
                                             "correct the charset in the header to UTF-8"], id="utf8-under-latin1"),
    pytest.param("cp1251-declared-utf8.po", ["8: not valid UTF-8 (byte 0xd4); save the file as UTF-8"], id="cp1251-under-utf8"),
    pytest.param("unknown-charset.po", ["3: unknown charset 'KOI9-Z' in the header's Content-Type"], id="unknown-charset"),
    pytest.param("duplicate-entry.po", ["14: duplicate entry: msgid 'Fuzuli' with msgctxt 'fuzuli' is already at line 6"],
                 id="duplicate-entry"),
]


@pytest.mark.parametrize(("name", "messages"), BAD_FILES)
def test_bad_po_is_refused_with_line_and_reason(name, messages):
    with pytest.raises(FormatError) as caught:
        read_catalogue((BAD / name).read_bytes(), name)
    assert [str(p) for p in caught.value.problems] == [f"{name}:{m}" for m in messages]


def test_every_bad_file_has_a_case():
    assert {p.values[0] for p in BAD_FILES} == {p.name for p in BAD.iterdir()}


@pytest.mark.parametrize(("name", "messages"), BAD_FILES)
def test_msgfmt_refuses_or_warns_about_each_bad_file_too(name, messages):
    code, output = msgfmt_check(BAD / name)
    assert code != 0 or "warning" in output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param('msgctxt "a"\n\nmsgctxt "b"\nmsgid "B"\nmsgstr ""\n', "1: msgctxt without msgid after it", id="msgctxt-alone"),
        pytest.param('msgstr "B"\n', "1: msgstr without msgid before it", id="msgstr-alone"),
        pytest.param('msgid "%d file"\nmsgid_plural "%d files"\nmsgstr "x"\n',
                     "3: a plural entry (msgid_plural) needs msgstr[0], msgstr[1]...; found msgstr", id="plural-with-msgstr"),
        pytest.param('msgid "file"\nmsgstr[0] "x"\n', "2: msgstr[0] in an entry without msgid_plural; use msgstr",
                     id="msgstr-n-without-plural"),
        pytest.param('msgid "A"\nmsgstr "B"\n"C"\n# note\n"D"\n', "5: a string without a keyword (msgid, msgstr...) before it",
                     id="string-after-a-comment"),
        pytest.param('msgid "A"\nmsgstr B\n', "2: expected a quoted string after msgstr", id="unquoted"),
    ],
)
def test_entries_out_of_order_are_refused(text, message):
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    with pytest.raises(FormatError) as caught:
        read_catalogue((header + text).encode(), "x.po")
    line, rest = message.split(": ", 1)
    assert [str(p) for p in caught.value.problems] == [f"x.po:{int(line) + 4}: {rest}"]


def test_obsolete_entries_previous_msgids_and_a_bom_are_fine():
    text = ('\ufeff# translator comment\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            '#| msgid "Fizuli"\nmsgid "Fuzuli"\nmsgstr "Füzuli"\n\n#~ msgid "Karyagino"\n#~ msgstr "Qaryagin"\n')
    catalogue = read_catalogue(text.encode(), "ok.po")
    assert [(e.msgid, e.msgstr, e.obsolete) for e in catalogue] == [("Fuzuli", "Füzuli", 0), ("Karyagino", "Qaryagin", 1)]


def test_a_catalogue_in_a_declared_legacy_charset_is_read():
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CP1251\\n"\n\nmsgid "Fuzuli"\nmsgstr "Физули"\n'
    assert read_catalogue(text.encode("cp1251"), "ru.po")[0].msgstr == "Физули"


def test_xgettext_template_with_placeholder_charset_is_read():
    text = ('#, fuzzy\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n'
            '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n\n#, python-format\nmsgid "Hello %s"\nmsgstr ""\n')
    assert read_catalogue(text.encode(), "cms.pot")[0].msgid == "Hello %s"


def test_import_of_a_bad_po_exits_2_and_imports_nothing(po_invoke, tmp_path):
    before = po_invoke("export", "--format", "csv").stdout
    exported = po_invoke("export", "--format", "po", "--lang", "kk", "-o", "good.po")
    assert exported.exit_code == 0
    shutil.copy(BAD / "duplicate-entry.po", tmp_path / "dup.po")
    shutil.copy(BAD / "utf8-declared-latin1.po", tmp_path / "latin.po")
    edited = (tmp_path / "good.po").read_text(encoding="utf-8").replace('msgid "Middle Corridor"\nmsgstr ""',
                                                                        'msgid "Middle Corridor"\nmsgstr "Орта дәліз"')
    (tmp_path / "good.po").write_text(edited, encoding="utf-8")
    result = po_invoke("import", "good.po", "dup.po", "latin.po")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "error: dup.po:14: duplicate entry: msgid 'Fuzuli' with msgctxt 'fuzuli' is already at line 6",
        "error: latin.po:3: the header declares charset=ISO-8859-1, but the file is UTF-8; correct the charset in the header to UTF-8",
    ]
    assert po_invoke("export", "--format", "csv").stdout == before

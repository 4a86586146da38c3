"""A concept without a term in the target language: an empty msgstr marked fuzzy in the export (legal
gettext: msgfmt, polib, Babel and translate-toolkit read it), and what importing it back does, as each
PO tool leaves it: untouched or re-saved (nothing to import), translated and confirmed (added as the
preferred term), translated but still fuzzy (reported, not applied)."""

from __future__ import annotations

import gettext
import io

import polib
import pytest
from babel.messages.pofile import read_po
from sqlalchemy import update
from translate.storage import po as toolkit_po

from glossary import termbase
from glossary.formats import FORMATS
from glossary.model import Change

from ..support.gettext_tools import msgfmt_check, run
from .conftest import CHANGED_AT, change_count, export_po, glossary_terms, import_file, translate_like_weblate

CASPIAN = "concept,lang,term,status,subject_field\ncaspian-sea,en,Caspian Sea,preferred,place\n"  # no az, kk or ru term
SEA = {"az": "Xəzər dənizi", "kk": "Каспий теңізі", "ru": "Каспийское море"}


@pytest.fixture
def caspian_invoke(po_invoke, po_database):
    """The CLI on the PO test glossary plus a concept with an English term only."""
    with po_database.session(actor="aigerim") as session:
        termbase.import_glossaries(session, [("caspian.csv", FORMATS["csv"].read(CASPIAN.encode(), "caspian.csv"))])
        session.execute(update(Change).values(at=CHANGED_AT))
    return po_invoke


def line_of(data: bytes, text: str) -> int:
    return data.decode("utf-8").splitlines().index(text) + 1


def polib_fill(data: bytes, concept: str, text: str) -> bytes:
    """A msgstr typed in and saved with polib (as a script or a PO editor would), the fuzzy mark left on."""
    catalogue = polib.pofile(data.decode("utf-8"), wrapwidth=79)
    next(e for e in catalogue if e.msgctxt == concept).msgstr = text
    return str(catalogue).encode("utf-8")


@pytest.mark.parametrize("lang", [pytest.param(lang, id=lang) for lang in SEA])
def test_a_missing_term_is_an_empty_fuzzy_entry_every_po_tool_accepts(caspian_invoke, tmp_path, lang):
    data = export_po(caspian_invoke, tmp_path, "--lang", lang)
    assert data.decode().split("\n\n")[3] == '#. Subject field: place\n#, fuzzy\nmsgctxt "caspian-sea"\nmsgid "Caspian Sea"\nmsgstr ""'
    assert msgfmt_check(tmp_path / "out.po", "--check-format") == (0, "")
    entry = next(e for e in polib.pofile(data.decode()) if e.msgctxt == "caspian-sea")
    assert (entry.msgstr, entry.fuzzy, entry.translated()) == ("", True, False)
    catalog = read_po(io.BytesIO(data), abort_invalid=True)
    assert (catalog.get("Caspian Sea", context="caspian-sea").fuzzy, list(catalog.check())) == (True, [])
    unit = next(u for u in toolkit_po.pofile(data).units if u.getcontext() == "caspian-sea")
    assert (unit.isfuzzy(), unit.istranslated()) == (True, False)
    mo = gettext.GNUTranslations(io.BytesIO(caspian_invoke("export", "--format", "mo", "--lang", lang).stdout_bytes))
    assert mo.pgettext("caspian-sea", "Caspian Sea") == "Caspian Sea"  # not compiled: gettext falls back to msgid


def test_the_missing_filter_gives_the_empty_fuzzy_entries(caspian_invoke, tmp_path):
    data = export_po(caspian_invoke, tmp_path, "--lang", "kk", "--status", "missing")
    assert [(e.msgctxt, e.msgstr, e.fuzzy) for e in polib.pofile(data.decode())] == [
        ("caspian-sea", "", True), ("middle-corridor", "", True)]


@pytest.mark.parametrize(
    ("resave", "summary"),
    [
        pytest.param(lambda path: path.read_bytes(), "4 unchanged, 0 not applied, 1 fuzzy left for review, 2 untranslated",
                     id="untouched"),
        pytest.param(lambda path: run("msgcat", "--width=79", str(path)).encode(),  # GNU tools drop an empty entry's mark
                     "4 unchanged, 0 not applied, 1 fuzzy left for review, 2 untranslated", id="msgcat-resave"),
        pytest.param(lambda path: translate_like_weblate(path.read_bytes(), {}, confirm=("caspian-sea", "middle-corridor")),
                     "4 unchanged, 0 not applied, 1 fuzzy left for review, 2 untranslated", id="confirmed-while-empty"),
    ],
)
def test_an_empty_entry_comes_back_as_nothing_to_import(caspian_invoke, po_database, tmp_path, resave, summary):
    export_po(caspian_invoke, tmp_path, "--lang", "kk")
    terms, changes = glossary_terms(po_database), change_count(po_database)
    result = import_file(caspian_invoke, tmp_path, "kk.po", resave(tmp_path / "out.po"))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"kk.po: 0 terms updated (0 added, 0 made preferred), {summary}\n"
    assert (glossary_terms(po_database), change_count(po_database)) == (terms, changes)


@pytest.mark.parametrize("lang", [pytest.param(lang, id=lang) for lang in SEA])
def test_a_missing_term_translated_and_confirmed_is_added_as_preferred(caspian_invoke, po_database, tmp_path, lang):
    exported = export_po(caspian_invoke, tmp_path, "--lang", lang)
    before = glossary_terms(po_database)
    edited = translate_like_weblate(exported, {"caspian-sea": SEA[lang]})
    result = import_file(caspian_invoke, tmp_path, f"{lang}.po", edited)
    line = line_of(edited, 'msgctxt "caspian-sea"')
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == f"{lang}.po:{line}: caspian-sea ({lang}): '{SEA[lang]}' added as the preferred term"
    assert glossary_terms(po_database) - before == {
        ("caspian-sea", lang, SEA[lang], "preferred", (), None, f"{lang}.po, translated by Aigerim Bekova <aigerim@example.kz>")}


@pytest.mark.parametrize(
    ("lang", "edit"),
    [
        pytest.param("kk", lambda data: translate_like_weblate(data, {"caspian-sea": SEA["kk"]}, needs_editing=("caspian-sea",)),
                     id="weblate-needs-editing-kk"),
        pytest.param("az", lambda data: polib_fill(data, "caspian-sea", SEA["az"]), id="polib-fuzzy-left-az"),
        pytest.param("ru", lambda data: polib_fill(data, "caspian-sea", SEA["ru"]), id="polib-fuzzy-left-ru"),
    ],
)
def test_a_translation_left_fuzzy_is_reported_and_not_applied(caspian_invoke, po_database, tmp_path, lang, edit):
    exported = export_po(caspian_invoke, tmp_path, "--lang", lang)
    terms, changes = glossary_terms(po_database), change_count(po_database)
    edited = edit(exported)
    result = import_file(caspian_invoke, tmp_path, f"{lang}.po", edited)
    line = line_of(edited, 'msgctxt "caspian-sea"')
    assert (result.exit_code, result.stderr) == (
        0, f"warning: {lang}.po:{line}: caspian-sea ({lang}): '{SEA[lang]}' is marked fuzzy (needs review): not applied; "
           "clear the fuzzy mark to apply it\n")
    assert "0 terms updated" in result.stdout and "0 not applied" in result.stdout
    assert (glossary_terms(po_database), change_count(po_database)) == (terms, changes)


def test_an_admitted_term_changed_but_left_fuzzy_is_reported_too(caspian_invoke, tmp_path):
    exported = export_po(caspian_invoke, tmp_path, "--lang", "kk")
    result = import_file(caspian_invoke, tmp_path, "kk.po", polib_fill(exported, "aktau", "Ақтау порты"))
    line = line_of(exported, 'msgctxt "aktau"')
    assert result.stderr == (f"warning: kk.po:{line}: aktau (kk): 'Ақтау порты' is marked "
                             "fuzzy (needs review): not applied; clear the fuzzy mark to apply it\n")

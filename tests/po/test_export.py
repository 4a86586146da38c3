"""The glossary as gettext catalogues: what msgfmt, Babel, polib, translate-toolkit and Python's gettext
make of each export, what the entries say, the filters, and stable output."""

from __future__ import annotations

import difflib
import gettext
import io
import os
from datetime import datetime, timezone
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po
from sqlalchemy import update
from translate.storage import po as toolkit_po

from glossary.catalogue_export import ConceptFilter, EntryState
from glossary.exports import export_file
from glossary.model import Change

from ..support.gettext_tools import msgfmt_check, msgfmt_compile
from .conftest import CHANGED_AT

GOLDEN = Path(__file__).parents[1] / "golden"
LANGUAGES = [pytest.param("az", id="az"), pytest.param("kk", id="kk"), pytest.param("ru", id="ru")]


def export(database, format_name="po", **options):
    with database.session(actor="tester") as session:
        return export_file(session, format_name, **options)


def entries(data: bytes) -> dict[str, polib.POEntry]:
    return {e.msgctxt: e for e in polib.pofile(data.decode("utf-8"))}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_po_export_passes_msgfmt_check_without_a_warning(po_database, tmp_path, lang):
    path = tmp_path / f"glossary.{lang}.po"
    path.write_bytes(export(po_database, lang=lang).data)
    assert msgfmt_check(path, "--check-format") == (0, "")


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({"lang": "ru", "style": "az-official"}, id="ru-house-style"),
        pytest.param({"lang": "kk", "filters": ConceptFilter(states=(EntryState.ADMITTED, EntryState.MISSING))}, id="kk-fuzzy-only"),
        pytest.param({"lang": "az", "source": "ru"}, id="az-from-russian"),
        pytest.param({"lang": "kk", "filters": ConceptFilter(subject_fields=("route",))}, id="kk-one-subject-field"),
    ],
)
def test_every_kind_of_po_export_passes_msgfmt_check(po_database, tmp_path, options):
    path = tmp_path / "glossary.po"
    path.write_bytes(export(po_database, **options).data)
    assert msgfmt_check(path, "--check-format") == (0, "")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_po_export_loads_in_babel_polib_and_translate_toolkit(po_database, lang):
    data = export(po_database, lang=lang).data
    catalog = read_po(io.BytesIO(data), abort_invalid=True)
    assert str(catalog.locale) == lang
    assert [(message.id, problems) for message, problems in catalog.check()] == []
    assert len(polib.pofile(data.decode("utf-8"))) == len(catalog) == 6
    store = toolkit_po.pofile(data)
    assert {u.getcontext() for u in store.units if not u.isheader()} == set(entries(data))


@pytest.mark.parametrize(("lang", "forms"), [pytest.param("az", 2, id="az"), pytest.param("kk", 2, id="kk"),
                                             pytest.param("ru", 3, id="ru")])
def test_plural_forms_header_comes_from_babel(po_database, lang, forms):
    catalogue = polib.pofile(export(po_database, lang=lang).data.decode("utf-8"))
    assert catalogue.metadata["Language"] == lang
    assert catalogue.metadata["Plural-Forms"].startswith(f"nplurals={forms};")
    plural = gettext.c2py(catalogue.metadata["Plural-Forms"].split("plural=")[1].rstrip(";"))
    assert [plural(n) for n in (1, 2, 5, 21)] == ([0, 1, 2, 0] if lang == "ru" else [0, 1, 1, 1])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mo_export_reads_in_python_gettext_by_concept_id(po_database, tmp_path, lang):
    mo = gettext.GNUTranslations(io.BytesIO(export(po_database, "mo", lang=lang).data))
    expected = {"az": "Füzuli", "kk": "Физули", "ru": "Физули"}[lang]
    assert mo.pgettext("fuzuli", "Fuzuli") == expected
    assert mo.info()["language"] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mo_export_holds_what_msgfmt_compiles_from_the_po(po_database, tmp_path, lang):
    (tmp_path / "g.po").write_bytes(export(po_database, lang=lang).data)
    msgfmt_compile(tmp_path / "g.po", tmp_path / "g.mo")
    ours = gettext.GNUTranslations(io.BytesIO(export(po_database, "mo", lang=lang).data))
    theirs = gettext.GNUTranslations(io.BytesIO((tmp_path / "g.mo").read_bytes()))
    assert ours._catalog == theirs._catalog


def test_kazakh_catalogue_matches_the_golden_file(po_database):
    data = export(po_database, lang="kk").data
    path = GOLDEN / "glossary.kk.po"
    if os.environ.get("TILMASH_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert data.decode("utf-8") == path.read_text(encoding="utf-8")


def test_two_concepts_with_one_english_name_do_not_collide(po_database):
    kk = entries(export(po_database, lang="kk").data)
    assert (kk["astana"].msgid, kk["fc-astana"].msgid) == ("Astana", "Astana")
    mo = gettext.GNUTranslations(io.BytesIO(export(po_database, "mo", lang="kk").data))
    assert mo.pgettext("astana", "Astana") == mo.pgettext("fc-astana", "Astana") == "Астана"


@pytest.mark.parametrize(
    ("lang", "concept", "msgstr", "fuzzy"),
    [
        pytest.param("kk", "fuzuli", "Физули", False, id="preferred-is-translated"),
        pytest.param("kk", "aktau", "Ақтау", True, id="only-admitted-is-fuzzy"),
        pytest.param("kk", "middle-corridor", "", True, id="missing-is-empty-and-fuzzy"),
        pytest.param("ru", "zangezur-corridor", "Зангезурский коридор", False, id="default-style"),
    ],
)
def test_msgstr_is_the_preferred_term_else_fuzzy(po_database, lang, concept, msgstr, fuzzy):
    entry = entries(export(po_database, lang=lang).data)[concept]
    assert (entry.msgstr, entry.fuzzy) == (msgstr, fuzzy)


def test_comments_carry_definition_note_and_forms_to_avoid(po_database):
    ru = entries(export(po_database, lang="ru").data)
    assert ru["fuzuli"].comment.splitlines() == [
        "Subject field: place",
        "Definition: City in south-western Azerbaijan, restored after 2020.",
        "Former name: Карягино (name until 1959)",
    ]
    kk = entries(export(po_database, lang="kk").data)
    assert "Avoid: Актау (Russian spelling leaking into Kazakh text)" in kk["aktau"].comment.splitlines()
    assert "Note: Same English name as the city." in kk["fc-astana"].comment.splitlines()
    assert "Former name: Нур-Султан (in use 2019-03-20/2022-09-17; renamed back in 2022)" in ru["astana"].comment.splitlines()


def test_a_concept_without_a_source_term_is_left_out_and_said_so(po_database):
    exported = export(po_database, lang="kk")
    assert "maslikhat" not in entries(exported.data)
    assert exported.left_out == ["maslikhat"]
    assert exported.summary() == "6 entries (1 concept without a term in the source language left out: maslikhat)"


def test_source_language_can_be_another(po_database):
    ru = entries(export(po_database, lang="ru", source="kk").data)
    assert (ru["maslikhat"].msgid, ru["maslikhat"].msgstr) == ("мәслихат", "маслихат")
    assert "middle-corridor" not in ru


def test_house_style_gives_that_styles_preferred_terms(po_database):
    exported = export(po_database, lang="ru", style="az-official")
    zangezur = entries(exported.data)["zangezur-corridor"]
    assert (zangezur.msgid, zangezur.msgstr) == ("Zangazur corridor", "Зангазурский коридор")
    assert "Also acceptable: Зангезурский коридор" in zangezur.comment.splitlines()
    assert polib.pofile(exported.data.decode()).metadata["X-Tilmash-Glossary"] == "source=en; target=ru; style=az-official"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param(ConceptFilter(subject_fields=("Route",)), ["middle-corridor", "zangezur-corridor"], id="subject-field"),
        pytest.param(ConceptFilter(subject_fields=("route", "organization")), ["fc-astana", "middle-corridor", "zangezur-corridor"],
                     id="two-subject-fields"),
        pytest.param(ConceptFilter(states=(EntryState.ADMITTED, EntryState.MISSING)), ["aktau", "middle-corridor"], id="status"),
        pytest.param(ConceptFilter(changed_since=datetime(2025, 6, 1, tzinfo=timezone.utc)), ["astana"], id="changed-since"),
        pytest.param(ConceptFilter(subject_fields=("place",), states=(EntryState.PREFERRED,)), ["astana", "fuzuli"], id="combined"),
    ],
)
def test_filters_keep_the_concepts_asked_for(po_database, filters, expected):
    with po_database.session() as session:
        session.execute(update(Change).where(Change.concept_id == "astana").values(at=datetime(2025, 7, 1, tzinfo=timezone.utc)))
    assert sorted(entries(export(po_database, lang="kk", filters=filters).data)) == expected


def test_subject_field_filter_applies_to_csv_too(po_database):
    data = export(po_database, "csv", filters=ConceptFilter(subject_fields=("organization",))).data.decode()
    assert {line.split(",")[0] for line in data.splitlines()[1:]} == {"fc-astana", "maslikhat"}


def test_export_twice_gives_the_same_bytes_and_one_edit_a_one_entry_diff(po_database):
    first = export(po_database, lang="kk").data.decode()
    assert export(po_database, lang="kk").data.decode() == first
    with po_database.session(actor="dana") as session:
        from glossary.model import Term

        term = session.query(Term).filter_by(concept_id="fuzuli", lang="kk").one()
        term.note = "Kazinform's spelling"
    second = export(po_database, lang="kk").data.decode()
    changed = [line for line in difflib.unified_diff(first.splitlines(), second.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert [line for line in changed if "Date" not in line and "Last-Translator" not in line] == [
        "+#. Note on Физули: Kazinform's spelling"]
    assert "+\"Last-Translator: dana\\n\"" in changed


def test_header_dates_are_the_newest_change_of_the_exported_concepts(po_database):
    metadata = polib.pofile(export(po_database, lang="kk").data.decode()).metadata
    assert metadata["PO-Revision-Date"] == metadata["POT-Creation-Date"] == CHANGED_AT.strftime("%Y-%m-%d %H:%M+0000")
    assert metadata["Last-Translator"] == "aigerim"


def test_template_has_source_terms_and_empty_msgstr(po_database, tmp_path):
    exported = export(po_database, "pot")
    path = tmp_path / "glossary.pot"
    path.write_bytes(exported.data)
    code, messages = msgfmt_check(path)
    assert (code, messages.split(": ", 1)[1]) == (0, "warning: header field 'Language' still has the initial default value\n")
    template = polib.pofile(exported.data.decode())
    assert {e.msgstr for e in template} == {""} and not any(e.fuzzy for e in template)
    assert entries(exported.data)["fuzuli"].msgid == "Fuzuli"
    assert exported.filename == "tilmash-glossary.pot"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(("--format", "po"), "a po export is for one target language; say which (az, kk, ru...)", id="po-without-lang"),
        pytest.param(("--format", "csv", "--lang", "kk"),
                     "a target language applies to the po, pot and mo exports; csv holds every language and style", id="csv-with-lang"),
        pytest.param(("--format", "po", "--lang", "english"),
                     "unknown language code 'english': 'english' is not a language in CLDR", id="bad-language"),
        pytest.param(("--format", "po", "--lang", "en"), "the target language is the source language (en); choose another",
                     id="target-is-source"),
        pytest.param(("--format", "pot", "--status", "missing"),
                     "the status filter is about the target language's term; say which target language", id="status-without-lang"),
        pytest.param(("--format", "po", "--lang", "kk", "--style", "tass"),
                     "unknown style 'tass'; this glossary has: az-official", id="unknown-style"),
        pytest.param(("-o", "glossary.txt"), "glossary.txt: unknown export file type '.txt'; expected one of .csv, .tbx, .po, .pot, .mo",
                     id="unknown-extension"),
    ],
)
def test_export_options_that_do_not_go_together_exit_2(po_invoke, args, message):
    result = po_invoke("export", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"error: {message}\n")


def test_output_extension_chooses_the_format(po_invoke, tmp_path):
    result = po_invoke("export", "--lang", "kk", "--subject-field", "place", "-o", "glossary.kk.mo")
    assert (result.exit_code, result.stderr) == (0, "glossary.kk.mo: 3 entries\n")
    mo = gettext.GNUTranslations(io.BytesIO((tmp_path / "glossary.kk.mo").read_bytes()))
    assert mo.pgettext("fuzuli", "Fuzuli") == "Физули"

"""Translators' work back into the glossary: a round trip through real PO tools updates exactly the edited
terms, with history and a report; what cannot be applied is reported; a second import changes nothing."""

from __future__ import annotations

import polib
import pytest
from sqlalchemy import select

from glossary import termbase
from glossary.catalogue_import import NotAGlossaryCatalogue, import_translations, read_translations
from glossary.errors import FormatError
from glossary.model import Change

from ..support.gettext_tools import run
from .conftest import change_count, export_po, glossary_terms, import_file, translate_like_weblate


def test_round_trip_through_weblate_updates_exactly_the_edited_terms(po_invoke, po_database, tmp_path):
    exported = export_po(po_invoke, tmp_path, "--lang", "kk")
    before = glossary_terms(po_database)
    edited = translate_like_weblate(exported, {"middle-corridor": "Орта дәліз"}, confirm=("aktau",))
    result = import_file(po_invoke, tmp_path, "kk.po", edited)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "kk.po:23: aktau (kk): 'Ақтау' admitted -> preferred",
        "kk.po:48: middle-corridor (kk): 'Орта дәліз' added as the preferred term",
        "kk.po: 2 terms updated (1 added, 1 made preferred), 4 unchanged, 0 not applied, 0 fuzzy left for review, 0 untranslated",
    ]
    after = glossary_terms(po_database)
    assert sorted(before - after) == [("aktau", "kk", "Ақтау", "admitted", (), None, None)]
    assert sorted(after - before) == [
        ("aktau", "kk", "Ақтау", "preferred", (), None, None),
        ("middle-corridor", "kk", "Орта дәліз", "preferred", (), None, "kk.po, translated by Aigerim Bekova <aigerim@example.kz>"),
    ]


def translate_like_poedit(path, translations: dict[str, str], confirm: tuple[str, ...] = ()) -> None:
    """Edit and save with polib, as Poedit leaves a file: msgstr typed in and the fuzzy mark ("Needs work")
    cleared, entries confirmed as they are, its own X-Generator and Last-Translator."""
    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        if entry.msgctxt in translations:
            entry.msgstr = translations[entry.msgctxt]
        if entry.msgctxt in (*translations, *confirm) and entry.fuzzy:
            entry.flags.remove("fuzzy")
    catalogue.metadata.update({"X-Generator": "Poedit 3.4.2", "Last-Translator": "Daniyar <d@example.kz>"})
    catalogue.save()


@pytest.mark.parametrize(
    ("lang", "translations", "confirm", "added", "promoted"),
    [
        pytest.param("kk", {"middle-corridor": "Орта дәліз"}, ("aktau",), [("middle-corridor", "kk", "Орта дәліз")],
                     [("aktau", "kk", "Ақтау")], id="kk"),
        pytest.param("az", {"fc-astana": "Astana FK"}, (), [("fc-astana", "az", "Astana FK")], [], id="az"),
        pytest.param("ru", {"aktau": "Актау"}, (), [], [], id="ru-unchanged"),
    ],
)
def test_round_trip_through_poedit_updates_exactly_the_edited_terms(po_invoke, po_database, tmp_path, lang, translations,
                                                                    confirm, added, promoted):
    export_po(po_invoke, tmp_path, "--lang", lang)
    before, changes = glossary_terms(po_database), change_count(po_database)
    translate_like_poedit(tmp_path / "out.po", translations, confirm)
    result = po_invoke("import", "out.po")
    assert (result.exit_code, result.stderr) == (0, "")
    after = glossary_terms(po_database)
    assert sorted((t[0], t[1], t[2]) for t in after - before) == sorted(added + promoted)
    assert sorted((t[0], t[1], t[2], t[3]) for t in before - after) == sorted(p + ("admitted",) for p in promoted)
    assert change_count(po_database) - changes == len(added) + len(promoted)
    assert {t[6] for t in after - before if (t[0], t[1], t[2]) in added} <= {"out.po, translated by Daniyar <d@example.kz>"}


def test_the_change_history_records_who_imported_what(po_invoke, po_database, tmp_path):
    edited = translate_like_weblate(export_po(po_invoke, tmp_path, "--lang", "kk"), {"middle-corridor": "Орта дәліз"})
    import_file(po_invoke, tmp_path, "kk.po", edited)
    with po_database.session() as session:
        [change] = session.scalars(select(Change).where(Change.concept_id == "middle-corridor", Change.actor == "tester"))
    assert (change.action, change.entity, change.after["text"], change.after["status"]) == ("create", "term", "Орта дәліз", "preferred")
    shown = po_invoke("terms", "show", "middle-corridor", "--history").stdout
    assert "  tester\n    + term kk 'Орта дәліз': status preferred" in shown


def test_importing_the_same_file_twice_changes_nothing_the_second_time(po_invoke, po_database, tmp_path):
    edited = translate_like_weblate(export_po(po_invoke, tmp_path, "--lang", "kk"), {"middle-corridor": "Орта дәліз"},
                                    confirm=("aktau",))
    import_file(po_invoke, tmp_path, "kk.po", edited)
    terms, changes = glossary_terms(po_database), change_count(po_database)
    second = po_invoke("import", "kk.po")
    assert second.stdout == ("kk.po: 0 terms updated (0 added, 0 made preferred), 6 unchanged, 0 not applied, "
                             "0 fuzzy left for review, 0 untranslated\n")
    assert (glossary_terms(po_database), change_count(po_database)) == (terms, changes)


def test_an_unedited_export_imports_as_all_unchanged(po_invoke, po_database, tmp_path):
    changes = change_count(po_database)
    result = import_file(po_invoke, tmp_path, "kk.po", export_po(po_invoke, tmp_path, "--lang", "kk"))
    assert result.stdout == ("kk.po: 0 terms updated (0 added, 0 made preferred), 4 unchanged, 0 not applied, "
                             "1 fuzzy left for review, 1 untranslated\n")
    assert change_count(po_database) == changes


def test_gnu_msgattrib_confirming_every_fuzzy_entry_makes_them_preferred(po_invoke, po_database, tmp_path):
    export_po(po_invoke, tmp_path, "--lang", "kk")
    confirmed = run("msgattrib", "--clear-fuzzy", "--width=79", str(tmp_path / "out.po"))
    result = import_file(po_invoke, tmp_path, "kk.po", confirmed.encode())
    assert result.stdout.splitlines()[0] == "kk.po:23: aktau (kk): 'Ақтау' admitted -> preferred"


@pytest.mark.parametrize(
    ("concept", "msgstr", "message"),
    [
        pytest.param("aktau", "Актау", "aktau (kk): 'Актау' is a deprecated form (Russian spelling leaking into Kazakh text): "
                     "not applied", id="deprecated-variant"),
        pytest.param("aktau", "АКТАУ", "aktau (kk): 'АКТАУ' is a deprecated form (Russian spelling leaking into Kazakh text): "
                     "not applied", id="deprecated-variant-in-capitals"),
        pytest.param("fuzuli", "Фузули", "fuzuli (kk): 'Фузули' would be a second preferred term next to 'Физули': not applied "
                     "(change the preferred term in the glossary)", id="second-preferred"),
        pytest.param("middle-corridor", " Орта дәліз", "term ' Орта дәліз' has leading or trailing spaces: not applied",
                     id="spaces"),
    ],
)
def test_what_cannot_be_applied_is_reported_and_the_rest_applied(po_invoke, po_database, tmp_path, concept, msgstr, message):
    before = glossary_terms(po_database)
    edited = translate_like_weblate(export_po(po_invoke, tmp_path, "--lang", "kk"),
                                    {concept: msgstr, **({} if concept == "middle-corridor" else {"middle-corridor": "Орта дәліз"})})
    result = import_file(po_invoke, tmp_path, "kk.po", edited)
    assert result.exit_code == 0
    [warning] = result.stderr.splitlines()
    assert warning.split(": ", 2)[2] == message and warning.startswith("warning: kk.po:")
    assert "1 not applied" in result.stdout.splitlines()[-1]
    assert {t for t in glossary_terms(po_database) if t[0] == concept} == {t for t in before if t[0] == concept}


def test_deprecated_variant_in_russian_superseded_name_is_not_applied(po_invoke, po_database, tmp_path):
    edited = translate_like_weblate(export_po(po_invoke, tmp_path, "--lang", "ru"), {"fuzuli": "Карягино"})
    result = import_file(po_invoke, tmp_path, "ru.po", edited)
    assert result.stderr == ("warning: ru.po:44: fuzuli (ru): 'Карягино' is a superseded form (name until 1959); "
                             "the glossary prefers 'Физули': not applied\n")


def test_house_style_catalogue_updates_that_style(po_invoke, po_database, tmp_path):
    with po_database.session(actor="tester") as session:
        termbase.import_glossaries(session, [("x.csv", _glossary(
            "concept,lang,term,status,style\nzangezur-corridor,kk,Зангезур дәлізі,preferred,\n"
            "zangezur-corridor,kk,Зангезур дәлізі,deprecated,az-official\n"))])
    edited = translate_like_weblate(export_po(po_invoke, tmp_path, "--lang", "kk", "--style", "az-official"),
                                    {"zangezur-corridor": "Зәңгезур дәлізі"})
    result = import_file(po_invoke, tmp_path, "kk.po", edited)
    assert "zangezur-corridor (kk, az-official): 'Зәңгезур дәлізі' added as the preferred term in style az-official" in result.stdout
    kazakh = {t[2]: (t[3], t[4]) for t in glossary_terms(po_database) if t[0] == "zangezur-corridor" and t[1] == "kk"}
    assert kazakh == {
        "Зангезур дәлізі": ("preferred", (("az-official", "deprecated"),)),
        "Зәңгезур дәлізі": ("admitted", (("az-official", "preferred"),)),
    }


def _glossary(text: str):
    from glossary.formats import FORMATS

    return FORMATS["csv"].read(text.encode(), "x.csv")


def test_poedit_style_save_keeps_the_mark_and_is_read_as_the_glossary(po_invoke, tmp_path):
    catalogue = polib.pofile(export_po(po_invoke, tmp_path, "--lang", "ru").decode())
    catalogue.metadata["X-Generator"] = "Poedit 3.4.2"
    catalogue.metadata["Last-Translator"] = "Daniyar <d@example.kz>"
    translations = read_translations(str(catalogue).encode(), "ru.po")
    assert (translations.source, translations.target, translations.style) == ("en", "ru", None)


def test_a_po_without_the_glossary_mark_is_not_read_as_the_glossary(po_invoke, po_database, tmp_path):
    data = export_po(po_invoke, tmp_path, "--lang", "ru").replace(b'"X-Tilmash-Glossary: source=en; target=ru\\n"\n', b"")
    with pytest.raises(NotAGlossaryCatalogue) as caught:
        read_translations(data, "cms.po")
    assert str(caught.value) == ("cms.po: not a Tilmash glossary catalogue (its header has no X-Tilmash-Glossary field): "
                                 "a PO file of other origin goes into the translation memory")
    before = glossary_terms(po_database)
    (tmp_path / "cms.po").write_bytes(data)
    as_glossary = po_invoke("import", "--into", "glossary", "cms.po")
    assert as_glossary.exit_code == 2 and as_glossary.stderr.startswith("error: cms.po: not a Tilmash glossary catalogue")
    as_memory = po_invoke("import", "cms.po")  # without --into: a PO file of other origin is bilingual memory
    assert len(polib.pofile(data.decode("utf-8")).translated_entries()) == 6
    # the two concepts named Astana have one English and one Russian text: one unit, merged
    assert (as_memory.exit_code, as_memory.stdout) == (0, "cms.po: 5 units added, 1 merged, 0 skipped\n")
    assert glossary_terms(po_database) == before


def test_unknown_concepts_fuzzy_and_plural_entries_are_not_applied(po_database):
    text = ('msgid ""\nmsgstr ""\n"Language: kk\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"X-Tilmash-Glossary: source=en\\n"\n\n'
            'msgctxt "atyrau"\nmsgid "Atyrau"\nmsgstr "Атырау"\n\n'
            '#, fuzzy\nmsgctxt "middle-corridor"\nmsgid "Middle Corridor"\nmsgstr "Орта дәліз"\n\n'
            'msgid "%d city"\nmsgid_plural "%d cities"\nmsgstr[0] "%d қала"\nmsgstr[1] "%d қала"\n')
    with po_database.session(actor="tester") as session:
        [report] = import_translations(session, [read_translations(text.encode(), "kk.po")])
    assert [(o.line, o.message) for o in report.not_applied] == [
        (7, "no concept 'atyrau' in the glossary: 'Атырау' not applied"),
        (16, "a plural entry is not a glossary term: not applied"),
    ]
    assert (report.fuzzy, report.applied) == (1, [])


def test_a_house_style_the_glossary_lacks_is_bad_input(po_database):
    text = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"X-Tilmash-Glossary: source=en; target=kk; style=tass\\n"\n\nmsgctxt "fuzuli"\nmsgid "Fuzuli"\nmsgstr "Физули"\n')
    with po_database.session(actor="tester") as session, pytest.raises(FormatError) as caught:
        import_translations(session, [read_translations(text.encode(), "kk.po")])
    assert str(caught.value) == ("kk.po: the header's X-Tilmash-Glossary names a house style this glossary does not have: "
                                 "unknown style 'tass'; this glossary has: az-official")


def test_a_glossary_csv_and_a_catalogue_import_together_or_not_at_all(po_invoke, po_database, tmp_path):
    edited = translate_like_weblate(export_po(po_invoke, tmp_path, "--lang", "kk"), {"middle-corridor": "Орта дәліз"})
    (tmp_path / "kk.po").write_bytes(edited)
    (tmp_path / "conflict.csv").write_text("concept,lang,term,status\nfuzuli,en,Füzuli,preferred\n", encoding="utf-8")
    before = glossary_terms(po_database)
    result = po_invoke("import", "kk.po", "conflict.csv")
    assert result.exit_code == 2
    assert glossary_terms(po_database) == before


def catalogue_with_header(header: str) -> bytes:
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + header +
            '\nmsgctxt "fuzuli"\nmsgid "Fuzuli"\nmsgstr "Физули"\n').encode()


@pytest.mark.parametrize(
    ("header", "message"),
    [
        pytest.param('"X-Tilmash-Glossary: source=xx; target=kk\\n"\n',
                     "kk.po:4: the header's X-Tilmash-Glossary source 'xx' is not a language code", id="bad-source"),
        pytest.param('"X-Tilmash-Glossary: source=en\\n"\n',
                     "kk.po:1: no Language in the PO header: it says which language the translations are in", id="no-target"),
        pytest.param('"Language: Kazakh\\n"\n"X-Tilmash-Glossary: source=en\\n"\n',
                     "kk.po:4: the header's Language 'Kazakh' is not a language code", id="target-not-a-language"),
    ],
)
def test_a_glossary_catalogue_without_its_languages_is_refused_with_the_line(header, message):
    with pytest.raises(FormatError) as caught:
        read_translations(catalogue_with_header(header), "kk.po")
    assert str(caught.value) == message


def test_the_language_header_is_read_in_gettexts_form():
    header = '"Language: kk@cyrillic\\n"\n"X-Tilmash-Glossary: source=en\\n"\n'
    assert read_translations(catalogue_with_header(header), "kk.po").target == "kk-Cyrl"

"""One conformance suite for every glossary format, files shaped like other tools'
exports, and a folder of bad files, each with the message it must produce."""

import dataclasses
from pathlib import Path

import pytest

from glossary.errors import FormatError
from glossary.formats import FORMATS, format_for_path, read_glossary_file
from glossary.records import CaseRule, ConceptEntry, Glossary, PartOfSpeech, TermEntry, TermStatus, format_periods

from .conftest import DATA

FOUR_LANGUAGES = DATA / "glossary" / "four-languages.csv"


def tricky_glossary() -> Glossary:
    """Characters that break naive writers: quotes, commas, newlines, markup, Turkic and Kazakh letters."""
    return Glossary([
        ConceptEntry(
            "kurmangazy-centre", subject_field="organization",
            definition='Children\'s centre in Fuzuli, "a gift of Kazakhstan", built 2024.',
            note="Two names in the press:\nAZERTAC and The Astana Times differ.",
            terms=[
                TermEntry("en", "Kurmangazy Children’s Creativity Center", TermStatus.PREFERRED,
                          note="curly apostrophe, as AZERTAC writes it", source="corpus/001, AZERTAC",
                          part_of_speech=PartOfSpeech.NOUN),
                TermEntry("en", "Kurmangazy Center for Children’s Creative Development", TermStatus.DEPRECATED,
                          source="corpus/002 <The Astana Times> & co"),
                TermEntry("kk", "Құрманғазы атындағы балалар шығармашылығы орталығы", TermStatus.PREFERRED),
                TermEntry("az", "Kurmanğazı adına Uşaq Yaradıcılıq Mərkəzi", TermStatus.PREFERRED,
                          styles=(("az-official", TermStatus.PREFERRED),)),
                TermEntry("ru", "Центр детского творчества имени Курмангазы", TermStatus.PREFERRED),
            ],
        ),
        ConceptEntry("baku-tbilisi-ceyhan", terms=[
            TermEntry("en", "Baku–Tbilisi–Ceyhan pipeline", TermStatus.PREFERRED),
            TermEntry("en", "BTC", TermStatus.ADMITTED, case_rule=CaseRule.STRICT),
            TermEntry("en", "Baku-Tbilisi-Ceyhan pipeline", TermStatus.DEPRECATED, note="hyphens instead of en dashes"),
            TermEntry("en", "İLHAM\u00a0ƏLİYEV", TermStatus.ADMITTED, case_rule=CaseRule.INSENSITIVE),
        ]),
    ])


class FormatConformance:
    """What every glossary format must do; subclassed once per format."""

    format_name: str
    write_options: dict = {}

    def write(self, glossary: Glossary) -> bytes:
        return FORMATS[self.format_name].write(glossary, **self.write_options)

    def read(self, data: bytes) -> Glossary:
        return FORMATS[self.format_name].read(data, f"roundtrip.{self.format_name}")

    def test_round_trip_of_four_languages_and_all_statuses_is_lossless(self):
        original = read_glossary_file(FOUR_LANGUAGES)
        statuses = {t.status for c in original.concepts for t in c.terms}
        assert statuses == set(TermStatus) and original.languages() == ["en", "az", "kk", "ru"]
        assert self.read(self.write(original)).normalized() == original.normalized()

    def test_round_trip_keeps_every_character_and_field(self):
        original = tricky_glossary()
        assert self.read(self.write(original)).normalized() == original.normalized()

    def test_output_is_stable(self):
        once = self.write(read_glossary_file(FOUR_LANGUAGES))
        assert self.write(self.read(once)) == once

    def test_house_styles_survive(self):
        back = self.read(self.write(read_glossary_file(FOUR_LANGUAGES)))
        zangezur = next(c for c in back.concepts if c.id == "zangezur-corridor")
        styles = {t.text: t.styles for t in zangezur.terms if t.styles}
        assert styles == {
            "Zangazur corridor": (("az-official", TermStatus.PREFERRED),),
            "Zangezur corridor": (("az-official", TermStatus.DEPRECATED),),
        }


    def test_validity_periods_survive(self):
        back = self.read(self.write(read_glossary_file(FOUR_LANGUAGES)))
        astana = next(c for c in back.concepts if c.id == "astana")
        periods = {t.text: format_periods(t.periods) for t in astana.terms if t.lang == "en"}
        assert periods == {"Astana": "1998-05-06/2019-03-19;2022-09-17/", "Nur-Sultan": "2019-03-20/2022-09-17",
                           "Akmola": "1992/1998-05-05"}


class TestCsv(FormatConformance):
    format_name = "csv"

    def test_reads_semicolons_and_bom_as_spreadsheets_write_them(self):
        data = "\ufeffconcept;lang;term;status\r\nalmaty;kk;Алматы;preferred\r\n".encode()
        glossary = self.read(data)
        assert glossary.concepts[0].terms == [TermEntry("kk", "Алматы", TermStatus.PREFERRED)]

    def test_reads_utf16_with_bom(self):
        data = "concept\tlang\tterm\tstatus\nalmaty\tkk\tАлматы\tpreferred\n".encode("utf-16")
        assert self.read(data).concepts[0].terms[0].text == "Алматы"


class TestTbx2008(FormatConformance):
    format_name = "tbx"
    write_options = {"version": "2008"}

    def test_writes_martif(self):
        assert b"<martif" in self.write(tricky_glossary())


class TestTbx3(FormatConformance):
    format_name = "tbx"
    write_options = {"version": "3"}

    def test_writes_tbx_v3_namespace(self):
        assert b'<tbx xmlns="urn:iso:std:iso:30042:ed-2"' in self.write(tricky_glossary())


def terms_of(glossary: Glossary) -> list[tuple]:
    return [(c.id, t.lang, t.text, t.status.value) for c in glossary.concepts for t in c.terms]


def test_memoq_export_reads_with_language_level_definition():
    glossary = read_glossary_file(DATA / "tbx" / "memoq-export.tbx")
    assert terms_of(glossary) == [
        ("_1", "en-US", "Port of Baku", "preferred"),
        ("_1", "en-US", "Baku International Sea Port", "deprecated"),
        ("_1", "ru", "Бакинский международный морской торговый порт", "preferred"),
        ("_2", "en-US", "COP29", "preferred"),
        ("_2", "en-US", "COP-29", "deprecated"),
    ]
    port = glossary.concepts[0]
    assert (port.subject_field, port.definition) == ("places", "Sea port of Baku, in the settlement of Alat.")
    assert port.terms[0].part_of_speech is PartOfSpeech.NOUN
    assert [str(w) for w in glossary.warnings] == [
        f"{DATA / 'tbx' / 'memoq-export.tbx'}:29: 1 <descrip type=\"context\"> element not kept: Tilmash has no field for them",
        f"{DATA / 'tbx' / 'memoq-export.tbx'}:17: 1 <transacGrp> element not kept: Tilmash has no field for them",
    ]


def test_multiterm_export_reads_utf16_ntig_and_uppercase_languages():
    glossary = read_glossary_file(DATA / "tbx" / "multiterm-export.tbx")
    assert terms_of(glossary) == [
        ("c1", "en-GB", "Almaty", "preferred"),
        ("c1", "en-GB", "Alma-Ata", "superseded"),
        ("c1", "kk", "Алматы", "preferred"),
    ]
    assert glossary.concepts[0].definition == "Kazakhstan's largest city, capital until 1997."
    assert glossary.concepts[0].terms[1].note == "Name until 1993."


def test_weblate_export_with_doctype_and_no_ids_gets_ids_from_its_terms():
    glossary = read_glossary_file(DATA / "tbx" / "weblate-export.tbx")
    assert terms_of(glossary) == [
        ("middle-corridor", "en", "Middle Corridor", "admitted"),
        ("middle-corridor", "kk", "Орта дәліз", "admitted"),
        ("organization-of-turkic-states", "en", "Organization of Turkic States", "admitted"),
        ("organization-of-turkic-states", "en", "Turkic Council", "superseded"),
    ]
    assert glossary.concepts[1].terms[0].note == "OTS since 2021"


def test_tbx_v3_reads_styles_from_notes():
    glossary = read_glossary_file(DATA / "tbx" / "tbx3-basic.tbx")
    russian = {t.text: (t.status, t.styles) for t in glossary.concepts[0].terms if t.lang == "ru"}
    assert russian == {
        "Нахичевань": (TermStatus.PREFERRED, (("az-official", TermStatus.DEPRECATED),)),
        "Нахчыван": (TermStatus.ADMITTED, (("az-official", TermStatus.PREFERRED),)),
    }
    assert glossary.concepts[0].terms[1].source == "Soviet-era romanisation"


def test_csv_rows_of_a_term_alone_and_rows_with_more_read_alike():
    """Most rows are a term and nothing else (read without the general path); the others, and rows
    spelled loosely, give the same records: codes and statuses normalised, lines kept, notes attached."""
    data = (
        "concept,lang,term,status,note,concept_note\n"
        "fuzuli,EN_us,Fuzuli,preferred,,\n"
        "fuzuli,en-US,Fizuli, Deprecated ,,\n"
        "fuzuli,en_US,Füzuli,admitted, ,\n"
        "fuzuli,ru,Физули,preferred,Soviet spelling kept,\n"
        "\n"
        "zangezur,ru,Зангезурский коридор,preferred,,a corridor\n"
        " zangezur ,az,Zəngəzur dəhlizi,preferred,,\n"
    ).encode()
    glossary = format_for_path(Path("g.csv")).read(data, "g.csv")
    fuzuli, zangezur = glossary.concepts
    assert fuzuli.terms == [
        TermEntry("en-US", "Fuzuli", TermStatus.PREFERRED),
        TermEntry("en-US", "Fizuli", TermStatus.DEPRECATED),
        TermEntry("en-US", "Füzuli", TermStatus.ADMITTED),
        TermEntry("ru", "Физули", TermStatus.PREFERRED, note="Soviet spelling kept"),
    ]
    assert [t.line for t in fuzuli.terms] == [2, 3, 4, 5] and fuzuli.line == 2
    assert zangezur.note == "a corridor" and zangezur.line == 7
    assert [(t.lang, t.text, t.line) for t in zangezur.terms] == [("ru", "Зангезурский коридор", 7), ("az", "Zəngəzur dəhlizi", 8)]


def test_csv_plain_rows_with_the_columns_in_another_order():
    """A term alone on its row is read from its four cells wherever the header puts them; its record
    is the one the dataclass makes (equal, the same hash and repr)."""
    data = ("lang,status,term,concept\n"
            "en,preferred,Fuzuli,fuzuli\n"
            " ru , deprecated ,Физули, fuzuli\n"
            "az,Admitted,Füzuli,fuzuli\n").encode()
    (fuzuli,) = format_for_path(Path("g.csv")).read(data, "g.csv").concepts
    expected = [TermEntry("en", "Fuzuli", TermStatus.PREFERRED), TermEntry("ru", "Физули", TermStatus.DEPRECATED),
                TermEntry("az", "Füzuli", TermStatus.ADMITTED)]
    assert fuzuli.terms == expected
    made = [dataclasses.replace(t, line=n) for t, n in zip(expected, (2, 3, 4))]
    assert [(hash(t), repr(t)) for t in fuzuli.terms] == [(hash(t), repr(t)) for t in made]


def test_csv_plain_row_with_a_problem_is_reported_as_any_row():
    data = "concept,lang,term,status\nfuzuli,en,Fuzuli,preferred\nfuzuli,xx,Fizuli,preferred\nfuzuli,en,,admitted\n".encode()
    with pytest.raises(FormatError) as caught:
        format_for_path(Path("g.csv")).read(data, "g.csv")
    assert [str(p) for p in caught.value.problems] == [
        "g.csv:3: unknown language code 'xx': 'xx' is not a language in CLDR",
        "g.csv:4: empty 'term'",
    ]


BAD = DATA / "bad"


@pytest.mark.parametrize(
    ("name", "messages"),
    [
        pytest.param("unknown-status.csv", ["3: unknown status 'forbidden'; use one of preferred, admitted, deprecated, superseded"], id="csv-unknown-status"),
        pytest.param("unknown-status.tbx", [
            "8: unknown administrativeStatus 'forbidden'; TBX-Basic allows preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts, supersededTerm-admn-sts",
            "11: unknown region 'XX' in language code 'az-Latn-XX'",
        ], id="tbx-unknown-status-and-language"),
        pytest.param("invalid-language.csv", [
            "3: unknown language code 'english': 'english' is not a language in CLDR",
            "4: unknown language code 'xx': 'xx' is not a language in CLDR",
        ], id="csv-invalid-language"),
        pytest.param("two-preferred.csv", ["3: two preferred terms for concept 'fuzuli' in en: 'Fuzuli' (line 2) and 'Fizuli'; a language has one preferred term"], id="two-preferred"),
        pytest.param("two-preferred-in-style.csv", ["3: two preferred terms for concept 'zangezur' in en in style 'az-official': 'Zangezur corridor' (line 2) and 'Zangazur corridor'; a language has one preferred term"], id="two-preferred-in-style"),
        pytest.param("style-without-term.csv", ["3: style 'az-official' gives a status to 'Zangazur corridor' (en), but concept 'zangezur' has no row for that term without a style"], id="style-row-without-term"),
        pytest.param("duplicate-concept.tbx", ["9: duplicate concept id 'fuzuli' (first at line 6)"], id="duplicate-concept-id"),
        pytest.param("broken.tbx", ["7: broken XML: Opening and ending tag mismatch: langSet line 6 and termEntry"], id="broken-xml"),
        pytest.param("cp1251.tbx", ["3: broken XML: Invalid bytes in character encoding (the file is not in the encoding it declares; save it as UTF-8)"], id="xml-wrong-encoding"),
        pytest.param("latin1.csv", ["3: not valid UTF-8 (byte 0xfc); save the file as UTF-8"], id="csv-wrong-encoding"),
        pytest.param("binary.csv", [" not a text file (binary data)"], id="binary"),
        pytest.param("billion-laughs.tbx", ["3: the file declares XML entities (lol); entity expansion is off for untrusted files, so it is refused (this is how billion-laughs and XXE attacks work)"], id="billion-laughs"),
        pytest.param("xxe-file.tbx", ["2: the file declares XML entities (secret); entity expansion is off for untrusted files, so it is refused (this is how billion-laughs and XXE attacks work)"], id="xxe-local-file"),
        pytest.param("xxe-network.tbx", ["2: the file declares XML entities (remote); entity expansion is off for untrusted files, so it is refused (this is how billion-laughs and XXE attacks work)"], id="xxe-network"),
        pytest.param("not-tbx.tbx", ["2: not a TBX file: the root element is <html>, expected <martif> (TBX 2008) or <tbx> (TBX v3)"], id="not-tbx"),
        pytest.param("bad-header.csv", ["1: bad header: missing column lang; unknown column language; known: concept, lang, term, status, style, case, part_of_speech, note, source, valid, subject_field, definition, concept_note"], id="bad-header"),
        pytest.param("empty.csv", ["1: empty file; expected a header concept,lang,term,status"], id="empty"),
        pytest.param("bad-concept-id.csv", ["2: invalid concept id 'fuzuli city': it must start with a letter or '_' and contain only letters, digits, '.', '-' and '_' (at most 200 characters)"], id="bad-concept-id"),
        pytest.param("wrong-field-count.csv", ["2: expected 4 fields, found 5"], id="wrong-field-count"),
        pytest.param("bad-periods.csv", [
            "3: valid: the period '2022-09-17/2019-03-20' ends before it starts",
            "4: valid: the periods '1992/1998' and '1997/1999' overlap; periods of one term must not",
            "5: valid: malformed date '1961-13': no such month",
            "6: valid: malformed period '1832-1961': write START/END, such as 2019-03-20/2022-09-17, 1935/1989 or /1993 (an open end left empty)",
            "7: valid: the periods '/1993' and '1993/' overlap; periods of one term must not",
            "8: valid: malformed period '1855/1921/': write START/END, such as 2019-03-20/2022-09-17, 1935/1989 or /1993 (an open end left empty)",
            "9: valid: malformed date '1855-02-30': no such day",
        ], id="csv-bad-periods"),
        pytest.param("bad-periods.tbx", [
            "9: tilmash-valid: the periods '2019-03-20/2022-09-17' and '2022-01/2023' overlap; periods of one term must not",
            "14: tilmash-valid: malformed period '1992': write START/END, such as 2019-03-20/2022-09-17, 1935/1989 or /1993 (an open end left empty)",
        ], id="tbx-bad-periods"),
    ],
)
def test_bad_file_is_refused_with_file_line_and_reason(name, messages):
    path = BAD / name
    with pytest.raises(FormatError) as caught:
        read_glossary_file(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:{m}" for m in messages]


def test_every_bad_file_has_a_case():
    cases = {p.values[0] for p in test_bad_file_is_refused_with_file_line_and_reason.pytestmark[0].args[1]}
    assert cases == {p.name for p in BAD.iterdir()}


def test_unknown_extension_is_refused():
    with pytest.raises(FormatError, match=r"unknown glossary file type '\.xlsx'; expected one of \.tbx, \.csv"):
        format_for_path(Path("terms.xlsx"))


def test_missing_file_is_reported():
    with pytest.raises(FormatError, match=r"missing\.csv: cannot read file: No such file or directory"):
        read_glossary_file(Path("missing.csv"))

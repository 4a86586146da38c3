"""Our TBX validates against the shared schemas and reads back in translate-toolkit."""

import pytest
from translate.storage import tbx as tt_tbx

from glossary.formats import FORMATS, read_glossary_file

from .support.schemas import tbx_errors
from .test_formats import FOUR_LANGUAGES, tricky_glossary


@pytest.mark.parametrize("version", ["2008", "3"])
@pytest.mark.parametrize("glossary", [pytest.param(tricky_glossary, id="tricky"),
                                      pytest.param(lambda: read_glossary_file(FOUR_LANGUAGES), id="four-languages")])
def test_written_tbx_validates_against_relaxng_and_schematron(glossary, version):
    assert tbx_errors(FORMATS["tbx"].write(glossary(), version=version)) == []


@pytest.mark.parametrize(
    ("version", "change", "error"),
    [
        pytest.param("2008", (b"deprecatedTerm-admn-sts", b"forbiddenTerm-admn-sts"), "The values of administrativeStatus must be one of", id="2008-status"),
        pytest.param("2008", (b"<termNote", b"<note>x</note><termNote"), "Did not expect element termNote there", id="2008-order"),
        pytest.param("3", (b'style="dca"', b'style="dct"'), "The style of this dialect should be declared as 'dca'", id="v3-style"),
        pytest.param("3", (b"preferredTerm-admn-sts", b"preferred"), "/administrativeStatus/ type may be", id="v3-status"),
    ],
)
def test_the_validator_catches_invalid_tbx(version, change, error):
    data = FORMATS["tbx"].write(read_glossary_file(FOUR_LANGUAGES), version=version).replace(*change, 1)
    assert any(error in e for e in tbx_errors(data))


def test_translate_toolkit_reads_our_tbx():
    store = tt_tbx.tbxfile.parsestring(FORMATS["tbx"].write(read_glossary_file(FOUR_LANGUAGES)))
    units = {unit.getid(): unit for unit in store.units}
    assert set(units) == {"almaty", "astana", "fuzuli", "kassym-jomart-tokayev", "united-nations", "zangezur-corridor"}
    fuzuli = units["fuzuli"]
    assert [(t.text, t.administrative_status) for t in fuzuli.get_source_terms()] == [
        ("Fuzuli", "preferredTerm-admn-sts"),
        ("Füzuli", "admittedTerm-admn-sts"),
        ("Fizuli", "deprecatedTerm-admn-sts"),
    ]
    assert [t.text for t in fuzuli.get_target_terms("kk")] == ["Физули"]
    assert [(t.text, t.deprecated) for t in units["almaty"].get_target_terms("ru")] == [("Алматы", False), ("Алма-Ата", False)]


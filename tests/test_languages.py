import pytest

from glossary.errors import InvalidLanguage
from glossary.languages import normalize_language


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param("en", "en", id="english"),
        pytest.param("KK", "kk", id="kazakh-uppercase"),
        pytest.param("az_latn", "az-Latn", id="underscore-and-script-case"),
        pytest.param("kk-Latn", "kk-Latn", id="kazakh-latin-kept-not-resolved-to-cyrillic"),
        pytest.param("en-us", "en-US", id="memoq-region-case"),
        pytest.param("EN-GB", "en-GB", id="multiterm-uppercase"),
        pytest.param("az-Latn-AZ", "az-Latn-AZ", id="language-script-region"),
        pytest.param("es-419", "es-419", id="numeric-region"),
    ],
)
def test_valid_codes_are_normalized(code, expected):
    assert normalize_language(code) == expected


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        pytest.param("xx", "'xx' is not a language in CLDR", id="unknown-language"),
        pytest.param("english", "'english' is not a language in CLDR", id="language-name"),
        pytest.param("und", "'und' is not a language in CLDR", id="undetermined"),
        pytest.param("az-Latn-XX", "unknown region 'XX'", id="unknown-region"),
        pytest.param("az-Xxxx", "unknown script 'Xxxx'", id="unknown-script"),
        pytest.param("", "expected a BCP 47 tag", id="empty"),
        pytest.param("ru RU", "expected a BCP 47 tag", id="space"),
        pytest.param("қаз", "expected a BCP 47 tag", id="non-ascii"),
    ],
)
def test_invalid_codes_are_refused_with_the_reason(code, reason):
    with pytest.raises(InvalidLanguage, match=reason):
        normalize_language(code)

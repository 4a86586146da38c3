import pytest

from glossary.folding import search_key, slug


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("FÜZULİ", "Fuzuli", id="turkic-capital-dotted-i"),
        pytest.param("Füzuli", "fuzuli", id="diaeresis"),
        pytest.param("Fizuli", "Физули", id="latin-cyrillic"),
        pytest.param("Qəbələ", "Qabala", id="schwa"),
        pytest.param("Kassym-Jomart Tokayev", "Қасым-Жомарт Тоқаев", id="kazakh-cyrillic"),
        pytest.param("Tokayev", "Токаев", id="russian-glide-y"),
        pytest.param("Aliyev", "Алиев", id="aliyev"),
        pytest.param("Nakhchivan", "Naxçıvan", id="azerbaijani-latin-x-c-cedilla"),
        pytest.param("Nakhchivan", "Нахчыван", id="azerbaijani-russian"),
        pytest.param("COP29", "COP-29", id="hyphen"),
        pytest.param("Aktau", "Aqtau", id="kazakh-latin-q"),
    ],
)
def test_spellings_of_one_name_share_a_search_key(a, b):
    assert search_key(a) == search_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Alat", "Almaty", id="alat-almaty"),
        pytest.param("Baku", "Batumi", id="baku-batumi"),
        pytest.param("Astana", "Aktau", id="astana-aktau"),
    ],
)
def test_different_names_keep_different_keys(a, b):
    assert search_key(a) != search_key(b)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Baku–Tbilisi–Ceyhan pipeline", "baku-tbilisi-ceyhan-pipeline", id="en-dashes"),
        pytest.param("Орта дәліз", "orta-daliz", id="kazakh"),
        pytest.param("2022 roadmap", "c-2022-roadmap", id="starts-with-digit"),
        pytest.param("???", "concept", id="no-letters"),
    ],
)
def test_slug_is_a_valid_concept_id(name, expected):
    assert slug(name) == expected

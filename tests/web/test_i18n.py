"""The UI's four catalogues: complete, valid, chosen from the browser or the switcher; dates and
numbers formatted for the language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from glossary.termbase import bundled_glossary

ROOT = Path(__file__).parents[2]
LANGUAGES = ["en", "az", "kk", "ru"]


def code_strings() -> set:
    """Every string the code and templates pass to gettext, extracted now (as pybabel extract does)."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / "webapp", method_map, options_map, keywords=keywords):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def catalogue(lang: str):
    with (ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_passes_babel_checks(lang):
    problems = [(message.id, str(error)) for message, errors in catalogue(lang).check() for error in errors]
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_translates_every_string_of_the_code(lang):
    catalog = catalogue(lang)
    translated = {m.id for m in catalog if m.id and m.string and all(m.string if isinstance(m.string, tuple) else [m.string])
                  and not m.fuzzy}
    assert sorted(map(str, code_strings() - translated)) == []


def test_the_completeness_check_fails_on_a_missing_string(monkeypatch):
    catalog = catalogue("kk")
    del catalog["Sign in"]
    translated = {m.id for m in catalog if m.id and m.string}
    assert "Sign in" in code_strings() - translated


@pytest.mark.parametrize("accept, expected", [
    pytest.param("kk-KZ,kk;q=0.9,ru;q=0.8", "Кіру", id="kazakh"),
    pytest.param("az", "Daxil ol", id="azerbaijani"),
    pytest.param("ru-RU", "Войти", id="russian"),
    pytest.param("fr-FR,de;q=0.5", "Sign in", id="unknown-falls-back-to-english"),
])
def test_language_from_accept_language(reader, accept, expected):
    page = reader.get("/glossary/", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert f">{expected}</a>" in page


def test_the_switcher_is_remembered(reader):
    client = reader
    from .conftest import csrf_token

    response = client.post("/language", data={"lang": "kk", "next": "/glossary/", "csrf_token": csrf_token(client, "/")},
                           headers={"Accept-Language": "ru"})
    assert response.status_code == 302 and response.headers["Location"] == "/glossary/"
    page = client.get("/glossary/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert '<html lang="kk">' in page and "Глоссарий" in page and "Іздеу" in page


def test_numbers_and_dates_follow_the_language(reader):
    client = reader
    ru = client.get("/glossary/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    concepts = len(bundled_glossary().concepts)
    ones, tens = concepts % 10, concepts % 100  # Russian plural: 1 понятие, 3 понятия, 99 понятий
    word = "понятие" if ones == 1 and tens != 11 else "понятия" if 2 <= ones <= 4 and not 12 <= tens <= 14 else "понятий"
    assert f"{concepts} {word}" in ru
    history = client.get("/glossary/fuzuli/history", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert re.search(r"\d{4}\s?г\.,", history)  # Babel's medium date for Russian: 3 дек. 2026 г., 22:59:00

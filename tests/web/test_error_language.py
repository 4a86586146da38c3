"""Every API error's message in the request's language (Accept-Language): the web app's own, werkzeug's,
marshmallow's and the library's (webapp/error_messages.py). A library error carries its message's id
(glossary/errors.py MESSAGES): an id without an entry there, or an error raised without its id, fails
these tests."""

from __future__ import annotations

import re
import string

import pytest

from glossary.accounts import AccountError
from glossary.errors import MESSAGES, FormatError, GlossaryError, Problem
from glossary.formats import read_glossary_file
from glossary.formats.po import read_catalogue
from glossary.languages import normalize_language
from glossary.records import Role
from webapp.error_messages import LIBRARY, library_message, problem_text

from ..conftest import DATA
from .conftest import bearer
from .test_errors import assert_error_shape

CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)

CASES = [  # method, path, request kwargs, status, a part of the request the message must still name
    pytest.param("get", "/api/nowhere", {}, 404, "/api/nowhere", id="unknown-address"),
    pytest.param("delete", "/api/lint", {}, 405, "DELETE", id="wrong-method"),
    pytest.param("post", "/api/lint", {"json": {"lang": "en"}}, 422, "text", id="missing-field"),
    pytest.param("post", "/api/lint", {"json": {"text": "x", "lang": "fr"}}, 422, "kk", id="unknown-language-choice"),
    pytest.param("post", "/api/lint", {"json": {"text": "x", "date": "2026-13-01"}}, 422, "date", id="not-a-date"),
    pytest.param("post", "/api/lint", {"json": ["x"]}, 422, None, id="body-not-an-object"),
    pytest.param("post", "/api/lint", {"data": "{not json", "content_type": "application/json"}, 400, None, id="broken-json"),
    pytest.param("post", "/api/lint", {"json": {"text": "x", "style": "no-such-style"}}, 400, "no-such-style", id="unknown-style"),
    pytest.param("get", "/api/terms?q=x&limit=0", {}, 422, "200", id="out-of-range"),
    pytest.param("get", "/api/terms?q=x&limit=many", {}, 422, "limit", id="not-a-number"),
    pytest.param("get", "/api/tm/search?q=Fuzuli&min_score=nan", {}, 422, "min_score", id="nan"),
    pytest.param("get", "/api/concepts/no-such-concept", {}, 404, "no-such-concept", id="unknown-concept"),
    pytest.param("post", "/api/concepts", {"json": {"id": "x", "terms": []}}, 401, "Bearer", id="write-without-account"),
    pytest.param("get", "/api/export/po", {}, 400, "po", id="catalogue-without-target"),
    pytest.param("get", "/api/export/po?lang=en", {}, 400, "en", id="target-is-source"),
    pytest.param("get", "/api/export/po?lang=xx-nope", {}, 400, "xx-nope", id="unknown-language-code"),
    pytest.param("get", "/api/export/csv?status=missing", {}, 400, "csv", id="filter-that-does-not-apply"),
    pytest.param("get", "/api/export/tmx?source=en", {}, 400, None, id="half-a-pair"),
    pytest.param("get", "/api/tm/search?q=Fuzuli&source=en&target=en", {}, 400, "en", id="same-languages"),
    pytest.param("get", "/api/tm/concordance?q=%21%21", {}, 400, None, id="phrase-without-words"),
    pytest.param("post", "/api/qa", {"json": {"source": {"text": "a"}}}, 422, None, id="source-without-target"),
    pytest.param("post", "/api/changes/4477940112619525373952/revert", {}, 404, None, id="id-beyond-the-database"),
]


@pytest.mark.parametrize("lang", ["az", "kk", "ru"])
@pytest.mark.parametrize("method, path, kwargs, status, kept", CASES)
def test_error_messages_are_in_the_requests_language(reader, lang, method, path, kwargs, status, kept):
    english = assert_error_shape(getattr(reader, method)(path, headers={"Accept-Language": "en"}, **kwargs), status)
    translated = assert_error_shape(getattr(reader, method)(path, headers={"Accept-Language": lang}, **kwargs), status)
    assert translated["message"] != english["message"]
    if kept:
        assert kept in translated["message"]
    if lang != "az":
        assert CYRILLIC.search(translated["message"])


@pytest.mark.parametrize("lang, expected", [
    pytest.param("ru", "Понятия с идентификатором «no-such-concept» нет.", id="russian"),
    pytest.param("kk", "«no-such-concept» идентификаторы бар ұғым жоқ.", id="kazakh"),
    pytest.param("az", "“no-such-concept” identifikatorlu anlayış yoxdur.", id="azerbaijani"),
    pytest.param("en", "no concept with id 'no-such-concept'", id="english-as-the-command-line"),
])
def test_a_missing_concept_reads_naturally(reader, lang, expected):
    response = reader.get("/api/concepts/no-such-concept", headers={"Accept-Language": lang})
    assert response.get_json()["error"]["message"] == expected


def test_the_role_a_token_lacks_is_named_in_the_language(api, token):
    response = api.delete("/api/concepts/fuzuli", headers={**bearer(token(Role.TRANSLATOR)), "Accept-Language": "ru"})
    assert assert_error_shape(response, 403)["message"] == "Для этого нужна роль «терминолог»"


def test_refused_input_lists_its_problems_in_the_language(api, token):
    body = {"id": "new-place", "terms": [{"lang": "en", "text": "A", "status": "preferred"},
                                         {"lang": "en", "text": "B", "status": "preferred"},
                                         {"lang": "xx-nope", "text": "C", "status": "admitted"}]}
    response = api.post("/api/concepts", json=body, headers={**bearer(token(Role.TERMINOLOGIST)), "Accept-Language": "kk"})
    error = assert_error_shape(response, 400)
    assert error["problems"] == ["concept term 3: Белгісіз тіл коды «xx-nope»: «xx» деген тіл жоқ."]
    assert error["message"] == error["problems"][0]


def test_a_conflict_says_so_in_the_language_and_keeps_both_versions(api, token):
    headers = {**bearer(token(Role.TERMINOLOGIST)), "Accept-Language": "az"}
    concept = api.get("/api/concepts/aktau").get_json()
    first = {**concept, "note": "first"}
    assert api.put("/api/concepts/aktau", json=first, headers=headers).status_code == 200
    error = assert_error_shape(api.put("/api/concepts/aktau", json={**concept, "note": "second"}, headers=headers), 409)
    assert error["message"].startswith("Siz “aktau” anlayışını açandan sonra onu başqası dəyişib.")
    assert error["current"]["note"] == "first"


def test_an_upload_over_the_limit_says_the_limit(app, api, token):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024 // 2
    response = api.post("/api/imports", data={"file": (__import__("io").BytesIO(b"x" * 600_000), "big.tmx")},
                        headers={**bearer(token(Role.TRANSLATOR)), "Accept-Language": "ru"})
    assert assert_error_shape(response, 413)["message"] == "Запрос больше, чем принимает сервер (не больше 0,5 МБ)"


def test_a_bug_is_a_translated_500(app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("webapp.api.lint.lint_text_cached", broken)  # (what the view calls, LINT_CACHE_MB being on)
    app.config["WTF_CSRF_ENABLED"] = False
    response = app.test_client().post("/api/lint", json={"text": "Fizuli"}, headers={"Accept-Language": "kk"})
    assert assert_error_shape(response, 500)["message"] == "Ішкі қате: сервер бұл сұрауға жауап бере алмады"


def test_two_preferred_terms_in_a_style_name_the_style(api, token):
    body = {"id": "new-place", "terms": [
        {"lang": "ru", "text": "Нахчыван-2", "status": "admitted", "styles": {"az-official": "preferred"}},
        {"lang": "ru", "text": "Нахичевань-2", "status": "preferred", "styles": {"az-official": "preferred"}}]}
    response = api.post("/api/concepts", json=body, headers={**bearer(token(Role.TERMINOLOGIST)), "Accept-Language": "ru"})
    assert assert_error_shape(response, 400)["problems"] == [
        "concept new-place: У понятия «new-place» в редакционном стиле az-official два основных термина на языке ru: "
        "«Нахчыван-2» и «Нахичевань-2». В одном стиле у языка может быть только один основной термин."]


@pytest.mark.parametrize("path, expected", [
    pytest.param("/memory/concordance?q=%21%21", "Искать нечего: во фразе нет ни одного слова.", id="concordance-page"),
    pytest.param("/memory/?q=Fuzuli&source=en&target=en", "Язык оригинала и язык перевода совпадают (en)", id="search-page"),
])
def test_the_memory_pages_say_what_is_wrong_in_the_language(reader, path, expected):
    response = reader.get(path, headers={"Accept-Language": "ru"})
    assert expected in response.get_data(as_text=True)


# the library's errors by id ------------------------------------------------------------------------

def test_every_library_message_id_has_its_ui_sentence():
    assert sorted(LIBRARY) == sorted(MESSAGES)


@pytest.mark.parametrize("message_id", sorted(MESSAGES))
def test_a_ui_sentence_uses_only_what_the_error_gives(message_id):
    given = {name for _, name, _, _ in string.Formatter().parse(MESSAGES[message_id]) if name}
    assert set(re.findall(r"%\((\w+)\)s", LIBRARY[message_id]._args[0])) <= given


def test_the_message_is_found_by_its_id_not_its_wording(shared_app):
    error = AccountError("reworded in English, as the command line may one day say it")
    error.identify("user.exists", {"name": "bob"})
    with shared_app.test_request_context("/", headers={"Accept-Language": "ru"}):
        assert library_message(error) == "Пользователь «bob» уже есть."
    with shared_app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert library_message(error) == "reworded in English, as the command line may one day say it"


def test_an_error_without_an_id_keeps_its_english(shared_app):
    with shared_app.test_request_context("/", headers={"Accept-Language": "kk"}):
        assert library_message(GlossaryError("no concept with id 'x'")) == "no concept with id 'x'"


@pytest.mark.parametrize("code, message_id, english", [
    pytest.param("xx-nope", "language.unknown", "unknown language code 'xx-nope': 'xx' is not a language in CLDR",
                 id="unknown"),
    pytest.param("e n", "language.invalid",
                 "invalid language code 'e n': expected a BCP 47 tag such as 'en', 'kk' or 'az-Latn'", id="invalid"),
])
def test_the_library_raises_with_the_id_and_the_command_lines_english(code, message_id, english):
    with pytest.raises(GlossaryError) as raised:
        normalize_language(code)
    assert raised.value.message_id == message_id and str(raised.value) == english


def test_a_problem_keeps_its_id_and_says_where(shared_app):
    problem = Problem.of("concept x", 3, "term.empty", id="x", lang="kk")
    assert str(problem) == "concept x:3: empty term in concept 'x' (kk)"
    with shared_app.test_request_context("/", headers={"Accept-Language": "az"}):
        assert problem_text(problem) == "concept x:3: " + str(LIBRARY["term.empty"]) % {"id": "x", "lang": "kk"}
        assert problem_text(problem) != "concept x:3: " + str(LIBRARY["term.empty"]._args[0]) % {"id": "x", "lang": "kk"}


@pytest.mark.parametrize("path", [
    pytest.param(path, id=path.name) for path in sorted((DATA / "bad").iterdir()) + sorted((DATA / "po" / "bad").iterdir())])
def test_every_problem_of_a_refused_glossary_file_goes_by_its_id(shared_app, path):
    """The glossary readers' problems (tests/data/bad, tests/data/po/bad): none is English free text the UI cannot say."""
    with pytest.raises(FormatError) as refused:
        read_catalogue(path.read_bytes(), path.name) if path.suffix == ".po" else read_glossary_file(path)
    assert all(p.message_id in LIBRARY for p in refused.value.problems), [str(p) for p in refused.value.problems]
    with shared_app.test_request_context("/", headers={"Accept-Language": "kk"}):
        for problem in refused.value.problems:
            assert problem_text(problem) != str(problem)

"""Pre-translation of a CMS catalogue (plurals, placeholders, tags, names) from a memory: what msgfmt
--check-format, Babel and Python's gettext make of the result, and each kind of entry."""

from __future__ import annotations

import contextlib
import gettext
import io
import shutil
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po

from click.testing import CliRunner

from glossary import termbase
from glossary.database import Database
from tilmash.cli import cli
from tm.importing import import_files

from ..conftest import DATA, fresh_database_url
from ..support.gettext_tools import msgfmt_check, msgfmt_compile

PO_DATA = DATA / "po"
LANGUAGES = [pytest.param("az", id="az"), pytest.param("kk", id="kk"), pytest.param("ru", id="ru")]


@pytest.fixture(scope="module")
def memory_database(tmp_path_factory):
    """The bundled glossary and memory.tmx, for the whole module (compiling the glossary takes a while)."""
    folder = tmp_path_factory.mktemp("memory")
    with fresh_database_url(folder) as url:
        database = Database(url)
        database.upgrade()
        with database.session(actor="tester") as session:
            termbase.seed_bundled_glossary(session)
            import_files(session, [PO_DATA / "memory.tmx"], actor="tester")
        yield url, folder
        database.dispose()


@pytest.fixture(scope="module")
def runs(memory_database):
    """``tilmash po pretranslate FILE -o OUT ARGS...`` on the module's database, each command run once."""
    url, folder = memory_database
    env = {"TILMASH_DATABASE_URL": url, "TILMASH_USER": "tester", "XDG_CACHE_HOME": str(folder / "cache")}
    done: dict[tuple, tuple] = {}

    def run(*args: str, file: str = "cms.pot"):
        if (file, args) not in done:
            work = folder / f"run{len(done)}"
            work.mkdir()
            shutil.copy(PO_DATA / file if "/" not in file else DATA / file, work / Path(file).name)
            with contextlib.chdir(work):
                result = CliRunner().invoke(cli, ["po", "pretranslate", Path(file).name, "-o", "out.po", *args], env=env,
                                            catch_exceptions=False)
            catalogue = polib.pofile(str(work / "out.po")) if (work / "out.po").exists() else None
            done[(file, args)] = (result, catalogue, work)
        return done[(file, args)]

    return run


@pytest.fixture
def pretranslate(runs):
    return lambda *args, file="cms.pot": runs(*args, file=file)[:2]


def by_msgid(catalogue: polib.POFile) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in catalogue}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_result_passes_msgfmt_check_format_and_loads_in_babel(runs, lang):
    result, _, work = runs("--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert msgfmt_check(work / "out.po", "--check-format") == (0, "")
    catalog = read_po(io.BytesIO((work / "out.po").read_bytes()), abort_invalid=True)
    assert str(catalog.locale) == lang
    assert [(message.id, errors) for message, errors in catalog.check()] == []


def test_summary_and_warnings(pretranslate):
    result, _ = pretranslate("--lang", "ru")
    assert result.stderr.splitlines() == [
        "warning: cms.pot:52: the memory's match (100%) lacks the placeholder %s: not used",
        "warning: cms.pot:56: the memory's match (100%) lacks the tag <b>: not used",
        "cms.pot: 13 entries: 5 filled from exact memory matches, 4 fuzzy, 4 left empty, 0 already translated (kept)",
    ]


@pytest.mark.parametrize(
    ("lang", "msgid", "msgstr", "fuzzy", "comment"),
    [
        pytest.param("ru", "Read more", "Читать далее", False, "", id="exact"),
        pytest.param("ru", "Posted by {author} on {date}", "Опубликовал {author}, {date}", False, "", id="exact-brace-placeholders"),
        pytest.param("az", 'Share on <a href="%(url)s">Facebook</a>', '<a href="%(url)s">Facebook</a>-da paylaş', False, "",
                     id="exact-tags-and-placeholder-moved"),
        pytest.param("ru", "The President arrived in Shusha.", "Президент прибыл в Шушу.", True,
                     "Tilmash: memory match 80% from memory.tmx; Габалу -> Шушу", id="fuzzy-repaired-name"),
        pytest.param("az", "The President arrived in Shusha.", "Prezident Şuşaya gəlib.", True,
                     "Tilmash: memory match 80% from memory.tmx; Qəbələyə -> Şuşaya", id="fuzzy-repaired-az-suffix"),
        pytest.param("ru", "You have %(count)d new messages in your inbox", "У вас %(count)d новых сообщений во входящих", True,
                     "Tilmash: memory match 88.9% from memory.tmx; %(n)d -> %(count)d", id="fuzzy-placeholder-renamed"),
        pytest.param("ru", "Subscribe to our weekly newsletter", "Подпишитесь на нашу рассылку", True,
                     "Tilmash: memory match 80% from memory.tmx", id="fuzzy"),
        pytest.param("kk", "President Tokayev opened the forum.", "Президент Тоқаев форумды ашты.", False,
                     "Tilmash: exact memory match; Токаев -> Тоқаев", id="name-put-in-canonical-form"),
        pytest.param("ru", "Welcome back, %s!", "", False, "", id="match-without-placeholder-not-used"),
        pytest.param("ru", "Click <b>here</b> to subscribe", "", False, "", id="match-without-tags-not-used"),
        pytest.param("ru", "Contact the editors", "", False, "", id="no-match"),
    ],
)
def test_each_kind_of_entry(pretranslate, lang, msgid, msgstr, fuzzy, comment):
    _, catalogue = pretranslate("--lang", lang)
    entry = by_msgid(catalogue)[msgid]
    assert (entry.msgstr, entry.fuzzy, entry.tcomment) == (msgstr, fuzzy, comment)


@pytest.mark.parametrize(("lang", "forms"), [pytest.param("az", ["%(count)d şərh"] * 2, id="az"),
                                             pytest.param("kk", ["%(count)d пікір"] * 2, id="kk"),
                                             pytest.param("ru", ["%(count)d комментарий", "%(count)d комментариев",
                                                                 "%(count)d комментариев"], id="ru")])
def test_plural_entries_get_the_languages_number_of_forms(pretranslate, lang, forms):
    _, catalogue = pretranslate("--lang", lang)
    comments = by_msgid(catalogue)["%(count)d comment"]
    assert [comments.msgstr_plural[n] for n in sorted(comments.msgstr_plural)] == forms
    assert comments.fuzzy and "check each of the" in comments.tcomment
    photos = by_msgid(catalogue)["%d photo"]
    assert photos.msgstr_plural == {n: "" for n in range(len(forms))}


def test_header_gets_language_and_babels_plural_forms(pretranslate):
    _, catalogue = pretranslate("--lang", "ru")
    assert catalogue.metadata["Language"] == "ru"
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=3;")
    assert catalogue.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert catalogue.metadata_is_fuzzy == []


def test_a_catalogue_with_a_bare_header_gets_one_msgfmt_accepts_without_a_warning(runs):
    """A hand-written catalogue whose header has only its charset: Language, Plural-Forms, MIME headers added."""
    result, catalogue, work = runs("--lang", "kk", file="bare-header.pot")
    assert result.exit_code == 0, result.stderr
    assert msgfmt_check(work / "out.po", "--check-format") == (0, "")
    assert (catalogue.metadata["Language"], catalogue.metadata["MIME-Version"]) == ("kk", "1.0")


def test_compiled_result_reads_in_python_gettext(runs, tmp_path):
    _, _, work = runs("--lang", "ru")
    msgfmt_compile(work / "out.po", tmp_path / "out.mo")
    translations = gettext.GNUTranslations(io.BytesIO((tmp_path / "out.mo").read_bytes()))
    assert translations.gettext("Read more") == "Читать далее"
    assert translations.gettext("The President arrived in Shusha.") == "The President arrived in Shusha."  # fuzzy: not compiled


def test_min_score_leaves_weaker_matches_empty(pretranslate):
    result, catalogue = pretranslate("--lang", "ru", "--min-score", "85")
    assert by_msgid(catalogue)["Subscribe to our weekly newsletter"].msgstr == ""
    assert by_msgid(catalogue)["You have %(count)d new messages in your inbox"].fuzzy
    assert result.stderr.splitlines()[-1] == ("cms.pot: 13 entries: 5 filled from exact memory matches, 2 fuzzy, "
                                              "6 left empty, 0 already translated (kept)")


def test_translated_entries_are_kept_unless_overwrite(pretranslate):
    result, catalogue = pretranslate("--lang", "ru", file="cms.ru.po")
    assert [(e.msgid, e.msgstr) for e in catalogue] == [("Latest news", "Новости"), ("Read more", "Читать далее")]
    assert result.stderr.splitlines()[-1].endswith("1 filled from exact memory matches, 0 fuzzy, 0 left empty, 1 already translated (kept)")
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=3; plural=(n%10==1")  # the file's own rule stays
    _, overwritten = pretranslate("--lang", "ru", "--overwrite", file="cms.ru.po")
    assert by_msgid(overwritten)["Latest news"].msgstr == "Последние новости"


def test_a_catalogue_in_another_language_is_refused(runs):
    result, _, work = runs("--lang", "kk", file="cms.ru.po")
    assert (result.exit_code, result.stderr) == (
        2, "error: cms.ru.po: the header says Language: ru, not kk; pre-translate into the catalogue's own language\n")
    assert not (work / "out.po").exists()


def test_a_broken_catalogue_exits_2_and_writes_nothing(runs):
    result, _, work = runs("--lang", "kk", file="po/bad/missing-msgstr.po")
    assert (result.exit_code, result.stderr) == (2, "error: missing-msgstr.po:7: msgid without msgstr after it\n")
    assert not (work / "out.po").exists()


def test_standard_output_without_o(memory_database, monkeypatch):
    url, folder = memory_database
    monkeypatch.setenv("TILMASH_DATABASE_URL", url)
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder / "cache"))
    result = CliRunner().invoke(cli, ["po", "pretranslate", str(PO_DATA / "cms.pot"), "--lang", "ru"], catch_exceptions=False)
    assert result.exit_code == 0
    assert 'msgstr "Читать далее"' in result.stdout

"""The archive audit in the web app: an uploaded zip or a folder on the server (administrators, inside
AUDIT_ROOT) gives the report of `tilmash audit --format html`, with no inline script."""

from __future__ import annotations

import html
import io
import os
import zipfile
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from tilmash.cli import cli

from ..audit.archive import DOCUMENTS, write_archive
from .conftest import csrf_token, sign_in


def zipped(folder=None, members=None) -> bytes:
    """A zip of the files under ``folder`` (their times kept), or of ``members`` {name: text}."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        if folder is not None:
            for name, _day, _text in DOCUMENTS:
                archive.write(folder / name, name)
        for name, text in (members or {}).items():
            archive.writestr(name, text)
    return data.getvalue()


@pytest.fixture
def archive(tmp_path):
    return write_archive(tmp_path / "archive")


@pytest.fixture
def editor(app):
    """A client signed in as the translator, and its form's CSRF token."""
    client = app.test_client()
    sign_in(client, "tina")
    return client


def post(client, **fields):
    data = {"csrf_token": csrf_token(client, "/audit/"), "style": "", "since": "", "folder": ""}
    for name, value in fields.items():
        data[name] = (io.BytesIO(value), "archive.zip") if name == "archive" else value
    return client.post("/audit/", data=data, content_type="multipart/form-data")


class Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.inline, self.handlers, self._in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [name for name in attrs if name.startswith("on")]
        if tag == "script":
            self.scripts.append(attrs.get("src"))
            self._in_script = True

    def handle_endtag(self, tag):
        self._in_script = tag != "script" and self._in_script

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline.append(data)


def body_of(page: str) -> str:
    return page[page.index("<body>"):page.index("<script")]


def test_an_uploaded_archive_gives_the_commands_report(app, editor, archive, monkeypatch):
    response = post(editor, archive=zipped(archive))
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    monkeypatch.chdir(archive)  # the command on "." names the documents as the archive does: en/2024-01-15-fuzuli.txt
    command = CliRunner().invoke(cli, ["--db", app.config["DATABASE_URL"], "audit", "--format", "html", "."])
    assert command.exit_code == 0, command.output
    assert body_of(page) == body_of(command.stdout)
    assert "en/2024-03-20-visit.html" in page and str(archive) not in page and "tilmash-audit-" not in page


def test_the_report_runs_no_inline_script(editor, archive):
    response = post(editor, archive=zipped(archive))
    scripts = Scripts()
    scripts.feed(response.get_data(as_text=True))
    assert scripts.scripts == ["/audit/report.js"] and scripts.inline == [] and scripts.handlers == []
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
    script = editor.get("/audit/report.js")
    assert script.status_code == 200 and script.mimetype == "text/javascript" and b"table.sortable" in script.data


@pytest.mark.parametrize("members, message", [
    pytest.param({"../outside.txt": "Fizuli"}, "leads outside the archive", id="zip-slip"),
    pytest.param({"/etc/cron.d/x.txt": "Fizuli"}, "leads outside the archive", id="absolute-name"),
    pytest.param({"notes.bin": "Fizuli"}, "no document in it", id="no-documents"),
])
def test_a_bad_archive_is_refused_with_a_message(editor, members, message):
    response = post(editor, archive=zipped(members=members))
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_an_archive_that_unpacks_too_large_is_refused(app, editor):
    app.config["AUDIT_MAX_UNPACKED_MB"] = 0.001
    response = post(editor, archive=zipped(members={"big.txt": "Fizuli " * 1000}))
    assert response.status_code == 400 and "unpack to" in response.get_data(as_text=True)


def test_not_a_zip_is_refused(editor):
    response = post(editor, archive=b"Fizuli, not zipped")
    assert response.status_code == 400 and "not a zip archive" in response.get_data(as_text=True)


@pytest.mark.parametrize("lang, members, message", [
    pytest.param("kk", {"../outside.txt": "Fizuli"}, "archive.zip: «../outside.txt»: бұл атау мұрағаттан тыс жерге апарады.",
                 id="kk-zip-slip"),
    pytest.param("ru", {"notes.bin": "Fizuli"}, "archive.zip: В архиве нет ни одного материала (файлов .txt, .md или .html).",
                 id="ru-no-documents"),
    pytest.param("az", None, "archive.zip: Bu, zip arxivi deyil.", id="az-not-a-zip"),
])
def test_a_bad_archive_is_refused_in_the_ui_language(editor, lang, members, message):
    editor.set_cookie("tilmash_lang", lang)
    response = post(editor, archive=b"Fizuli, not zipped" if members is None else zipped(members=members))
    assert response.status_code == 400 and message in html.unescape(response.get_data(as_text=True))


def test_the_unpacked_size_limit_is_written_as_the_language_writes_numbers(app, editor):
    app.config["AUDIT_MAX_UNPACKED_MB"] = 1
    editor.set_cookie("tilmash_lang", "ru")
    response = post(editor, archive=zipped(members={"big.txt": "Fizuli " * 400_000}))
    assert response.status_code == 400
    assert "занимают 3 МБ: за один раз проверяется не больше 1 МБ" in html.unescape(response.get_data(as_text=True))


def test_nothing_chosen_is_refused(editor):
    response = post(editor)
    assert response.status_code == 400 and "Choose a zip archive" in response.get_data(as_text=True)


def test_anonymous_visitors_sign_in_first(client):
    assert client.get("/audit/").status_code == 302


@pytest.fixture
def root(app, tmp_path):
    """AUDIT_ROOT with the archive in it, and a folder outside it."""
    root = tmp_path / "root"
    write_archive(root / "desk")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("Fizuli", encoding="utf-8")
    os.symlink(tmp_path / "outside", root / "link-out")
    app.config["AUDIT_ROOT"] = str(root)
    return root


def test_an_admin_audits_a_folder_under_the_root(app, root):
    client = app.test_client()
    sign_in(client, "ada")
    assert 'name="folder"' in client.get("/audit/").get_data(as_text=True)
    response = post(client, folder="desk")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "en/2024-01-15-fuzuli.txt" in page and str(root) not in page


@pytest.mark.parametrize("folder, message", [
    pytest.param("../outside", "without &#39;..&#39;", id="dot-dot"),
    pytest.param("/etc", "without &#39;..&#39;", id="absolute"),
    pytest.param("link-out", "leads outside the audit folder", id="link-out"),
    pytest.param("nowhere", "no such folder", id="missing"),
])
def test_a_folder_outside_the_root_is_refused(app, root, folder, message):
    client = app.test_client()
    sign_in(client, "ada")
    response = post(client, folder=folder)
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_a_missing_folder_is_named_in_the_ui_language(app, root):
    client = app.test_client()
    sign_in(client, "ada")
    client.set_cookie("tilmash_lang", "kk")
    response = post(client, folder="nowhere")
    assert response.status_code == 400 and "Аудит қалтасында «nowhere» деген қалта жоқ." in html.unescape(response.get_data(as_text=True))


def test_a_translator_may_not_name_a_folder(editor, root):
    assert 'name="folder"' not in editor.get("/audit/").get_data(as_text=True)
    assert post(editor, folder="desk").status_code == 403

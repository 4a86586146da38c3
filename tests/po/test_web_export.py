"""The web app's downloads page and API give the same catalogue bytes as `tilmash export` (one library
function behind all three), on the PO test glossary."""

from __future__ import annotations

import pytest

from webapp import create_app


@pytest.fixture
def web(po_database, database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "SECRET_KEY": "tests", "ANONYMOUS_READ": True})
    yield app.test_client()
    app.extensions["tilmash.database"].dispose()


@pytest.mark.parametrize(
    ("options", "query"),
    [
        pytest.param(("--format", "po", "--lang", "az"), "po?lang=az", id="po-az"),
        pytest.param(("--format", "po", "--lang", "kk"), "po?lang=kk", id="po-kk"),
        pytest.param(("--format", "po", "--lang", "ru"), "po?lang=ru", id="po-ru"),
        pytest.param(("--format", "po", "--lang", "ru", "--style", "az-official", "--subject-field", "route"),
                     "po?lang=ru&style=az-official&subject_field=route", id="po-style-and-subject-field"),
        pytest.param(("--format", "po", "--lang", "kk", "--status", "admitted", "--status", "missing", "--since", "2025-01-01"),
                     "po?lang=kk&status=admitted&status=missing&since=2025-01-01T00:00:00", id="po-status-and-since"),
        pytest.param(("--format", "po", "--lang", "ru", "--source", "kk"), "po?lang=ru&source=kk", id="po-other-source"),
        pytest.param(("--format", "mo", "--lang", "kk"), "mo?lang=kk", id="mo"),
        pytest.param(("--format", "pot",), "pot", id="pot"),
    ],
)
def test_the_api_gives_the_command_lines_bytes(po_invoke, web, options, query):
    cli = po_invoke("export", *options)
    assert cli.exit_code == 0, cli.stderr
    response = web.get(f"/api/export/{query}")
    assert response.status_code == 200
    assert response.data == cli.stdout_bytes


@pytest.mark.parametrize(
    ("options", "query"),
    [
        pytest.param(("--format", "po", "--lang", "kk"), "format=po&lang=kk&source=en", id="po"),
        pytest.param(("--format", "po", "--lang", "ru", "--style", "az-official", "--subject-field", "place"),
                     "format=po&lang=ru&source=en&style=az-official&subject_field=place", id="po-style-and-subject-field"),
        pytest.param(("--format", "mo", "--lang", "az"), "format=mo&lang=az&source=en", id="mo"),
        pytest.param(("--format", "pot",), "format=pot&lang=kk&source=en", id="pot"),
    ],
)
def test_the_downloads_page_gives_the_command_lines_bytes(po_invoke, web, options, query):
    cli = po_invoke("export", *options)
    response = web.get(f"/exports/catalogue?{query}")
    assert (response.status_code, response.data) == (200, cli.stdout_bytes)
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")

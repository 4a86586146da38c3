"""Fixtures of the web app: an app on a fresh database with the bundled glossary, users of each
role, Flask's test client, and API tokens."""

from __future__ import annotations

import contextlib

import pytest

from glossary import accounts
from glossary.database import Database
from glossary.records import Role
from glossary.termbase import seed_bundled_glossary
from webapp import create_app

from ..conftest import filled_template, fresh_database_url

PASSWORD = "correct horse battery"
USERS = {"tina": Role.TRANSLATOR, "terry": Role.TERMINOLOGIST, "ada": Role.ADMIN}


def seeded(database: Database) -> None:
    with database.session(actor="tests") as session:
        seed_bundled_glossary(session)
        for name, role in USERS.items():
            accounts.add_user(session, name, PASSWORD, role)


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch):
    """Werkzeug's pbkdf2 with few rounds instead of scrypt's 0.2 s a hash: the tests are about who may do what."""
    monkeypatch.setattr(accounts, "HASH_METHOD", "pbkdf2:sha256:1000")


@pytest.fixture(scope="session")
def web_template(migrated_template, tmp_path_factory):
    """One database seeded with the bundled glossary and the users, copied for each test
    (seeding takes a second; a copy, a third of one on PostgreSQL and nothing on SQLite)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts, "HASH_METHOD", "pbkdf2:sha256:1000")
        with filled_template(migrated_template, tmp_path_factory.mktemp("template"), seeded) as template:
            patch.undo()
            yield template


@contextlib.contextmanager
def database_copy(template, folder):
    """A database of its own (an SQLite file in ``folder`` or a PostgreSQL schema) with the bundled glossary and the users."""
    with fresh_database_url(folder) as url:
        template.make(url).dispose()
        yield url


@pytest.fixture
def web_database_url(tmp_path, web_template):
    with database_copy(web_template, tmp_path) as url:
        yield url


@pytest.fixture
def app_config(web_database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return {"DATABASE_URL": web_database_url, "TESTING": True, "SECRET_KEY": "tests", "ANONYMOUS_READ": True}


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    yield app
    app.extensions["tilmash.database"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def api(app):
    """The test client, with CSRF off: for tests about the API's answers, not the browser's session."""
    app.config["WTF_CSRF_ENABLED"] = False
    return app.test_client()


@pytest.fixture(scope="session")
def shared_app(web_template, tmp_path_factory):
    """One app for the tests that only read: none of them may change its database or its config."""
    folder = tmp_path_factory.mktemp("shared")
    with pytest.MonkeyPatch.context() as patch, database_copy(web_template, folder) as url:
        patch.setenv("XDG_CACHE_HOME", str(folder / "cache"))
        patch.setenv("XDG_DATA_HOME", str(folder / "data"))
        app = create_app({"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": "tests", "ANONYMOUS_READ": True})
        yield app
        app.extensions["tilmash.database"].dispose()


@pytest.fixture
def reader(shared_app):
    """A client of the shared app: for tests that read and lint, and change nothing."""
    return shared_app.test_client()


def csrf_token(client, path: str = "/login") -> str:
    """The CSRF token of the client's session, as a page's form carries it."""
    import re

    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def sign_in(client, name: str, password: str = PASSWORD):
    return client.post("/login", data={"name": name, "password": password, "csrf_token": csrf_token(client)})


@pytest.fixture
def token(app):
    """token(role) -> a bearer token of the user with that role."""

    def make(role: Role) -> str:
        user = next(name for name, r in USERS.items() if r is role)
        with app.extensions["tilmash.database"].session(actor="tests") as session:
            return accounts.create_token(session, user, f"{role.value} token", role)

    return make


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def live_server(app):
    from .browser import LiveServer

    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def shared_server(shared_app):
    from .browser import LiveServer

    with LiveServer(shared_app) as server:
        yield server


def _page(browser, server):
    context = browser.new_context(base_url=server.url, locale="en-US", viewport={"width": 1400, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser, shared_server):
    """A fresh browser context (its own cookies) on the shared app, in English: for tests that change nothing."""
    yield from _page(browser, shared_server)


@pytest.fixture
def fresh_page(browser, live_server):
    """A fresh browser context on an app and database of this test's own."""
    yield from _page(browser, live_server)

"""tilmash users add, tilmash serve: the web app's accounts and its production server."""

from __future__ import annotations

import os

import click

from glossary import accounts
from glossary.records import Role

from . import InputError, Settings, cli, pass_settings


@cli.group()
def users() -> None:
    """Accounts of the web app."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="The password (asked for when not given; TILMASH_PASSWORD also works, for scripts).",
              envvar="TILMASH_PASSWORD")
@pass_settings
def users_add(settings: Settings, name: str, role: str, password: str) -> None:
    """Create a user: `tilmash users add NAME --role admin` makes the first administrator."""
    with settings.open().session(actor=settings.actor) as session:
        accounts.add_user(session, name, password, Role(role))
    click.echo(f"user {name!r} added as {role}")


@users.command("list")
@pass_settings
def users_list(settings: Settings) -> None:
    """Every user and role."""
    with settings.open().session(actor=settings.actor) as session:
        for account in accounts.list_users(session):
            click.echo(f"{account.name}\t{account.role.value}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1), default=2, show_default=True, help="gunicorn worker processes.")
@click.option("--anonymous/--no-anonymous", default=None,
              help="Whether visitors who are not signed in may browse, search, lint and download (default: yes, or TILMASH_ANONYMOUS_READ).")
@pass_settings
def serve(settings: Settings, host: str, port: int, workers: int, anonymous: bool | None) -> None:
    """Run the web app under gunicorn (a production WSGI server), on the same database as the other commands."""
    from webapp.server import run

    database = settings.open()  # created and seeded on first use, before the workers start
    os.environ["TILMASH_DATABASE_URL"] = database.url.render_as_string(hide_password=False)
    database.dispose()
    if anonymous is not None:
        os.environ["TILMASH_ANONYMOUS_READ"] = "1" if anonymous else "0"
    click.echo(f"Tilmash on http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}/ "
               f"({workers} workers, database {database.describe()})", err=True)
    try:
        run(host, port, workers)
    except OSError as exc:
        raise InputError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc

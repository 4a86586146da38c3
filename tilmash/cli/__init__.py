"""The ``tilmash`` command line: parses arguments, calls the library, prints results.

Exit codes: 0 clean, 1 findings (lint), 2 bad usage or bad input with the
reason on stderr. Library errors become ``error: path:line: message`` lines in
one place (``TilmashGroup.invoke``), never tracebacks.
"""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass

import click
from sqlalchemy.exc import OperationalError

from glossary.database import Database, one_line, open_database, resolve_database_url
from glossary.errors import FormatError, GlossaryError

from .. import __version__


class InputError(click.ClickException):
    """Bad input or bad usage: exit 2 with ``error: ...`` lines on stderr."""

    exit_code = 2

    def show(self, file=None) -> None:
        for line in self.format_message().splitlines() or [""]:
            click.echo(f"error: {line}", err=True)


# Click's "no arguments: here is the help" is a UsageError too; it stays as click shows it.
_HELP_FOR_NO_ARGUMENTS = getattr(click.exceptions, "NoArgsIsHelpError", ())


def usage_error(exc: click.UsageError) -> InputError:
    """Click's usage error (a bad option value, a missing argument) as one ``error:`` line."""
    message = exc.format_message().rstrip(".")
    names, ctx = [], exc.ctx
    while ctx is not None and ctx.parent is not None:
        names.insert(0, ctx.info_name)
        ctx = ctx.parent
    command = " ".join(["tilmash", *names])
    return InputError(f"{message[:1].lower()}{message[1:]}; see '{command} --help'")


class TilmashGroup(click.Group):
    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _HELP_FOR_NO_ARGUMENTS:
            raise
        except click.UsageError as exc:
            raise usage_error(exc) from exc

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except _HELP_FOR_NO_ARGUMENTS:
            raise
        except click.UsageError as exc:
            raise usage_error(exc) from exc
        except FormatError as exc:
            raise InputError("\n".join(str(p) for p in exc.problems)) from exc
        except GlossaryError as exc:
            raise InputError(str(exc)) from exc
        except OperationalError as exc:
            raise InputError(f"database: {one_line(exc.orig)}") from exc


@dataclass
class Settings:
    """Global options, handed to every command."""

    db_url: str | None
    user: str | None

    @property
    def actor(self) -> str:
        return self.user or os.environ.get("TILMASH_USER") or getpass.getuser()

    def open(self) -> Database:
        """The database for a command that reads or changes the glossary (set up on first use)."""
        return open_database(self.db_url)

    def database(self) -> Database:
        """The database, not set up: for ``init``."""
        return Database(resolve_database_url(self.db_url))


pass_settings = click.make_pass_decorator(Settings)


@click.group(cls=TilmashGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tilmash")
@click.option("--db", "db_url", metavar="URL",
              help="SQLAlchemy database URL (default: $TILMASH_DATABASE_URL, else an SQLite file in your data folder).")
@click.option("--user", metavar="NAME", help="Name recorded in the change history (default: $TILMASH_USER or your login name).")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None, user: str | None) -> None:
    """Tilmash keeps the names of the Azerbaijan-Kazakhstan beat consistent in English,
    Azerbaijani, Kazakh and Russian."""
    ctx.obj = Settings(db_url, user)


def main() -> None:
    # UTF-8 out, whatever the terminal's locale says: names are not ASCII.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    cli(prog_name="tilmash")


from . import glossary_commands, lint_command, web_commands  # noqa: E402,F401  (registers the commands)

"""The ``tilmash`` command line: parses arguments, calls the library, prints results.

Exit codes: 0 clean, 1 findings (lint), 2 bad usage or bad input with the
reason on stderr. Library errors become ``error: path:line: message`` lines in
one place (``TilmashGroup.invoke``), never tracebacks.

A command's module is imported when the command runs (``COMMAND_MODULES``), and
the database's (SQLAlchemy) when a command opens one: a command that needs
no database, such as ``tilmash lint --glossary FILE``, starts without them.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from glossary.errors import FormatError, GlossaryError

from .. import __version__

if TYPE_CHECKING:
    from glossary.database import Database

# Each command, and the module (in this package) that defines it with ``@cli.command()``.
COMMAND_MODULES = {
    "init": "init_command", "import": "glossary_commands", "export": "glossary_commands",
    "terms": "glossary_commands", "lint": "lint_command", "audit": "audit_command", "tm": "tm_commands",
    "qa": "qa_command", "po": "po_commands", "users": "web_commands", "serve": "web_commands",
}


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
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(COMMAND_MODULES))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMAND_MODULES:
            importlib.import_module(f"{__name__}.{COMMAND_MODULES[name]}")  # its decorators add it
        return self.commands.get(name)

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
        except Exception as exc:
            database_errors = sys.modules.get("sqlalchemy.exc")  # none can happen before SQLAlchemy is imported
            if database_errors is not None and isinstance(exc, database_errors.OperationalError):
                from glossary.database import one_line

                raise InputError(f"database: {one_line(exc.orig)}") from exc
            raise


@dataclass
class Settings:
    """Global options, handed to every command."""

    db_url: str | None
    user: str | None

    @property
    def actor(self) -> str:
        if self.user or os.environ.get("TILMASH_USER"):
            return self.user or os.environ["TILMASH_USER"]
        import getpass  # (termios): only for a command that records a change

        return getpass.getuser()

    def open(self) -> Database:
        """The database for a command that reads or changes the glossary (set up on first use)."""
        from glossary.database import open_database

        return open_database(self.db_url)

    def database(self) -> Database:
        """The database, not set up: for ``init``."""
        from glossary.database import Database, resolve_database_url

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


_in_main = False  # the command runs as a process of its own (``main``), not in a caller's (click's test runner)
_ends_at_once = False


def end_at_once() -> None:
    """Have ``main`` end the process as soon as the command is done, its output flushed, without
    freeing its objects one by one (``os._exit``, as mypy's ``hard_exit``): a compiled glossary is
    hundreds of thousands of them (838,000 automaton nodes, the forms a text named), 0.3 s of a 3 MB
    lint's processor time. Only for a command that leaves no file open for writing: nothing else is
    flushed, and no ``atexit`` function runs.

    Nothing being freed before the end, a collection would find nothing either: in its own process the
    command also turns the cyclic collector off for good (``collector_off``). Run inside another
    process (a test, a caller of ``cli``), which goes on after the command, it leaves the collector
    as it was: off for good there, database engines and their connections left in cycles were never
    freed (the PostgreSQL suite ran out of connections)."""
    global _ends_at_once
    _ends_at_once = True
    if _in_main:
        from glossary.lint.collector import collector_off

        collector_off()


def main() -> None:
    global _in_main
    _in_main = True
    # UTF-8 out, whatever the terminal's locale says: names are not ASCII.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        cli(prog_name="tilmash")  # (click's standalone mode ends with SystemExit, whatever the command did)
    except SystemExit as done:
        if not _ends_at_once or not (done.code is None or isinstance(done.code, int)):
            raise
        code = done.code or 0
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe (tilmash lint | head): as Python's own exit says
                code = code or 120
        os._exit(code)

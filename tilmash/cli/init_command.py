"""tilmash init: set up a database and load the bundled glossary.

A module of its own so that the command imports the termbase and nothing else
(not the memory, the exports or the lint): about 0.4 s of a first run.
"""

from __future__ import annotations

import click
from sqlalchemy import func, select

from glossary import termbase
from glossary.model import Concept, Term
from glossary.wording import counted

from . import Settings, cli, pass_settings


@cli.command()
@click.option("--empty", is_flag=True, help="Create the tables only, without the bundled glossary.")
@pass_settings
def init(settings: Settings, empty: bool) -> None:
    """Set up the database (create or upgrade its tables) and load the bundled glossary."""
    database = settings.database()
    database.upgrade()
    with database.session(actor=settings.actor) as session:
        concepts = session.scalar(select(func.count(Concept.id)))
        if concepts:
            click.echo(f"{database.describe()}: up to date, {counted(concepts, 'concept')} already there; nothing loaded")
            return
        if empty:
            click.echo(f"{database.describe()}: created, empty")
            return
        report = termbase.seed_bundled_glossary(session)
        terms = session.scalar(select(func.count(Term.id)))
        click.echo(f"{database.describe()}: created with the bundled glossary: {counted(report.concepts_added, 'concept')}, "
                   f"{counted(terms, 'term')}")

"""Commands on the termbase: init, import, export, terms."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from sqlalchemy import func, select

from glossary import termbase
from glossary.concept_json import concept_to_json
from glossary.errors import FormatError, GlossaryError
from glossary.fileio import write_atomically
from glossary.formats import FORMATS, format_for_path, read_glossary_file
from glossary.model import Concept, Term
from glossary.records import ConceptEntry

from . import InputError, Settings, cli, pass_settings


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
            click.echo(f"{database.describe()}: up to date, {concepts} concepts already there; nothing loaded")
            return
        if empty:
            click.echo(f"{database.describe()}: created, empty")
            return
        report = termbase.seed_bundled_glossary(session)
        terms = session.scalar(select(func.count(Term.id)))
        click.echo(f"{database.describe()}: created with the bundled glossary: {report.concepts_added} concepts, {terms} terms")


@cli.command("import")
@click.option("--into", type=click.Choice(["glossary", "memory"]), help="Where the files go (default: from the file type).")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@pass_settings
def import_(settings: Settings, into: str | None, files: tuple[Path, ...]) -> None:
    """Merge TBX or CSV glossary files into the glossary, all of them or none.

    Concepts merge by id: new concepts and terms are added, terms already
    there take the file's status and fields, nothing is deleted.
    """
    if into == "memory":
        raise InputError("the translation memory is not built yet: only glossary files (.tbx, .csv) can be imported")
    glossaries, problems = [], []
    for path in files:
        try:
            glossaries.append((str(path), read_glossary_file(path)))
        except FormatError as exc:
            problems.extend(exc.problems)
    if problems:
        raise FormatError(problems)
    database = settings.open()
    with database.session(actor=settings.actor) as session:
        reports = termbase.import_glossaries(session, glossaries)
    for report in reports:
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
        click.echo(str(report))


@cli.command()
@click.option("--format", "format_name", type=click.Choice(sorted(FORMATS)), help="File format (default: from -o's extension, else tbx).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (default: standard output).")
@click.option("--tbx-version", type=click.Choice(["2008", "3"]), default="2008", show_default=True,
              help="TBX 2008 (<martif>, what translate-toolkit, memoQ and MultiTerm read) or TBX v3 (<tbx>).")
@pass_settings
def export(settings: Settings, format_name: str | None, output: Path | None, tbx_version: str) -> None:
    """Write the whole glossary, house styles included, as TBX-Basic or CSV."""
    fmt = FORMATS[format_name] if format_name else format_for_path(output) if output else FORMATS["tbx"]
    with settings.open().session(actor=settings.actor) as session:
        glossary = termbase.export_glossary(session)
    data = fmt.write(glossary, version=tbx_version) if fmt.name == "tbx" else fmt.write(glossary)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_atomically(output, data)
    except OSError as exc:
        raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from exc
    click.echo(f"{output}: {len(glossary.concepts)} concepts", err=True)


@cli.group()
def terms() -> None:
    """Find and show concepts and their terms."""


def _concept_text(concept: ConceptEntry) -> str:
    head = concept.id + (f"  ({concept.subject_field})" if concept.subject_field else "")
    lines, last_lang = [head], None
    width = max((len(t.text) for t in concept.terms), default=0)
    for term in concept.terms:
        lang = term.lang if term.lang != last_lang else ""
        lines.append(f"  {lang:<6} {term.text:<{width}}  {term.status.value}")
        last_lang = term.lang
    return "\n".join(lines)


@terms.command("search")
@click.argument("query")
@click.option("--style", metavar="NAME", help="Show statuses as this house style has them.")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_settings
def terms_search(settings: Settings, query: str, style: str | None, limit: int, output_format: str) -> None:
    """Find concepts by any of their forms in any language, ignoring case, diacritics and script.

    fizuli, FÜZULİ and Физули all find Fuzuli.
    """
    with settings.open().session(actor=settings.actor) as session:
        termbase.require_style(session, style)
        found = [termbase.in_style(c, style).sorted() for c in termbase.search_concepts(session, query, limit=limit)]
    if output_format == "json":
        click.echo(json.dumps({"concepts": [concept_to_json(c) for c in found]}, ensure_ascii=False, indent=2))
    elif found:
        click.echo("\n\n".join(_concept_text(c) for c in found))
    else:
        click.echo(f"no concept has a form like {query!r}", err=True)


@terms.command("show")
@click.argument("concept_id")
@click.option("--style", metavar="NAME", help="Show statuses as this house style has them.")
@click.option("--history", is_flag=True, help="Also list every recorded change of the concept.")
@pass_settings
def terms_show(settings: Settings, concept_id: str, style: str | None, history: bool) -> None:
    """Show one concept: its fields, its terms with status, note and source."""
    from glossary.history import concept_history

    with settings.open().session(actor=settings.actor) as session:
        termbase.require_style(session, style)
        concept = termbase.get_concept(session, concept_id)
        if concept is None:
            raise GlossaryError(f"no concept with id {concept_id!r}")
        changes = concept_history(session, concept_id) if history else []
    concept = termbase.in_style(concept, style).sorted()
    click.echo(_concept_text(concept))
    for label, value in (("definition", concept.definition), ("note", concept.note)):
        if value:
            click.echo(f"  {label}: {value}")
    for term in concept.terms:
        for label, value in (("note", term.note), ("source", term.source)):
            if value:
                click.echo(f"  {term.lang} {term.text}: {label}: {value}")
    for change in changes:
        click.echo(f"  {change.at:%Y-%m-%d %H:%M} {change.actor}: {change.action} {change.entity} "
                   f"{json.dumps(change.before, ensure_ascii=False)} -> {json.dumps(change.after, ensure_ascii=False)}")

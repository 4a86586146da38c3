"""Commands on the termbase: import, export, terms (init is in init_command)."""

from __future__ import annotations

import json
import sys
from datetime import timezone
from pathlib import Path

import click

from glossary import termbase
from glossary.concept_json import concept_to_json
from glossary.catalogue_export import ConceptFilter, EntryState
from glossary.errors import GlossaryError
from glossary.exports import EXPORT_FORMATS, export_file, format_for_output
from glossary.fileio import write_atomically
from glossary.records import ConceptEntry
from tm.destinations import plan_import

from . import InputError, Settings, cli, pass_settings, tm_commands


@cli.command("import")
@click.option("--into", type=click.Choice(["glossary", "memory"]), help="Where the files go (default: from the file type).")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@pass_settings
def import_(settings: Settings, into: str | None, files: tuple[Path, ...]) -> None:
    """Merge TBX or CSV glossary files and translated PO catalogues of the glossary, and TMX (and other
    PO) files into the memory, all of them or none.

    Concepts merge by id: new concepts and terms are added, terms already
    there take the file's status and fields, nothing is deleted. A PO file
    exported by 'tilmash export --format po' and translated elsewhere makes
    its confirmed msgstr the preferred terms, with a report of each change.
    Any other PO file is bilingual memory (msgid, msgstr).
    """
    plan = plan_import(files, into)
    database = settings.open()
    with database.session(actor=settings.actor) as session:
        outcome = tm_commands.import_planned(session, settings, plan)
    for report in outcome.reports:
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
        click.echo(str(report))
    for report in outcome.translated:
        for entry in report.applied:
            click.echo(f"{report.path}:{entry.line}: {entry.message}")
        for entry in report.warnings:
            click.echo(f"warning: {report.path}:{entry.line}: {entry.message}", err=True)
        click.echo(str(report))


@cli.command()
@click.option("--format", "format_name", type=click.Choice([*EXPORT_FORMATS, "tmx"]), help="File format (default: from -o's extension, else tbx).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (default: standard output).")
@click.option("--tbx-version", type=click.Choice(["2008", "3"]), default="2008", show_default=True,
              help="TBX 2008 (<martif>, what translate-toolkit, memoQ and MultiTerm read) or TBX v3 (<tbx>).")
@click.option("--lang", metavar="LL", help="po, mo: the target language (az, kk, ru...).")
@click.option("--source", metavar="LL", help="po, pot, mo: the language of the msgids (default en); tmx: only units with this language and --target.")
@click.option("--style", metavar="NAME", help="po, pot, mo: the house style whose preferred terms to give.")
@click.option("--subject-field", "subject_fields", metavar="NAME", multiple=True, help="Only concepts of this subject field (repeatable).")
@click.option("--status", "states", type=click.Choice([s.value for s in EntryState]), multiple=True,
              help="po, pot, mo: only entries whose target term is preferred, admitted (fuzzy) or missing (repeatable).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]), metavar="DATE",
              help="Only concepts (TMX: units) changed on or after this date (YYYY-MM-DD, UTC).")
@click.option("--target", metavar="LL", help="TMX: only units with --source and this language, with just those two.")
@click.option("--origin", metavar="FILE", help="TMX: only the units imported from this file (its name), under its own header.")
@pass_settings
def export(settings: Settings, format_name: str | None, output: Path | None, tbx_version: str, lang: str | None,
           source: str | None, style: str | None, subject_fields: tuple[str, ...], states: tuple[str, ...], since,
           target: str | None, origin: str | None) -> None:
    """Write the glossary as TBX-Basic or CSV (all of it, house styles included), or as a gettext
    catalogue for one target language (po), its template (pot) or compiled (mo); or the translation
    memory as TMX."""
    if format_name == "tmx" or (format_name is None and output is not None and output.suffix.lower() == ".tmx"):
        return tm_commands.export_memory(settings, output, source, target, origin, tm_commands.since_option(since))
    fmt = format_name or (format_for_output(output) if output else "tbx")
    filters = ConceptFilter(subject_fields, tuple(EntryState(s) for s in states),
                            since.replace(tzinfo=timezone.utc) if since else None)
    with settings.open().session(actor=settings.actor) as session:
        exported = export_file(session, fmt, lang=lang, source=source or "en", style=style, filters=filters, tbx_version=tbx_version)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(exported.data)
        sys.stdout.buffer.flush()
        return
    try:
        write_atomically(output, exported.data)
    except OSError as exc:
        raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from exc
    click.echo(f"{output}: {exported.summary()}", err=True)


@cli.group()
def terms() -> None:
    """Find and show concepts and their terms."""


def _concept_text(concept: ConceptEntry) -> str:
    head = concept.id + (f"  ({concept.subject_field})" if concept.subject_field else "")
    lines, last_lang = [head], None
    width = max((len(t.text) for t in concept.terms), default=0)
    for term in concept.terms:
        lang = term.lang if term.lang != last_lang else ""
        valid = ", ".join(p.describe() for p in term.periods)
        lines.append(f"  {lang:<6} {term.text:<{width}}  {term.status.value:<10}  {valid}".rstrip())
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
    from glossary.history import concept_history, describe_change

    with settings.open().session(actor=settings.actor) as session:
        termbase.require_style(session, style)
        concept = termbase.get_concept(session, concept_id)
        if concept is None:
            meant = termbase.ids_like(session, concept_id)
            hint = f"did you mean {' or '.join(meant)}? " if meant else ""
            raise GlossaryError(f"no concept with id {concept_id!r}; {hint}"
                                f"'tilmash terms search {concept_id}' finds concepts by any of their forms")
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
    if changes:
        click.echo("history:")
    heading = None
    for change in changes:
        if (f"{change.at:%Y-%m-%d %H:%M}", change.actor) != heading:
            heading = (f"{change.at:%Y-%m-%d %H:%M}", change.actor)
            click.echo(f"  {heading[0]}  {heading[1]}")
        click.echo(f"    {describe_change(change)}")

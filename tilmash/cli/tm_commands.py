"""Commands on the translation memory: ``tilmash tm search|concordance|align|stats``, and the memory's
side of ``tilmash import`` and ``tilmash export --format tmx`` (called from ``glossary_commands``)."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import click
from sqlalchemy.orm import Session

from glossary.fileio import atomic_output
from glossary.languages import normalize_language, primary_language
from tm import concordance as concordance_module
from tm import search as search_module
from tm.errors import BadQuery
from tm.export import export_units
from tm.destinations import ImportOutcome, ImportPlan, memory_bytes, run_import
from tm.stats import memory_stats

from . import InputError, Settings, cli, pass_settings

def import_planned(session: Session, settings: Settings, plan: ImportPlan) -> ImportOutcome:
    """Import the planned files in the session's transaction, with a progress bar of the memory files on a terminal."""
    from tqdm import tqdm

    with tqdm(total=memory_bytes(plan), unit="B", unit_scale=True, desc="importing", file=sys.stderr, leave=False,
              disable=not sys.stderr.isatty() or not plan.memory) as bar:
        return run_import(session, plan, actor=settings.actor, progress=bar.update)


def export_memory(settings: Settings, output: Path | None, source: str | None, target: str | None,
                  origin: str | None, since: datetime | None) -> None:
    with settings.open().session(actor=settings.actor) as session:
        if output is None:
            sys.stdout.flush()
            count = export_units(session, sys.stdout.buffer, source=source, target=target, origin=origin, since=since)
            sys.stdout.buffer.flush()
            return
        try:
            with atomic_output(output) as handle:
                count = export_units(session, handle, source=source, target=target, origin=origin, since=since)
        except OSError as exc:
            raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from exc
    click.echo(f"{output}: {count:,} units", err=True)


def since_option(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=timezone.utc) if value else None


@cli.group()
def tm() -> None:
    """Search the translation memory, find phrases in it, count what it holds."""


def _match_text(match: search_module.Match) -> str:
    lines = [f"{match.score:5.1f}  #{match.id}" + (f"  {match.origin}" if match.origin else ""),
             f"  {match.source_lang}: {match.source}", f"  {match.target_lang}: {match.target}"]
    if match.repaired_target is not None:
        changes = ", ".join(f"{r.found} -> {r.replacement}" for r in match.repairs)
        lines.append(f"  repaired: {match.repaired_target}  ({changes})")
    differing = [d for d in match.diff if d.kind in ("replace", "extra", "missing")]
    if differing:
        lines.append("  differs: " + "; ".join(f"{d.query or '-'} / {d.source or '-'}" for d in differing))
    elif match.diff:
        lines.append("  differs: " + ", ".join(sorted({d.kind for d in match.diff})))
    return "\n".join(lines)


@tm.command("search")
@click.argument("text", required=False)
@click.option("--source", metavar="LL", help="The text's language (default: detected from the text).")
@click.option("--target", metavar="LL", help="The language of the translations (default: the memory's other language, if it has one).")
@click.option("--min-score", type=click.FloatRange(0, 100), default=search_module.DEFAULT_MIN_SCORE, show_default=True)
@click.option("--limit", type=click.IntRange(1), default=search_module.DEFAULT_LIMIT, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--style", metavar="NAME", help="The house style whose names repaired matches use.")
@click.option("--batch", type=click.File("r", encoding="utf-8"), help="One query per line ('-': standard input); JSON Lines out, one array per query.")
@pass_settings
def tm_search(settings: Settings, text: str | None, source: str | None, target: str | None, min_score: float,
              limit: int, output_format: str, style: str | None, batch) -> None:
    """Find stored translations of TEXT, or of each line of --batch FILE, best first.

    Scores: 100 the same text; 95-99 the same words (case, punctuation, spacing or tags
    differ); below, word-level edit similarity. Where only glossary names or numbers
    differ, the stored translation comes repaired.
    """
    if (text is None) == (batch is None):
        raise InputError("give the text to search for, or --batch FILE (not both)")
    with settings.open().session(actor=settings.actor) as session:
        if batch is None:
            source_lang, target_lang = search_module.query_languages(session, text, source, target)
            matches = search_module.search(session, text, source_lang, target_lang, min_score, limit, style=style)
            if output_format == "json":
                click.echo(json.dumps([m.to_json() for m in matches], ensure_ascii=False, indent=2))
            elif matches:
                click.echo("\n\n".join(_match_text(m) for m in matches))
            else:
                click.echo(f"no match scoring {min_score:g} or more", err=True)
            return
        for number, line in enumerate(batch, 1):
            query = line.rstrip("\n")
            if not query.strip():
                click.echo("[]")
                continue
            try:
                source_lang, target_lang = search_module.query_languages(session, query, source, target)
                matches = search_module.search(session, query, source_lang, target_lang, min_score, limit, style=style)
            except BadQuery as exc:
                raise InputError(f"{batch.name}:{number}: {exc}") from exc
            click.echo(json.dumps([m.to_json() for m in matches], ensure_ascii=False))


def _marked(text: str, marks) -> str:
    pieces, position = [], 0
    for start, end in marks:
        pieces += [text[position:start], "**", text[start:end], "**"]
        position = end
    return "".join(pieces) + text[position:]


@tm.command("concordance")
@click.argument("phrase")
@click.option("--lang", metavar="LL", help="Look only in this language's segments.")
@click.option("--limit", type=click.IntRange(1), default=concordance_module.DEFAULT_LIMIT, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_settings
def tm_concordance(settings: Settings, phrase: str, lang: str | None, limit: int, output_format: str) -> None:
    """Units with PHRASE in any language, ignoring case and diacritics, newest first.

    The phrase's last word also finds longer words it begins (Füzuli finds Füzulidə).
    Text output marks the phrase with **...**.
    """
    with settings.open().session(actor=settings.actor) as session:
        found = concordance_module.concordance(session, phrase, lang, limit)
    if output_format == "json":
        click.echo(json.dumps([o.to_json() for o in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(f"{phrase!r} is not in the memory", err=True)
        return
    blocks = []
    for occurrence in found:
        lines = [f"#{occurrence.id}  {occurrence.lang}: {_marked(occurrence.text, occurrence.marks)}"]
        lines += [f"{' ' * (len(str(occurrence.id)) + 3)}{lang_}: {text}" for lang_, text in occurrence.others]
        blocks.append("\n".join(lines))
    click.echo("\n\n".join(blocks))


@tm.command("align")
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the units to this TMX file (default: standard output).")
@click.option("--into", type=click.Choice(["memory"]), help="Import the units into the memory instead.")
@click.option("--langs", metavar="LL,LL", help="The language of A and of B (default: detected).")
@click.option("--glossary", "glossary_file", metavar="FILE", help="Anchor the alignment on this TBX or CSV glossary's names instead of the database's.")
@click.option("--style", metavar="NAME", help="House style of the glossary.")
@pass_settings
def tm_align(settings: Settings, first: str, second: str, output: Path | None, into: str | None, langs: str | None,
             glossary_file: str | None, style: str | None) -> None:
    """Align two versions of one story (as qa --versions does) and write the aligned sentences as translation
    units: to a TMX file, or into the memory. A report of the alignment goes to standard error."""
    from glossary.lint import markup
    from glossary.lint.documents import read_document
    from glossary.lint.service import matcher_for_database, matcher_for_file
    from tm.aligned import align_texts, import_alignment, write_tmx

    if output is not None and into:
        raise InputError("give -o or --into memory, not both")
    codes = [primary_language(normalize_language(code)) for code in langs.split(",") if code.strip()] if langs else [None, None]
    if len(codes) != 2:
        raise InputError(f"--langs gives {len(codes)} languages for 2 files")
    documents = [read_document(path) for path in (first, second)]
    matcher = (matcher_for_file(glossary_file, style, shortcuts=False) if glossary_file
               else matcher_for_database(settings.open(), style, shortcuts=False))
    alignment = align_texts(*((d.path, d.text, code) for d, code in zip(documents, codes)), matcher,
                            kinds=tuple(markup.kind_for_path(d.path) for d in documents))
    click.echo(alignment.report(), err=True)
    if into:
        with settings.open().session(actor=settings.actor) as session:
            click.echo(str(import_alignment(session, alignment, actor=settings.actor)), err=True)
    elif output is None:
        sys.stdout.flush()
        write_tmx(alignment, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        try:
            with atomic_output(output) as handle:
                write_tmx(alignment, handle)
        except OSError as exc:
            raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from exc


@tm.command("stats")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_settings
def tm_stats(settings: Settings, output_format: str) -> None:
    """Units in the memory: in all, per language pair, per origin (the file they came from)."""
    with settings.open().session(actor=settings.actor) as session:
        stats = memory_stats(session)
    if output_format == "json":
        click.echo(json.dumps(stats.to_json(), ensure_ascii=False, indent=2))
        return
    data = stats.to_json()
    lines = [f"{stats.units:,} units"]
    if data["pairs"]:
        lines.append("language pairs:")
        lines += [f"  {'-'.join(p['languages']):<12} {p['units']:>12,}" for p in data["pairs"]]
    if data["origins"]:
        lines.append("origins:")
        width = max(len(o["origin"] or "(none)") for o in data["origins"])
        lines += [f"  {o['origin'] or '(none)':<{width}} {o['units']:>12,}" for o in data["origins"]]
    click.echo("\n".join(lines))

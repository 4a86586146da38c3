"""``tilmash po``: gettext catalogues of a CMS, pre-translated from the translation memory."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from glossary.fileio import read_input_file, write_atomically
from glossary.formats.po import catalogue_bytes, header_language, read_catalogue_text
from glossary.termbase import require_style
from tm.pretranslate import DEFAULT_MIN_SCORE, pretranslate

from . import InputError, Settings, cli, pass_settings


@cli.group()
def po() -> None:
    """PO catalogues of a CMS: pre-translation from the translation memory."""


@po.command("pretranslate")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", required=True, metavar="LL", help="The language to translate into (az, kk, ru...).")
@click.option("--source", default="en", show_default=True, metavar="LL", help="The language of the msgids.")
@click.option("--min-score", type=click.FloatRange(0, 100), default=DEFAULT_MIN_SCORE, show_default=True,
              help="The lowest memory score used, as a fuzzy translation (100 is an exact match).")
@click.option("--overwrite", is_flag=True, help="Also replace translations the catalogue has, where the memory has a match.")
@click.option("--style", metavar="NAME", help="The house style the names are put in.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (default: standard output).")
@pass_settings
def pretranslate_command(settings: Settings, file: Path, lang: str, source: str, min_score: float, overwrite: bool,
                         style: str | None, output: Path | None) -> None:
    """Fill a catalogue's empty msgstr from the translation memory: exact matches as translations,
    fuzzy ones marked fuzzy with their score, names in canonical form, placeholders and tags checked."""
    catalogue, text = read_catalogue_text(read_input_file(file), str(file))
    header_language(catalogue, text, str(file))  # a Language that is not one: refused with its line
    with settings.open().session(actor=settings.actor) as session:
        require_style(session, style)
        summary = pretranslate(session, catalogue, str(file), lang=lang, source=source, min_score=min_score,
                               overwrite=overwrite, style=style)
    result = catalogue_bytes(catalogue)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(result)
        sys.stdout.buffer.flush()
    else:
        try:
            write_atomically(output, result)
        except OSError as exc:
            raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from exc
    for note in summary.notes:
        click.echo(f"warning: {file}:{note.line}: {note.message}", err=True)
    click.echo(str(summary), err=True)

"""tilmash audit: how an archive writes each name, per concept and language, and since when."""

from __future__ import annotations

import sys

import click

from glossary.audit.cache import ResultCache
from glossary.audit.candidates import suggested_terms
from glossary.audit.formatters import REPORTS
from glossary.audit.report import documents_phrase
from glossary.audit.runner import AuditOptions, CachedRun, audit_runs
from glossary.fileio import write_atomically
from glossary.lint import markup
from glossary.lint.folders import find_documents
from glossary.lint.service import matcher_for_database, matcher_for_file

from . import InputError, Settings, cli, pass_settings


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--glossary", "glossary_file", metavar="FILE",
              help="Audit against this TBX or CSV glossary instead of the database's.")
@click.option("--style", metavar="NAME", help="House style to audit against (default: the default style).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Only documents dated on or after this day.")
@click.option("--format", "output_format", type=click.Choice(list(REPORTS)), default="text", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE instead of standard output.")
@click.option("--suggest-terms", metavar="FILE.csv",
              help="Write the unknown variants seen --min-count times or more as deprecated terms, in the glossary's CSV format.")
@click.option("--min-count", type=click.IntRange(1), default=3, show_default=True,
              help="How often an unknown variant must be seen to be a candidate for the glossary.")
@click.option("--cache", "cache_folder", metavar="DIR",
              help="Keep each document's counts in DIR: a stopped run resumes, a repeated one redoes only new documents.")
@click.option("--lang", type=click.Choice(["auto", "en", "az", "kk", "ru"]), default="auto", show_default=True,
              help="Language of the documents; auto decides each paragraph from its script and letters.")
@click.option("--kind", type=click.Choice(["auto", *markup.KINDS]), default="auto", show_default=True,
              help="How to read the files; auto goes by extension.")
@click.option("--jobs", type=click.IntRange(1), metavar="N", help="Processes (default: one per CPU).")
@pass_settings
def audit(settings: Settings, paths: tuple[str, ...], glossary_file: str | None, style: str | None, since,
          output_format: str, output: str | None, suggest_terms: str | None, min_count: int, cache_folder: str | None,
          lang: str, kind: str, jobs: int | None) -> None:
    """Count how the documents in PATHS write each name of the glossary: per concept and language,
    each form (preferred, admitted, deprecated, superseded, another language's, unknown variant)
    in how many documents, how often, and by month.

    PATHS are files or folders (their .txt, .md and .html files). Exit codes: 0 done,
    2 bad input (the readable documents are still counted).
    """
    if "-" in paths:
        raise InputError("audit reads files and folders, not standard input")
    # every use of an accepted form is counted: compiled without the shortcuts that skip them; loaded only
    # if a document is to be read (with a cache, an unchanged archive's report is kept under its key)
    matcher = matcher_for_file(glossary_file, style, shortcuts=False, deferred=True) if glossary_file \
        else matcher_for_database(settings.open(), style, shortcuts=False, deferred=True)
    options = AuditOptions(lang=lang, kind=kind, since=since.date() if since else None)
    cache = ResultCache(cache_folder, options.cache_context(matcher)) if cache_folder else None
    documents = find_documents(list(paths)).paths
    results = audit_runs(documents, matcher, options, jobs, cache)
    # the same files as the last run's, in the same context: its report (none is kept with --suggest-terms)
    name = f"{output_format}|min_count={min_count}"
    kept = results.kept_output(name) if not suggest_terms else None
    if kept is not None:
        if cache is not None:
            cache.close()
        audited, data = kept
        _write(output, data)
        click.echo(f"audited {documents_phrase(audited)} ({len(documents):,} from the cache)", err=True)
        return
    done = from_cache = 0
    progress = _progress_bar(len(documents))
    try:
        for result in results:
            if isinstance(result, CachedRun):  # documents added up before
                count = cached = result.documents
            else:
                for problem in result.problems:
                    _echo_above(progress, f"error: {problem}")
                count, cached = 1, result.cached
            done += count
            from_cache += cached
            if progress is not None:
                progress.update(count)
        report = results.audit.report(min_count)
        data = REPORTS[output_format](report)
        results.keep_output(name, report["documents"], data)
    except KeyboardInterrupt:
        results.close()  # the counts done so far go to the cache
        kept = f"; the counts of {documents_phrase(done)} are kept in {cache_folder}: run the same command to go on" \
            if cache is not None else ""
        click.echo(f"\ninterrupted after {done:,} of {len(documents):,} documents{kept}", err=True)
        sys.exit(130)
    finally:
        if progress is not None:
            progress.close()
        if cache is not None:
            cache.close()
    _write(output, data)
    if suggest_terms:
        _write(suggest_terms, suggested_terms(report))
    cached = f" ({from_cache:,} from the cache)" if cache is not None else ""
    click.echo(f"audited {documents_phrase(report['documents'])}{cached}", err=True)
    if report["unreadable"]:
        sys.exit(2)


def _write(path: str | None, data: bytes) -> None:
    """``data`` into the file ``path``, or to standard output."""
    if not path:
        click.echo(data, nl=False)
        return
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from exc


def _progress_bar(total: int):
    """A progress bar on standard error when it is a terminal, else None."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=" documents", file=sys.stderr, dynamic_ncols=True, leave=False)


def _echo_above(progress, line: str) -> None:
    if progress is not None:
        progress.write(line, file=sys.stderr)
    else:
        click.echo(line, err=True)

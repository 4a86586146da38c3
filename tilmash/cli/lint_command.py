"""tilmash lint: report names that are not canonical, in text, Markdown and HTML files."""

from __future__ import annotations

import datetime
import sys

import click

from glossary.lint.findings import Finding, Severity
from glossary.lint.formatters import FORMATTERS, write_report
from glossary.lint.rules import selected_rules, unknown_prefixes

from .. import __version__
from . import InputError, Settings, cli, end_at_once, pass_settings

KINDS = ("text", "markdown", "html")  # markup.KINDS, without importing the engine for --help (a test checks they agree)


class IsoDate(click.ParamType):
    """A day written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        try:
            if len(value) != 10:
                raise ValueError
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date written YYYY-MM-DD", param, ctx)


FAIL_ON = {"error": Severity.ERROR.rank, "warning": Severity.WARNING.rank, "info": Severity.INFO.rank, "never": 99}


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--glossary", "glossary_file", metavar="FILE",
              help="Lint against this TBX or CSV glossary instead of the database's.")
@click.option("--style", metavar="NAME", help="House style to lint against (default: the default style).")
@click.option("--lang", type=click.Choice(["auto", "en", "az", "kk", "ru"]), default="auto", show_default=True,
              help="Language of the text; auto decides each paragraph from its script and letters.")
@click.option("--date", "document_date", type=IsoDate(), metavar="YYYY-MM-DD",
              help="Judge former names by this date (default: the document's own date, else today).")
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True)
@click.option("--kind", type=click.Choice(["auto", *KINDS]), default="auto", show_default=True,
              help="How to read the files; auto goes by extension (.md Markdown, .html HTML, else plain text).")
@click.option("--fix", is_flag=True, help="Rewrite the files with every certain suggestion applied; '-' prints the fixed text.")
@click.option("--select", multiple=True, metavar="PREFIX", help="Only rules whose id starts with PREFIX (repeatable).")
@click.option("--ignore", multiple=True, metavar="PREFIX", help="Leave out rules whose id starts with PREFIX (repeatable).")
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default="warning", show_default=True,
              help="Exit 1 when a finding has at least this severity.")
@click.option("-v", "--verbose", is_flag=True, help="Also say which files in the folders were passed over, and why.")
@click.option("--jobs", type=click.IntRange(1), metavar="N", help="Processes for many files or a long one (default: one per CPU).")
@pass_settings
def lint(settings: Settings, paths: tuple[str, ...], glossary_file: str | None, style: str | None, lang: str,
         document_date: datetime.date | None, output_format: str, kind: str, fix: bool, select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str,
         verbose: bool, jobs: int | None) -> None:
    """Report every name in PATHS that is not in its canonical form, with the exact replacement.

    PATHS are files, folders (their .txt, .md and .html files, but for hidden ones and what
    .gitignore files ignore; -v lists those) or - for standard input.
    Exit codes: 0 clean, 1 findings, 2 bad input (the other files are still linted).
    """
    from glossary.lint.batch import LintOptions, lint_files  # the engine: not for --help
    from glossary.lint.documents import STDIN, write_document
    from glossary.lint.folders import find_documents
    from glossary.lint.service import matcher_for_database, matcher_for_file

    end_at_once()  # what it writes is flushed before the process ends (and the collector off until then)
    unknown = unknown_prefixes(select + ignore)
    if unknown:
        raise InputError(f"unknown rule id or prefix: {', '.join(unknown)}")
    rules = selected_rules(select, ignore)
    matcher = matcher_for_file(glossary_file, style) if glossary_file else matcher_for_database(settings.open(), style)
    findings: list[Finding] = []
    bad_input = False
    options = LintOptions(lang=lang, kind=kind, rules=rules, date=document_date, keep_documents=fix, fix=fix)
    documents = find_documents(list(paths))
    if verbose:
        for skipped in documents.skipped:
            click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    for result in lint_files(documents.paths, matcher, options, jobs):
        if result.document is None:
            for problem in result.problems:
                click.echo(f"error: {problem}", err=True)
            bad_input = True
            continue
        found = result.findings
        if fix:
            applied = result.applied
            if result.path == STDIN:
                sys.stdout.writelines(result.fixed.pieces())
            elif applied:
                try:
                    write_document(result.document, result.fixed.pieces())
                except OSError as exc:
                    click.echo(f"error: {result.path}: cannot write: {exc.strerror or exc}", err=True)
                    bad_input = True
                    found = found + applied
                    applied = []
            for finding in applied:
                click.echo(f"fixed {finding.path}:{finding.line}:{finding.column}: {finding.found} -> {finding.suggestion}", err=True)
        findings.extend(found)
    stream = sys.stderr if fix and STDIN in paths else sys.stdout  # the fixed text of stdin goes to stdout
    stream.flush()  # what was written as text before the report's bytes
    out = getattr(stream, "buffer", None)  # UTF-8 bytes, SARIF in pieces, written as they are
    write_report(output_format, findings, out.write if out is not None else lambda data: stream.write(data.decode()),
                 version=__version__)
    (out or stream).flush()
    if bad_input:
        sys.exit(2)
    if any(f.severity.rank >= FAIL_ON[fail_on] for f in findings):
        sys.exit(1)

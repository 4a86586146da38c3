"""tilmash qa: bilingual checks of catalogues, and of the versions of one story."""

from __future__ import annotations

import sys

import click

from glossary.errors import FormatError
from glossary.languages import normalize_language, primary_language
from glossary.lint import markup
from glossary.lint.documents import read_document
from glossary.lint.findings import Finding
from glossary.lint.formatters import FORMATTERS, report as render_report
from glossary.lint.rules import QA_RULES, VERSION_RULES, selected_rules, unknown_prefixes
from glossary.lint.service import matcher_for_database, matcher_for_file
from tm.qa.files import read_units
from tm.qa.pairs import check_units
from tm.qa.versions import check_versions, read_version, require_distinct_languages, version_language

from .. import __version__
from . import InputError, Settings, cli, pass_settings
from .lint_command import FAIL_ON


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--source", "source_lang", metavar="LL",
              help="Language of the sources (default: the file's X-Source-Language or srclang, else en).")
@click.option("--versions", is_flag=True, help="FILES are versions of one story in different languages: compare them.")
@click.option("--langs", metavar="LL,LL,...", help="With --versions: the language of each file, in order (default: detected).")
@click.option("--glossary", "glossary_file", metavar="FILE", help="Check against this TBX or CSV glossary instead of the database's.")
@click.option("--style", metavar="NAME", help="House style to check against (default: the default style).")
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True)
@click.option("--select", multiple=True, metavar="PREFIX", help="Only rules whose id starts with PREFIX (repeatable).")
@click.option("--ignore", multiple=True, metavar="PREFIX", help="Leave out rules whose id starts with PREFIX (repeatable).")
@click.option("--fail-on", type=click.Choice(list(FAIL_ON)), default="warning", show_default=True,
              help="Exit 1 when a finding has at least this severity.")
@pass_settings
def qa(settings: Settings, files: tuple[str, ...], source_lang: str | None, versions: bool, langs: str | None,
       glossary_file: str | None, style: str | None, output_format: str, select: tuple[str, ...],
       ignore: tuple[str, ...], fail_on: str) -> None:
    """Check translations in PO files and TMX memories (each translation against its source), or with
    --versions the versions of one story against each other.

    Exit codes: 0 clean, 1 findings, 2 bad input (the other files are still checked).
    """
    among = VERSION_RULES if versions else QA_RULES
    unknown = unknown_prefixes(select + ignore, among)
    if unknown:
        raise InputError(f"unknown rule id or prefix: {', '.join(unknown)}")
    if langs and not versions:
        raise InputError("--langs goes with --versions")
    if source_lang and versions:
        raise InputError("--source goes with PO files, not with --versions (use --langs)")
    rules = selected_rules(select, ignore, among)
    if source_lang:
        source_lang = primary_language(normalize_language(source_lang))
    if versions:
        given = _languages(langs, len(files))
        if len(files) < 2:
            raise InputError("--versions compares two or more versions of one story; give at least two files")
    matcher = (matcher_for_file(glossary_file, style, shortcuts=False) if glossary_file
               else matcher_for_database(settings.open(), style, shortcuts=False))
    if versions:
        documents = [read_document(path) for path in files]
        detected = given or [version_language(d.text) for d in documents]
        require_distinct_languages(files, detected)
        read = [read_version(d.path, d.text, lang, matcher, kind=markup.kind_for_path(d.path))
                for d, lang in zip(documents, detected)]
        _report(check_versions(read, matcher, rules), output_format, fail_on, bad_input=False)
        return
    findings: list[Finding] = []
    bad_input = False
    for path in files:
        try:  # a memory is read as a stream: its problems may come after some units were checked
            found = check_units(read_units(path, source_lang=source_lang), matcher, rules)
        except FormatError as exc:  # nothing of this file is reported but its problems
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            bad_input = True
            continue
        findings.extend(found)
    _report(findings, output_format, fail_on, bad_input)


def _languages(langs: str | None, count: int) -> list[str] | None:
    if not langs:
        return None
    codes = [primary_language(normalize_language(code)) for code in langs.split(",") if code.strip()]
    if len(codes) != count:
        raise InputError(f"--langs gives {len(codes)} languages for {count} files")
    return codes


def _report(findings: list[Finding], output_format: str, fail_on: str, bad_input: bool) -> None:
    report = render_report(output_format, findings, version=__version__)  # UTF-8 bytes
    click.echo(report, nl=False)
    if bad_input:
        sys.exit(2)
    if any(f.severity.rank >= FAIL_ON[fail_on] for f in findings):
        sys.exit(1)

"""An audit report as text, JSON, CSV or HTML: one registry, chosen by ``--format``.

Each takes the plain dict of ``Audit.report``; ``REPORTS`` gives the UTF-8 bytes written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import orjson

from ..languages import language_name
from .html import format_html
from .report import documents_phrase as _documents
from .report import summary_line, times_phrase as _times


def format_text(report: dict) -> str:
    out = [summary_line(report), ""]
    for language in report["languages"]:
        out.append(language_name(language["lang"]))
        for concept in language["concepts"]:
            out.append(f"  {concept['concept']}: {_times(concept['occurrences'])} in {_documents(concept['documents'])}")
            width = max(len(f["term"]) for f in concept["forms"])
            for form in concept["forms"]:
                share = 100 * form["occurrences"] / concept["occurrences"]
                out.append(f"    {form['term']:<{width}}  {form['status']:<14} {form['occurrences']:>6} {share:>4.0f}%"
                           f"  {_documents(form['documents']):>14}  {_period(form)}".rstrip())
        out.append("")
    if report["candidates"]:
        out.append(f"Unknown variants seen {report['min_count']} times or more (--suggest-terms writes them for the glossary)")
        for candidate in report["candidates"]:
            out.append(f"  {candidate['lang']} {candidate['concept']}: {candidate['term']!r}, "
                       f"{_times(candidate['occurrences'])} in {_documents(candidate['documents'])}")
            out.extend(f"      {e['path']}:{e['line']}: {e['text']}" for e in candidate["examples"])
        out.append("")
    if report["most_findings"]:
        out.append("Documents with the most findings")
        out.extend(f"  {d['findings']:>5}  {d['path']}" for d in report["most_findings"])
        out.append("")
    return "\n".join(out)


def json_report(report: dict) -> bytes:
    """One line, as ``json.dumps(report, ensure_ascii=False, separators=(",", ":"))`` writes it, by orjson:
    the same bytes ten times faster (the report of 100,000 articles is 22 MB). A form's months made from
    the archive's record (``months.FormMonths``) come already written."""
    try:
        return orjson.dumps(report, default=_written, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:  # a lone surrogate (a path that is not UTF-8): written as ``?``, as the lint does
        return (json.dumps(report, ensure_ascii=False, separators=(",", ":"), default=dict) + "\n").encode("utf-8", "replace")


def _written(value: object) -> orjson.Fragment:
    """The JSON of a value that has it already written (``months.FormMonths``, not imported here: numpy)."""
    fragment = getattr(value, "json_fragment", None)
    if fragment is None:
        raise TypeError(f"{type(value).__name__} is not JSON")
    return fragment()


def format_json(report: dict) -> str:
    return json_report(report).decode()


CSV_COLUMNS = ("lang", "concept", "term", "status", "documents", "occurrences", "first", "last")


def format_csv(report: dict) -> str:
    """One row per form of a name in a language, as the tables of the text and HTML reports."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for language in report["languages"]:
        for concept in language["concepts"]:
            for form in concept["forms"]:
                writer.writerow([language["lang"], concept["concept"], form["term"], form["status"], form["documents"],
                                 form["occurrences"], form["first"] or "", form["last"] or ""])
    return out.getvalue()


def _period(form: dict) -> str:
    if not form["first"]:
        return ""
    first, last = form["first"][:7], form["last"][:7]
    return first if first == last else f"{first} to {last}"


def _utf8(formatter: Callable[[dict], str]) -> Callable[[dict], bytes]:
    return lambda report: formatter(report).encode("utf-8")


REPORTS: dict[str, Callable[[dict], bytes]] = {"text": _utf8(format_text), "json": json_report, "csv": _utf8(format_csv),
                                               "html": _utf8(format_html)}

"""An audit report as text, JSON, CSV or HTML: one registry, chosen by ``--format``.

Each takes the plain dict of ``Audit.report`` and returns the whole output as a string.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

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


def format_json(report: dict) -> str:
    """One line: the report of a large archive is large, and JSON's encoder in C writes it only without indentation."""
    return json.dumps(report, ensure_ascii=False, separators=(",", ":")) + "\n"


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


FORMATTERS: dict[str, Callable[[dict], str]] = {"text": format_text, "json": format_json, "csv": format_csv,
                                                "html": format_html}

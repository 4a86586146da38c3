"""Unknown variants seen several times: candidates for the glossary, each under its closest concept.

A variant is a word one letter from a word of a glossary term, in the place that
term's other words are (``term.unknown-variant``); the candidate is that term with
the variant's spelling. ``suggested_terms`` writes them in the glossary's CSV
format, as deprecated terms with a note of their counts and two examples, for a
terminologist to review and import (``tilmash import``).
"""

from __future__ import annotations

from ..formats.csv import FORMAT as CSV
from ..records import ConceptEntry, Glossary, TermEntry, TermStatus
from .dates import iso_of


def candidates(forms: dict, min_count: int) -> list[dict]:
    """The unknown variants of ``Audit.forms`` used ``min_count`` times or more, most used first."""
    found = []
    for (lang, concept, term, category), count in forms.items():
        if category == "unknown" and count.occurrences >= min_count:
            found.append({
                "concept": concept, "lang": lang, "term": term,
                "documents": count.documents, "occurrences": count.occurrences,
                "first": iso_of(count.first), "last": iso_of(count.last),
                "examples": [{"path": e.path, "line": e.line, "text": e.text} for e in count.examples],
            })
    return sorted(found, key=lambda c: (-c["occurrences"], c["lang"], c["concept"], c["term"]))


def suggested_terms(report: dict) -> bytes:
    """The report's candidates as a glossary CSV: one deprecated term each, under its concept."""
    concepts: dict[str, ConceptEntry] = {}
    for candidate in report["candidates"]:
        concept = concepts.setdefault(candidate["concept"], ConceptEntry(candidate["concept"]))
        concept.terms.append(TermEntry(candidate["lang"], candidate["term"], TermStatus.DEPRECATED, note=_note(candidate)))
    return CSV.write(Glossary(sorted(concepts.values(), key=lambda c: c.id)))


def _note(candidate: dict) -> str:
    """The lint shows a note's first part as the reason a form is deprecated: that part says where it comes from."""
    times = "once" if candidate["occurrences"] == 1 else f"{candidate['occurrences']} times"
    documents = "1 document" if candidate["documents"] == 1 else f"{candidate['documents']} documents"
    when = ""
    if candidate["first"]:
        when = f", {candidate['first']}" + (f" to {candidate['last']}" if candidate["last"] != candidate["first"] else "")
    examples = "; ".join(f"{e['path']}:{e['line']}: {e['text']}" for e in candidate["examples"])
    return f"unknown variant found by tilmash audit {times} in {documents}{when}; examples: {examples}"

"""Findings as text, JSON or SARIF 2.1.0: one registry, chosen by ``--format``.

JSON and SARIF are written as ``json.dumps(..., ensure_ascii=False, indent=2)``
writes them, character for character, but each finding from one template with
its strings escaped by ``json``'s own C function: ``json.dumps`` with
``indent`` runs its encoder in Python, about 30 times slower (the tests check
that every output is exactly its own ``json.dumps``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from urllib.parse import quote

from .findings import Finding, Severity
from .rules import RULES

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_string = json.encoder.encode_basestring  # the C function json.dumps(ensure_ascii=False) escapes strings with


def _value(text: str | None) -> str:
    return "null" if text is None else _string(text)


def format_text(findings: Sequence[Finding]) -> str:
    """``path:line:col: severity rule: message -> suggestion``, one finding a line."""
    lines = []
    for f in findings:
        line = f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.rule}: {f.message}"
        lines.append(line + (f" -> {f.suggestion}" if f.suggestion is not None else ""))
    return "".join(line + "\n" for line in lines)


def format_json(findings: Sequence[Finding]) -> str:
    """The JSON array of the contract in DESIGN.md (``Finding.to_json`` of each, indented by two)."""
    if not findings:
        return "[]\n"
    items = [
        f'  {{\n    "path": {_string(f.path)},\n    "start": {f.start},\n    "end": {f.end},\n    "line": {f.line},\n'
        f'    "column": {f.column},\n    "end_line": {f.end_line},\n    "end_column": {f.end_column},\n'
        f'    "rule": {_string(f.rule)},\n    "severity": {_string(f.severity.value)},\n    "found": {_string(f.found)},\n'
        f'    "suggestion": {_value(f.suggestion)},\n    "concept": {_value(f.concept)},\n    "lang": {_string(f.lang)},\n'
        f'    "status": {_value(f.status)},\n    "message": {_string(f.message)}\n  }}'
        for f in findings
    ]
    return "[\n" + ",\n".join(items) + "\n]\n"


_RESULTS = "tilmash results"  # where the results go in the document's skeleton


def format_sarif(findings: Sequence[Finding], *, version: str = "0") -> str:
    """SARIF 2.1.0, as GitHub code scanning takes it: one run, every rule described, fixes attached."""
    driver = {
        "name": "tilmash",
        "version": version,
        "semanticVersion": version,
        "rules": [
            {
                "id": rule.id,
                "name": rule.id.replace(".", "-"),
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.why},
                "help": {
                    "text": f"{rule.why}\nExample: {rule.example}\nInstead: {rule.instead}",
                    "markdown": f"{rule.why}\n\n**Example:** {rule.example}\n\n**Instead:** {rule.instead}",
                },
                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            }
            for rule in RULES.values()
        ],
    }
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": [_RESULTS] if findings else []}],
    }
    skeleton = json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
    if not findings:
        return skeleton
    rule_index = {rule: index for index, rule in enumerate(RULES)}
    uris: dict[str, str] = {}
    names = _Names()  # rule ids, concepts, languages, statuses: few, each escaped once
    before, after = skeleton.split(f"        {_string(_RESULTS)}")
    out = [before]
    for f in findings:
        uri = uris.get(f.path)
        if uri is None:
            uri = uris[f.path] = _string(_uri(f.path))
        out.append(_sarif_result(f, rule_index[f.rule], uri, names))
        out.append(",\n")
    out[-1] = after
    return "".join(out)


class _Names(dict):
    """JSON of strings that repeat, each escaped once."""

    def __missing__(self, text: str | None) -> str:
        self[text] = _value(text)
        return self[text]


def _sarif_result(f: Finding, rule_index: int, uri: str, names: _Names) -> str:
    """One result, as it stands in the document (its first line indented by eight); ``uri``: its file's, as JSON."""
    region = (f'"startLine": {f.line},\n\0"startColumn": {f.column},\n\0"endLine": {f.end_line},\n'
              f'\0"endColumn": {f.end_column},\n\0"charOffset": {f.start},\n\0"charLength": {f.end - f.start}')
    message = f.message if f.suggestion is None else f"{f.message} Use: {f.suggestion}"
    fingerprint = hashlib.sha256(f"{f.path}|{f.rule}|{f.found}|{f.line}".encode()).hexdigest()[:32]
    fix = "" if not f.fixable or f.suggestion is None else (
        f',\n          "fixes": [\n            {{\n              "description": {{\n'
        f'                "text": {_string(f"Replace {f.found!r} with {f.suggestion!r}")}\n              }},\n'
        f'              "artifactChanges": [\n                {{\n                  "artifactLocation": {{\n'
        f'                    "uri": {uri}\n                  }},\n                  "replacements": [\n'
        f'                    {{\n                      "deletedRegion": {{\n                        {region.replace(chr(0), " " * 24)}\n'
        f'                      }},\n                      "insertedContent": {{\n'
        f'                        "text": {_string(f.suggestion)}\n                      }}\n                    }}\n'
        f'                  ]\n                }}\n              ]\n            }}\n          ]'
    )
    return (
        f'        {{\n          "ruleId": {names[f.rule]},\n          "ruleIndex": {rule_index},\n'
        f'          "level": "{_SARIF_LEVEL[f.severity]}",\n          "message": {{\n            "text": {_string(message)}\n'
        f'          }},\n          "locations": [\n            {{\n              "physicalLocation": {{\n'
        f'                "artifactLocation": {{\n                  "uri": {uri}\n                }},\n'
        f'                "region": {{\n                  {region.replace(chr(0), " " * 18)},\n'
        f'                  "snippet": {{\n                    "text": {_string(f.found)}\n                  }}\n'
        f'                }}\n              }}\n            }}\n          ],\n'
        f'          "partialFingerprints": {{\n            "tilmashFinding/v1": "{fingerprint}"\n          }},\n'
        f'          "properties": {{\n            "concept": {names[f.concept]},\n            "lang": {names[f.lang]},\n'
        f'            "status": {names[f.status]},\n            "suggestion": {_value(f.suggestion)}\n          }}{fix}\n        }}'
    )


def _uri(path: str) -> str:
    return "stdin" if path == "-" else quote(path.replace("\\", "/"), safe="/:")


FORMATTERS: dict[str, Callable[..., str]] = {"text": format_text, "json": format_json, "sarif": format_sarif}

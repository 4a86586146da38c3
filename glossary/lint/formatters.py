"""Findings as text, JSON or SARIF 2.1.0: one registry, chosen by ``--format``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from urllib.parse import quote

from .findings import Finding, Severity
from .rules import RULES

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def format_text(findings: Sequence[Finding]) -> str:
    """``path:line:col: severity rule: message -> suggestion``, one finding a line."""
    lines = []
    for f in findings:
        line = f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.rule}: {f.message}"
        lines.append(line + (f" -> {f.suggestion}" if f.suggestion is not None else ""))
    return "".join(line + "\n" for line in lines)


def format_json(findings: Sequence[Finding]) -> str:
    """The JSON array of the contract in DESIGN.md, indented by two (as ``json.dumps(..., indent=2)``
    writes it, one finding's object at a time rather than all of them first)."""
    if not findings:
        return "[]\n"
    objects = ("  " + json.dumps(f.to_json(), ensure_ascii=False, indent=2).replace("\n", "\n  ") for f in findings)
    return "[\n" + ",\n".join(objects) + "\n]\n"


def format_sarif(findings: Sequence[Finding], *, version: str = "0") -> str:
    """SARIF 2.1.0, as GitHub code scanning takes it: one run, every rule described, fixes attached."""
    rule_ids = list(RULES)
    results = []
    for f in findings:
        region = {
            "startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
            "charOffset": f.start, "charLength": f.end - f.start, "snippet": {"text": f.found},
        }
        location = {"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}
        result = {
            "ruleId": f.rule,
            "ruleIndex": rule_ids.index(f.rule),
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message + (f" Use: {f.suggestion}" if f.suggestion is not None else "")},
            "locations": [location],
            "partialFingerprints": {
                "tilmashFinding/v1": hashlib.sha256(f"{f.path}|{f.rule}|{f.found}|{f.line}".encode()).hexdigest()[:32],
            },
            "properties": {"concept": f.concept, "lang": f.lang, "status": f.status, "suggestion": f.suggestion},
        }
        if f.fixable and f.suggestion is not None:
            deleted = {k: region[k] for k in ("startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength")}
            result["fixes"] = [{
                "description": {"text": f"Replace {f.found!r} with {f.suggestion!r}"},
                "artifactChanges": [{
                    "artifactLocation": {"uri": _uri(f.path)},
                    "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": f.suggestion}}],
                }],
            }]
        results.append(result)
    driver = {
        "name": "tilmash",
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
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    return "stdin" if path == "-" else quote(path.replace("\\", "/"), safe="/:")


FORMATTERS: dict[str, Callable[..., str]] = {"text": format_text, "json": format_json, "sarif": format_sarif}

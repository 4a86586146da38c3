"""Findings as text, JSON or SARIF 2.1.0: one registry, chosen by ``--format``.

Each formatter writes UTF-8 bytes, which the CLI writes as they are (``REPORTS``);
``FORMATTERS`` gives the same reports as text. JSON and SARIF are written as
``json.dumps(..., ensure_ascii=False, indent=2)`` writes them, byte for byte,
but each finding from one ``bytes`` template with its strings escaped by
``json``'s own C function: ``json.dumps`` with ``indent`` runs its encoder in
Python, about 30 times slower, and a ``str`` holding one Cyrillic letter is
two bytes a character (the tests check that every output is exactly its own
``json.dumps``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from .findings import Finding, Severity
from .rules import RULES

try:  # CPython's own SHA-256: the same digest, twice as fast as OpenSSL's on a short string
    from _sha2 import sha256 as _sha256  # Python 3.12+
except ImportError:  # pragma: no cover - depends on the Python
    try:
        from _sha256 import sha256 as _sha256  # Python 3.11
    except ImportError:
        from hashlib import sha256 as _sha256
try:  # the C function json.dumps(ensure_ascii=False) escapes strings with, without importing json (its
    from _json import encode_basestring as _string  # decoder compiles regular expressions): text needs neither
except ImportError:  # pragma: no cover - a Python without json's C part
    from json.encoder import encode_basestring as _string

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _value(text: str | None) -> str:
    return "null" if text is None else _string(text)


def _json(text: str | None) -> bytes:
    """``text`` as a JSON value in UTF-8 (what cannot be encoded, a lone surrogate, as ``?``, as the CLI's streams do)."""
    return _value(text).encode("utf-8", "replace")


class _Names(dict):
    """JSON of strings that repeat (paths, rule ids, concepts, languages, statuses, suggestions), each escaped once."""

    def __missing__(self, text: str | None) -> bytes:
        value = self[text] = _json(text)
        return value


class _Insides(dict):
    """What ``_Names`` gives, without its quotes: a JSON string's inside, to be written inside a longer one."""

    def __missing__(self, text: str) -> bytes:
        value = self[text] = _json(text)[1:-1]
        return value


class _Quoted(dict):
    """The inside of the JSON string of ``repr(text)``, for strings that repeat (suggestions)."""

    def __missing__(self, text: str) -> bytes:
        value = self[text] = _json(repr(text))[1:-1]
        return value


def text_report(findings: Sequence[Finding]) -> bytes:
    """``path:line:col: severity rule: message -> suggestion``, one finding a line."""
    lines = []
    for f in findings:
        line = f"{f.path}:{f.line}:{f.column}: {f.severity.value} {f.rule}: {f.message}"
        lines.append(line + (f" -> {f.suggestion}" if f.suggestion is not None else ""))
    return "".join(line + "\n" for line in lines).encode("utf-8", "replace")


_JSON_FINDING = (
    b'  {\n    "path": %b,\n    "start": %d,\n    "end": %d,\n    "line": %d,\n'
    b'    "column": %d,\n    "end_line": %d,\n    "end_column": %d,\n'
    b'    "rule": %b,\n    "severity": %b,\n    "found": %b,\n'
    b'    "suggestion": %b,\n    "concept": %b,\n    "lang": %b,\n'
    b'    "status": %b,\n    "message": %b\n  }'
)


def json_report(findings: Sequence[Finding]) -> bytes:
    """The JSON array of the contract in DESIGN.md (``Finding.to_json`` of each, indented by two)."""
    if not findings:
        return b"[]\n"
    names = _Names()
    severities = {severity: _json(severity.value) for severity in Severity}
    warning = Severity.WARNING  # compared by identity: an Enum's hash is a Python function
    string = _string
    items = [
        _JSON_FINDING % (names[f.path], f.start, f.end, f.line, f.column, f.end_line, f.end_column, names[f.rule],
                         b'"warning"' if f.severity is warning else severities[f.severity],
                         string(f.found).encode("utf-8", "replace"), names[f.suggestion], names[f.concept], names[f.lang],
                         names[f.status], string(f.message).encode("utf-8", "replace"))
        for f in findings
    ]
    return b"[\n" + b",\n".join(items) + b"\n]\n"


_RESULTS = "tilmash results"  # where the results go in the document's skeleton


def _region(indent: int) -> bytes:
    pad = b" " * indent
    return (b'"startLine": %d,\n' + pad + b'"startColumn": %d,\n' + pad + b'"endLine": %d,\n' + pad + b'"endColumn": %d,\n'
            + pad + b'"charOffset": %d,\n' + pad + b'"charLength": %d')


# One result as it stands in the document, its first line indented by eight, then its fix if it has one.
_SARIF_RESULT = (
    b'        {\n          "ruleId": %b,\n          "ruleIndex": %d,\n'
    b'          "level": "%b",\n          "message": {\n            "text": %b\n'
    b'          },\n          "locations": [\n            {\n              "physicalLocation": {\n'
    b'                "artifactLocation": {\n                  "uri": %b\n                },\n'
    b'                "region": {\n                  ' + _region(18) + b',\n'
    b'                  "snippet": {\n                    "text": %b\n                  }\n'
    b'                }\n              }\n            }\n          ],\n'
    b'          "partialFingerprints": {\n            "tilmashFinding/v1": "%b"\n          },\n'
    b'          "properties": {\n            "concept": %b,\n            "lang": %b,\n'
    b'            "status": %b,\n            "suggestion": %b\n          }'
)
_SARIF_FIX = (
    b',\n          "fixes": [\n            {\n              "description": {\n'
    b'                "text": %b\n              },\n'
    b'              "artifactChanges": [\n                {\n                  "artifactLocation": {\n'
    b'                    "uri": %b\n                  },\n                  "replacements": [\n'
    b'                    {\n                      "deletedRegion": {\n                        ' + _region(24) +
    b'\n                      },\n                      "insertedContent": {\n'
    b'                        "text": %b\n                      }\n                    }\n'
    b'                  ]\n                }\n              ]\n            }\n          ]'
)
_SARIF_FIXED = _SARIF_RESULT + _SARIF_FIX
# A finding with a suggestion says "{message} Use: {suggestion}", its fix "Replace {found!r} with {suggestion!r}":
# written as the JSON strings' insides one after the other (JSON escapes character by character), the
# suggestion's parts escaped once for all the findings that suggest it, not a new string each.
_MESSAGE = b'"text": %b\n          },\n          "locations"'
_USE = b'"text": "%b Use: %b"\n          },\n          "locations"'
_REPLACE = b'"text": %b\n              },\n              "artifactChanges"'
_SARIF_USE = _SARIF_RESULT.replace(_MESSAGE, _USE)
_SARIF_FIXED = _SARIF_FIXED.replace(_MESSAGE, _USE).replace(_REPLACE, _REPLACE.replace(b"%b", b'"Replace %b with %b"'))
_NEXT_RESULT = b"\n        },\n"
_SARIF_LEVEL_BYTES = {severity: level.encode() for severity, level in _SARIF_LEVEL.items()}


def sarif_report(findings: Sequence[Finding], *, version: str = "0") -> bytes:
    """SARIF 2.1.0, as GitHub code scanning takes it: one run, every rule described, fixes attached."""
    parts: list[bytes] = []
    write_sarif(findings, parts.append, version=version)
    return b"".join(parts)


def _sarif_skeleton(version: str, results: bool) -> bytes:
    import json

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
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": [_RESULTS] if results else []}],
    }
    return (json.dumps(sarif, ensure_ascii=False, indent=2) + "\n").encode()


_CHUNK = 256  # results a piece handed to ``write``: about half a megabyte


def write_sarif(findings: Sequence[Finding], write: Callable[[bytes], object], *, version: str = "0") -> None:
    """``sarif_report``'s bytes, handed to ``write`` in pieces of about half a megabyte.

    Each result is one ``bytes`` template (its fix in the same one; the comma before every
    result but the first in its template) written into a small buffer that is handed on and
    started again every ``_CHUNK`` results: 10,000 results of 2 KB kept for one join (20 MB
    of memory touched twice) cost a fifth more than the formatting itself.
    """
    skeleton = _sarif_skeleton(version, bool(findings))
    if not findings:
        write(skeleton)
        return
    rule_index = {rule: index for index, rule in enumerate(RULES)}
    uris: dict[str, bytes] = {}
    names, insides, quoted = _Names(), _Insides(), _Quoted()
    before, after = skeleton.split(b"        " + _json(_RESULTS))
    write(before)
    warning, info = Severity.WARNING, Severity.INFO  # compared by identity: an Enum's hash is a Python function
    string = _string
    plain, use, fixed = _SARIF_RESULT, _SARIF_USE, _SARIF_FIXED
    for first in range(0, len(findings), _CHUNK):
        chunk = io.BytesIO()
        put = chunk.write
        for f in findings[first:first + _CHUNK]:
            uri = uris.get(f.path)
            if uri is None:
                uri = uris[f.path] = _json(_uri(f.path))
            suggestion, found, line, start = f.suggestion, f.found, f.line, f.start
            severity = f.severity
            level = b"warning" if severity is warning else b"note" if severity is info else _SARIF_LEVEL_BYTES[severity]
            size = f.end - start
            fingerprint = _sha256(f"{f.path}|{f.rule}|{found}|{line}".encode("utf-8", "replace")).hexdigest()[:32].encode()
            if suggestion is None:
                put(plain % (
                    names[f.rule], rule_index[f.rule], level, string(f.message).encode("utf-8", "replace"), uri,
                    line, f.column, f.end_line, f.end_column, start, size, string(found).encode("utf-8", "replace"),
                    fingerprint, names[f.concept], names[f.lang], names[f.status], b"null"))
            elif f.fixable:
                suggested, column, end_line, end_column = names[suggestion], f.column, f.end_line, f.end_column
                put(fixed % (
                    names[f.rule], rule_index[f.rule], level,
                    string(f.message).encode("utf-8", "replace")[1:-1], insides[suggestion], uri,
                    line, column, end_line, end_column, start, size, string(found).encode("utf-8", "replace"),
                    fingerprint, names[f.concept], names[f.lang], names[f.status], suggested,
                    string(repr(found)).encode("utf-8", "replace")[1:-1], quoted[suggestion], uri,
                    line, column, end_line, end_column, start, size, suggested))
            else:
                put(use % (
                    names[f.rule], rule_index[f.rule], level,
                    string(f.message).encode("utf-8", "replace")[1:-1], insides[suggestion], uri,
                    line, f.column, f.end_line, f.end_column, start, size, string(found).encode("utf-8", "replace"),
                    fingerprint, names[f.concept], names[f.lang], names[f.status], names[suggestion]))
            if plain is _SARIF_RESULT:  # after the first result, each starts by closing the one before
                plain, use, fixed = _NEXT_RESULT + plain, _NEXT_RESULT + use, _NEXT_RESULT + fixed
        write(chunk.getvalue())  # the buffer itself, not a copy
    write(b"\n        }" + after)


def _uri(path: str) -> str:
    from urllib.parse import quote

    return "stdin" if path == "-" else quote(path.replace("\\", "/"), safe="/:")


def format_text(findings: Sequence[Finding]) -> str:
    return text_report(findings).decode()


def format_json(findings: Sequence[Finding]) -> str:
    return json_report(findings).decode()


def format_sarif(findings: Sequence[Finding], *, version: str = "0") -> str:
    return sarif_report(findings, version=version).decode()


REPORTS: dict[str, Callable[..., bytes]] = {"text": text_report, "json": json_report, "sarif": sarif_report}
FORMATTERS: dict[str, Callable[..., str]] = {"text": format_text, "json": format_json, "sarif": format_sarif}


def report(name: str, findings: Sequence[Finding], *, version: str = "0") -> bytes:
    """The findings in format ``name`` (a key of ``REPORTS``), as the CLI writes them: SARIF names the tool's ``version``."""
    return sarif_report(findings, version=version) if name == "sarif" else REPORTS[name](findings)


def write_report(name: str, findings: Sequence[Finding], write: Callable[[bytes], object], *, version: str = "0") -> None:
    """``report``'s bytes handed to ``write``: SARIF's 2 KB a finding in pieces, not one copy of the whole."""
    if name == "sarif":
        write_sarif(findings, write, version=version)
    else:
        write(REPORTS[name](findings))

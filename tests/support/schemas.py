"""Validation of the files we write against ../shared/schemas (RelaxNG, Schematron, JSON Schema).

The Schematron rules are evaluated here directly: for each pattern, each node
takes the first rule whose context matches it, and every assert of that rule
must hold. TBX 2008's rules (embedded in its RelaxNG, old ASCC namespace) are
XPath 1; the TBX v3 DCA rules declare queryBinding xslt2, so they run on
elementpath's XPath 2 parser.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import elementpath
from lxml import etree

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "schemas"
TBX3_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
ASCC = "http://www.ascc.net/xml/schematron"
ISO = "http://purl.oclc.org/dsdl/schematron"


@functools.cache
def _relaxng(name: str) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / name)))


def _schematron_rules(schema: etree._Element, ns: str) -> list[list[tuple[str, list[tuple[str, str]]]]]:
    """Patterns, each a list of (context, [(test, message)]) rules."""
    patterns = []
    for pattern in schema.iter(f"{{{ns}}}pattern"):
        rules = []
        for rule in pattern.iter(f"{{{ns}}}rule"):
            asserts = [(a.get("test"), " ".join("".join(a.itertext()).split())) for a in rule.iter(f"{{{ns}}}assert")]
            rules.append((rule.get("context"), asserts))
        patterns.append(rules)
    return patterns


def _run_schematron(document: etree._ElementTree, patterns, namespaces: dict[str, str], parser) -> list[str]:
    errors = []
    root = document.getroot()
    for rules in patterns:
        fired: set = set()
        for context, asserts in rules:
            path = context if context.startswith("/") else "//" + context
            nodes = elementpath.select(root, path, namespaces=namespaces, parser=parser)
            for node in nodes:
                key = (id(getattr(node, "parent", None)), getattr(node, "name", None)) if not isinstance(node, etree._Element) else node
                if key in fired:
                    continue
                fired.add(key)
                for test, message in asserts:
                    ok = elementpath.select(root, f"boolean({test})", namespaces=namespaces, parser=parser, item=node)
                    if not ok:
                        where = node.sourceline if isinstance(node, etree._Element) else "?"
                        errors.append(f"line {where}: {context}: {message}")
    return errors


def tbx_errors(data: bytes) -> list[str]:
    """Every schema error of a TBX file: RelaxNG, then Schematron; [] when it is valid."""
    document = etree.ElementTree(etree.fromstring(data))
    root_name = etree.QName(document.getroot()).localname
    if root_name == "martif":
        grammar_file, ns, namespaces, parser = "TBXBasicRNGV02.rng", ASCC, {}, elementpath.XPath1Parser
        schematron = etree.parse(str(SCHEMAS / grammar_file)).getroot()
    elif root_name == "tbx":
        grammar_file, ns, namespaces, parser = "TBXcoreStructV03.rng", ISO, {"tbx": TBX3_NAMESPACE}, elementpath.XPath2Parser
        schematron = etree.parse(str(SCHEMAS / "TBX-Basic_DCA.sch")).getroot()
    else:
        return [f"root element <{root_name}> is neither <martif> nor <tbx>"]
    grammar = _relaxng(grammar_file)
    errors = [] if grammar.validate(document) else [f"line {e.line}: {e.message}" for e in grammar.error_log]
    return errors + _run_schematron(document, _schematron_rules(schematron, ns), namespaces, parser)


@functools.cache
def sarif_schema() -> dict:
    return json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

"""What every glossary format shares: the interface, text decoding, safe XML."""

from __future__ import annotations

import codecs
import re
from typing import Protocol

import defusedxml.ElementTree
from defusedxml import DefusedXmlException
from lxml import etree

from ..errors import FormatError
from ..records import Glossary


class GlossaryFormat(Protocol):
    name: str
    extensions: tuple[str, ...]

    def read(self, data: bytes, path: str) -> Glossary: ...

    def write(self, glossary: Glossary) -> bytes: ...


def decode_text(data: bytes, path: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    A file with NUL bytes near its start is binary and said to be. Anything else is refused with the line of the first bad byte, because a
    guessed encoding would import mangled names without a word.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data[:8192]:
        raise FormatError.single(path, None, "not a text file (binary data)")
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise FormatError.single(
            path, line, f"not valid {encoding.removesuffix('-sig').upper()} (byte 0x{bad}); save the file as UTF-8"
        ) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FormatError.single(path, line, "the file contains NUL characters: it is binary, not text")
    return text


def parse_untrusted_xml(data: bytes, path: str) -> etree._ElementTree:
    """Parse XML from outside with entity expansion, DTD loading and network off.

    defusedxml's expat pass refuses any entity declaration (billion laughs,
    XXE) before anything is expanded, so nothing of such a file is imported.
    A DOCTYPE that only names an external DTD (as Weblate's TBX files do)
    passes; the DTD is not fetched. lxml then parses for line numbers.
    """
    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        name = getattr(exc, "name", None) or getattr(exc, "sysid", None) or ""
        raise entities_refused(data, path, name) from exc
    except defusedxml.ElementTree.ParseError:
        pass  # lxml reports it below, with a better message
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False,
                             huge_tree=False, remove_pis=True)
    try:
        return etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as exc:
        raise broken_xml(exc, path) from exc


def entities_refused(head: bytes, path: str, name: str = "") -> FormatError:
    """The error for a file that declares XML entities; ``head``: the file's first bytes, for the line."""
    declaration = head.find(b"<!ENTITY")
    return FormatError.single(
        path, head[:declaration].count(b"\n") + 1 if declaration >= 0 else None,
        f"the file declares XML entities{f' ({name})' if name else ''}; entity expansion is off for "
        "untrusted files, so it is refused (this is how billion-laughs and XXE attacks work)",
    )


def broken_xml(exc: etree.XMLSyntaxError, path: str) -> FormatError:
    """An lxml syntax error as one problem with its line."""
    line = exc.lineno if exc.lineno and exc.lineno > 0 else None
    message = (exc.msg or "not well-formed").split(", line ")[0].strip()
    if (cut := re.fullmatch(r"Premature end of data in tag (\S+) line (\d+)", message)) is not None:
        message = f"the file ends before <{cut[1]}> (line {cut[2]}) is closed: is it truncated?"
    if "encoding" in message.lower() or "utf-8" in message.lower():
        message += " (the file is not in the encoding it declares; save it as UTF-8)"
    return FormatError.single(path, line, f"broken XML: {message}")


def local_name(element: etree._Element) -> str:
    """An element's name without its namespace."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def element_text(element: etree._Element) -> str:
    """All text inside an element (inline markup such as <hi> flattened), trimmed."""
    return "".join(element.itertext()).strip()

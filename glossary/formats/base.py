"""What every glossary format shares: the interface, text decoding, safe XML."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Protocol

from ..errors import FormatError, saying
from ..fileio import decode_text  # noqa: F401 - the formats' text decoding, where it has always been found
from ..records import Glossary

if TYPE_CHECKING:
    from lxml import etree


class GlossaryFormat(Protocol):
    name: str
    extensions: tuple[str, ...]

    def read(self, data: bytes, path: str) -> Glossary: ...

    def write(self, glossary: Glossary) -> bytes: ...


def parse_untrusted_xml(data: bytes, path: str) -> etree._ElementTree:
    """Parse XML from outside with entity expansion, DTD loading and network off.

    defusedxml's expat pass refuses any entity declaration (billion laughs,
    XXE) before anything is expanded, so nothing of such a file is imported.
    A DOCTYPE that only names an external DTD (as Weblate's TBX files do)
    passes; the DTD is not fetched. lxml then parses for line numbers.
    """
    import defusedxml.ElementTree  # XML libraries: imported by the formats that parse XML, not by every command
    from defusedxml import DefusedXmlException
    from lxml import etree

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
    line = head[:declaration].count(b"\n") + 1 if declaration >= 0 else None
    if name:
        return FormatError.at(path, line, "xml.entities-named", name=name)
    return FormatError.at(path, line, "xml.entities")


# XML's own entities: any other (&nbsp;, copied from HTML) needs a DTD, and untrusted files are read without one.
_UNDECLARED_ENTITY = "ERR_UNDECLARED_ENTITY"


def broken_xml(exc: etree.XMLSyntaxError, path: str) -> FormatError:
    """An lxml syntax error as one problem with its line. Where lxml's last word has no line (an
    undefined entity ends iterparse with "no element found"), the last error it logged with a line says what
    and where (the last: the log also keeps what a reader's earlier parse of one unit alone found, in its lines)."""
    line = exc.lineno if exc.lineno and exc.lineno > 0 else None
    message = (exc.msg or "not well-formed").split(", line ")[0].strip()
    if line is None:
        cause = next((entry for entry in reversed(exc.error_log) if entry.line and entry.line > 0), None)
        if cause is not None:
            line, message = cause.line, cause.message.strip()
            if cause.type_name == _UNDECLARED_ENTITY:
                message += (" (XML knows only &amp; &lt; &gt; &quot; &apos;: write the character itself, "
                            "or a numeric reference such as &#160;)")
    if (cut := re.fullmatch(r"Premature end of data in tag (\S+) line (\d+)", message)) is not None:
        return FormatError.at(path, line, "xml.broken", detail=saying("xml.truncated", element=cut[1], line=int(cut[2])))
    if "encoding" in message.lower() or "utf-8" in message.lower():
        message += " (the file is not in the encoding it declares; save it as UTF-8)"
    return FormatError.at(path, line, "xml.broken", detail=message)


def local_name(element: etree._Element) -> str:
    """An element's name without its namespace."""
    from lxml import etree

    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def element_text(element: etree._Element) -> str:
    """All text inside an element (inline markup such as <hi> flattened), trimmed."""
    return "".join(element.itertext()).strip()

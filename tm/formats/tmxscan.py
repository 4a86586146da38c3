"""TMX units of the common shape read straight from the file's bytes: what ``tm.formats.tmx`` asks first.

Most units of a large memory are a ``<tu>`` with plain attributes and ``<tuv xml:lang="..."><seg>text</seg></tuv>``
variants, no inline tags, no ``<prop>`` or ``<note>``. ``scan_units`` reads as many such units as a buffer holds
in one compiled pass over the bytes (written in Cython's pure-Python mode and compiled where a C compiler is found,
``setup.py``) and stops at the first thing that is not of that shape, which the caller reads with lxml as before.

A unit is taken only where XML would read it the same way: attribute names without a prefix, values in double
quotes without ``<``, ``&``, tabs or line ends (XML would change those); text with none of the characters XML
refuses (controls, U+FFFE, U+FFFF, ``]]>``), without carriage returns (XML changes them), with no entity but
XML's five (``&amp;`` ``&lt;`` ``&gt;`` ``&quot;`` ``&apos;``); and every part valid UTF-8. Anything else (a comment,
a character reference, inline tags, an attribute in single quotes...) is left to lxml, which also says what is
wrong where something is.
"""

from __future__ import annotations

import cython

compiled = cython.compiled  # where not, lxml reads every unit: this file as Python is slower than lxml

_LT = cython.declare(cython.uchar, 60)  # <
_GT = cython.declare(cython.uchar, 62)  # >
_AMP = cython.declare(cython.uchar, 38)  # &
_QUOTE = cython.declare(cython.uchar, 34)  # "
_EQUALS = cython.declare(cython.uchar, 61)  # =
_SPACE = cython.declare(cython.uchar, 32)
_TAB = cython.declare(cython.uchar, 9)
_NEWLINE = cython.declare(cython.uchar, 10)


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
def _is_space(c: cython.uchar) -> cython.bint:
    return c == _SPACE or c == _NEWLINE or c == _TAB


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
def _is_name(c: cython.uchar, first: cython.bint) -> cython.bint:
    if (97 <= c <= 122) or (65 <= c <= 90) or c == 95:
        return True
    return not first and ((48 <= c <= 57) or c == 45 or c == 46)


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
def _starts(data: cython.p_uchar, at: cython.Py_ssize_t, end: cython.Py_ssize_t, literal: bytes) -> cython.bint:
    size: cython.Py_ssize_t = len(literal)
    index: cython.Py_ssize_t
    if at + size > end:
        return False
    for index in range(size):
        if data[at + index] != literal[index]:
            return False
    return True


@cython.cfunc
@cython.exceptval(check=False)
def _value_end(data: cython.p_uchar, at: cython.Py_ssize_t, end: cython.Py_ssize_t, text: cython.bint) -> cython.Py_ssize_t:
    """Where a run of plain characters starting at ``at`` ends (at ``<`` for text, ``"`` for an attribute's
    value); -1 where XML would read it otherwise. In text, an ``&`` of XML's five entities is passed over."""
    c: cython.uchar
    while at < end:
        c = data[at]
        if c >= 0x20:
            if c == _LT:
                return at if text else -1
            if c == _QUOTE and not text:
                return at
            if c == _AMP:
                if not text:
                    return -1
                if _starts(data, at, end, b"&amp;") or _starts(data, at, end, b"&lt;") or _starts(data, at, end, b"&gt;") \
                        or _starts(data, at, end, b"&quot;") or _starts(data, at, end, b"&apos;"):
                    at += 1
                    continue
                return -1
            if c == _GT and text and at >= 2 and data[at - 1] == 93 and data[at - 2] == 93:  # ]]>
                return -1
            if c == 0xEF and at + 2 < end and data[at + 1] == 0xBF and data[at + 2] >= 0xBE:  # U+FFFE, U+FFFF
                return -1
        elif c != _NEWLINE and (c != _TAB or not text):  # controls, carriage returns; tabs in attribute values
            return -1
        at += 1
    return -1


@cython.cfunc
@cython.exceptval(check=False)
def _skip_spaces(data: cython.p_uchar, at: cython.Py_ssize_t, end: cython.Py_ssize_t) -> cython.Py_ssize_t:
    """Past spaces, tabs and line ends (a carriage return only before a line feed, as Windows ends lines: XML reads
    a lone one as a line end of its own)."""
    while at < end and (_is_space(data[at]) or (data[at] == 13 and at + 1 < end and data[at + 1] == _NEWLINE)):
        at += 1
    return at


def _unescaped(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&"))


def scan_unit(buffer: bytes, start: cython.Py_ssize_t, end: cython.Py_ssize_t):
    """The unit of ``<tu`` at ``start`` to its ``</tu>`` ending at ``end``, as ([(name, value)...], [(lang, text)...]),
    or None where it is not of the common shape (or not valid UTF-8)."""
    data: cython.p_uchar = buffer
    chars: cython.p_char = buffer
    at: cython.Py_ssize_t = start + 3
    value: cython.Py_ssize_t
    name: cython.Py_ssize_t
    attributes = []
    variants = []
    try:
        while True:  # the <tu>'s attributes
            value = _skip_spaces(data, at, end)
            if value < end and data[value] == _GT:
                at = value + 1
                break
            if value == at or value >= end or not _is_name(data[value], True):
                return None
            name = value
            while value < end and _is_name(data[value], False):
                value += 1
            if value + 1 >= end or data[value] != _EQUALS or data[value + 1] != _QUOTE:
                return None
            at = _value_end(data, value + 2, end, False)
            if at < 0:
                return None
            attributes.append((chars[name:value].decode("ascii"), chars[value + 2:at].decode("utf-8")))
            at += 1
        while True:  # its variants
            at = _skip_spaces(data, at, end)
            if _starts(data, at, end, b"</tu>") and at + 5 == end:
                break
            if not _starts(data, at, end, b"<tuv xml:lang=\""):
                return None
            value = _value_end(data, at + 15, end, False)
            if value < 0 or not _starts(data, value, end, b"\">"):
                return None
            lang = chars[at + 15:value].decode("utf-8")
            at = _skip_spaces(data, value + 2, end)
            if not _starts(data, at, end, b"<seg>"):
                return None
            value = _value_end(data, at + 5, end, True)
            if value < 0 or not _starts(data, value, end, b"</seg>"):
                return None
            text = chars[at + 5:value].decode("utf-8")
            if "&" in text:
                text = _unescaped(text)
            at = _skip_spaces(data, value + 6, end)
            if not _starts(data, at, end, b"</tuv>"):
                return None
            at += 6
            variants.append((lang, text))
    except UnicodeDecodeError:
        return None
    return attributes, variants

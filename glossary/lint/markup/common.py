"""What the HTML and Markdown scanners share: blanking, markup that renders to nothing,
character references, and URLs (blanked in every kind of file, plain text too)."""

from __future__ import annotations

import functools
import html
import html.entities
import re

from ..text import IGNORABLE

_NOT_NEWLINE = re.compile(r"[^\n]")


def blank_str(segment: str) -> str:
    return _NOT_NEWLINE.sub(" ", segment) if "\n" in segment else " " * len(segment)


def blank(out: list[str], s: str, a: int, x: int, y: int) -> None:
    """Blank s[x:y], which is out[a + x:a + y]."""
    if y > x:
        out[a + x:a + y] = blank_str(s[x:y])


def join(out: list[str], s: str, a: int, x: int, y: int, joins: list[tuple[int, int]]) -> None:
    """Markup s[x:y] that renders to nothing: blanked or IGNORABLE by ``settle_joins``."""
    if y > x:
        joins.append((a + x, a + y))


def settle_joins(out: list[str], joins: list[tuple[int, int]]) -> None:
    """Blank markup that renders to nothing, or make it IGNORABLE if it has no white space on
    either side (adjacent pieces taken together, IGNORABLE looked through)."""
    if not joins:
        return
    joins.sort()
    spans: list[tuple[int, int]] = []
    x0, y0 = joins[0]
    for x, y in joins:
        if x <= y0:
            if y > y0:
                y0 = y
        else:
            spans.append((x0, y0))
            x0, y0 = x, y
    spans.append((x0, y0))
    n = len(out)
    for x, y in spans:
        segment = "".join(out[x:y])
        if "\n" in segment:
            out[x:y] = blank_str(segment)
            continue
        before = x - 1
        while before >= 0 and out[before] == IGNORABLE:
            before -= 1
        after = y
        while after < n and out[after] == IGNORABLE:
            after += 1
        inside = before >= 0 and after < n and not out[before].isspace() and not out[after].isspace()
        out[x:y] = (IGNORABLE if inside else " ") * (y - x)


CHARREF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


@functools.lru_cache(maxsize=4096)
def _decoded(reference: str) -> str | None:
    """``reference`` (``&amp;``, ``&#8217;``) as its character(s) padded with IGNORABLE, or None."""
    if reference[1] == "#":
        text = html.unescape(reference)
    else:
        text = html.entities.html5.get(reference[1:])  # "amp;", or a legacy "amp" without ';'
        if text is None:
            return None
    if text == reference or len(text) >= len(reference):
        return None
    return text + IGNORABLE * (len(reference) - len(text))


def decode_refs(out: list[str], s: str, a: int, x: int, y: int) -> None:
    """Decode the character references in s[x:y] (kept prose) in place."""
    p = s.find("&", x, y)
    while p != -1:
        m = CHARREF.match(s, p, y)
        if m:
            text = _decoded(m.group())
            if text is not None:
                out[a + p:a + m.end()] = text
            p = s.find("&", m.end(), y)
        else:
            p = s.find("&", p + 1, y)


# ---------------------------------------------------------------- URLs

_URL_HINT = re.compile(r"://|@|\.[A-Za-z]")
_NON_SPACE = re.compile(r"\S*")
_LONGEST_TOKEN = 2048  # a URL is looked for at most this far before a hint (://, @, .x) in it
_URL_END = r"""[^\s<>"'()\[\]{}.,;:!?“”‘’«»…]"""
_URL_TAIL = r"""(?:[^\s<>"'()\[\]{}“”‘’«»]|\([^\s<>"'()]*\))*(?:""" + _URL_END + r"""|\([^\s<>"'()]*\))"""
_TLDS = "az|kz|ru|uz|kg|tj|tm|ge|am|tr|ua|by|com|org|net|gov|edu|int|info|io|news|eu|uk|de|fr|us"
# Host names and e-mail addresses start only where no host character precedes and never backtrack
# inside a label (possessive), so a long run of letters or dashes costs linear time.
_URL = re.compile(
    r"(?:\b[A-Za-z][A-Za-z0-9+.-]{0,20}://|\bwww\d{0,3}\.|\bmailto:)" + _URL_TAIL
    + r"|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+"
    + r"|(?<![\w.-])(?:[A-Za-z0-9-]++\.)+[A-Za-z]{2,}/(?:" + _URL_TAIL + r")?"
    + r"|(?<![\w.-])(?:[A-Za-z0-9-]++\.)+(?i:" + _TLDS + r")\b(?![\w-])"
)


def url_spans(view: str) -> list[tuple[int, int]]:
    """(start, end) of each URL and e-mail address in ``view``, in order (they never contain white space)."""
    spans: list[tuple[int, int]] = []
    last = 0  # view[:last] is done
    hint = _URL_HINT.search(view)
    while hint:
        h = hint.start()
        # the run of non-space characters around the hint (ASCII white space is enough to bound it)
        lo = max(last, h - _LONGEST_TOKEN)  # (bounded: rfind must not walk back over the whole file)
        start = max(view.rfind(" ", lo, h), view.rfind("\n", lo, h), view.rfind("\t", lo, h), lo - 1) + 1
        end = _NON_SPACE.match(view, h).end()
        for m in _URL.finditer(view, start, end):
            spans.append(m.span())
            last = m.end()
        hint = _URL_HINT.search(view, max(end, h + 1))
    return spans


def blank_urls(view: str) -> str:
    """``view`` with URLs and e-mail addresses replaced by spaces."""
    spans = url_spans(view)
    if not spans:
        return view
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces.append(view[last:start])
        pieces.append(" " * (end - start))
        last = end
    pieces.append(view[last:])
    return "".join(pieces)


class Blocks:
    """Where the markup starts a block of prose (an HTML paragraph, heading, list item or table cell,
    an ``alt`` text, a Markdown paragraph or heading...) and the language it declares for it.

    ``starts`` holds (offset, declared language or None), in the order found; ``document`` is
    the document's own language (``<html lang>``, front matter ``lang:``).
    """

    def __init__(self) -> None:
        self.starts: list[tuple[int, str | None]] = []
        self.document: str | None = None
        self._open: list[tuple[str, str]] = []  # (element, language) of the open elements with a lang attribute

    def language(self) -> str | None:
        """The language declared for what comes now: by the innermost open element with a lang attribute."""
        return self._open[-1][1] if self._open else None

    def start(self, offset: int, language: str | None = None) -> None:
        """A block starts at ``offset``, in ``language`` or the language declared there."""
        self.starts.append((offset, language or self.language()))

    def open(self, element: str, language: str, offset: int) -> None:
        """An element declaring ``language`` starts at ``offset``: its content is a block of that language."""
        self._open.append((element, language))
        self.start(offset)

    def close(self, element: str, offset: int) -> None:
        """An element ends at ``offset``: if it declared a language, the text after it is in the one around it."""
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == element:
                del self._open[depth:]
                self.start(offset)
                return

    def sorted(self) -> list[tuple[int, str | None]]:
        """The block starts in file order; of two at one offset, the later found."""
        return sorted(dict(self.starts).items())

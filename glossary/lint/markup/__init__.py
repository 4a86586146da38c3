"""What of a file is prose: plain text, Markdown and HTML seen as text to lint.

``prose_view`` returns a string of exactly the length of the source in which
everything that is not prose is blanked, so that every offset the engine finds
is an offset in the original file.

Linted (kept): text; Markdown headings, list items, table cells, block quotes,
link text, image alt text, inline link titles (``[a](url "title")``, rendered
as a ``title`` attribute); HTML ``alt`` and ``title`` attribute values and the
``<title>`` element; in front matter (YAML ``---`` or TOML ``+++`` at the very
start of a Markdown file) the top-level values of ``title``, ``subtitle``,
``description``, ``summary`` and ``excerpt`` (see ``FRONT_MATTER_KEYS``).

Not linted (blanked): URLs and e-mail addresses everywhere (``https://...``,
``www....``, ``host.tld/path``, bare host names with a common top-level domain
in any letter case, as agencies write their own names: ``Akorda.kz``, ``BAQ.KZ``,
``president.az``; ``mailto:``), link destinations, reference
definitions, footnote markers, code spans, fenced and indented code blocks,
HTML comments, ``<script>``, ``<style>``, ``<textarea>``, ``<iframe>``, the
content of ``<code>``, ``<pre>``, ``<kbd>``, ``<samp>``, every other attribute
value and tag name, other front matter keys and values, Markdown syntax
characters (``#``, ``*``, ``_``, ``~~``, ``>``, ``|``, list markers,
backticks, brackets, backslashes of escapes). Raw HTML in Markdown (HTML
blocks and inline tags) follows the HTML rules.

Markup that renders to nothing (an inline HTML tag, a comment, emphasis
delimiters, link brackets and destination, a Markdown backslash) becomes
``IGNORABLE`` when it has no white space on either side in the view
(``Fi<b>zu</b>li``, ``**Füzuli**'nin``, ``[Füzuli](url)'də``): the engine drops
``IGNORABLE``, so the word is read as it is rendered. Elsewhere, and for block
tags, ``<br>``, ``<img>``, code and URLs, it becomes spaces. Line breaks are
always kept.

Both scanners are hand-written regular-expression scanners, not libraries:
``html.parser.HTMLParser`` alone runs at about 5.7 MB/s on a news-like page
(before any work of ours) and gives neither attribute value offsets nor end tag
extents, and its tokenizer changed in recent patch releases; markdown-it-py
gives block line maps but no inline offsets, so the inline scan (where all the
offset work is) would have to be written anyway. The Markdown scanner follows
CommonMark/GFM for the constructs listed above and is deliberately approximate
about container nesting (see ``markdown_prose``).
"""

from __future__ import annotations

import html
import html.entities
import re
from dataclasses import dataclass, field

from .common import Blocks, blank_urls, settle_joins, url_spans

# The Markdown and HTML scanners (their patterns take a good part of a short lint's start) are imported
# when a file of their kind is read: a plain text needs neither.
_LAZY = {"FRONT_MATTER_KEYS": "markdown_prose", "front_matter_block": "markdown_prose"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FRONT_MATTER_KEYS", "KINDS", "Prose", "blank_urls", "escape_for", "front_matter_block", "kind_for_path", "prose",
           "prose_view"]

KINDS = ("text", "markdown", "html")

_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def kind_for_path(path: str) -> str:
    """'markdown' for .md/.markdown/.mdown/.mkd, 'html' for .html/.htm/.xhtml, else 'text' ('-' too)."""
    lowered = str(path).lower()
    if lowered.endswith(_MARKDOWN_SUFFIXES):
        return "markdown"
    if lowered.endswith(_HTML_SUFFIXES):
        return "html"
    return "text"


@dataclass(frozen=True)
class Prose:
    """A file seen as prose: the view (see ``prose_view``), where the markup starts blocks of
    prose (offset, declared language or None), in order, the document's own language, and the
    URLs still in the view, to be passed over (plain text: its view is the text itself, so that a
    long file is not held twice; see ``prose``)."""

    view: str
    blocks: list[tuple[int, str | None]] = field(default_factory=list)
    language: str | None = None
    urls: list[tuple[int, int]] = field(default_factory=list)


def prose(source: str, kind: str) -> Prose:
    """The view of ``source`` (``prose_view``) with its blocks and languages.

    Blocks: in HTML each paragraph, heading, list item, table cell and the like, each
    ``alt`` and ``title`` value, and each element with a ``lang`` attribute (in that
    language); in Markdown each paragraph, heading, list item and table row and each
    front-matter value. The document's language: ``<html lang>``, or front matter
    ``lang:`` (``language:``, ``locale:``). Plain text has neither, and its view is
    ``source`` itself, with its URLs in ``urls`` instead of blanked.
    """
    if kind == "text":
        return Prose(source, urls=url_spans(source))
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    out = list(source)
    joins: list[tuple[int, int]] = []
    blocks = Blocks()
    if kind == "html":
        from .html_prose import html_prose

        html_prose(out, source, 0, joins, blocks)
    else:
        from .markdown_prose import markdown_prose

        markdown_prose(source, out, joins, blocks)
    settle_joins(out, joins)
    return Prose(blank_urls("".join(out)), blocks.sorted(), blocks.document)


def prose_view(source: str, kind: str) -> str:
    """The prose of ``source``, same length, everything else blanked.

    Kept as it is: prose characters. Blanked to a space (line breaks kept as line
    breaks): everything not linted. Replaced by the decoded character followed by
    IGNORABLE padding: an HTML character reference inside prose (``&#8217;`` ->
    ``’`` + 6 x IGNORABLE), in HTML and in Markdown. Replaced by IGNORABLE: markup
    inside a word (``Fi<b>zu</b>li``, ``Fi**zu**li``), so the word stays one word.
    What is prose for each kind: see the module docstring.
    """
    if kind == "text":
        return blank_urls(source)
    return prose(source, kind).view


def escape_for(kind: str, replacement: str) -> str:
    """A suggestion as it must be written into a file of this kind (``&`` -> ``&amp;`` in HTML).

    'html': ``&``, ``<``, ``>`` and ``"`` (a suggestion may land in an ``alt`` or
    ``title`` value) as references; ``'`` is left alone (O'zbekiston).
    'markdown': only what would otherwise turn into markup in every linted place
    of a Markdown file: ``&`` that would start a character reference (-> ``&amp;``)
    and ``<`` that would start a tag or autolink (-> ``&lt;``); both forms are read
    the same in Markdown text and in raw HTML. ``*``, ``_``, backticks and
    brackets are not escaped: canonical names do not contain them, and a
    backslash escape would be wrong in front matter (YAML) and raw HTML, which
    are linted too. 'text': unchanged.
    """
    if kind == "html":
        return html.escape(replacement, quote=False).replace('"', "&quot;")
    if kind == "markdown":
        replacement = _MD_AMP_REF.sub("&amp;", replacement)
        return _MD_LT_TAG.sub("&lt;", replacement)
    return replacement


_MD_AMP_REF = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_MD_LT_TAG = re.compile(r"<(?=[A-Za-z/!?])")

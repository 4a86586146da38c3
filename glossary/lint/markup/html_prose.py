"""HTML seen as prose: text, ``alt`` and ``title`` values and the ``<title>`` element kept, the rest blanked."""

from __future__ import annotations

import functools
import re

from .common import CHARREF, Blocks, blank, decode_refs, join

# An attribute after the tag name, as the HTML5 tokenizer reads it (atomic: no backtracking blow-up).
ATTRIBUTE = r"""(?>[\s/]+(?>[^\s/>=][^\s/>=]*|=[^\s/>=]*)(?>\s*=\s*(?>"[^"]*"|'[^']*'|[^\s>]*))?)"""
_TAG_NAME = r"[A-Za-z][A-Za-z0-9:._-]*(?=[\s/>])"
HTML_MARKUP = re.compile(
    r"(?P<comment><!--(?:-?>|.*?(?:--!?>|\Z)))"
    r"|(?P<cdata><!\[CDATA\[.*?(?:\]\]>|\Z))"
    r"|(?P<decl><[!?][^>]*>)"
    r"|(?P<end></(?P<endname>" + _TAG_NAME + r")[^>]*>)"
    r"|(?P<start><(?P<name>" + _TAG_NAME + r")" + ATTRIBUTE + r"*+[\s/]*>)",
    re.S,
)
UNTIL_END = re.compile(r"<!--|<!\[CDATA\[")  # markup that may run to the end without a '>'
_EOF_IN_TAG = re.compile(r"</?[A-Za-z]")
_ATTRIBUTE_ONE = re.compile(
    r"""[\s/]+(?P<name>[^\s/>=][^\s/>=]*|=[^\s/>=]*)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s>]+)))?"""
)
_PROSE_ATTRIBUTES = frozenset({"alt", "title"})
# Content never parsed as HTML: blanked up to the end tag (to the end if there is none).
RAW_TEXT = frozenset({"script", "style", "textarea", "xmp", "iframe", "noembed", "noframes"})
# Content parsed, but not prose.
CODE = frozenset({"code", "pre", "kbd", "samp"})
# Elements that do not break a word: their tags render to nothing.
INLINE = frozenset({
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em", "font", "i",
    "ins", "mark", "nobr", "s", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "wbr",
})
# Elements that start a block of prose: what is before and after them is never one sentence.
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "option", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
})
# Elements without content: a lang attribute on them applies only to their own alt and title.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
_LANG = re.compile(r"""[\s/](?:xml:)?lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_LT_OR_AMP = re.compile(r"[<&]")


@functools.lru_cache(maxsize=256)
def end_tag(name: str) -> re.Pattern[str]:
    return re.compile(r"</" + re.escape(name) + r"(?=[\s/>])[^>]*>", re.I)


def start_tag(out: list[str], s: str, a: int, m: re.Match[str], joins: list, prose: bool,
              blocks: Blocks | None = None) -> tuple[str, str | None]:
    """Blank a start tag, keeping its alt and title values when ``prose`` (each a block of its
    own in ``blocks``); its lower-case name and the language its lang attribute declares."""
    name = m.group("name").lower()
    x, y = m.span()
    tag = m.group()
    lowered = tag.lower()
    language = None
    if "lang" in lowered:
        declared = _LANG.search(tag)
        if declared:
            language = next(v for v in declared.groups() if v is not None).strip() or None
    kept = False
    if prose and ("alt" in lowered or "title" in lowered):
        blank(out, s, a, x, y)
        for attribute in _ATTRIBUTE_ONE.finditer(s, x + 1 + len(name), y - 1):
            if attribute.group("name").lower() in _PROSE_ATTRIBUTES:
                for group in ("dq", "sq", "uq"):
                    if attribute.group(group) is not None:
                        vx, vy = attribute.span(group)
                        if vy > vx:
                            out[a + vx:a + vy] = s[vx:vy]
                            decode_refs(out, s, a, vx, vy)
                            kept = True
                            if blocks is not None:
                                blocks.start(a + vx, language)
                                blocks.start(a + vy)
        if kept:
            return name, language
    if name in INLINE:
        join(out, s, a, x, y, joins)
    else:
        blank(out, s, a, x, y)
    return name, language


def html_prose(out: list[str], s: str, a: int, joins: list[tuple[int, int]], blocks: Blocks) -> None:
    """The HTML rules on s (which is out[a:a + len(s)]): text and alt/title kept, the rest blanked;
    where blocks of prose start and the languages they declare, in ``blocks``."""
    n = len(s)
    i = 0
    code = 0  # depth of open code/pre/kbd/samp elements
    last_gt = s.rfind(">")  # no tag starts after it (a failed match would cost the rest of s each time)
    while True:
        m = _LT_OR_AMP.search(s, i)
        p = m.start() if m else n
        if code and p > i:
            blank(out, s, a, i, p)
        if m is None:
            return
        if s[p] == "&":
            ref = CHARREF.match(s, p)
            if ref is None:
                i = p + 1
                continue
            if code:
                blank(out, s, a, p, ref.end())
            else:
                decode_refs(out, s, a, p, ref.end())
            i = ref.end()
            continue
        t = HTML_MARKUP.match(s, p) if p < last_gt or UNTIL_END.match(s, p) else None
        if t is None and p > last_gt and _EOF_IN_TAG.match(s, p):  # a tag cut off by the end: dropped
            blank(out, s, a, p, n)
            return
        if t is None:  # a literal '<'
            if code:
                blank(out, s, a, p, p + 1)
            i = p + 1
            continue
        i = t.end()
        kind = t.lastgroup
        if kind == "start":
            name, language = start_tag(out, s, a, t, joins, not code, blocks)
            if language and name == "html":
                blocks.document = language
            elif language and name not in _VOID and not t.group().endswith("/>"):
                blocks.open(name, language, a + p)
            elif name in BLOCK:
                blocks.start(a + p)
            if name in RAW_TEXT or name == "title":
                close = end_tag(name).search(s, i)
                content_end, i = (close.start(), close.end()) if close else (n, n)
                if name == "title" and not code:
                    decode_refs(out, s, a, t.end(), content_end)
                else:
                    blank(out, s, a, t.end(), content_end)
                blank(out, s, a, content_end, i)
                if name == "title":
                    blocks.start(a + i)
            elif name in CODE and not t.group().endswith("/>"):
                code += 1
        elif kind == "end":
            name = t.group("endname").lower()
            if name in CODE and code:
                code -= 1
            blocks.close(name, a + p)
            if name in BLOCK:
                blocks.start(a + i)
            if name in INLINE:
                join(out, s, a, p, i, joins)
            else:
                blank(out, s, a, p, i)
        elif kind == "comment":
            join(out, s, a, p, i, joins)
        else:
            blank(out, s, a, p, i)


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
``www....``, ``host.tld/path``, bare ``host.az``-style host names in lower case
with a common top-level domain, ``mailto:``), link destinations, reference
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
about container nesting (see ``_markdown``).
"""

from __future__ import annotations

import functools
import html
import html.entities
import re
import unicodedata

from .text import IGNORABLE

KINDS = ("text", "markdown", "html")

FRONT_MATTER_KEYS = ("title", "subtitle", "description", "summary", "excerpt")

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
        return _blank_urls(source)
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    out = list(source)
    joins: list[tuple[int, int]] = []
    if kind == "html":
        _html(out, source, 0, joins)
    else:
        _markdown(source, out, joins)
    _settle_joins(out, joins)
    return _blank_urls("".join(out))


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

# ---------------------------------------------------------------- shared helpers

_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank_str(segment: str) -> str:
    return _NOT_NEWLINE.sub(" ", segment) if "\n" in segment else " " * len(segment)


def _blank(out: list[str], s: str, a: int, x: int, y: int) -> None:
    """Blank s[x:y], which is out[a + x:a + y]."""
    if y > x:
        out[a + x:a + y] = _blank_str(s[x:y])


def _join(out: list[str], s: str, a: int, x: int, y: int, joins: list[tuple[int, int]]) -> None:
    """Markup s[x:y] that renders to nothing: blanked or IGNORABLE by ``_settle_joins``."""
    if y > x:
        joins.append((a + x, a + y))


def _settle_joins(out: list[str], joins: list[tuple[int, int]]) -> None:
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
            out[x:y] = _blank_str(segment)
            continue
        before = x - 1
        while before >= 0 and out[before] == IGNORABLE:
            before -= 1
        after = y
        while after < n and out[after] == IGNORABLE:
            after += 1
        inside = before >= 0 and after < n and not out[before].isspace() and not out[after].isspace()
        out[x:y] = (IGNORABLE if inside else " ") * (y - x)


_CHARREF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


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


def _decode_refs(out: list[str], s: str, a: int, x: int, y: int) -> None:
    """Decode the character references in s[x:y] (kept prose) in place."""
    p = s.find("&", x, y)
    while p != -1:
        m = _CHARREF.match(s, p, y)
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
    + r"|(?<![\w.-])(?:[a-z0-9-]++\.)+(?:" + _TLDS + r")\b(?![\w-])"
)


def _blank_urls(view: str) -> str:
    """``view`` with URLs and e-mail addresses replaced by spaces (they never contain white space)."""
    pieces: list[str] = []
    last = 0  # view[:last] is done
    hint = _URL_HINT.search(view)
    while hint:
        h = hint.start()
        # the run of non-space characters around the hint (ASCII white space is enough to bound it)
        lo = max(last, h - _LONGEST_TOKEN)  # (bounded: rfind must not walk back over the whole file)
        start = max(view.rfind(" ", lo, h), view.rfind("\n", lo, h), view.rfind("\t", lo, h), lo - 1) + 1
        end = _NON_SPACE.match(view, h).end()
        for m in _URL.finditer(view, start, end):
            pieces.append(view[last:m.start()])
            pieces.append(" " * (m.end() - m.start()))
            last = m.end()
        hint = _URL_HINT.search(view, max(end, h + 1))
    if not pieces:
        return view
    pieces.append(view[last:])
    return "".join(pieces)


# ---------------------------------------------------------------- HTML

# An attribute after the tag name, as the HTML5 tokenizer reads it (atomic: no backtracking blow-up).
_ATTRIBUTE = r"""(?>[\s/]+(?>[^\s/>=][^\s/>=]*|=[^\s/>=]*)(?>\s*=\s*(?>"[^"]*"|'[^']*'|[^\s>]*))?)"""
_TAG_NAME = r"[A-Za-z][A-Za-z0-9:._-]*(?=[\s/>])"
_HTML_MARKUP = re.compile(
    r"(?P<comment><!--(?:-?>|.*?(?:--!?>|\Z)))"
    r"|(?P<cdata><!\[CDATA\[.*?(?:\]\]>|\Z))"
    r"|(?P<decl><[!?][^>]*>)"
    r"|(?P<end></(?P<endname>" + _TAG_NAME + r")[^>]*>)"
    r"|(?P<start><(?P<name>" + _TAG_NAME + r")" + _ATTRIBUTE + r"*+[\s/]*>)",
    re.S,
)
_UNTIL_END = re.compile(r"<!--|<!\[CDATA\[")  # markup that may run to the end without a '>'
_EOF_IN_TAG = re.compile(r"</?[A-Za-z]")
_ATTRIBUTE_ONE = re.compile(
    r"""[\s/]+(?P<name>[^\s/>=][^\s/>=]*|=[^\s/>=]*)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\s>]+)))?"""
)
_PROSE_ATTRIBUTES = frozenset({"alt", "title"})
# Content never parsed as HTML: blanked up to the end tag (to the end if there is none).
_RAW_TEXT = frozenset({"script", "style", "textarea", "xmp", "iframe", "noembed", "noframes"})
# Content parsed, but not prose.
_CODE = frozenset({"code", "pre", "kbd", "samp"})
# Elements that do not break a word: their tags render to nothing.
_INLINE = frozenset({
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em", "font", "i",
    "ins", "mark", "nobr", "s", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "wbr",
})
_LT_OR_AMP = re.compile(r"[<&]")


@functools.lru_cache(maxsize=256)
def _end_tag(name: str) -> re.Pattern[str]:
    return re.compile(r"</" + re.escape(name) + r"(?=[\s/>])[^>]*>", re.I)


def _start_tag(out: list[str], s: str, a: int, m: re.Match[str], joins: list, prose: bool) -> str:
    """Blank a start tag, keeping its alt and title values when ``prose``; its lower-case name."""
    name = m.group("name").lower()
    x, y = m.span()
    tag = m.group()
    lowered = tag.lower()
    kept = False
    if prose and ("alt" in lowered or "title" in lowered):
        _blank(out, s, a, x, y)
        for attribute in _ATTRIBUTE_ONE.finditer(s, x + 1 + len(name), y - 1):
            if attribute.group("name").lower() in _PROSE_ATTRIBUTES:
                for group in ("dq", "sq", "uq"):
                    if attribute.group(group) is not None:
                        vx, vy = attribute.span(group)
                        if vy > vx:
                            out[a + vx:a + vy] = s[vx:vy]
                            _decode_refs(out, s, a, vx, vy)
                            kept = True
        if kept:
            return name
    if name in _INLINE:
        _join(out, s, a, x, y, joins)
    else:
        _blank(out, s, a, x, y)
    return name


def _html(out: list[str], s: str, a: int, joins: list[tuple[int, int]]) -> None:
    """The HTML rules on s (which is out[a:a + len(s)]): text and alt/title kept, the rest blanked."""
    n = len(s)
    i = 0
    code = 0  # depth of open code/pre/kbd/samp elements
    last_gt = s.rfind(">")  # no tag starts after it (a failed match would cost the rest of s each time)
    while True:
        m = _LT_OR_AMP.search(s, i)
        p = m.start() if m else n
        if code and p > i:
            _blank(out, s, a, i, p)
        if m is None:
            return
        if s[p] == "&":
            ref = _CHARREF.match(s, p)
            if ref is None:
                i = p + 1
                continue
            if code:
                _blank(out, s, a, p, ref.end())
            else:
                _decode_refs(out, s, a, p, ref.end())
            i = ref.end()
            continue
        t = _HTML_MARKUP.match(s, p) if p < last_gt or _UNTIL_END.match(s, p) else None
        if t is None and p > last_gt and _EOF_IN_TAG.match(s, p):  # a tag cut off by the end: dropped
            _blank(out, s, a, p, n)
            return
        if t is None:  # a literal '<'
            if code:
                _blank(out, s, a, p, p + 1)
            i = p + 1
            continue
        i = t.end()
        kind = t.lastgroup
        if kind == "start":
            name = _start_tag(out, s, a, t, joins, prose=not code)
            if name in _RAW_TEXT or name == "title":
                close = _end_tag(name).search(s, i)
                content_end, i = (close.start(), close.end()) if close else (n, n)
                if name == "title" and not code:
                    _decode_refs(out, s, a, t.end(), content_end)
                else:
                    _blank(out, s, a, t.end(), content_end)
                _blank(out, s, a, content_end, i)
            elif name in _CODE and not t.group().endswith("/>"):
                code += 1
        elif kind == "end":
            name = t.group("endname").lower()
            if name in _CODE and code:
                code -= 1
            if name in _INLINE:
                _join(out, s, a, p, i, joins)
            else:
                _blank(out, s, a, p, i)
        elif kind == "comment":
            _join(out, s, a, p, i, joins)
        else:
            _blank(out, s, a, p, i)


# ---------------------------------------------------------------- Markdown: front matter

_FRONT_MATTER = re.compile(r"\ufeff?(?:(---)|\+\+\+)[ \t]*\r?\n")
_YAML_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_TOML_END = re.compile(r"^\+\+\+[ \t]*\r?$", re.M)
_FM_KEY = re.compile(r"(" + "|".join(FRONT_MATTER_KEYS) + r")[ \t]*[:=][ \t]*", re.I)
_YAML_BLOCK_SCALAR = re.compile(r"[|>][+-]?[0-9]?[+-]?[ \t]*(?:#.*)?\r?$")
_YAML_PLAIN_END = re.compile(r"[ \t]+#|[ \t]*\r?$")


def front_matter_block(source: str) -> str:
    """The text between a Markdown file's front matter delimiters, or '' when it has none."""
    m = _FRONT_MATTER.match(source)
    end = m and (_YAML_END if m.group(1) is not None else _TOML_END).search(source, m.end())
    return source[m.end():end.start()] if end else ""


def _front_matter(source: str, out: list[str]) -> int:
    """Blank front matter but the values of FRONT_MATTER_KEYS; the offset after it (0 if none)."""
    m = _FRONT_MATTER.match(source)
    if not m:
        return 0
    yaml = m.group(1) is not None
    end = (_YAML_END if yaml else _TOML_END).search(source, m.end())
    if not end:
        return 0
    stop = end.end()
    _blank(out, source, 0, 0, stop)
    body_end = end.start()
    line = m.end()
    while line < body_end:
        line_end = source.find("\n", line, body_end)
        line_end = body_end if line_end == -1 else line_end
        key = _FM_KEY.match(source, line, line_end)
        if key:
            line = _front_matter_value(source, out, key.end(), line_end, body_end, yaml)
        else:
            line = line_end + 1
    return stop


def _keep(out: list[str], source: str, x: int, y: int) -> None:
    out[x:y] = source[x:y]


def _front_matter_value(source: str, out: list[str], v: int, line_end: int, body_end: int, yaml: bool) -> int:
    """Keep the value starting at v; the start of the line after it."""
    quote = source[v:v + 1]
    if quote in ("'", '"'):
        if not yaml and source.startswith(quote * 3, v):  # TOML multi-line string
            close = source.find(quote * 3, v + 3, body_end)
            close = body_end if close == -1 else close
            _keep(out, source, v + 3, close)
        else:
            close = v + 1
            while True:
                close = source.find(quote, close, body_end)
                if close == -1:
                    close = body_end
                    break
                if quote == '"' and source[close - 1] == "\\":
                    close += 1
                elif quote == "'" and source.startswith("''", close):
                    close += 2
                else:
                    break
            _keep(out, source, v + 1, close)
        next_line = source.find("\n", close, body_end)
        return body_end if next_line == -1 else next_line + 1
    if not yaml:
        return line_end + 1
    if quote in ("[", "{"):
        return line_end + 1
    block = _YAML_BLOCK_SCALAR.match(source, v, line_end)
    if not block:
        plain = _YAML_PLAIN_END.search(source, v, line_end)
        _keep(out, source, v, plain.start() if plain else line_end)
    line = line_end + 1  # following more-indented lines continue the value
    while line < body_end:
        next_end = source.find("\n", line, body_end)
        next_end = body_end if next_end == -1 else next_end
        text = source[line:next_end]
        if text.strip() and not text[0] in " \t":
            break
        content = len(text) - len(text.lstrip())
        _keep(out, source, line + content, line + len(text.rstrip()))
        line = next_end + 1
    return line


# ---------------------------------------------------------------- Markdown: blocks

_BQ = re.compile(r"[ \t]{0,3}>[ \t]?")
_INDENT = re.compile(r"[ \t]*")
_LIST_ITEM = re.compile(r"(?:[-+*]|([0-9]{1,9})[.)])(?=[ \t]|\r?$)[ \t]*")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
_FENCE_CLOSE = re.compile(r"[ \t]*(`{3,}|~{3,})[ \t]*\r?$")
_ATX = re.compile(r"#{1,6}(?=[ \t]|\r?$)")
_ATX_CLOSE = re.compile(r"(?<=[ \t])#+[ \t]*\r?$|[ \t]*\r?$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*\r?$")
_HR = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})\r?$")
_TABLE_DELIMITER = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?$")
_REFERENCE = re.compile(
    r"""\[(?!\^)((?:[^\[\]\\\n]|\\.){1,999})\]:[ \t]*(?:<[^<>\n]*>|[^\s<]\S*)"""
    r"""(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\r?$"""
)
_FOOTNOTE_DEFINITION = re.compile(r"\[\^[^\]\s]+\]:[ \t]*")
_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|"
    "div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|"
    "iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|"
    "table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
# CommonMark HTML block start conditions 1-7, with the end condition of 1-5.
_HTML_BLOCKS = [
    (re.compile(r"<(?:script|pre|style|textarea)(?:[\s>]|$)", re.I),
     re.compile(r"</(?:script|pre|style|textarea)>", re.I)),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
    (re.compile(r"</?(?:" + _BLOCK_TAGS + r")(?:[\s/>]|$)", re.I), None),
    (re.compile(r"(?:<[A-Za-z][A-Za-z0-9-]*" + _ATTRIBUTE + r"*+[\s/]*>|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*\r?$"), None),
]


def _html_block_start(source: str, q: int, le: int, may_start_alone: bool) -> tuple[bool, re.Pattern[str] | None]:
    """Whether an HTML block starts at q, and the pattern that ends it (None: a blank line)."""
    for number, (start, end) in enumerate(_HTML_BLOCKS, 1):
        if number == 7 and not may_start_alone:
            break
        if start.match(source, q, le):
            return True, end
    return False, None


def _columns(text: str) -> int:
    return len(text.expandtabs(4))


def _markdown(source: str, out: list[str], joins: list[tuple[int, int]]) -> None:
    """Blocks line by line, then inline content of each paragraph, heading and table row.

    Block quotes and list items are followed as containers of paragraphs, code and
    HTML; their nesting is approximate (list item indentation is tracked per block
    quote depth, lazy continuation lines continue the paragraph).
    """
    n = len(source)
    line = _front_matter(source, out)
    references: set[str] = set()
    inline: list[tuple[int, int, bool]] = []  # (start, end, table row)
    html_regions: list[tuple[int, int]] = []
    para: list[int] | None = None  # [start, end, depth]
    fence: tuple[str, int, int, int] | None = None  # (char, length, depth, indent)
    html_block: list | None = None  # [start, end, depth, end pattern or None]
    lists: list[int] = []
    depth_before = 0
    table = False
    table_delimiter_next = False

    def flush() -> None:
        nonlocal para
        if para is not None:
            inline.append((para[0], para[1], False))
            para = None

    while line <= n:
        le = source.find("\n", line)
        le = n if le == -1 else le
        next_line = le + 1
        if line == n and le == n:
            break
        p = line
        depth = 0
        limit = fence[2] if fence else html_block[2] if html_block else 1_000
        while depth < limit:
            bq = _BQ.match(source, p, le)
            if not bq:
                break
            gt = source.index(">", p)
            out[gt] = " "
            p = bq.end()
            depth += 1
        rest = source[p:le]
        blank = not rest.strip(" \t\r")

        if fence is not None:
            if depth < fence[2] or (not blank and _columns(rest[:len(rest) - len(rest.lstrip())]) < fence[3]):
                fence = None
            else:
                close = _FENCE_CLOSE.match(source, p, le)
                if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= fence[1]:
                    fence = None
                _blank(out, source, 0, p, le)
                line = next_line
                continue
        if html_block is not None:
            if depth < html_block[2] or (html_block[3] is None and blank):
                html_regions.append((html_block[0], html_block[1]))
                html_block = None
            else:
                html_block[1] = le
                if html_block[3] is not None and html_block[3].search(source, p, le):
                    html_regions.append((html_block[0], le))
                    html_block = None
                line = next_line
                continue
        if blank:
            flush()
            table = table_delimiter_next = False
            line = next_line
            continue
        if table_delimiter_next:
            table_delimiter_next = False
            _blank(out, source, 0, p, le)
            line = next_line
            continue
        if depth != depth_before and not (para is not None and depth < para[2]):
            lists.clear()
        depth_before = depth
        lazy = para is not None and depth < para[2]

        # containers: list items (and block quote markers after them), then the leaf block
        q = p
        while True:
            indent = _INDENT.match(source, q, le).end()
            width = _columns(source[p:indent])
            if para is None and not table:
                while lists and width < lists[-1]:
                    lists.pop()
            base = lists[-1] if lists else 0
            if width - base >= 4 and para is None and not table:  # indented code
                _blank(out, source, 0, indent, le)
                break
            q = indent
            in_para = para is not None and not table
            if in_para and not lazy and _SETEXT.match(source, q, le):
                _blank(out, source, 0, q, le)
                flush()
                break
            if _HR.match(source, q, le):
                flush()
                table = False
                _blank(out, source, 0, q, le)
                break
            heading = _ATX.match(source, q, le)
            if heading:
                flush()
                table = False
                _blank(out, source, 0, q, heading.end())
                tail = _ATX_CLOSE.search(source, heading.end(), le)
                _blank(out, source, 0, tail.start(), le)
                inline.append((heading.end(), tail.start(), False))
                break
            fence_open = _FENCE.match(source, q, le)
            if fence_open and not (fence_open.group(1)[0] == "`" and "`" in fence_open.group(2)):
                flush()
                table = False
                fence = (fence_open.group(1)[0], len(fence_open.group(1)), depth, base)
                _blank(out, source, 0, q, le)
                break
            if source.startswith("<", q):
                started, end_pattern = _html_block_start(source, q, le, para is None)
                if started:
                    flush()
                    table = False
                    if end_pattern is not None and end_pattern.search(source, q, le):
                        html_regions.append((q, le))
                    else:
                        html_block = [q, le, depth, end_pattern]
                    break
            if source.startswith(">", q):  # a block quote inside a list item
                out[q] = " "
                q += 1
                continue
            item = _LIST_ITEM.match(source, q, le)
            if item and not lazy and (not in_para or (item.group(1) in (None, "1")
                                                      and source[item.end():le].strip())):
                flush()
                table = False
                marker_end = q + len(item.group().rstrip(" \t"))
                column = _columns(source[p:marker_end])
                spaces = _columns(source[p:item.end()]) - column
                _blank(out, source, 0, q, marker_end)
                if not source[item.end():le].strip():  # an empty first line
                    lists.append(column + 1)
                    break
                if spaces > 4:  # the content is indented code
                    lists.append(column + 1)
                    q = marker_end + 1
                else:
                    lists.append(column + spaces)
                    q = item.end()
                continue
            if table:
                inline.append((q, le, True))
                break
            if para is None and "|" in rest and next_line < n:  # a table: this line, then a delimiter row
                d_end = source.find("\n", next_line)
                d_end = n if d_end == -1 else d_end
                d = next_line
                for _ in range(depth):
                    bq = _BQ.match(source, d, d_end)
                    if bq:
                        d = bq.end()
                if "|" in source[d:d_end] and _TABLE_DELIMITER.match(source, d, d_end):
                    table = True
                    table_delimiter_next = True
                    inline.append((q, le, True))
                    break
            if para is None:
                reference = _REFERENCE.match(source, q, le)
                if reference:
                    references.add(_label(reference.group(1)))
                    _blank(out, source, 0, q, le)
                    break
                footnote = _FOOTNOTE_DEFINITION.match(source, q, le)
                if footnote:
                    _blank(out, source, 0, q, footnote.end())
                    q = footnote.end()
                para = [q, le, depth]
            else:
                para[1] = le
            break
        line = next_line

    flush()
    if html_block is not None:
        html_regions.append((html_block[0], html_block[1]))
    for start, end in html_regions:
        _html(out, "".join(out[start:end]), start, joins)
    for start, end, row in inline:
        _inline(out, start, end, references, row, joins)


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


# ---------------------------------------------------------------- Markdown: inline

# (the look-ahead class first lets the engine skip plain text fast)
_MD_INLINE = re.compile(r"(?=[\\`<&\[\]*_~|!])(?:\\[!-/:-@\[-`{-~\n]|`+|<|&|!\[|\[|\]|\*+|_+|~+|\|)")
_AUTOLINK = re.compile(
    r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>"
    r"|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>"
)
_LINK_TAIL = re.compile(
    r"""\(\s*(?:<[^<>\n]*>|(?:[^\s()\\<]|\\.|\((?:[^\s()\\]|\\.)*\))*)"""
    r"""(?:\s+(?:"(?P<t1>(?:[^"\\]|\\.)*)"|'(?P<t2>(?:[^'\\]|\\.)*)'|\((?P<t3>(?:[^()\\]|\\.)*)\)))?\s*\)""",
    re.S,
)
_REFERENCE_TAIL = re.compile(r"\[((?:[^\[\]\\]|\\.){0,999})\]", re.S)
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


@functools.lru_cache(maxsize=64)
def _code_span_end(length: int) -> re.Pattern[str]:
    return re.compile(r"(?<!`)`{%d}(?!`)" % length)


@functools.lru_cache(maxsize=1024)
def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


class _Delimiter:
    __slots__ = ("pos", "char", "count", "original", "can_open", "can_close")

    def __init__(self, pos: int, char: str, count: int, can_open: bool, can_close: bool):
        self.pos, self.char, self.count, self.original = pos, char, count, count
        self.can_open, self.can_close = can_open, can_close


def _inline(out: list[str], a: int, b: int, references: set[str], row: bool, joins: list) -> None:
    """Inline Markdown in out[a:b] (container markers already blanked there)."""
    s = "".join(out[a:b])
    n = len(s)
    delimiters: list[_Delimiter] = []
    brackets: list[tuple[int, int, int]] = []  # (position, length 1 or 2 for "![", delimiter bottom)
    inactive = 0  # the link openers brackets[:inactive] are inside a link: no links in links
    last_gt: int | None = None  # as in _html
    unclosed: dict[int | str, int] = {}  # backtick run length or tag name -> a position after which it never closes
    i = 0
    while True:
        m = _MD_INLINE.search(s, i)
        if m is None:
            break
        p, i = m.start(), m.end()
        c = s[p]
        if c == "\\":
            if s[p + 1] == "\n":
                _blank(out, s, a, p, p + 1)
            else:
                _join(out, s, a, p, p + 1, joins)
        elif c == "`":
            if unclosed.get(i - p, n) > p:
                close = _code_span_end(i - p).search(s, i)
                if close:
                    _blank(out, s, a, p, close.end())
                    i = close.end()
                else:  # no run of this length from here on: no need to look again
                    unclosed[i - p] = p
        elif c == "<":
            autolink = _AUTOLINK.match(s, p)
            if autolink:
                _blank(out, s, a, p, autolink.end())
                i = autolink.end()
                continue
            if last_gt is None:
                last_gt = s.rfind(">")
            t = _HTML_MARKUP.match(s, p) if p < last_gt or _UNTIL_END.match(s, p) else None
            if t is None:
                continue
            i = t.end()
            if t.lastgroup == "start":
                name = _start_tag(out, s, a, t, joins, prose=True)
                if (name in _RAW_TEXT or name in _CODE) and unclosed.get(name, n) > p:
                    close = _end_tag(name).search(s, i)
                    if close:
                        _blank(out, s, a, i, close.end())
                        i = close.end()
                    else:
                        unclosed[name] = p
            elif t.lastgroup == "comment" or (t.lastgroup == "end" and t.group("endname").lower() in _INLINE):
                _join(out, s, a, p, i, joins)
            else:
                _blank(out, s, a, p, i)
        elif c == "&":
            ref = _CHARREF.match(s, p)
            if ref:
                _decode_refs(out, s, a, p, ref.end())
                i = ref.end()
        elif c == "[" or c == "!":
            footnote = _FOOTNOTE.match(s, p) if c == "[" else None
            if footnote:
                _blank(out, s, a, p, footnote.end())
                i = footnote.end()
            else:
                brackets.append((p, i - p, len(delimiters)))
        elif c == "]":
            if not brackets:
                continue
            opener_pos, opener_len, bottom = brackets.pop()
            inside_link = opener_len == 1 and len(brackets) < inactive
            inactive = min(inactive, len(brackets))
            if inside_link:
                continue
            link = _link_end(s, opener_pos + opener_len, p, references)
            if link is None:
                continue
            end, title = link
            _emphasis(delimiters, bottom, out, s, a, joins)
            _join(out, s, a, opener_pos, opener_pos + opener_len, joins)
            if title:
                _blank(out, s, a, p, end)
                out[a + title[0]:a + title[1]] = s[title[0]:title[1]]
                _decode_refs(out, s, a, title[0], title[1])
            else:
                _join(out, s, a, p, end, joins)
            if opener_len == 1:
                inactive = len(brackets)
            i = end
        elif c in "*_~":
            before = s[p - 1] if p > 0 else " "
            after = s[i] if i < n else " "
            left = not after.isspace() and (not _is_punctuation(after) or before.isspace() or _is_punctuation(before))
            right = not before.isspace() and (not _is_punctuation(before) or after.isspace() or _is_punctuation(after))
            if c == "_":
                can_open = left and (not right or _is_punctuation(before))
                can_close = right and (not left or _is_punctuation(after))
            else:
                can_open, can_close = left, right
            if can_open or can_close:
                delimiters.append(_Delimiter(p, c, i - p, can_open, can_close))
        elif c == "|" and row:
            _blank(out, s, a, p, i)
    _emphasis(delimiters, 0, out, s, a, joins)


def _link_end(s: str, text_start: int, close: int, references: set[str]) -> tuple[int, tuple[int, int] | None] | None:
    """Where the link or image whose text ends at ``close`` (a ']') ends and the span of its
    title if it has one, or None if it is no link."""
    tail = _LINK_TAIL.match(s, close + 1)
    if tail:
        for group in ("t1", "t2", "t3"):
            if tail.group(group):
                return tail.end(), tail.span(group)
        return tail.end(), None
    ref = _REFERENCE_TAIL.match(s, close + 1)
    if ref and _label(ref.group(1) or s[text_start:close]) in references:
        return ref.end(), None
    if _label(s[text_start:close]) in references:
        return close + 1, None
    return None


def _emphasis(delimiters: list[_Delimiter], bottom: int, out: list[str], s: str, a: int, joins: list) -> None:
    """CommonMark's "process emphasis" on delimiters[bottom:], which are then dropped."""
    openers_bottom: dict[tuple[str, bool, int], int] = {}
    i = bottom
    while i < len(delimiters):
        closer = delimiters[i]
        if not closer.can_close or closer.count == 0:
            i += 1
            continue
        key = (closer.char, closer.can_open, closer.original % 3)
        found = None
        j = i - 1
        stop = max(bottom, openers_bottom.get(key, bottom))
        while j >= stop:
            opener = delimiters[j]
            if opener.char == closer.char and opener.can_open and opener.count:
                if closer.char == "~":
                    if opener.count == closer.count and opener.count <= 2:
                        found = opener
                        break
                elif not ((opener.can_close or closer.can_open) and (opener.original + closer.original) % 3 == 0
                          and not (opener.original % 3 == 0 and closer.original % 3 == 0)):
                    found = opener
                    break
            j -= 1
        if found is None:
            openers_bottom[key] = i
            i += 1
            continue
        use = closer.count if closer.char == "~" else (2 if found.count >= 2 and closer.count >= 2 else 1)
        found.count -= use
        _join(out, s, a, found.pos + found.count, found.pos + found.count + use, joins)
        _join(out, s, a, closer.pos, closer.pos + use, joins)
        closer.pos += use
        closer.count -= use
        for k in range(j + 1, i):
            delimiters[k].count = 0
        if closer.count == 0:
            i += 1
    del delimiters[bottom:]

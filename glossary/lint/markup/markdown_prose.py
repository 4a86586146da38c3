"""Markdown's blocks seen as prose: front matter, containers, leaf blocks; the inline content of
each paragraph, heading and table row is left to ``markdown_inline``, raw HTML to ``html_prose``."""

from __future__ import annotations

import re

from .common import Blocks, blank
from .html_prose import ATTRIBUTE, html_prose
from .markdown_inline import inline_prose, label

FRONT_MATTER_KEYS = ("title", "subtitle", "description", "summary", "excerpt")

_FRONT_MATTER = re.compile(r"\ufeff?(?:(---)|\+\+\+)[ \t]*\r?\n")
_YAML_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_TOML_END = re.compile(r"^\+\+\+[ \t]*\r?$", re.M)
_FM_KEY = re.compile(r"(" + "|".join(FRONT_MATTER_KEYS) + r")[ \t]*[:=][ \t]*", re.I)
_YAML_BLOCK_SCALAR = re.compile(r"[|>][+-]?[0-9]?[+-]?[ \t]*(?:#.*)?\r?$")
_YAML_PLAIN_END = re.compile(r"[ \t]+#|[ \t]*\r?$")
_FM_LANG = re.compile(r"""(?:lang|language|locale)[ \t]*[:=][ \t]*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)["']?[ \t]*\r?$""", re.I)


def front_matter_block(source: str) -> str:
    """The text between a Markdown file's front matter delimiters, or '' when it has none."""
    m = _FRONT_MATTER.match(source)
    end = m and (_YAML_END if m.group(1) is not None else _TOML_END).search(source, m.end())
    return source[m.end():end.start()] if end else ""


def _front_matter(source: str, out: list[str], blocks: Blocks) -> int:
    """Blank front matter but the values of FRONT_MATTER_KEYS (each a block); the offset after it
    (0 if none). Its ``lang`` (or ``language``, ``locale``) is the document's language."""
    m = _FRONT_MATTER.match(source)
    if not m:
        return 0
    yaml = m.group(1) is not None
    end = (_YAML_END if yaml else _TOML_END).search(source, m.end())
    if not end:
        return 0
    stop = end.end()
    blank(out, source, 0, 0, stop)
    body_end = end.start()
    line = m.end()
    while line < body_end:
        line_end = source.find("\n", line, body_end)
        line_end = body_end if line_end == -1 else line_end
        key = _FM_KEY.match(source, line, line_end)
        if key:
            blocks.start(key.end())
            line = _front_matter_value(source, out, key.end(), line_end, body_end, yaml)
            continue
        language = _FM_LANG.match(source, line, line_end)
        if language:
            blocks.document = language.group(1)
        line = line_end + 1
    blocks.start(stop)
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
    (re.compile(r"(?:<[A-Za-z][A-Za-z0-9-]*" + ATTRIBUTE + r"*+[\s/]*>|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*\r?$"), None),
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


def markdown_prose(source: str, out: list[str], joins: list[tuple[int, int]], blocks: Blocks) -> None:
    """Blocks line by line, then inline content of each paragraph, heading and table row.

    Block quotes and list items are followed as containers of paragraphs, code and
    HTML; their nesting is approximate (list item indentation is tracked per block
    quote depth, lazy continuation lines continue the paragraph).
    """
    n = len(source)
    line = _front_matter(source, out, blocks)
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
        empty = not rest.strip(" \t\r")

        if fence is not None:
            if depth < fence[2] or (not empty and _columns(rest[:len(rest) - len(rest.lstrip())]) < fence[3]):
                fence = None
            else:
                close = _FENCE_CLOSE.match(source, p, le)
                if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= fence[1]:
                    fence = None
                blank(out, source, 0, p, le)
                line = next_line
                continue
        if html_block is not None:
            if depth < html_block[2] or (html_block[3] is None and empty):
                html_regions.append((html_block[0], html_block[1]))
                html_block = None
            else:
                html_block[1] = le
                if html_block[3] is not None and html_block[3].search(source, p, le):
                    html_regions.append((html_block[0], le))
                    html_block = None
                line = next_line
                continue
        if empty:
            flush()
            table = table_delimiter_next = False
            line = next_line
            continue
        if table_delimiter_next:
            table_delimiter_next = False
            blank(out, source, 0, p, le)
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
                blank(out, source, 0, indent, le)
                break
            q = indent
            in_para = para is not None and not table
            if in_para and not lazy and _SETEXT.match(source, q, le):
                blank(out, source, 0, q, le)
                flush()
                break
            if _HR.match(source, q, le):
                flush()
                table = False
                blank(out, source, 0, q, le)
                break
            heading = _ATX.match(source, q, le)
            if heading:
                flush()
                table = False
                blank(out, source, 0, q, heading.end())
                tail = _ATX_CLOSE.search(source, heading.end(), le)
                blank(out, source, 0, tail.start(), le)
                inline.append((heading.end(), tail.start(), False))
                break
            fence_open = _FENCE.match(source, q, le)
            if fence_open and not (fence_open.group(1)[0] == "`" and "`" in fence_open.group(2)):
                flush()
                table = False
                fence = (fence_open.group(1)[0], len(fence_open.group(1)), depth, base)
                blank(out, source, 0, q, le)
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
                blank(out, source, 0, q, marker_end)
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
                    references.add(label(reference.group(1)))
                    blank(out, source, 0, q, le)
                    break
                footnote = _FOOTNOTE_DEFINITION.match(source, q, le)
                if footnote:
                    blank(out, source, 0, q, footnote.end())
                    q = footnote.end()
                para = [q, le, depth]
            else:
                para[1] = le
            break
        line = next_line

    flush()
    if html_block is not None:
        html_regions.append((html_block[0], html_block[1]))
    # in file order, so that a block inside an HTML element with a lang attribute is in its language
    for start, end, row in sorted([(start, end, None) for start, end in html_regions] + inline):
        if row is None:
            html_prose(out, "".join(out[start:end]), start, joins, blocks)
        else:
            blocks.start(start)
            inline_prose(out, start, end, references, row, joins)

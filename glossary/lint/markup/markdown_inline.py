"""Markdown's inline content seen as prose: links, images, code spans, emphasis, raw HTML, escapes."""

from __future__ import annotations

import functools
import re
import unicodedata

from .common import CHARREF, blank, decode_refs, join
from .html_prose import CODE, HTML_MARKUP, INLINE, RAW_TEXT, UNTIL_END, end_tag, start_tag

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


def label(text: str) -> str:
    return " ".join(text.split()).casefold()


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


def inline_prose(out: list[str], a: int, b: int, references: set[str], row: bool, joins: list) -> None:
    """Inline Markdown in out[a:b] (container markers already blanked there)."""
    s = "".join(out[a:b])
    n = len(s)
    delimiters: list[_Delimiter] = []
    brackets: list[tuple[int, int, int]] = []  # (position, length 1 or 2 for "![", delimiter bottom)
    inactive = 0  # the link openers brackets[:inactive] are inside a link: no links in links
    last_gt: int | None = None  # as in html_prose
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
                blank(out, s, a, p, p + 1)
            else:
                join(out, s, a, p, p + 1, joins)
        elif c == "`":
            if unclosed.get(i - p, n) > p:
                close = _code_span_end(i - p).search(s, i)
                if close:
                    blank(out, s, a, p, close.end())
                    i = close.end()
                else:  # no run of this length from here on: no need to look again
                    unclosed[i - p] = p
        elif c == "<":
            autolink = _AUTOLINK.match(s, p)
            if autolink:
                blank(out, s, a, p, autolink.end())
                i = autolink.end()
                continue
            if last_gt is None:
                last_gt = s.rfind(">")
            t = HTML_MARKUP.match(s, p) if p < last_gt or UNTIL_END.match(s, p) else None
            if t is None:
                continue
            i = t.end()
            if t.lastgroup == "start":
                name, _ = start_tag(out, s, a, t, joins, prose=True)
                if (name in RAW_TEXT or name in CODE) and unclosed.get(name, n) > p:
                    close = end_tag(name).search(s, i)
                    if close:
                        blank(out, s, a, i, close.end())
                        i = close.end()
                    else:
                        unclosed[name] = p
            elif t.lastgroup == "comment" or (t.lastgroup == "end" and t.group("endname").lower() in INLINE):
                join(out, s, a, p, i, joins)
            else:
                blank(out, s, a, p, i)
        elif c == "&":
            ref = CHARREF.match(s, p)
            if ref:
                decode_refs(out, s, a, p, ref.end())
                i = ref.end()
        elif c == "[" or c == "!":
            footnote = _FOOTNOTE.match(s, p) if c == "[" else None
            if footnote:
                blank(out, s, a, p, footnote.end())
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
            join(out, s, a, opener_pos, opener_pos + opener_len, joins)
            if title:
                blank(out, s, a, p, end)
                out[a + title[0]:a + title[1]] = s[title[0]:title[1]]
                decode_refs(out, s, a, title[0], title[1])
            else:
                join(out, s, a, p, end, joins)
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
            blank(out, s, a, p, i)
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
    if ref and label(ref.group(1) or s[text_start:close]) in references:
        return ref.end(), None
    if label(s[text_start:close]) in references:
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
        join(out, s, a, found.pos + found.count, found.pos + found.count + use, joins)
        join(out, s, a, closer.pos, closer.pos + use, joins)
        closer.pos += use
        closer.count -= use
        for k in range(j + 1, i):
            delimiters[k].count = 0
        if closer.count == 0:
            i += 1
    del delimiters[bottom:]


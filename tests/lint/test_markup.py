"""The prose view of plain text, Markdown and HTML: what is linted, what is blanked, and that
every offset in the view is the offset in the file.

Expected views are written with ``·`` for a blanked character (a space) and ``¤`` for IGNORABLE.
"""

from __future__ import annotations

import random

import pytest

from glossary.lint.markup import escape_for, kind_for_path, prose_view
from glossary.lint.text import IGNORABLE


def show(source: str, kind: str) -> str:
    """The view with blanks and IGNORABLE made visible."""
    return prose_view(source, kind).replace(" ", "·").replace(IGNORABLE, "¤")


@pytest.mark.parametrize("kind, source, expected", [
    pytest.param('text', 'Füzuli rayonu, **Qəbələ** <b>x</b> &amp;\n',
                 'Füzuli·rayonu,·**Qəbələ**·<b>x</b>·&amp;\n',
                 id='text-prose-unchanged'),
    pytest.param('text', 'See https://news.az/fizuli-rayonu.\n',
                 'See······························.\n',
                 id='text-bare-url-blanked'),
    pytest.param('text', 'See (https://az.wikipedia.org/wiki/Füzuli_(şəhər)), then Fizuli.\n',
                 'See·(············································),·then·Fizuli.\n',
                 id='text-url-with-parentheses-blanked'),
    pytest.param('text', 'fizuli@news.az www.fizuli.az news.az/fizuli-1 fizuli.gov.az Fizuli.\n',
                 '····························································Fizuli.\n',
                 id='text-email-www-host-path-blanked'),
    pytest.param('markdown', '## Fizuli rayonu ##\n',
                 '···Fizuli·rayonu···\n',
                 id='md-heading-markers-blanked'),
    pytest.param('markdown', 'Fizuli\n======\n',
                 'Fizuli\n······\n',
                 id='md-setext-underline-blanked'),
    pytest.param('markdown', '- Fizuli\n> Qəbələ\n1. Şuşa\n',
                 '··Fizuli\n··Qəbələ\n···Şuşa\n',
                 id='md-list-quote-markers-blanked'),
    pytest.param('markdown', 'Say `fizuli` to Fizuli\n',
                 'Say··········to·Fizuli\n',
                 id='md-inline-code-not-linted'),
    pytest.param('markdown', '```az\nfizuli\n```\nFizuli\n',
                 '·····\n······\n···\nFizuli\n',
                 id='md-fenced-code-not-linted'),
    pytest.param('markdown', 'Fizuli\n\n    fizuli = 1\n',
                 'Fizuli\n\n··············\n',
                 id='md-indented-code-not-linted'),
    pytest.param('markdown', '[Fizuli](https://news.az/fizuli) rayonu\n',
                 '·Fizuli··························rayonu\n',
                 id='md-link-text-linted-url-not'),
    pytest.param('markdown', '[x](/fizuli "Fizuli")\n',
                 '·x···········Fizuli··\n',
                 id='md-link-title-linted'),
    pytest.param('markdown', '[Fizuli][f]\n\n[f]: https://x.az/fizuli "Fizuli"\n',
                 '·Fizuli····\n\n·································\n',
                 id='md-reference-definition-blanked'),
    pytest.param('markdown', '![Fizuli alt](img/fizuli.png)\n',
                 '··Fizuli·alt·················\n',
                 id='md-image-alt-linted'),
    pytest.param('markdown', '<https://news.az/a> https://news.az/fizuli-1 fizuli@news.az\n',
                 '···························································\n',
                 id='md-autolink-bare-url-email-blanked'),
    pytest.param('markdown', 'Fi**zu**li\n',
                 'Fi¤¤zu¤¤li\n',
                 id='md-emphasis-inside-word-kept-as-one-word'),
    pytest.param('markdown', '[a [b](u) c](v) *x **y** z*\n',
                 '[a··b·····c](v)··x···y···z·\n',
                 id='md-no-link-inside-link-nested-emphasis'),
    pytest.param('markdown', '**Fizuli** _rayonu_\n',
                 '··Fizuli····rayonu·\n',
                 id='md-emphasis-between-words-spaces'),
    pytest.param('markdown', "**Füzuli**'nin\n",
                 "··Füzuli¤¤'nin\n",
                 id='md-emphasis-before-suffix-ignorable'),
    pytest.param('markdown', 'Fi_zu_li\n',
                 'Fi_zu_li\n',
                 id='md-intraword-underscore-is-text'),
    pytest.param('markdown', '\\*Fizuli\\*\n',
                 '·*Fizuli¤*\n',
                 id='md-escape-backslash-blanked'),
    pytest.param('markdown', '| Ad | Rayon |\n|----|:-----:|\n| Fizuli | `x` |\n',
                 '··Ad···Rayon··\n··············\n··Fizuli········\n',
                 id='md-table-pipes-blanked'),
    pytest.param('markdown',
                 '---\ntitle: "Fizuli"\nslug: fizuli-rayonu\ndescription: Qəbələ\ntags: [fizuli]\n---\nŞuşa\n',
                 '···\n········Fizuli·\n···················\n·············Qəbələ\n··············\n···\nŞuşa\n',
                 id='md-front-matter-title-only'),
    pytest.param('markdown', '---\nsummary: >\n  Fizuli\n  rayonu\ndate: 2024\n---\n',
                 '···\n··········\n··Fizuli\n··rayonu\n··········\n···\n',
                 id='md-front-matter-block-scalar'),
    pytest.param('markdown', '<div class="fizuli">\n<img src="fizuli.png" alt="Fizuli">\n</div>\n',
                 '····················\n···························Fizuli··\n······\n',
                 id='md-raw-html-block-uses-html-rules'),
    pytest.param('markdown', 'Fi<b>zu</b>li <code>fizuli</code> <!-- fizuli -->\n',
                 'Fi¤¤¤zu¤¤¤¤li····································\n',
                 id='md-inline-html-uses-html-rules'),
    pytest.param('markdown', 'Qəbələ&#8217;nin &amp;\n',
                 'Qəbələ’¤¤¤¤¤¤nin·&¤¤¤¤\n',
                 id='md-entity-padded'),
    pytest.param('markdown', 'Fizuli[^1]\n\n[^1]: Qəbələ\n',
                 'Fizuli····\n\n······Qəbələ\n',
                 id='md-footnote-marker-blanked'),
    pytest.param('markdown', '> Fizuli\n>\n> Qəbələ\n',
                 '··Fizuli\n·\n··Qəbələ\n',
                 id='md-paragraph-breaks-kept'),
    pytest.param('html', '<p class="fizuli">Fizuli</p>\n',
                 '··················Fizuli····\n',
                 id='html-text-linted-tags-not'),
    pytest.param('html', '<a href="/fizuli" title="Fizuli" data-x="fizuli">x</a><img alt=\'Şuşa\' src=fizuli.png>',
                 '·························Fizuli··················x··············Şuşa·················',
                 id='html-alt-title-linted-other-attributes-not'),
    pytest.param('html', 'Qəbələ&#8217;nin &amp; &#x2019; &nbsp;x',
                 'Qəbələ’¤¤¤¤¤¤nin·&¤¤¤¤·’¤¤¤¤¤¤¤·\xa0¤¤¤¤¤x',
                 id='html-entity-padded'),
    pytest.param('html', '<img alt="A&amp;B">',
                 '··········A&¤¤¤¤B··',
                 id='html-entity-in-attribute-padded'),
    pytest.param('html', 'Fi<b>zu</b>li <i>Fizuli</i>',
                 'Fi¤¤¤zu¤¤¤¤li····Fizuli····',
                 id='html-inline-tag-inside-word-ignorable'),
    pytest.param('html', 'Fizuli<br>rayonu</p><p>x',
                 'Fizuli····rayonu·······x',
                 id='html-block-tag-or-br-inside-word-space'),
    pytest.param('html', "<script>var fizuli = '<b>';</script><style>.fizuli{}</style>Fizuli",
                 '····························································Fizuli',
                 id='html-script-style-blanked'),
    pytest.param('html', '<!-- fizuli -->Fizuli',
                 '···············Fizuli',
                 id='html-comment-blanked'),
    pytest.param('html', '<pre>fizuli <b>x</b></pre><code>fizuli</code> Fizuli',
                 '··············································Fizuli',
                 id='html-code-pre-blanked'),
    pytest.param('html', '<head><title>Fizuli &amp; Qəbələ</title><meta content="fizuli"></head>',
                 '·············Fizuli·&¤¤¤¤·Qəbələ······································',
                 id='html-title-element-linted'),
    pytest.param('html', 'a < b <p title="x > y">Fizuli <b unclosed',
                 'a·<·b···········x·>·y··Fizuli············',
                 id='html-broken-markup-tolerated'),
    pytest.param('html', '<a href=x>https://news.az/fizuli</a>',
                 '····································',
                 id='html-url-text-blanked'),
    pytest.param('html', '<p\nclass=x>Fizuli\n\n</p>',
                 '··\n········Fizuli\n\n····',
                 id='html-newlines-kept'),
])
def test_view(kind, source, expected):
    assert show(source, kind) == expected


def test_entity_decodes_to_its_character_then_ignorable():
    view = prose_view("Qəbələ&#8217;nin", "html")
    assert view == "Qəbələ’" + IGNORABLE * 6 + "nin"


# ---------------------------------------------------------------- offsets are exact

DOCUMENTS = [
    ("markdown", """---
title: "Füzuli rayonu"
slug: fizuli-rayonu
---
# Fizuli *rayonu* #

Fi**zu**li, `fizuli`, [Fizuli](https://news.az/fizuli "Fizuli") [ref][r] &amp; &#8217; https://x.az/a.
> quoted *Fizuli*
> - item Qəbələ

1. first
   continued ~~old~~ new

| Ad | Fizuli |
|----|:------:|
| a \\| b | Qəbələ |

    indented code

```python
fizuli = 1
```

<div class="fizuli">
<p>Hello <b>Fi</b>zuli <img src="fizuli.png" alt="Fizuli"></p>
</div>

Inline <span class="x">Fi</span>zu<!-- c -->li <code>fizuli</code> ![alt](img/fizuli.png) <https://a.az>

[r]: https://example.com/fizuli "Title"
"""),
    ("markdown", "Setext\r\n===\r\n\r\n* a\r\n  * b **c\r\n  d**\r\n\r\n> lazy\r\ncontinued\r\n"),
    ("html", """<!DOCTYPE html>
<html><head><title>Fizuli &amp; Qəbələ</title><style>.fizuli{}</style>
<script>if (a < b) { x = "<p>fizuli</p>"; }</script></head>
<body><!-- fizuli --><h1 class="fizuli">Fizuli</h1>
<p>Fi<b>zu</b>li &#x2019;s <a href="/fizuli" title="Fizuli">Fizuli</a>&nbsp;<IMG ALT=Şuşa SRC=x.png>
<pre><code>fizuli</code></pre> AT&T x < y, mail info@fizuli.az</p>
<p title='unclosed >Fizuli
"""),
    ("text", "Fizuli *rayonu* <b>x</b> &amp; https://news.az/fizuli fizuli@news.az www.fizuli.az\n\nQəbələ\n"),
]

_PIECES = ["Fizuli", "Qəbələ", " ", "\n", "\n\n", "\r\n", "\t", "*", "**", "_", "~~", "`", "```", "    ", "> ", "- ",
           "1. ", "# ", "|", "---", "===", "[", "]", "(", ")", "![", "](", "<", ">", "</", "<b>", "</b>", "<p>",
           '<img alt="x" src=y>', "<!--", "-->", "&amp;", "&#8217;", "&", "\\", '"', "'", "https://news.az/x",
           "a@b.az", "<script>", "</script>", "<pre>", "</pre>", "<div>", "---\ntitle: x\n---\n", "[^1]",
           "[x]: /u", "<https://x>", "\u00a0", "İ", ":", "="]


def _random_documents(count: int, seed: int = 20240518) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [(kind, "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 60))))
            for _ in range(count) for kind in ("text", "markdown", "html")]


def _assert_offsets_exact(kind: str, source: str) -> None:
    view = prose_view(source, kind)
    assert len(view) == len(source), (kind, source)
    for i, (original, seen) in enumerate(zip(source, view)):
        if original == "\n":
            assert seen == "\n", (kind, source, i)  # line structure and paragraph breaks survive
        elif seen not in (" ", IGNORABLE, original):
            # only the first character of a reference differs (its decoding)
            assert original == "&" and seen != "\n", (kind, source, i)


@pytest.mark.parametrize("kind, source", DOCUMENTS, ids=["md-article", "md-crlf-lists-lazy", "html-page", "text"])
def test_view_keeps_every_prose_character_at_its_offset(kind, source):
    _assert_offsets_exact(kind, source)


def test_view_keeps_offsets_on_random_mixtures_of_markup():
    for kind, source in _random_documents(400):
        _assert_offsets_exact(kind, source)


@pytest.mark.parametrize("kind, source", DOCUMENTS, ids=["md-article", "md-crlf-lists-lazy", "html-page", "text"])
def test_no_url_or_code_survives(kind, source):
    view = prose_view(source, kind).lower()
    assert "http" not in view and "fizuli.png" not in view and "fizuli = 1" not in view


# ---------------------------------------------------------------- kinds and escaping

@pytest.mark.parametrize("path, kind", [
    ("news/2024/fizuli.md", "markdown"), ("A.MARKDOWN", "markdown"), ("x.mdown", "markdown"), ("x.mkd", "markdown"),
    ("index.html", "html"), ("INDEX.HTM", "html"), ("page.xhtml", "html"),
    ("notes.txt", "text"), ("README", "text"), ("-", "text"), ("archive.md.bak", "text"),
])
def test_kind_for_path(path, kind):
    assert kind_for_path(path) == kind


@pytest.mark.parametrize("kind, replacement, expected", [
    pytest.param("html", "AT&T <Qəbələ>", "AT&amp;T &lt;Qəbələ&gt;", id="html-amp-lt-gt"),
    pytest.param("html", 'O\'zbekiston "R"', "O'zbekiston &quot;R&quot;", id="html-quote-for-attributes"),
    pytest.param("markdown", "AT&T Fi*zu*li_x", "AT&T Fi*zu*li_x", id="md-plain-ampersand-and-stars-kept"),
    pytest.param("markdown", "A&amp; <b>", "A&amp;amp; &lt;b>", id="md-reference-and-tag-escaped"),
    pytest.param("text", "AT&T <b>", "AT&T <b>", id="text-unchanged"),
])
def test_escape_for(kind, replacement, expected):
    assert escape_for(kind, replacement) == expected


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError):
        prose_view("x", "rtf")

"""The audit as one self-contained HTML file: tables sortable by count, a chart per name of its forms' shares by month.

Nothing is loaded from elsewhere: the style and the sorting script are inline, the
charts are inline SVG, and a Content-Security-Policy allows only that style and
that script (by their digests), so the file opens offline and nothing in it
that came from a document (paths, variants, example lines) can run: all of it is
escaped.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from ..languages import language_name
from .report import documents_phrase, summary_line

CHARTS_PER_LANGUAGE = 60  # names charted in each language (those with two forms or more, most used first)
_PALETTE = {
    "preferred": ("#1b7837", "#5aae61"),
    "admitted": ("#2166ac", "#4393c3", "#92c5de"),
    "deprecated": ("#b2182b", "#d6604d", "#f4a582", "#8c2d04"),
    "superseded": ("#636363", "#969696"),
    "anachronism": ("#8c510a", "#bf812d"),
    "wrong-language": ("#762a83", "#9970ab", "#c2a5cf"),
    "unknown": ("#e08214", "#b35806", "#fdb863"),
}
_WIDTH, _HEIGHT, _PLOT = 360, 96, 72  # chart size and the height of its bars
_MONTHS_AT_MOST, _QUARTERS_AT_MOST = 36, 40  # bars a chart has, at most, before they become quarters, then years

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
nav a { margin-right: 1em; }
table { border-collapse: collapse; margin: 1em 0; width: 100%; }
th, td { padding: .25em .6em; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
th { background: #f4f4f4; cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort=ascending]::after { content: " \\25B2"; } th[aria-sort=descending]::after { content: " \\25BC"; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } td.d { white-space: nowrap; }
.status { font-size: .85em; padding: .05em .4em; border-radius: .3em; color: #fff; white-space: nowrap; }
.s-preferred { background: #1b7837; } .s-admitted { background: #2166ac; } .s-deprecated { background: #b2182b; }
.s-superseded { background: #636363; } .s-anachronism { background: #8c510a; } .s-wrong-language { background: #762a83; } .s-unknown { background: #b35806; }
.charts { display: flex; flex-wrap: wrap; gap: 1.2em; }
figure { margin: 0; width: 360px; } figcaption { font-size: .85em; }
figcaption b { font-size: 1.1em; } .key { display: inline-block; margin-right: .8em; white-space: nowrap; }
.note { color: #555; font-size: .9em; }
"""

_SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function (th) {
  th.tabIndex = 0;
  function sort() {
    var table = th.closest("table"), body = table.tBodies[0], column = th.cellIndex;
    var numeric = th.classList.contains("n");
    var descending = th.getAttribute("aria-sort") ? th.getAttribute("aria-sort") === "ascending" : numeric;
    var rows = Array.prototype.slice.call(body.rows);
    function key(row) {
      var cell = row.cells[column];
      var value = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
      return numeric ? Number(value) : value.toLowerCase();
    }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  th.addEventListener("click", sort);
  th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
});
"""


def _digest(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def sort_script() -> str:
    """The report's sorting script, for a server that serves it as a file of its own (``format_html(script_url=...)``)."""
    return _SCRIPT


def content_security_policy(script_url: str | None = None) -> str:
    """What the report may load: its own style (by digest) and its sorting script (by digest, or from its server)."""
    script = "'self'" if script_url else _digest(_SCRIPT)
    return f"default-src 'none'; style-src {_digest(_STYLE)}; script-src {script}"


def format_html(report: dict, *, script_url: str | None = None) -> str:
    """The report as one HTML file; with ``script_url``, its sorting script is loaded from there
    instead of written inline (the web app, whose pages run no inline script)."""
    periods = _periods(report["first"], report["last"])
    title = f"Tilmash audit: {documents_phrase(report['documents'])}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(script_url)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>How the archive writes each name</h1>",
        f'<p id="summary">{escape(summary_line(report))}.</p>',
        "<nav>" + "".join(f'<a href="#lang-{escape(lang["lang"])}">{escape(language_name(lang["lang"]))}</a>'
                          for lang in report["languages"])
        + ('<a href="#candidates">Unknown variants</a>' if report["candidates"] else "")
        + ('<a href="#most-findings">Documents</a>' if report["most_findings"] else "") + "</nav>",
    ]
    for language in report["languages"]:
        out.extend(_language_section(language, periods))
    if report["candidates"]:
        out.extend(_candidates_section(report))
    if report["most_findings"]:
        out.extend(_documents_section(report))
    script = f'<script src="{escape(script_url)}"></script>' if script_url else f"<script>{_SCRIPT}</script>"
    out += [script, "</body>", "</html>", ""]
    return "\n".join(out)


def _language_section(language: dict, periods: list[tuple[str, list[str]]]) -> list[str]:
    lang = language["lang"]
    out = [f'<section id="lang-{escape(lang)}">', f"<h2>{escape(language_name(lang))}</h2>",
           f'<table class="sortable" data-lang="{escape(lang)}">',
           "<thead><tr><th>Concept</th><th>Form</th><th>Status</th><th class=\"n\">Documents</th>"
           "<th class=\"n\">Occurrences</th><th class=\"n\">Share</th><th>First</th><th>Last</th></tr></thead>", "<tbody>"]
    for concept in language["concepts"]:
        for form in concept["forms"]:
            share = form["occurrences"] / concept["occurrences"]
            out.append(
                f"<tr><td>{escape(concept['concept'])}</td><td>{escape(form['term'])}</td>"
                f'<td><span class="status s-{escape(form["status"])}">{escape(form["status"])}</span></td>'
                f'<td class="n">{form["documents"]:,}</td><td class="n" data-value="{form["occurrences"]}">'
                f'{form["occurrences"]:,}</td><td class="n" data-value="{share:.6f}">{share:.0%}</td>'
                f"<td class=\"d\">{escape(form['first'] or '')}</td><td class=\"d\">{escape(form['last'] or '')}</td></tr>")
    out += ["</tbody>", "</table>"]
    charted = [c for c in language["concepts"] if len(c["forms"]) > 1]
    if periods and charted:
        unit = "quarter" if "Q" in periods[0][0] else "year" if len(periods[0][0]) == 4 else "month"
        out += ["<h3>Forms over time</h3>",
                f'<p class="note">Each bar is a {unit} from {periods[0][0]} to {periods[-1][0]}, split by the share of '
                f"each form in that {unit}'s occurrences.</p>", '<div class="charts">']
        out.extend(_chart(lang, concept, periods) for concept in charted[:CHARTS_PER_LANGUAGE])
        out.append("</div>")
        if len(charted) > CHARTS_PER_LANGUAGE:
            out.append(f'<p class="note">{len(charted) - CHARTS_PER_LANGUAGE:,} more names with two forms or more: '
                       "see the table.</p>")
    out.append("</section>")
    return out


def _chart(lang: str, concept: dict, periods: list[tuple[str, list[str]]]) -> str:
    """Stacked bars, one a period, each form's share of the name's occurrences in that period."""
    colours = _colours(concept["forms"])
    step = (_WIDTH - 8) / len(periods)
    bar = max(1.0, step * 0.8)
    shapes = []
    for index, (period, months) in enumerate(periods):
        counts = [sum(f["months"].get(month, 0) for month in months) for f in concept["forms"]]
        total = sum(counts)
        x = 4 + index * step
        if not total:
            shapes.append(f'<rect x="{x:.1f}" y="{4 + _PLOT - 1}" width="{bar:.1f}" height="1" fill="#ddd"/>')
            continue
        y = 4.0
        for form, colour, count in zip(concept["forms"], colours, counts):
            if not count:
                continue
            height = _PLOT * count / total
            shapes.append(f'<rect x="{x:.1f}" y="{y:.2f}" width="{bar:.1f}" height="{height:.2f}" fill="{colour}">'
                          f"<title>{escape(period)}: {escape(form['term'])} {count:,} of {total:,}</title></rect>")
            y += height
    labels = (f'<text x="4" y="{_HEIGHT - 4}" font-size="11" fill="#555">{periods[0][0]}</text>'
              f'<text x="{_WIDTH - 4}" y="{_HEIGHT - 4}" font-size="11" fill="#555" text-anchor="end">{periods[-1][0]}</text>')
    name = escape(f"{concept['concept']} ({lang})")
    keys = "".join(
        f'<span class="key"><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="{colour}"/></svg> '
        f'{escape(form["term"])} ({escape(form["status"])}, {form["occurrences"] / concept["occurrences"]:.0%})</span>'
        for form, colour in zip(concept["forms"], colours))
    return (f'<figure data-concept="{escape(concept["concept"])}"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
            f'width="{_WIDTH}" height="{_HEIGHT}" viewBox="0 0 {_WIDTH} {_HEIGHT}" aria-label="{name}: forms over time">'
            + "".join(shapes) + labels + f"</svg><figcaption><b>{name}</b><br>{keys}</figcaption></figure>")


def _candidates_section(report: dict) -> list[str]:
    out = ['<section id="candidates">', "<h2>Unknown variants</h2>",
           f'<p class="note">Words one letter from a name in the glossary, seen {report["min_count"]} times or more; '
           "<code>--suggest-terms FILE.csv</code> writes them as deprecated terms to review and import.</p>",
           '<table class="sortable"><thead><tr><th>Language</th><th>Concept</th><th>Variant</th>'
           '<th class="n">Documents</th><th class="n">Occurrences</th><th>Examples</th></tr></thead>', "<tbody>"]
    for c in report["candidates"]:
        examples = "<br>".join(f"{escape(e['path'])}:{e['line']}: {escape(e['text'])}" for e in c["examples"])
        out.append(f"<tr><td>{escape(c['lang'])}</td><td>{escape(c['concept'])}</td><td>{escape(c['term'])}</td>"
                   f'<td class="n">{c["documents"]:,}</td><td class="n" data-value="{c["occurrences"]}">'
                   f'{c["occurrences"]:,}</td><td>{examples}</td></tr>')
    out += ["</tbody>", "</table>", "</section>"]
    return out


def _documents_section(report: dict) -> list[str]:
    out = ['<section id="most-findings">', "<h2>Documents with the most findings</h2>",
           '<table class="sortable"><thead><tr><th>Document</th><th>Date</th><th class="n">Findings</th></tr></thead>',
           "<tbody>"]
    out.extend(f"<tr><td>{escape(d['path'])}</td><td class=\"d\">{escape(d['date'] or '')}</td><td class=\"n\">{d['findings']:,}</td></tr>"
               for d in report["most_findings"])
    out += ["</tbody>", "</table>", "</section>"]
    return out


def _colours(forms: list[dict]) -> list[str]:
    used: dict[str, int] = {}
    colours = []
    for form in forms:
        palette = _PALETTE[form["status"]]
        colours.append(palette[used.get(form["status"], 0) % len(palette)])
        used[form["status"]] = used.get(form["status"], 0) + 1
    return colours


def _periods(first: str | None, last: str | None) -> list[tuple[str, list[str]]]:
    """The bars of the charts, from the first day's month to the last day's: months (YYYY-MM) up to
    three years, quarters (YYYY-Qn) up to ten, years beyond; each with its months."""
    if not first or not last:
        return []
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04}-{month:02}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if len(months) <= _MONTHS_AT_MOST:
        return [(month, [month]) for month in months]
    quarters = len(months) <= _QUARTERS_AT_MOST * 3
    periods: dict[str, list[str]] = {}
    for month in months:
        label = f"{month[:4]}-Q{(int(month[5:]) + 2) // 3}" if quarters else month[:4]
        periods.setdefault(label, []).append(month)
    return list(periods.items())

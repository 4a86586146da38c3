"""Memory pages (blueprint ``memory``): fuzzy search with what it holds, and concordance.

The views call what ``tilmash tm search|concordance|stats`` call (``tm.search``,
``tm.concordance``, ``tm.stats``) and turn the results into pieces of text, each marked or
not, that the templates print escaped: nothing stored in the memory runs as HTML.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request

from glossary.errors import GlossaryError
from glossary.languages import CORE_LANGUAGES
from glossary.lint.language import detect
from tm.stats import memory_stats

from .auth import require
from .db import session
from .error_messages import library_message

bp = Blueprint("memory", __name__, url_prefix="/memory")
LANGUAGES = CORE_LANGUAGES
DIFFERING = ("replace", "extra", "missing")  # the kinds of difference that are words (not case or spacing)


def pieces(text: str, spans) -> list[tuple[str, bool]]:
    """``text`` cut at ``spans`` ((start, end) in code points, in order): (piece, marked) pairs."""
    result, position = [], 0
    for start, end in sorted(spans):
        if start < position or end <= start:
            continue
        if start > position:
            result.append((text[position:start], False))
        result.append((text[start:end], True))
        position = end
    if position < len(text):
        result.append((text[position:], False))
    return result


def match_view(match) -> dict:
    """A match as the page shows it: the stored source with the words that differ from the query
    marked, the target, and the repaired target with what was put right."""
    return {
        "id": match.id, "score": match.score, "origin": match.origin, "source_lang": match.source_lang,
        "target_lang": match.target_lang, "target": match.target, "repaired": match.repaired_target,
        "source": pieces(match.source, [(d.source_start, d.source_end) for d in match.diff if d.kind in DIFFERING]),
        "repairs": [(r.found, r.replacement) for r in match.repairs],
        "differs": [(d.query, d.source) for d in match.diff if d.kind in DIFFERING],
    }


def _float(value: str | None, default: float) -> float:
    try:
        return float(value) if value not in (None, "") else default
    except ValueError:
        return default


@bp.route("/")
@require(None)
def search():
    """What the memory holds, and the search form with its matches."""
    from tm import search as search_module  # numpy and rapidfuzz: loaded when first used, not when a worker boots

    args = request.args
    query = args.get("q", "").strip()
    source = args.get("source") if args.get("source") in LANGUAGES else "auto"
    target = args.get("target") if args.get("target") in LANGUAGES else "ru"
    min_score = min(max(_float(args.get("min_score"), search_module.DEFAULT_MIN_SCORE), 0.0), 100.0)
    matches, error = None, None
    with session() as s:
        stats = memory_stats(s).to_json()
        if query:
            try:
                source_lang = detect(query) if source == "auto" else source
                found = search_module.search(s, query, source_lang, target, min_score, limit=10)
                matches = [match_view(m) for m in found]
            except GlossaryError as exc:
                error = library_message(exc)
    return render_template("memory/search.html", stats=stats, query=query, source=source, target=target,
                           min_score=min_score, matches=matches, error=error, languages=LANGUAGES)


@bp.route("/concordance")
@require(None)
def concordance():
    """Every unit with a word or phrase, the phrase marked."""
    from tm import concordance as concordance_module

    args = request.args
    phrase = args.get("q", "").strip()
    lang = args.get("lang") if args.get("lang") in LANGUAGES else None
    hits, error = None, None
    if phrase:
        try:
            with session() as s:
                found = concordance_module.concordance(s, phrase, lang, limit=50)
            hits = [{"id": o.id, "lang": o.lang, "origin": o.origin, "text": pieces(o.text, o.marks),
                     "others": o.others} for o in found]
        except GlossaryError as exc:
            error = library_message(exc)
    return render_template("memory/concordance.html", phrase=phrase, lang=lang, hits=hits, error=error,
                           languages=LANGUAGES)

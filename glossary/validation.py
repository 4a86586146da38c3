"""The rules a glossary obeys, checked on plain records.

File readers run these on what they read, and the database merge runs them
on the merged result, so a rule is written once and reports the same text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .errors import Problem, said
from .records import ConceptEntry, TermEntry, TermStatus, concept_id_problem, periods_problem


def statuses_in_style(terms: Iterable[TermEntry], style: str | None) -> dict[TermEntry, TermStatus]:
    """Each term's status in ``style`` (None: the default style).

    A style states statuses only where it differs from the default. Where it
    makes another term preferred, the default's preferred term becomes admitted
    in that style unless the style gives it a status of its own: a language has
    one preferred term in every style.
    """
    terms = list(terms)
    if not style:
        return {t: t.status for t in terms}
    result = {t: t.status_in(style) for t in terms}
    for lang in {t.lang for t in terms}:
        in_lang = [t for t in terms if t.lang == lang]
        style_prefers = any(dict(t.styles).get(style) is TermStatus.PREFERRED for t in in_lang)
        if style_prefers:
            for t in in_lang:
                if t.status is TermStatus.PREFERRED and style not in dict(t.styles):
                    result[t] = TermStatus.ADMITTED
    return result


def term_statuses(terms: list[TermEntry], style: str | None) -> Iterable[tuple[TermEntry, TermStatus]]:
    """``statuses_in_style(terms, style).items()``, without hashing every term where that changes
    nothing: in the default style when no two terms share a language and text (equal terms are one key)."""
    if not style and len({(t.lang, t.text) for t in terms}) == len(terms):
        return [(t, t.status) for t in terms]
    return statuses_in_style(terms, style).items()


def _origin(term: TermEntry) -> str:
    return f"line {term.line}" if term.line else "already in the glossary"


def concept_problems(concept: ConceptEntry, path: str) -> list[Problem]:
    """Everything wrong inside one concept."""
    problems: list[Problem] = []
    if (why := concept_id_problem(concept.id)) is not None:
        problems.append(Problem.from_error(path, concept.line, why))
    seen: dict[tuple[str, str], TermEntry] = {}
    styled = False
    for term in concept.terms:
        text = term.text
        key = (term.lang, text)
        if key in seen:
            first = seen[key]
            problems.append(Problem.of(path, term.line, "term.twice", text=text, lang=term.lang, id=concept.id,
                                       origin=_origin(first)))
        else:
            seen[key] = term
        stripped = text.strip()
        if not stripped:
            problems.append(Problem.of(path, term.line, "term.empty", id=concept.id, lang=term.lang))
        elif text != stripped:
            problems.append(Problem.of(path, term.line, "term.spaces", text=text))
        if term.periods and (why := periods_problem(term.periods)) is not None:
            problems.append(Problem.of(path, term.line, "term.periods", text=text, lang=term.lang, problem=said(why)))
        styled = styled or bool(term.styles)
    if not styled and len(seen) == len(concept.terms):  # the default style alone, each term once (most concepts):
        langs = [t.lang for t in concept.terms if t.status is TermStatus.PREFERRED]  # at most one preferred a language?
        if len(langs) == len(set(langs)):
            return problems
    styles = sorted({name for t in concept.terms for name, _ in t.styles})
    for style in [None, *styles]:
        preferred: dict[str, list[TermEntry]] = defaultdict(list)
        for term, status in term_statuses(concept.terms, style):
            if status is TermStatus.PREFERRED:
                preferred[term.lang].append(term)
        for lang, terms in preferred.items():
            if len(terms) > 1:
                first, *others = sorted(terms, key=lambda t: t.line or 0)
                for other in others:
                    problems.append(Problem.of(
                        path, other.line, "term.two-preferred-in-style" if style else "term.two-preferred",
                        id=concept.id, lang=lang, first=first.text, origin=_origin(first), second=other.text,
                        **({"style": style} if style else {})))
    return problems


def glossary_problems(concepts: Iterable[ConceptEntry], path: str) -> list[Problem]:
    """Everything wrong in a glossary read from ``path``, in file order."""
    problems: list[Problem] = []
    first_line: dict[str, int | None] = {}
    for concept in concepts:
        if concept.id in first_line:
            line = first_line[concept.id]
            problems.append(Problem.of(path, concept.line, "concept.duplicate-id-at", id=concept.id, first=line) if line
                            else Problem.of(path, concept.line, "concept.duplicate-id", id=concept.id))
            continue
        first_line[concept.id] = concept.line
        problems.extend(concept_problems(concept, path))
    return sorted(problems, key=lambda p: p.line or 0)

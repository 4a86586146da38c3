"""Glossary pages (blueprint ``glossary``): browse and search, a concept in four languages and
its house styles side by side, edit with the termbase's rules and optimistic locking,
history with revert, proposals and the review queue.

The edit form sends the whole concept (one row per term, blank rows for new ones); it is
read into the same JSON shape as the API's and checked by the same library functions.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from glossary import editing, proposals, termbase
from glossary.concept_json import concept_from_json
from glossary.errors import FormatError
from glossary.languages import CORE_LANGUAGES, language_sort_key
from glossary.records import CaseRule, ConceptEntry, PartOfSpeech, Role, TermStatus
from glossary.validation import statuses_in_style

from .auth import current_account, require
from .db import session
from .error_messages import problem_text

bp = Blueprint("glossary", __name__, url_prefix="/glossary")
PAGE_SIZE = 50
MAX_PAGE = 1_000_000
NEW_ROWS = 3


@bp.route("/")
@require(None)
def browse():
    args = request.args
    status = args.get("status") or None
    if status and status not in TermStatus.__members__.values():
        status = None
    page = min(max(1, args.get("page", 1, type=int) or 1), MAX_PAGE)  # beyond: an empty page, not a database error
    with session() as s:
        concepts, total = editing.browse_concepts(
            s, subject_field=args.get("subject") or None, status=TermStatus(status) if status else None,
            lang=args.get("lang") or None, query=args.get("q") or None, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        subjects = editing.subject_fields(s)
        queue = proposals.pending_count(s)
    return render_template("glossary/browse.html", concepts=[c.sorted() for c in concepts], total=total, page=page,
                           pages=max(1, -(-total // PAGE_SIZE)), subjects=subjects, statuses=list(TermStatus),
                           languages=CORE_LANGUAGES, queue=queue)


def _side_by_side(concept: ConceptEntry, styles: list[str]) -> list[tuple[str, list[list[tuple[str, str]]]]]:
    """Per language, per style (default first): the forms with their status there, best first."""
    languages = sorted({t.lang for t in concept.terms} | set(CORE_LANGUAGES), key=language_sort_key)
    columns = [statuses_in_style(concept.terms, style) for style in [None, *styles]]
    rows = []
    for lang in languages:
        cells = []
        for statuses in columns:
            forms = sorted(((t.text, statuses[t].value) for t in concept.terms if t.lang == lang),
                           key=lambda f: list(TermStatus).index(TermStatus(f[1])))
            cells.append(forms)
        rows.append((lang, cells))
    return rows


@bp.route("/<concept_id>")
@require(None)
def concept(concept_id: str):
    with session() as s:
        versioned = editing.read_concept(s, concept_id)
        styles = termbase.style_names(s)
    entry = versioned.concept.sorted()
    return render_template("glossary/concept.html", concept=entry, version=versioned.version, styles=styles,
                           table=_side_by_side(entry, styles))


def _concept_from_form(form, styles: list[str], concept_id: str) -> ConceptEntry:
    terms = []
    count = form.get("rows", 0, type=int)
    for n in range(min(count, 500)):
        prefix = f"term-{n}-"
        text = (form.get(prefix + "text") or "").strip()
        if not text or form.get(prefix + "delete"):
            continue
        terms.append({
            "lang": form.get(prefix + "lang", ""), "text": text, "status": form.get(prefix + "status", ""),
            "case": form.get(prefix + "case") or CaseRule.PERMISSIVE.value, "note": form.get(prefix + "note"),
            "source": form.get(prefix + "source"), "part_of_speech": form.get(prefix + "pos") or None,
            "valid": form.get(prefix + "valid") or "",
            "styles": {style: form[prefix + "style-" + style] for style in styles if form.get(prefix + "style-" + style)},
        })
    return concept_from_json({"id": concept_id, "subject_field": form.get("subject_field"),
                              "definition": form.get("definition"), "note": form.get("note"), "terms": terms})


def _edit_page(concept: ConceptEntry, version: int | None, styles: list[str], *, mode: str,
               conflict: editing.EditConflict | None = None, problems: list[str] | None = None, status: int = 200):
    return render_template("glossary/edit.html", concept=concept, version=version, styles=styles, mode=mode,
                           statuses=list(TermStatus), cases=list(CaseRule), parts_of_speech=list(PartOfSpeech), new_rows=NEW_ROWS, conflict=conflict,
                           problems=problems or [], languages=CORE_LANGUAGES), status


@bp.route("/<concept_id>/edit", methods=["GET", "POST"])
@require(Role.TERMINOLOGIST)
def edit(concept_id: str):
    """Edit a concept; a save made on an older version is refused and both versions are shown."""
    with session() as s:
        styles = termbase.style_names(s)
        if request.method == "GET":
            versioned = editing.read_concept(s, concept_id)
            return _edit_page(versioned.concept.sorted(), versioned.version, styles, mode="edit")
        version = request.form.get("version", type=int)
        try:
            wanted = _concept_from_form(request.form, styles, concept_id)
        except FormatError as exc:
            return _edit_page(editing.read_concept(s, concept_id).concept.sorted(), version, styles, mode="edit",
                              problems=[problem_text(p) for p in exc.problems], status=400)
        try:
            editing.save_concept(s, wanted, version if version is not None else -1)
        except editing.EditConflict as exc:
            return _edit_page(wanted, exc.current_version, styles, mode="edit", conflict=exc, status=409)
        except FormatError as exc:
            return _edit_page(wanted, version, styles, mode="edit", problems=[problem_text(p) for p in exc.problems], status=400)
    flash(_("Saved."), "info")
    return redirect(url_for("glossary.concept", concept_id=concept_id))


@bp.route("/new", methods=["GET", "POST"])
@require(Role.TRANSLATOR)
def new():
    """A new concept: created by a terminologist, proposed by a translator."""
    account = current_account()
    direct = account.can(Role.TERMINOLOGIST)
    mode = "new" if direct else "propose-new"
    with session() as s:
        styles = termbase.style_names(s)
        if request.method == "GET":
            return _edit_page(ConceptEntry(""), None, styles, mode=mode)
        concept_id = (request.form.get("id") or "").strip()
        try:
            wanted = _concept_from_form(request.form, styles, concept_id)
            if direct:
                editing.create_concept(s, wanted)
            else:
                proposals.propose(s, wanted, account.name, request.form.get("comment"))
        except FormatError as exc:
            blank = ConceptEntry(concept_id)
            return _edit_page(blank, None, styles, mode=mode, problems=[problem_text(p) for p in exc.problems], status=400)
    if direct:
        flash(_("Concept added."), "info")
        return redirect(url_for("glossary.concept", concept_id=concept_id))
    flash(_("Thank you: a terminologist will review your proposal."), "info")
    return redirect(url_for("glossary.browse"))


@bp.route("/<concept_id>/propose", methods=["GET", "POST"])
@require(Role.TRANSLATOR)
def propose(concept_id: str):
    """A translator's change to a concept, as a proposal for the review queue."""
    with session() as s:
        styles = termbase.style_names(s)
        versioned = editing.read_concept(s, concept_id)
        if request.method == "GET":
            return _edit_page(versioned.concept.sorted(), versioned.version, styles, mode="propose")
        try:
            wanted = _concept_from_form(request.form, styles, concept_id)
            proposals.propose(s, wanted, current_account().name, request.form.get("comment"))
        except FormatError as exc:
            return _edit_page(versioned.concept.sorted(), versioned.version, styles, mode="propose",
                              problems=[problem_text(p) for p in exc.problems], status=400)
    flash(_("Thank you: a terminologist will review your proposal."), "info")
    return redirect(url_for("glossary.concept", concept_id=concept_id))


@bp.route("/<concept_id>/history")
@require(None)
def history(concept_id: str):
    with session() as s:
        changes = editing.concept_changes(s, concept_id)
    if not changes:
        abort(404)
    return render_template("glossary/history.html", concept_id=concept_id, changes=changes)


@bp.route("/changes/<int(max=2147483647):change_id>/revert", methods=["POST"])
@require(Role.TERMINOLOGIST)
def revert(change_id: int):
    concept_id = request.form.get("concept", "")
    with session() as s:
        result = editing.revert_change(s, change_id)
    flash(_("Change reverted."), "info")
    if result is None:
        return redirect(url_for("glossary.browse"))
    return redirect(url_for("glossary.history", concept_id=result.concept.id or concept_id))


@bp.route("/<concept_id>/delete", methods=["POST"])
@require(Role.TERMINOLOGIST)
def delete(concept_id: str):
    version = request.form.get("version", type=int)
    if version is None:  # the page's form always sends the version it showed: without it, deleting would skip the check
        abort(400, description=_("The form did not say which version of the concept it showed: reload the page and try again."))
    with session() as s:
        editing.delete_concept(s, concept_id, version)
    flash(_("Concept deleted."), "info")
    return redirect(url_for("glossary.browse"))


@bp.route("/review")
@require(Role.TERMINOLOGIST)
def review():
    with session() as s:
        queue = proposals.pending(s)
        current = {}
        for p in queue:
            if not p.is_new_concept:
                try:
                    current[p.id] = editing.read_concept(s, p.concept_id).concept.sorted()
                except editing.ConceptNotFound:
                    pass
    return render_template("glossary/review.html", queue=queue, current=current)


@bp.route("/review/<int(max=2147483647):proposal_id>", methods=["POST"])
@require(Role.TERMINOLOGIST)
def decide(proposal_id: int):
    account = current_account()
    note = request.form.get("note") or None
    with session() as s:
        if request.form.get("decision") == "approve":
            proposals.approve(s, proposal_id, account.name, note)
            flash(_("Proposal approved."), "info")
        else:
            proposals.reject(s, proposal_id, account.name, note)
            flash(_("Proposal rejected."), "info")
    return redirect(url_for("glossary.review"))

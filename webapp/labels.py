"""Names the UI shows for the library's enums, through gettext (so that they are extracted)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

LABELS = {
    "translator": _l("translator"),
    "terminologist": _l("terminologist"),
    "admin": _l("administrator"),
    "preferred": _l("preferred"),
    "admitted": _l("admitted"),
    "deprecated": _l("deprecated"),
    "superseded": _l("superseded"),
    "permissive": _l("capitals must match"),
    "strict": _l("exact case"),
    "insensitive": _l("any case"),
    "noun": _l("noun"),
    "verb": _l("verb"),
    "adjective": _l("adjective"),
    "adverb": _l("adverb"),
    "other": _l("other"),
    "pending": _l("pending"),
    "approved": _l("approved"),
    "rejected": _l("rejected"),
    "create": _l("added"),
    "update": _l("changed"),
    "delete": _l("deleted"),
    "concept": _l("concept"),
    "term": _l("term"),
    "style_status": _l("status in a style"),
    "style": _l("style"),
    "period": _l("period of use"),
    # the bundled glossary's subject fields (one a terminologist adds shows as it is written)
    "company": _l("company"),
    "document": _l("document"),
    "event": _l("event"),
    "news agency": _l("news agency"),
    "organization": _l("organization"),
    "person": _l("person"),
    "place": _l("place"),
    "project": _l("project"),
    "route": _l("route"),
    "glossary": _l("glossary"),
    "memory": _l("memory"),
    # why a PO entry imported as memory was skipped (tm.importing's report)
    "obsolete": _l("obsolete entries"),
    "fuzzy": _l("entries marked fuzzy"),
    "plural": _l("entries with plural forms"),
    "untranslated": _l("untranslated entries"),
    "en": _l("English"),
    "az": _l("Azerbaijani"),
    "kk": _l("Kazakh"),
    "ru": _l("Russian"),
}


# a recorded change's fields (glossary.history's snapshots), as the edit form names them
FIELDS = {
    "id": _l("Concept"),
    "subject_field": _l("Subject field"),
    "definition": _l("Definition"),
    "note": _l("Note"),
    "lang": _l("Language"),
    "text": _l("Term"),
    "status": _l("Status"),
    "case_rule": _l("Letter case"),
    "part_of_speech": _l("Part of speech"),
    "source": _l("Source"),
    "style": _l("House style"),
    "start": _l("In use from"),
    "end": _l("In use until"),
}
LABELLED_VALUES = ("lang", "status", "case_rule", "part_of_speech")


def label(value) -> str:
    key = getattr(value, "value", value)
    return str(LABELS.get(key, key))


def snapshot_fields(snapshot: dict | None) -> list[tuple[str, str]]:
    """A change's before or after as (field, value) pairs to show: named and valued in the UI's language."""
    return [(str(FIELDS.get(key, key)), label(value) if key in LABELLED_VALUES else str(value))
            for key, value in (snapshot or {}).items() if value is not None and key != "concept_id"]


def init_app(app: Flask) -> None:
    app.jinja_env.globals["label"] = label
    app.jinja_env.globals["snapshot_fields"] = snapshot_fields

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
    "glossary": _l("glossary"),
    "memory": _l("memory"),
    "en": _l("English"),
    "az": _l("Azerbaijani"),
    "kk": _l("Kazakh"),
    "ru": _l("Russian"),
}


def label(value) -> str:
    key = getattr(value, "value", value)
    return str(LABELS.get(key, key))


def init_app(app: Flask) -> None:
    app.jinja_env.globals["label"] = label

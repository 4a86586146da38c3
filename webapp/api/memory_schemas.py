"""The shapes of the memory's endpoints (concordance, imports, the TMX download), beside the
glossary's in ``schemas``; they validate requests and make the OpenAPI document."""

from __future__ import annotations

from marshmallow import fields, validate

from .schemas import Schema

CORE = ["en", "az", "kk", "ru"]


class ConcordanceQuery(Schema):
    q = fields.String(required=True, validate=validate.Length(min=1, max=500), metadata={"description": "a word or phrase"})
    lang = fields.String(load_default=None, validate=validate.Length(min=2, max=35),
                         metadata={"description": "look only in this language's segments (BCP 47)"})
    limit = fields.Integer(load_default=None, validate=validate.Range(min=1, max=200),
                           metadata={"description": "at most this many (default 20)"})


class Translation(Schema):
    lang = fields.String(required=True)
    text = fields.String(required=True)


class Occurrence(Schema):
    id = fields.Integer(required=True, metadata={"description": "the unit"})
    lang = fields.String(required=True)
    text = fields.String(required=True)
    marks = fields.List(fields.List(fields.Integer(), validate=validate.Length(equal=2)), required=True,
                        metadata={"description": "where the phrase is in `text`: [start, end] offsets in code points"})
    translations = fields.List(fields.Nested(Translation), required=True, metadata={"description": "the unit's other variants"})
    origin = fields.String(required=True, allow_none=True, metadata={"description": "the file the unit was imported from"})


class ConcordanceResponse(Schema):
    occurrences = fields.List(fields.Nested(Occurrence), required=True)


class ImportQuery(Schema):
    into = fields.String(load_default=None, validate=validate.OneOf(["glossary", "memory"]), metadata={
        "description": "where the files go; default from the file type: TMX to the memory, TBX and CSV to the glossary, "
                       "PO to the glossary if it is the glossary's catalogue, else to the memory"})


class ImportUpload(Schema):
    file = fields.List(fields.Raw(metadata={"type": "string", "format": "binary"}), required=True,
                       metadata={"description": "one or more files (TMX, PO, TBX, CSV): all are imported, or none"})


class SkippedUnits(Schema):
    reason = fields.String(required=True)
    units = fields.Integer(required=True)


class FileReport(Schema):
    """What the import did with one file: the counts of its store, and the command line's summary line."""

    path = fields.String(required=True)
    into = fields.String(required=True, validate=validate.OneOf(["glossary", "memory"]))
    summary = fields.String(required=True, metadata={"description": "the line `tilmash import` prints"})
    added = fields.Integer(metadata={"description": "memory: units added"})
    merged = fields.Integer(metadata={"description": "memory: units merged into one already stored (duplicates)"})
    skipped = fields.List(fields.Nested(SkippedUnits), metadata={"description": "memory: units left out, and why"})
    concepts_added = fields.Integer()
    concepts_changed = fields.Integer()
    concepts_unchanged = fields.Integer()
    terms_added = fields.Integer()
    terms_changed = fields.Integer()
    styles_added = fields.List(fields.String())
    terms_made_preferred = fields.Integer(metadata={"description": "a translated catalogue of the glossary"})
    unchanged = fields.Integer()
    not_applied = fields.List(fields.String())
    fuzzy = fields.Integer()
    untranslated = fields.Integer()


class ImportReport(Schema):
    files = fields.List(fields.Nested(FileReport), required=True)
    warnings = fields.List(fields.String(), required=True)


class ImportFailure(Schema):
    message = fields.String(required=True)
    problems = fields.List(fields.String(), required=True, metadata={"description": "each problem: 'file:line: message'"})


class ImportJob(Schema):
    id = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf(["queued", "running", "done", "failed"]))
    phase = fields.String(required=True, validate=validate.OneOf(["queued", "reading", "importing", "saving", "done", "failed"]))
    into = fields.String(required=True, allow_none=True)
    files = fields.List(fields.String(), required=True)
    owner = fields.String(required=True)
    progress = fields.Float(required=True, metadata={"description": "0 to 1: the share of the memory files read"})
    bytes_done = fields.Integer(required=True)
    bytes_total = fields.Integer(required=True)
    created_at = fields.String(required=True)
    finished_at = fields.String(required=True, allow_none=True)
    report = fields.Nested(ImportReport, required=True, allow_none=True, metadata={"description": "when done"})
    error = fields.Nested(ImportFailure, required=True, allow_none=True, metadata={"description": "when failed: nothing was imported"})


class TmxQuery(Schema):
    source = fields.String(load_default=None, validate=validate.Length(min=2, max=35),
                           metadata={"description": "with `target`: only units in both languages, with just those two variants"})
    target = fields.String(load_default=None, validate=validate.Length(min=2, max=35))
    origin = fields.String(load_default=None, validate=validate.Length(min=1, max=500),
                           metadata={"description": "only the units imported from this file"})
    since = fields.Date(load_default=None, metadata={"description": "only units added or changed on or after this day (UTC)"})

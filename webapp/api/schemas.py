"""The API's request and response shapes (marshmallow), in one place: they validate requests and make
the OpenAPI document, so the document cannot drift from the code. Lint and QA first, then the glossary
(terms, concepts, history, proposals, exports), then the memory (search, concordance, imports, TMX)."""

from __future__ import annotations

import datetime

import marshmallow as ma
from marshmallow import fields, validate

from glossary.languages import CORE_LANGUAGES
from glossary.records import CaseRule, PartOfSpeech, TermStatus

LANGS = ["auto", *CORE_LANGUAGES]
STATUSES = [s.value for s in TermStatus]


def language(description: str | None = None, default: str | None = None) -> fields.String:
    """A BCP 47 language code in a query (validated as a language by the library, where it is used)."""
    return fields.String(load_default=default, validate=validate.Length(min=2, max=35),
                         metadata={"description": description} if description else {})


class Schema(ma.Schema):
    class Meta:
        ordered = True
        unknown = ma.RAISE


class ErrorDetail(Schema):
    status = fields.Integer(required=True, metadata={"description": "the HTTP status"})
    message = fields.String(required=True, metadata={"description": "what is wrong, for a person"})
    problems = fields.List(fields.String(), metadata={"description": "each problem of a refused glossary input: 'where:line: message'"})
    current = fields.Dict(metadata={"description": "on 409: the concept as stored now, with its version"})


class Error(Schema):
    """Every 4xx and 5xx answer of the API."""

    error = fields.Nested(ErrorDetail, required=True)


class LintRequest(Schema):
    text = fields.String(required=True, validate=validate.Length(max=5_000_000))
    lang = fields.String(load_default="auto", validate=validate.OneOf(LANGS))
    format = fields.String(load_default="text", validate=validate.OneOf(["text", "markdown", "html"]))
    style = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))
    date = fields.Date(load_default=None, allow_none=True,
                       metadata={"description": "the document's date (YYYY-MM-DD): a former name inside its validity period is right; "
                       "default: the date the text gives (front matter, article:published_time), else today"})
    concepts = fields.Boolean(load_default=False, metadata={
        "description": "also return, for each concept found, its preferred forms per language, note and source"})


class Finding(Schema):
    path = fields.String(required=True)
    start = fields.Integer(required=True, metadata={"description": "0-based offset in Unicode code points"})
    end = fields.Integer(required=True)
    line = fields.Integer(required=True)
    column = fields.Integer(required=True)
    end_line = fields.Integer(required=True)
    end_column = fields.Integer(required=True)
    rule = fields.String(required=True)
    severity = fields.String(required=True, validate=validate.OneOf(["error", "warning", "info"]))
    found = fields.String(required=True)
    suggestion = fields.String(required=True, allow_none=True)
    concept = fields.String(required=True, allow_none=True)
    lang = fields.String(required=True)
    status = fields.String(required=True, allow_none=True)
    message = fields.String(required=True, metadata={"description": "why, in English (the command line's message)"})
    fixable = fields.Boolean(required=True, metadata={"description": "whether the suggestion is certain (what --fix applies)"})
    why = fields.String(metadata={
        "description": "the message in the request's language (the UI's choice, else Accept-Language), "
                       "present when that is Azerbaijani, Kazakh or Russian"})


class ConceptCard(Schema):
    """What a finding's card shows of its concept, in the house style asked for."""

    id = fields.String(required=True)
    subject_field = fields.String(allow_none=True)
    forms = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                        metadata={"description": "language -> preferred form"})
    note = fields.String(allow_none=True, metadata={"description": "the concept's note"})
    notes = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                        metadata={"description": "language -> the preferred term's note"})
    sources = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                          metadata={"description": "language -> the preferred term's source"})


class LintResponse(Schema):
    findings = fields.List(fields.Nested(Finding), required=True)
    concepts = fields.Dict(keys=fields.String(), values=fields.Nested(ConceptCard))


VALID = fields.List(fields.String(), load_default=list, metadata={
    "description": "when the term was the name in use: periods START/END (YYYY, YYYY-MM or YYYY-MM-DD; an open end empty)"})


class TermShort(Schema):
    lang = fields.String(required=True)
    text = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    valid = VALID


class ConceptShort(Schema):
    id = fields.String(required=True)
    subject_field = fields.String(allow_none=True)
    definition = fields.String(allow_none=True)
    terms = fields.List(fields.Nested(TermShort), required=True)


class TermsQuery(Schema):
    q = fields.String(required=True, validate=validate.Length(min=1, max=500))
    style = fields.String(load_default=None, validate=validate.Length(max=64))
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=200))


class TermsResponse(Schema):
    concepts = fields.List(fields.Nested(ConceptShort), required=True)


class TermFull(Schema):
    lang = fields.String(required=True, validate=validate.Length(min=1, max=35))
    text = fields.String(required=True, validate=validate.Length(min=1, max=500))
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    case = fields.String(load_default=CaseRule.PERMISSIVE.value, validate=validate.OneOf([c.value for c in CaseRule]))
    part_of_speech = fields.String(load_default=None, allow_none=True, validate=validate.OneOf([p.value for p in PartOfSpeech]))
    note = fields.String(load_default=None, allow_none=True)
    source = fields.String(load_default=None, allow_none=True)
    styles = fields.Dict(keys=fields.String(), values=fields.String(validate=validate.OneOf(STATUSES)), load_default=dict,
                         metadata={"description": "house style -> status, where the style differs from the default"})
    valid = VALID


class ConceptFull(Schema):
    id = fields.String(required=True, validate=validate.Length(min=1, max=200))
    subject_field = fields.String(load_default=None, allow_none=True)
    definition = fields.String(load_default=None, allow_none=True)
    note = fields.String(load_default=None, allow_none=True)
    terms = fields.List(fields.Nested(TermFull), required=True)


class VersionedConcept(ConceptFull):
    version = fields.Integer(required=True, metadata={"description": "the version read; a save with an older one gets 409"})


class ConceptWrite(ConceptFull):
    version = fields.Integer(load_default=None, allow_none=True,
                             metadata={"description": "required to update: the version the change was made on"})


class ConceptQuery(Schema):
    style = fields.String(load_default=None, validate=validate.Length(max=64))


class DeleteQuery(Schema):
    version = fields.Integer(load_default=None)


class UtcDateTime(fields.DateTime):
    """A moment the database keeps in UTC: written with its offset, also where the database drops it (SQLite)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return super()._serialize(value, attr, obj, **kwargs)


class Change(Schema):
    id = fields.Integer(required=True)
    at = UtcDateTime(required=True)
    actor = fields.String(required=True)
    action = fields.String(required=True)
    entity = fields.String(required=True)
    concept_id = fields.String(allow_none=True)
    before = fields.Dict(allow_none=True)
    after = fields.Dict(allow_none=True)


class History(Schema):
    changes = fields.List(fields.Nested(Change), required=True)


class ProposalWrite(Schema):
    concept = fields.Nested(ConceptFull, required=True)
    comment = fields.String(load_default=None, allow_none=True)


class Proposal(Schema):
    id = fields.Integer(required=True)
    concept_id = fields.String(required=True)
    is_new_concept = fields.Boolean(required=True)
    author = fields.String(required=True)
    state = fields.String(required=True)
    comment = fields.String(allow_none=True)
    concept = fields.Nested(ConceptFull, required=True)


class ProposalList(Schema):
    proposals = fields.List(fields.Nested(Proposal), required=True)


class Review(Schema):
    note = fields.String(load_default=None, allow_none=True)


class DayOrMoment(fields.DateTime):
    """A moment in ISO 8601, or a day (YYYY-MM-DD: its first moment, UTC), as ``tilmash export --since`` takes."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and len(value) == 10:
            try:
                return datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time(), datetime.timezone.utc)
            except ValueError:
                pass  # the field's own message below
        return super()._deserialize(value, attr, data, **kwargs)


class ExportQuery(Schema):
    version = fields.String(load_default="2008", validate=validate.OneOf(["2008", "3"]),
                            metadata={"description": "TBX only: 2008 (<martif>) or 3 (<tbx>)"})
    lang = language("po and mo: the target language")
    source = language("po, pot and mo: the language of msgid", default="en")
    style = fields.String(load_default=None, validate=validate.Length(max=64), metadata={"description": "po and mo: the house style"})
    subject_field = fields.List(fields.String(), load_default=list, metadata={"description": "only concepts of these subject fields"})
    status = fields.List(fields.String(validate=validate.OneOf(["preferred", "admitted", "missing"])), load_default=list,
                         metadata={"description": "po and mo: only entries in these states"})
    since = DayOrMoment(load_default=None, metadata={
        "description": "only concepts changed at or after this moment (a day, YYYY-MM-DD, is its start in UTC)"})


class TranslateCheck(Schema):
    source = fields.String(required=True, validate=validate.Length(max=2_000_000))
    target = fields.String(load_default="", validate=validate.Length(max=2_000_000))
    source_lang = fields.String(load_default="auto", validate=validate.OneOf(LANGS))
    target_lang = fields.String(required=True, validate=validate.OneOf(LANGS[1:]))
    style = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))


class SourceName(Schema):
    concept = fields.String(required=True)
    found = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    rendering = fields.String(required=True, allow_none=True, metadata={"description": "the target language's form in the style"})
    present = fields.Boolean(required=True, metadata={"description": "whether the translation names it (any form, inflected)"})


class TranslateResult(Schema):
    names = fields.List(fields.Nested(SourceName), required=True)
    findings = fields.List(fields.Nested(Finding), required=True, metadata={"description": "the translation's lint findings"})
    missing_numbers = fields.List(fields.String(), required=True, metadata={"description": "numbers of the source not in the translation"})
    extra_numbers = fields.List(fields.String(), required=True, metadata={"description": "numbers of the translation not in the source"})


class QAText(Schema):
    text = fields.String(required=True, validate=validate.Length(max=2_000_000))
    lang = fields.String(load_default="auto", validate=validate.OneOf(LANGS), metadata={"description": "auto: detected from the text"})


class QARequest(Schema):
    """A source and its translation, or the versions of one story (``tilmash qa`` / ``tilmash qa --versions``)."""

    source = fields.Nested(QAText, metadata={"description": "with target: a source text"})
    target = fields.Nested(QAText, metadata={"description": "with source: its translation (findings point into it)"})
    versions = fields.List(fields.Nested(QAText), validate=validate.Length(min=2, max=10),
                           metadata={"description": "instead of source and target: the versions of one story, one language each "
                                     "(findings' path: versions[i])"})
    format = fields.String(load_default="text", validate=validate.OneOf(["text", "markdown", "html"]))
    style = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))

    @ma.validates_schema
    def one_shape(self, data, **kwargs):
        pair = "source" in data or "target" in data
        if pair == ("versions" in data):
            raise ma.ValidationError("give source and target, or versions (not both)")
        if pair and not ("source" in data and "target" in data):
            raise ma.ValidationError("give both source and target")


class QAResponse(Schema):
    findings = fields.List(fields.Nested(Finding), required=True)


class MemoryQuery(Schema):
    q = fields.String(required=True, validate=validate.Length(min=1, max=10_000), metadata={"description": "the source segment"})
    source = language("the segment's language (default: detected)")
    target = language("the translations' language (default: the memory's one other language)")
    min_score = fields.Float(load_default=60.0, validate=validate.Range(min=0, max=100))
    limit = fields.Integer(load_default=5, validate=validate.Range(min=1, max=50))
    style = fields.String(load_default=None, validate=validate.Length(max=64), metadata={"description": "the house style of repairs"})


class MemoryDifference(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(
        ["replace", "extra", "missing", "case", "punctuation", "whitespace", "markup"]))
    query = fields.String(required=True)
    source = fields.String(required=True)
    query_start = fields.Integer(required=True, metadata={"description": "in the query, in code points"})
    query_end = fields.Integer(required=True)
    source_start = fields.Integer(required=True, metadata={"description": "in the stored source, in code points"})
    source_end = fields.Integer(required=True)


class MemoryRepair(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(["name", "number"]))
    source = fields.String(required=True)
    query = fields.String(required=True)
    found = fields.String(required=True, metadata={"description": "in the stored target"})
    replacement = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    concept = fields.String(allow_none=True)


class MemoryMatch(Schema):
    id = fields.Integer(required=True)
    score = fields.Float(required=True, metadata={"description": "100 the same text; 95-99 the same words; below, word edit similarity"})
    source_lang = fields.String(required=True)
    target_lang = fields.String(required=True)
    source = fields.String(required=True)
    target = fields.String(required=True)
    origin = fields.String(required=True, allow_none=True)
    diff = fields.List(fields.Nested(MemoryDifference), required=True)
    repaired_target = fields.String(required=True, allow_none=True, metadata={
        "description": "the target with the names and numbers that differ replaced; null when nothing to repair"})
    repairs = fields.List(fields.Nested(MemoryRepair), required=True)
    usage_count = fields.Integer(metadata={"description": "how many times the unit was used"})
    changed_at = fields.String(allow_none=True, metadata={"description": "when the unit last changed (ISO 8601, UTC)"})


class MemoryMatches(Schema):
    matches = fields.List(fields.Nested(MemoryMatch), required=True)


class ConcordanceQuery(Schema):
    q = fields.String(required=True, validate=validate.Length(min=1, max=500), metadata={"description": "a word or phrase"})
    lang = language("look only in this language's segments (BCP 47)")
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
    source = language("with `target`: only units in both languages, with just those two variants")
    target = language()
    origin = fields.String(load_default=None, validate=validate.Length(min=1, max=500),
                           metadata={"description": "only the units imported from this file"})
    since = fields.Date(load_default=None, metadata={"description": "only units added or changed on or after this day (UTC)"})

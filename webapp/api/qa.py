"""POST /api/qa: the bilingual QA of ``tilmash qa`` on a source and its translation, and of
``tilmash qa --versions`` on the versions of one story, as the lint's findings."""

from __future__ import annotations

from flask_smorest import Blueprint

from glossary.lint.service import matcher_for_database
from tm.qa.pairs import check_pair
from tm.qa.versions import check_texts

from ..auth import require
from ..db import database
from . import schemas
from .lint import findings_json

blp = Blueprint("api_qa", __name__, description="Check translations and the versions of one story")


@blp.route("/qa", methods=["POST"])
@blp.arguments(schemas.QARequest)
@blp.response(200, schemas.QAResponse)
@blp.alt_response(400, schema=schemas.Error)
@require(None)
def qa(request: dict):
    """The findings `tilmash qa` gives: names of the source missing from the translation (`term.mismatch`),
    numbers, placeholders and tags that differ, and the lint's rules on the translation; with `versions`,
    those of `tilmash qa --versions` (`version.missing-name`, `version.numbers`, the lint on every version).

    With `source` and `target`, offsets, lines and columns are in the target; with `versions`, a finding's
    `path` is `versions[i]` and its offsets are in that version.
    """
    matcher = matcher_for_database(database(), request["style"], shortcuts=False)
    if "versions" in request:
        texts = [(v["text"], None if v["lang"] == "auto" else v["lang"]) for v in request["versions"]]
        findings = check_texts(texts, matcher, kind=request["format"])
    else:
        source, target = request["source"], request["target"]
        findings = check_pair(source["text"], target["text"], source["lang"], target["lang"], matcher)
    return {"findings": findings_json(findings)}

"""The OpenAPI document is made from the code, and the API keeps to it: schemathesis sends
requests generated from the document and finds no 5xx and no answer outside the schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from glossary.records import Role

from .conftest import bearer




def test_document_describes_every_endpoint_and_the_error_shape(client):
    document = client.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert {"/api/lint", "/api/terms", "/api/concepts/{concept_id}", "/api/export/{format_name}",
            "/api/proposals", "/api/translate/check", "/api/qa", "/api/tm/search"} <= set(document["paths"])
    error = document["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    lint = document["paths"]["/api/lint"]["post"]
    assert lint["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/LintRequest"}


def test_api_keeps_to_its_document(app, token):
    """Every operation of the document, with examples generated from it, as a terminologist."""
    headers = bearer(token(Role.TERMINOLOGIST))
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
        def keeps_to_the_document(case):
            case.call_and_validate(headers=headers, checks=[not_a_server_error, response_schema_conformance])

        keeps_to_the_document()

"""The editors' endpoints answer with JSON built without marshmallow (webapp/api/lint.py): each body
must be exactly what its documented schema would dump, no field more, none missing, none retyped."""

from __future__ import annotations

import pytest

from webapp.api import schemas

WRONG = "Визит Касыма-Жомарта Кемеловича Токаева. Prezident FİZULİDƏ çıxış edib. Fizuli, the Zangazur corridor."


@pytest.mark.parametrize("path, body, schema, findings", [
    pytest.param("/api/lint", {"text": WRONG}, schemas.LintResponse, 3, id="lint"),
    pytest.param("/api/lint", {"text": WRONG, "concepts": True}, schemas.LintResponse, 3, id="lint-with-cards"),
    pytest.param("/api/lint", {"text": "Переговоры прошли в Нахичевани.", "style": "az-official", "concepts": True},
                 schemas.LintResponse, 1, id="lint-in-a-style"),
    pytest.param("/api/lint", {"text": "Nothing to see."}, schemas.LintResponse, 0, id="lint-clean"),
    pytest.param("/api/translate/check", {"source": "Tokayev met Aliyev in Fuzuli on 12 May.", "target": "Тоқаев 13 мамырда Фзулиде.",
                                          "source_lang": "en", "target_lang": "kk"},
                 schemas.TranslateResult, 1, id="translate-check"),
])
def test_the_body_is_what_the_schema_documents(reader, path, body, schema, findings):
    response = reader.post(path, json=body)
    assert response.status_code == 200 and response.mimetype == "application/json"
    answer = response.get_json()
    assert schema().validate(answer) == {}  # every required field, of its type, and no unknown one
    assert schema().dump(answer) == answer  # nothing the schema would drop or change
    assert len(answer["findings"]) >= findings


def test_names_keep_the_letters_they_were_written_with(reader):
    raw = reader.post("/api/lint", json={"text": "Визит Касыма-Жомарта Кемеловича Токаева."}).get_data(as_text=True)
    assert "Кемелевича" in raw  # not \u-escaped, as the command line prints them

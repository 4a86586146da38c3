"""One PO reader for every command that takes a PO file from outside: each broken file gets the same
message (file, line, problem) and exit 2 from `tilmash import` (glossary catalogue or memory), `tilmash
import --into memory`, `tilmash qa` and `tilmash po pretranslate`, and nothing is written."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select

from tm.model import Unit

from .conftest import change_count, glossary_terms
from .test_read import BAD, BAD_FILES

COMMANDS = [
    pytest.param(("import", "{file}"), id="import"),
    pytest.param(("import", "--into", "memory", "{file}"), id="import-into-memory"),
    pytest.param(("qa", "{file}"), id="qa"),
    pytest.param(("po", "pretranslate", "{file}", "--lang", "kk", "-o", "out.po"), id="pretranslate"),
]


def memory_units(database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count(Unit.id)))


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("name", "messages"), BAD_FILES)
def test_a_broken_po_file_gets_one_message_from_every_command(po_invoke, po_database, tmp_path, command, name, messages):
    shutil.copy(BAD / name, tmp_path / name)
    before = (glossary_terms(po_database), change_count(po_database), memory_units(po_database))
    result = po_invoke(*(part.format(file=name) for part in command))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [f"error: {name}:{message}" for message in messages]
    assert (glossary_terms(po_database), change_count(po_database), memory_units(po_database)) == before
    assert not (tmp_path / "out.po").exists()


NOT_A_LANGUAGE = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: x y\\n"\n\n'
                       'msgid "Baku"\nmsgstr "Баку"\n')


@pytest.mark.parametrize("command", COMMANDS)
def test_a_language_header_that_is_not_a_language_is_refused_with_its_line(po_invoke, tmp_path, command):
    (tmp_path / "cms.po").write_text(NOT_A_LANGUAGE, encoding="utf-8")
    result = po_invoke(*(part.format(file="cms.po") for part in command))
    assert (result.exit_code, result.stderr) == (2, "error: cms.po:4: the header's Language 'x y' is not a language code\n")

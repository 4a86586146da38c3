"""The README stays honest: every rule, every setting and every command option is documented."""

import re
from pathlib import Path

import click
import pytest

from glossary.lint.rules import RULES
from tilmash.cli import cli

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
SOURCES = [p for folder in ("glossary", "tilmash", "webapp") for p in (Path(__file__).parents[1] / folder).rglob("*.py")]


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_is_documented_with_its_summary(rule):
    assert f"**`{rule}`** ({RULES[rule].severity.value}): {RULES[rule].summary}" in README


def test_every_environment_variable_the_code_reads_is_documented():
    read = set()
    for path in SOURCES:
        read |= set(re.findall(r"environ(?:\.get)?\(\s*\"([A-Z_]+)\"", path.read_text(encoding="utf-8")))
        read |= set(re.findall(r"^[A-Z_]+ = \"(TILMASH_[A-Z_]+)\"", path.read_text(encoding="utf-8"), re.M))
    assert read >= {"TILMASH_DATABASE_URL", "TILMASH_USER", "XDG_DATA_HOME", "XDG_CACHE_HOME"}
    assert {v for v in read if f"`{v}`" not in README} == set()


def _commands(group: click.Group, prefix: str = "tilmash"):
    context = click.Context(group)
    for name in group.list_commands(context):  # loads each command's module (the CLI loads them when run)
        command = group.get_command(context, name)
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")


@pytest.mark.parametrize(("name", "command"), list(_commands(cli)), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_and_option_is_documented(name, command):
    if isinstance(command, click.Group):
        return
    assert f"`{name}" in README
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(f"{before}{opt}" in README for opt in param.opts for before in "` ["), f"{name} {param.opts}"

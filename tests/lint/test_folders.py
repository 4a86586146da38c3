"""The folder walk of `tilmash lint`: hidden folders, .gitignore as Git reads it, what is not a
regular file; and a FIFO given by name refused instead of waited on."""

import os

import pytest

from glossary.errors import FormatError
from glossary.lint.documents import read_document
from glossary.lint.folders import find_documents


def tree(root, files):
    """Files (path -> text) under root; a text of None makes a FIFO."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            os.mkfifo(path)
        else:
            path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "linted", "skipped"),
    [
        pytest.param({"a.md": "", "b.txt": "", "c.html": "", "d.py": "", "e.json": ""},
                     ["a.md", "b.txt", "c.html"], [], id="document-types-only"),
        pytest.param({".git/x.txt": "", ".venv/lib/readme.md": "", "notes/.drafts/y.md": "", ".z.md": "", "a.md": ""},
                     ["a.md"], [(".git", "hidden folder"), (".venv", "hidden folder"), (".z.md", "hidden file"),
                                ("notes/.drafts", "hidden folder")], id="hidden-files-and-folders"),
        pytest.param({".gitignore": "build/\n*.html\n!keep.html\n", "build/a.md": "", "x.html": "", "keep.html": "",
                      "a.md": ""}, ["a.md", "keep.html"],
                     [("build", "ignored by {root}/.gitignore:1 (build/)"), ("x.html", "ignored by {root}/.gitignore:2 (*.html)")],
                     id="gitignore-with-a-negation"),
        pytest.param({".gitignore": "*.txt\n", "sub/.gitignore": "!keep.txt\n", "sub/keep.txt": "", "sub/drop.txt": "",
                      "a.txt": ""}, ["sub/keep.txt"],
                     [("a.txt", "ignored by {root}/.gitignore:1 (*.txt)"),
                      ("sub/drop.txt", "ignored by {root}/.gitignore:1 (*.txt)")], id="a-deeper-gitignore-overrides"),
        pytest.param({".gitignore": "/top.md\n", "top.md": "", "sub/top.md": ""}, ["sub/top.md"],
                     [("top.md", "ignored by {root}/.gitignore:1 (/top.md)")], id="anchored-pattern"),
        pytest.param({"pipe.md": None, "a.md": ""}, ["a.md"], [("pipe.md", "is a FIFO, not a regular file")], id="fifo-in-a-folder"),
    ],
)
def test_folder_walk(tmp_path, files, linted, skipped):
    root = tmp_path / "drafts"
    tree(root, files)
    found = find_documents([str(root)])
    assert found.paths == [str(root / name) for name in linted]
    assert [(s.path, s.reason) for s in found.skipped] == [
        (str(root / name), reason.format(root=root)) for name, reason in skipped]


def test_gitignore_of_the_repository_above_the_folder_counts(tmp_path):
    tree(tmp_path, {".git/HEAD": "", ".gitignore": "drafts/old/\n", "drafts/old/a.md": "", "drafts/new/b.md": ""})
    found = find_documents([str(tmp_path / "drafts")])
    assert found.paths == [str(tmp_path / "drafts" / "new" / "b.md")]
    assert [s.reason for s in found.skipped] == [f"ignored by {tmp_path}/.gitignore:1 (drafts/old/)"]


def test_gitignore_above_a_folder_outside_any_repository_does_not(tmp_path):
    tree(tmp_path, {".gitignore": "drafts/old/\n", "drafts/old/a.md": ""})
    assert find_documents([str(tmp_path / "drafts")]).paths == [str(tmp_path / "drafts" / "old" / "a.md")]


def test_a_path_given_by_name_is_linted_even_if_ignored_or_hidden(tmp_path):
    tree(tmp_path, {".gitignore": "old/\n", "old/a.md": "", ".drafts/b.md": ""})
    given = [str(tmp_path / "old" / "a.md"), str(tmp_path / ".drafts")]
    assert find_documents(given).paths == [str(tmp_path / "old" / "a.md"), str(tmp_path / ".drafts" / "b.md")]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda path: os.mkfifo(path), "is a FIFO, not a regular file", id="fifo"),
        pytest.param(None, "is a device, not a regular file", id="device"),
    ],
)
def test_a_fifo_or_device_given_by_name_is_refused_not_waited_on(tmp_path, make, message):
    path = tmp_path / "pipe.md"
    if make is None:
        path = "/dev/zero"  # reading it would never end
    else:
        make(path)
    with pytest.raises(FormatError) as caught:
        read_document(str(path))
    assert str(caught.value) == f"{path}: {message}"


@pytest.mark.parametrize("given, prefix", [
    pytest.param(".", "", id="dot"),
    pytest.param("./", "", id="dot-slash"),
    pytest.param("archive//", "archive/", id="doubled-slash"),
    pytest.param("./archive/.", "archive/", id="dots-around"),
])
def test_paths_are_written_as_a_path_of_the_folder_and_the_name(tmp_path, monkeypatch, given, prefix):
    """As pathlib normalizes them: no ./ in front, no doubled slash (the audit's and the lint's reports show them)."""
    monkeypatch.chdir(tmp_path)
    tree(tmp_path / "archive" if prefix else tmp_path, {"b/x.md": "", "a.txt": ""})
    assert find_documents([given]).paths == [f"{prefix}a.txt", f"{prefix}b/x.md"]

"""Many files linted in parallel give exactly what one process gives, in the order given."""

from glossary.lint import batch
from glossary.lint.batch import LintOptions, lint_files

from .test_engine import DEFAULT


def test_parallel_results_equal_sequential_results_in_order(tmp_path, monkeypatch):
    texts = ["Fizuli and COP-29.", "Бүгін Президент Актауда болды.", "clean text", "Визит Касыма-Жомарта Кемеловича Токаева."] * 3
    paths = []
    for i, text in enumerate(texts):
        path = tmp_path / f"draft{i:02}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    paths.insert(5, str(tmp_path / "missing.txt"))
    sequential = list(lint_files(paths, DEFAULT, LintOptions(), jobs=1))
    monkeypatch.setattr(batch, "PARALLEL_FROM_BYTES", 0)
    parallel = list(lint_files(paths, DEFAULT, LintOptions(), jobs=2))
    assert [r.path for r in parallel] == paths
    assert [(r.findings, r.problems) for r in parallel] == [(r.findings, r.problems) for r in sequential]
    assert [str(p) for p in parallel[5].problems] == [f"{paths[5]}: cannot read file: No such file or directory"]
    assert sum(len(r.findings) for r in parallel) == 12

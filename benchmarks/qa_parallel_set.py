"""Precision and recall of `tilmash qa` on the parallel test set, and the alignment report of its stories
(the alignment of `qa --versions`, and the units `tilmash tm align` makes of it).

    python benchmarks/qa_parallel_set.py

The set is tests/data/qa (see tests/data/README.md): stories in four languages and
catalogues (PO files and a TMX memory) with planted problems (expected.csv) and traps (traps.csv). A finding is a
true positive when it is a planted problem's finding (file, line, column, rule), a false
positive otherwise; a planted problem no finding matches is a false negative. A trap is
sprung when a false positive lands on its line with its rule.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.qa import parallel_set  # noqa: E402
from tm.aligned import align  # noqa: E402


def main() -> None:
    expected = parallel_set.expected()
    traps = parallel_set.traps()
    found = parallel_set.findings_by_file()
    true_positives, false_positives, false_negatives = Counter(), Counter(), Counter()
    for planted in expected:
        if any(planted.found_by(f) for f in found[planted.file]):
            true_positives[planted.rule] += 1
        else:
            false_negatives[planted.rule] += 1
            print(f"missed: {planted.id}: {planted.planted}")
    sprung = set()
    for path, findings in found.items():
        for finding in findings:
            if not any(e.file == path and e.found_by(finding) for e in expected):
                false_positives[finding.rule] += 1
                print(f"false positive: {path}:{finding.line}:{finding.column} {finding.rule}: {finding.message}")
                sprung.update(t.id for t in traps if t.file == path and t.sprung_by(finding))
    rules = sorted(set(true_positives) | set(false_positives) | set(false_negatives))
    print("\n| rule | planted | found | true positives | false positives | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for rule in rules + ["all"]:
        tp = sum(true_positives.values()) if rule == "all" else true_positives[rule]
        fp = sum(false_positives.values()) if rule == "all" else false_positives[rule]
        fn = sum(false_negatives.values()) if rule == "all" else false_negatives[rule]
        precision = f"{tp / (tp + fp):.0%}" if tp + fp else "-"
        recall = f"{tp / (tp + fn):.0%}" if tp + fn else "-"
        print(f"| {rule} | {tp + fn} | {tp + fp} | {tp} | {fp} | {precision} | {recall} |")
    print("\n| files | planted | found | true positives | false positives | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind, suffix in (("stories (qa --versions)", ".txt"), ("PO catalogues", ".po"), ("TMX memory", ".tmx")):
        planted = [e for e in expected if e.file.endswith(suffix)]
        tp = sum(1 for e in planted if any(e.found_by(f) for f in found[e.file]))
        fp = sum(1 for path, findings in found.items() if path.endswith(suffix) for f in findings
                 if not any(e.file == path and e.found_by(f) for e in expected))
        precision = f"{tp / (tp + fp):.0%}" if tp + fp else "-"
        recall = f"{tp / len(planted):.0%}" if planted else "-"
        print(f"| {kind} | {len(planted)} | {tp + fp} | {tp} | {fp} | {precision} | {recall} |")
    print(f"\ntraps: {len(traps)}, sprung: {len(sprung)}" + (f" ({', '.join(sorted(sprung))})" if sprung else ""))
    print("\n| story | versions | sentences | one to one | merged (2-1, 1-2, 2-2) | unaligned (1-0, 0-1) | units (tm align) |")
    print("|---|---|---|---:|---:|---:|---:|")
    for story, pairs in parallel_set.alignment_report().items():
        versions = {v.lang: v for v in parallel_set.story_versions(story)}
        for pair, summary in pairs.items():
            first, other = pair.split("-")
            units = len(align(versions[first], versions[other]).units)
            print(f"| {story} | {pair} | {len(versions[first].sentences)} / {len(versions[other].sentences)} "
                  f"| {summary['aligned']} | {summary['merged']} | {summary['unaligned']} | {units} |")


if __name__ == "__main__":
    main()

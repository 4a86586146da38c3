"""Lint speed and memory: Tilmash beside flashtext and one big `regex` alternation, in one run.

    python benchmarks/lint_benchmark.py                      # 10,000 concepts, 10 MB, 3 runs
    python benchmarks/lint_benchmark.py --concepts 2000 --megabytes 2 --runs 3

It generates a glossary of N concepts in English, Azerbaijani, Kazakh and
Russian (two terms per language: about 8 N surface forms, Russian ones
declining) and a mixed-language text with those names inflected in it, then
runs each engine in its own process (so that each peak memory is its own):
compile time, lint throughput (median of the runs), peak resident memory.
Then the bundled glossary: compile time, and a 5,000-word article from the
corpus linted, medians of many runs. Timings are wall-clock on a shared
machine: compare the ratios within one run, not numbers across runs.

flashtext and the regex alternation find exact forms only (no suffixes,
declension, letter-case rules or language); they are the floor a
dictionary-matching linter is measured against, not equivalents.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Syllables (consonant-vowel, with and without a final consonant): about 700, so that generated
# names are as varied as real ones and rarely sit inside one another by accident.
_ONSETS = "b d g k l m n p r s t z sh y q j".split()
_VOWELS = "a e i o u".split()
_CODAS = "n r l m k t s y".split()
LATIN_SYLLABLES = [o + v for o in _ONSETS for v in _VOWELS] + [o + v + c for o in _ONSETS for v in _VOWELS for c in _CODAS]
FILLER = {
    "en": "the of and to in a is that for on with as by at from was were said talks cooperation between two countries new project energy transport trade minister president visit agreement region city port".split(),
    "az": "və ilə bu üçün bir olan ki amma həm görə sonra əvvəl kimi ölkə prezident nazir layihə enerji nəqliyyat ticarət görüş şəhər liman razılaşma".split(),
    "kk": "және мен бұл үшін бір осы деп ол жылы болды ел президент министр жоба энергетика көлік сауда кездесу қала порт келісім аймақ".split(),
    "ru": "и в на с по для что не из к о от до за как также это президент министр проект энергетика транспорт торговля встреча город порт соглашение регион".split(),
}
RU_NOUNS = "коридор порт завод фонд совет центр институт комбинат".split()
CYRILLIC = dict(zip("abdefgijklmnopqrstuvyz", "абдефгийклмнопкрстувыз"))


def latin_name(rng: random.Random) -> str:
    return "".join(rng.choice(LATIN_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def to_cyrillic(name: str) -> str:
    out = name.lower().replace("sh", "ш").replace("kh", "х").replace("ch", "ч").replace("ye", "е")
    return "".join(CYRILLIC.get(ch, ch) for ch in out).capitalize()


def generate_glossary(concepts: int, rng: random.Random) -> str:
    rows = ["concept,lang,term,status"]
    for i in range(concepts):
        first, last = latin_name(rng), latin_name(rng)
        person = rng.random() < 0.5
        en = f"{first} {last}" if person else f"{first}{'' if rng.random() < .5 else ' ' + last}"
        az = en.replace("a", "ə", 1).replace("sh", "ş")
        ru = to_cyrillic(en.split()[0]) + (" " + to_cyrillic(en.split()[1]) if " " in en else "")
        if not person and rng.random() < 0.3:
            ru = to_cyrillic(first) + "ский " + rng.choice(RU_NOUNS)
        kk = ru.replace("к", "қ", 1).replace("а", "ә", 1)
        variants = {
            "en": en.replace("u", "i", 1) if "u" in en else en + "i",
            "az": az.replace("ə", "a", 1) if "ə" in az else az + "a",
            "kk": ru if ru != kk else kk + "е",
            "ru": ru.replace("о", "а", 1) if "о" in ru else ru + "е",
        }
        for lang, preferred in (("en", en), ("az", az), ("kk", kk), ("ru", ru)):
            rows.append(f"c{i},{lang},{preferred},preferred")
            if variants[lang] != preferred:
                rows.append(f"c{i},{lang},{variants[lang]},deprecated")
    return "\n".join(rows) + "\n"


def generate_text(glossary_csv: str, megabytes: float, rng: random.Random) -> str:
    forms: dict[str, list[tuple[str, str]]] = {"en": [], "az": [], "kk": [], "ru": []}
    for line in glossary_csv.splitlines()[1:]:
        _, lang, term, status = line.split(",")
        forms[lang].append((term, status))
    # About half of the Azerbaijani and Kazakh mentions carry a suffix, half of the Russian ones an
    # ending other than the nominative, as in news copy.
    suffixes = {"en": ["", "", "'s"], "az": ["", "", "", "", "da", "də", "nın", "nin"],
                "kk": ["", "", "", "да", "ның", "ға"], "ru": ["", "", "", "а", "у", "ом"]}
    size, paragraphs = 0, []
    languages = list(forms)
    while size < megabytes * 1_000_000:
        lang = languages[len(paragraphs) % 4]
        words = []
        for _ in range(80):
            if rng.random() < 0.07:
                term, status = rng.choice(forms[lang])
                while status == "deprecated" and rng.random() < 0.95:  # about 5% of mentions deprecated
                    term, status = rng.choice(forms[lang])
                words.append(term + rng.choice(suffixes[lang]))
            else:
                words.append(rng.choice(FILLER[lang]))
        paragraph = " ".join(words)
        paragraph = paragraph[0].upper() + paragraph[1:] + "."
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs) + "\n"


def peak_megabytes() -> float:
    """The peak resident memory of this process or of the largest worker it forked, whichever is more.

    Forked workers share the compiled glossary with their parent until they write to
    it, so adding their peaks up would count the same pages twice.
    """
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


# --- workers: each runs in its own process -------------------------------------------

def worker_tilmash(data: Path, runs: int, jobs: int = 1) -> dict:
    from glossary.formats import read_glossary_file
    from glossary.lint.engine import lint_text
    from glossary.lint.matcher import Matcher

    glossary = read_glossary_file(data / "glossary.csv")
    text = (data / "text.txt").read_text(encoding="utf-8")
    started = time.perf_counter()
    matcher = Matcher(glossary)
    compile_seconds = time.perf_counter() - started
    times, findings = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        findings = len(lint_text(text, matcher, jobs=jobs))
        times.append(time.perf_counter() - started)
    return {"compile": compile_seconds, "lint": times, "found": findings, "forms": len(matcher), "jobs": jobs}


def worker_tilmash_shared(data: Path, runs: int) -> dict:
    """The one document cut at paragraph breaks and shared out, as `tilmash lint big.txt` does: one process per CPU."""
    from glossary.lint.batch import default_jobs
    from glossary.lint.engine import PARALLEL_FROM_CHARACTERS

    long_enough = len((data / "text.txt").read_text(encoding="utf-8")) >= PARALLEL_FROM_CHARACTERS
    return worker_tilmash(data, runs, default_jobs() if long_enough else 1)


def worker_tilmash_files(data: Path, runs: int) -> dict:
    """The same text as ~5 kB articles in a folder, linted as `tilmash lint folder/` does: one process per CPU."""
    from glossary.formats import read_glossary_file
    from glossary.lint.batch import LintOptions, default_jobs, lint_files
    from glossary.lint.matcher import Matcher

    paths = sorted(str(p) for p in (data / "articles").glob("*.txt"))
    started = time.perf_counter()
    matcher = Matcher(read_glossary_file(data / "glossary.csv"))
    compile_seconds = time.perf_counter() - started
    times, findings = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        findings = sum(len(r.findings) for r in lint_files(paths, matcher, LintOptions()))
        times.append(time.perf_counter() - started)
    return {"compile": compile_seconds, "lint": times, "found": findings, "forms": len(matcher),
            "files": len(paths), "jobs": default_jobs()}


def worker_flashtext(data: Path, runs: int) -> dict:
    from flashtext import KeywordProcessor

    forms = [line.split(",")[2] for line in (data / "glossary.csv").read_text(encoding="utf-8").splitlines()[1:]]
    text = (data / "text.txt").read_text(encoding="utf-8")
    started = time.perf_counter()
    processor = KeywordProcessor(case_sensitive=False)
    # flashtext's default word characters are ASCII only: Cyrillic and Azerbaijani letters would be word breaks.
    processor.set_non_word_boundaries({ch for ch in text + "".join(forms) if ch.isalnum()} | {"_"})
    for form in forms:
        processor.add_keyword(form)
    compile_seconds = time.perf_counter() - started
    times, found = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        found = len(processor.extract_keywords(text, span_info=True))
        times.append(time.perf_counter() - started)
    return {"compile": compile_seconds, "lint": times, "found": found, "forms": len(forms)}


REGEX_SAMPLE = 1_000_000  # characters: the alternation is too slow to scan all 10 MB several times


def worker_regex(data: Path, runs: int) -> dict:
    import regex

    forms = [line.split(",")[2] for line in (data / "glossary.csv").read_text(encoding="utf-8").splitlines()[1:]]
    full = (data / "text.txt").read_text(encoding="utf-8")
    text = full[:REGEX_SAMPLE]
    started = time.perf_counter()
    alternation = "|".join(regex.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    pattern = regex.compile(rf"(?<!\w)(?:{alternation})(?!\w)", regex.IGNORECASE)
    compile_seconds = time.perf_counter() - started
    times, found = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        found = sum(1 for _ in pattern.finditer(text))
        times.append(time.perf_counter() - started)
    share = len(text.encode()) / len(full.encode())
    return {"compile": compile_seconds, "lint": [t / share for t in times], "found": found, "forms": len(forms),
            "sampled": share}


def worker_bundled(data: Path, runs: int) -> dict:
    from glossary.lint.engine import lint_text
    from glossary.lint.matcher import Matcher
    from glossary.termbase import bundled_glossary

    glossary = bundled_glossary()
    compiles = []
    for _ in range(max(5, runs)):
        started = time.perf_counter()
        matcher = Matcher(glossary)
        compiles.append(time.perf_counter() - started)
    corpus = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt")))
    article = " ".join(corpus.split(" ")[:5000])
    times = []
    for _ in range(20):
        started = time.perf_counter()
        found = len(lint_text(article, matcher))
        times.append(time.perf_counter() - started)
    return {"compile": statistics.median(compiles), "lint": times, "found": found, "words": len(article.split()),
            "forms": len(matcher), "bytes": len(article.encode())}


WORKERS = {"tilmash": worker_tilmash, "tilmash-shared": worker_tilmash_shared, "tilmash-files": worker_tilmash_files,
           "flashtext": worker_flashtext, "regex": worker_regex, "bundled": worker_bundled}


def write_articles(text: str, folder: Path, size: int = 5000) -> None:
    """The text cut at paragraph breaks into files of about ``size`` bytes."""
    folder.mkdir()
    article, number = [], 0
    for paragraph in text.split("\n\n"):
        article.append(paragraph)
        if sum(len(p) for p in article) * 1.4 >= size:
            (folder / f"{number:05}.txt").write_text("\n\n".join(article), encoding="utf-8")
            article, number = [], number + 1
    if article:
        (folder / f"{number:05}.txt").write_text("\n\n".join(article), encoding="utf-8")


def run_worker(name: str, data: Path, runs: int) -> dict:
    output = subprocess.run([sys.executable, __file__, "--worker", name, "--data", str(data), "--runs", str(runs)],
                            capture_output=True, text=True, check=True).stdout
    return json.loads(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concepts", type=int, default=10_000)
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--worker", choices=WORKERS)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    if args.worker:
        result = WORKERS[args.worker](args.data, args.runs)
        result["peak_mb"] = peak_megabytes()
        print(json.dumps(result))
        return
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        glossary_csv = generate_glossary(args.concepts, rng)
        (data / "glossary.csv").write_text(glossary_csv, encoding="utf-8")
        text = generate_text(glossary_csv, args.megabytes, rng)
        (data / "text.txt").write_text(text, encoding="utf-8")
        write_articles(text, data / "articles")
        megabytes = len(text.encode()) / 1_000_000
        print(f"glossary: {args.concepts} concepts, {len(glossary_csv.splitlines()) - 1} forms; "
              f"text: {megabytes:.1f} MB, {len(text):,} characters; runs: {args.runs}\n", flush=True)
        print("| engine | compile (s) | lint median (s) | throughput (MB/s) | peak memory (MB) | reported |")
        print("|---|---:|---:|---:|---:|---:|")
        for name in ("tilmash", "tilmash-shared", "tilmash-files", "flashtext", "regex"):
            result = run_worker(name, data, args.runs)
            median = statistics.median(result["lint"])
            label = {"tilmash": "tilmash, one 10 MB document, 1 process",
                     "tilmash-shared": f"tilmash, one 10 MB document, {result.get('jobs', 1)} process(es)",
                     "tilmash-files": f"tilmash, {result.get('files', 0):,} articles, {result.get('jobs', 1)} processes",
                     "flashtext": "flashtext (exact forms only)",
                     "regex": "regex alternation (exact forms only)"}[name].replace("10 MB", f"{megabytes:.0f} MB")
            if "sampled" in result and result["sampled"] < 1:
                label += f", timed on the first {result['sampled'] * megabytes:.1f} MB and scaled"
            throughput = megabytes / median
            print(f"| {label} | {result['compile']:.2f} | {median:.2f} | {throughput:.1f}{'' if throughput >= 0.1 else f' ({throughput:.3f})'} | "
                  f"{result['peak_mb']:.0f} | {result['found']:,} |", flush=True)
        print("\nreported: tilmash's findings (names not in their canonical form); the others' every "
              "occurrence of any glossary form.", flush=True)
        bundled = run_worker("bundled", data, args.runs)
        print(f"\nbundled glossary ({bundled['forms']} forms): compile {bundled['compile'] * 1000:.0f} ms (median); "
              f"{bundled['words']:,}-word article ({bundled['bytes'] / 1000:.0f} kB) linted in "
              f"{statistics.median(bundled['lint']) * 1000:.1f} ms (median of {len(bundled['lint'])}), "
              f"{bundled['found']} findings")


if __name__ == "__main__":
    main()

"""Generated translation memories and queries for ``tm_benchmark.py`` (nothing generated is committed).

    python benchmarks/tm_data.py --units 100000 --out benchmarks/data

writes ``memory-100000.tmx`` (English-Russian units: news-like sentences of 8 to 30 words
from a Zipf-distributed vocabulary of 60,000 words, the bundled glossary's place and
person names, numbers and years) and ``queries-100000.jsonl``: 200 queries made by
editing stored English segments (50 each: a word changed, a number changed, two words
swapped, a glossary name changed for another), each with the segment it was made from,
and 50 unrelated sentences from the same vocabulary that are not in the memory.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import json
import random
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
_ONSETS = "b d g k l m n p r s t v z sh ch kh y j f".split()
_VOWELS = "a e i o u".split()
_CODAS = ["", "n", "r", "l", "m", "k", "t", "s"]
_CYRILLIC = {"sh": "ш", "ch": "ч", "kh": "х", "b": "б", "d": "д", "g": "г", "k": "к", "l": "л", "m": "м", "n": "н",
             "p": "п", "r": "р", "s": "с", "t": "т", "v": "в", "z": "з", "y": "й", "j": "дж", "f": "ф",
             "a": "а", "e": "е", "i": "и", "o": "о", "u": "у", "h": "х", "w": "в", "c": "к", "x": "кс", "q": "к"}
FUNCTION_WORDS = ("the of and to in a is that for on with as by at from was were said has have will its "
                  "their this which also between two new after about more than over under during it be an").split()
RU_ENDINGS = ["", "а", "ы", "е", "ов", "ами", "ой", "ий", "ого"]


def _syllables() -> list[str]:
    return [o + v + c for o in _ONSETS for v in _VOWELS for c in _CODAS]


def _to_cyrillic(word: str) -> str:
    out, i = [], 0
    while i < len(word):
        pair = word[i:i + 2]
        if pair in _CYRILLIC:
            out.append(_CYRILLIC[pair])
            i += 2
        else:
            out.append(_CYRILLIC.get(word[i], word[i]))
            i += 1
    return "".join(out)


def _names() -> list[tuple[str, str]]:
    """(English, Russian) preferred names of the bundled glossary's places and people."""
    rows = [row for path in sorted((ROOT / "glossary" / "data" / "bundled").glob("*.csv"))
            for row in csv.DictReader(path.open(encoding="utf-8"))]  # one CSV per subject field
    preferred: dict[str, dict[str, str]] = {}
    for row in rows:
        if row["status"] == "preferred" and row["lang"] in ("en", "ru") and not row.get("style"):
            preferred.setdefault(row["concept"], {})[row["lang"]] = row["term"]
    return [(p["en"], p["ru"]) for p in preferred.values() if "en" in p and "ru" in p and len(p["en"].split()) <= 3]


class Language:
    """A vocabulary with Zipf frequencies, each word with a made-up Russian counterpart."""

    def __init__(self, rng: random.Random, size: int = 60_000):
        syllables = _syllables()
        words: set[str] = set()
        while len(words) < size:
            words.add("".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))))
        content = sorted(words)
        rng.shuffle(content)  # the Zipf rank of a word is not its alphabetical place
        self.words = FUNCTION_WORDS + content
        weights = [1 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))
        self.russian = {w: _to_cyrillic(w) + rng.choice(RU_ENDINGS) for w in self.words}
        self.names = _names()

    def word(self, rng: random.Random) -> str:
        return self.words[bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])]

    def sentence(self, rng: random.Random) -> list[tuple[str, str, str]]:
        """Tokens (kind, English, Russian): kind is word, name or number."""
        tokens = [("word", w, self.russian[w]) for w in (self.word(rng) for _ in range(rng.randint(8, 30)))]
        for _ in range(rng.choice((0, 1, 1, 2))):
            en, ru = rng.choice(self.names)
            tokens.insert(rng.randrange(len(tokens) + 1), ("name", en, ru))
        if rng.random() < 0.6:
            number = str(rng.choice((rng.randint(1, 99), rng.randint(100, 9999), rng.randint(1990, 2030))))
            tokens.insert(rng.randrange(len(tokens) + 1), ("number", number, number))
        return tokens


def render(tokens: list[tuple[str, str, str]], side: int) -> str:
    text = " ".join(t[side] for t in tokens)
    return text[0].upper() + text[1:] + "."


def _edit(kind: str, tokens: list[tuple[str, str, str]], language: Language, rng: random.Random):
    tokens = list(tokens)
    if kind == "word":
        places = [i for i, t in enumerate(tokens) if t[0] == "word"]
        i = rng.choice(places)
        new = language.word(rng)
        if new == tokens[i][1]:
            return None
        tokens[i] = ("word", new, language.russian[new])
    elif kind == "number":
        places = [i for i, t in enumerate(tokens) if t[0] == "number"]
        if not places:
            return None
        i = places[0]
        value = str(int(tokens[i][1]) + rng.randint(1, 9))
        tokens[i] = ("number", value, value)
    elif kind == "reorder":
        i = rng.randrange(len(tokens) - 1)
        if tokens[i][1] == tokens[i + 1][1]:
            return None
        tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
    elif kind == "name":
        places = [i for i, t in enumerate(tokens) if t[0] == "name"]
        if not places:
            return None
        i = rng.choice(places)
        en, ru = rng.choice(language.names)
        if en == tokens[i][1]:
            return None
        tokens[i] = ("name", en, ru)
    return tokens


def generate(units: int, out: Path, seed: int = 12) -> tuple[Path, Path]:
    rng = random.Random(seed)
    language = Language(rng)
    out.mkdir(parents=True, exist_ok=True)
    memory, queries_path = out / f"memory-{units}.tmx", out / f"queries-{units}.jsonl"
    chosen = set(rng.sample(range(units), min(units, 2000)))
    kept: list[list[tuple[str, str, str]]] = []
    seen: set[str] = set()
    with memory.open("w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                     '  <header creationtool="tm_data.py" creationtoolversion="1" segtype="sentence" o-tmf="none" '
                     'adminlang="en" srclang="en" datatype="plaintext"/>\n  <body>\n')
        for n in range(units):
            tokens = language.sentence(rng)
            english = render(tokens, 1)
            seen.add(english)
            if n in chosen:
                kept.append(tokens)
            handle.write(f'    <tu tuid="{n + 1}">\n      <tuv xml:lang="en"><seg>{escape(english)}</seg></tuv>\n'
                         f'      <tuv xml:lang="ru"><seg>{escape(render(tokens, 2))}</seg></tuv>\n    </tu>\n')
        handle.write("  </body>\n</tmx>\n")
    queries = []
    for kind in ("word", "number", "reorder", "name"):
        made = 0
        for tokens in kept:
            if made == 50:
                break
            edited = _edit(kind, tokens, language, rng)
            if edited is None or render(edited, 1) in seen:
                continue
            queries.append({"kind": kind, "query": render(edited, 1), "expected": render(tokens, 1)})
            made += 1
            kept.remove(tokens)
    while sum(q["kind"] == "unrelated" for q in queries) < 50:
        text = render(language.sentence(rng), 1)
        if text not in seen:
            queries.append({"kind": "unrelated", "query": text, "expected": None})
    queries_path.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in queries), encoding="utf-8")
    return memory, queries_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    for path in generate(args.units, args.out, args.seed):
        print(path)


if __name__ == "__main__":
    main()

"""Search keys: one spelling-blind key per name, across case, diacritics and script.

``search_key("FÜZULİ") == search_key("Füzuli") == search_key("fuzuli")``, and a
Cyrillic form folds to Latin letters (``Физули`` -> ``fizuli``), so a search
finds a concept from any of its forms. The key also evens out the usual
romanisation differences of the beat (Kassym / Qasym / Қасым, Tokayev / Токаев,
Nakhchivan / Naxçıvan), because newsrooms write all of them.

These keys are for finding, not for linting: the lint engine compares exact
letters and keeps offsets; this module throws both away.
"""

from __future__ import annotations

import re
import unicodedata

# Cyrillic (Russian and Kazakh letters) to Latin, one reading per letter.
_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "і": "i", "к": "k", "қ": "q", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
# Latin letters that do not decompose into a base letter and a mark.
_LATIN = {"ə": "a", "ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "ŋ": "n"}
# Romanisation variants folded together, applied in order on the lowercase Latin text.
_SPELLINGS = [
    (re.compile(r"shch|sh|ş|ch|ç"), lambda m: {"shch": "s", "sh": "s", "ş": "s", "ch": "c", "ç": "c"}[m[0]]),
    (re.compile(r"kh|x"), "h"),
    (re.compile(r"zh|dzh|dj"), "j"),
    (re.compile(r"ts"), "c"),
    (re.compile(r"q"), "k"),
    (re.compile(r"w"), "v"),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), ""),
    (re.compile(r"y"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
]


def _latin_lowercase(text: str) -> str:
    # İ and I both become i here: the key ignores the Turkic dotted/dotless distinction.
    text = unicodedata.normalize("NFC", text).replace("İ", "i").replace("I", "i").casefold()
    return without_marks("".join(_CYRILLIC.get(ch, _LATIN.get(ch, ch)) for ch in text))


def without_marks(text: str) -> str:
    """``text`` without its combining marks (ğ as g, é as e): decomposed, the marks dropped."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lowercase Latin letters without diacritics, punctuation kept: ``Füzulidə`` -> ``fuzulida``."""
    return _latin_lowercase(text)


def search_key(text: str) -> str:
    """The key a term is found by: folded, romanisation variants evened out, letters and digits only."""
    key = _latin_lowercase(text)
    for pattern, replacement in _SPELLINGS[:-1]:
        key = pattern.sub(replacement, key)
    key = "".join(ch for ch in key if ch.isalnum())
    return _SPELLINGS[-1][0].sub(_SPELLINGS[-1][1], key)


def slug(text: str) -> str:
    """An ASCII id made from a name: ``Baku–Tbilisi–Ceyhan pipeline`` -> ``baku-tbilisi-ceyhan-pipeline``."""
    words = re.findall(r"[a-z0-9]+", _latin_lowercase(text))
    candidate = "-".join(words)[:80].strip("-") or "concept"
    return candidate if candidate[0].isalpha() else f"c-{candidate}"

"""Azerbaijani and Kazakh suffixes on names: recognising them, carrying them over.

A name in Azerbaijani or Kazakh text carries case and other suffixes
(Füzulidə, Qəbələnin, Ақтауда, Тоқаевтың). The engine matches the stem and asks
this module whether the rest of the word is a chain of suffixes, and, for a
suggestion, what the same suffixes look like on the canonical stem, with vowel
harmony and consonant assimilation (Qabalada -> Qəbələdə, Токаевтың -> Тоқаевтың).

How it works. Each suffix (morpheme) is written as templates with harmony
placeholders: ``A`` a/ə (kk а/е), ``I`` ı/i/u/ü (kk ы/і), ``Q`` and ``G`` the
final q/k and its pre-vowel ğ/y of -lıq (kk қ/к, ғ/г). Which template a
morpheme takes depends on the sound class of what precedes it (az: vowel or
consonant; kk: vowel, sonorant р й у и, л, nasal м н ң, voiced ж з, voiceless)
and on the grammar state (after a 3rd-person possessive the cases take the
pronominal -n-). A small grammar fixes the order: derivation, plural,
possessive, case, then az -kı / kk -ғы, az copula -dır.

Recognition is lenient on harmony (any harmony variant of each morpheme, so a
misspelled or foreign stem may carry a disharmonic suffix) and strict on the
consonants the stem's last sound selects (Alma + ты is not Алматы), except
where the last sound itself is uncertain, where the variants of every reading
are accepted. Parsing walks the grammar over per-(state, class) tables keyed by
first letter; results are cached, so a repeated call is two dict look-ups.

Choices where usage or grammar is not settled (each accepted either way when
recognising; the form built by ``carry_suffix`` is the first named):
  * kk final б в г д (Russian spellings): voiceless forms (Тоқаевтың, Тоқаевқа);
    the voiced ones (Тоқаевдың) are accepted too.
  * kk final и/у after a consonant (Баку, Физули, Тбилиси, Сочи), and Latin i/u
    of the same names in Kazakh text (Fizuliдің): treated like the sonorant й/у
    of native words (Бакудың, Физулидің, like Әлидің, судың); the vowel
    readings (Бакуның, Бакусы) are accepted too.
  * kk harmony: и/у are transparent (the nearest other vowel decides: Тбилиси ->
    Тбилисиге, Сарысу -> Сарысуда); a word with only и/у takes the last of them
    (и front, у back). Surnames in -ов/-ев take the harmony of the root (Тоқаев ->
    Тоқаевқа, Әлиев -> Әлиевке), as Kazakh usage does. A name whose Kazakh
    usage goes against its letters is listed in ``_KK_HARMONY_BY_USAGE``: Баку
    takes front suffixes (Бакуде, Бакуге: 7 of 9 Kazakh pages counted, see
    glossary/data/NOTES.md), though native words in -Cу keep the back (Ақсуда).
  * az after -kı (Bakıdakı): pronominal -na/-nda/-ndan (Bakıdakına);
    -ya/-da/-dan are accepted too.
  * A multi-word name whose last word ends in a 3rd-person possessive vowel
    (Zəngəzur dəhlizi, Түркі мемлекеттері ұйымы) may be an izafet: its cases
    then take the pronominal -n- (dəhlizində, ұйымына). Both readings are
    accepted for any stem ending in such a vowel (the matcher passes only the
    last word). ``carry_suffix`` builds the pronominal forms for such a new
    name when the found text used them, or, when the found name was not of
    that shape, when the new name's last word is lowercase, ends in -sı/-сы
    or the name has three or more words (not for Məhəmməd Füzuli).
  * Latin "y" ending a stem after a consonant (Almaty) is read as a vowel;
    digits are read as the number's last spoken word (COP29: doqquz/тоғыз).
"""

from __future__ import annotations

import functools
import re

from .text import INVISIBLE, match_key

__all__ = ["is_suffix_chain", "carry_suffix"]

# ---------------------------------------------------------------- letters

# Harmony of a vowel letter: (front, rounded). Latin and Cyrillic, accented foreign vowels included.
_VOWEL_HARMONY: dict[str, tuple[bool, bool]] = {}
for _letters, _value in (
    ("aıáàâãåāăąаыя", (False, False)),
    ("ouóòôõōúùûūоуёюұ", (False, True)),
    ("eəiéèêëēěęíìîïīäæеиәіэ", (True, False)),
    ("öüøœőűөү", (True, True)),
):
    for _ch in _letters:
        _VOWEL_HARMONY[_ch] = _value
VOWELS = frozenset(_VOWEL_HARMONY)

# Kazakh consonant classes of a final letter (Cyrillic, and Latin for foreign names).
_KK_SONORANT = frozenset("рйуиrwy")
_KK_LATERAL = frozenset("лl")
_KK_NASAL = frozenset("мнңmnñŋ")
_KK_VOICED = frozenset("жзzj")
_KK_DEVOICED = frozenset("бвгдғbvgd")  # voiced letters ending (Russian) words: pronounced voiceless

_NUMBER_WORDS = {
    "az": (("sıfır", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz"),
           ("", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan"),
           ("yüz", "min", "milyon", "milyard")),
    "kk": (("нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"),
           ("", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"),
           ("жүз", "мың", "миллион", "миллиард")),
}

_DROP_INVISIBLE = {ord(ch): None for ch in INVISIBLE}
# Rest of the word as compared: Turkic lowercase; the look-alike letters of the other script
# that writers mix in (Cyrillic ә in Azerbaijani, Latin i in Kazakh) read as the right ones.
_AZ_REST = {**_DROP_INVISIBLE, ord("I"): "ı", ord("İ"): "i", ord("ә"): "ə", ord("Ә"): "ə"}
_KK_REST = {**_DROP_INVISIBLE, ord("i"): "і", ord("I"): "і", ord("İ"): "і"}
_STEM = {**_DROP_INVISIBLE, ord("I"): "ı", ord("İ"): "i"}


def _lower_stem(stem: str) -> str:
    return stem.translate(_STEM).lower()


# ---------------------------------------------------------------- morphemes and grammar

# Harmony placeholders, by language and harmony key (az: back/front x unrounded/rounded; kk: back/front).
_FILL = {
    "az": {h: str.maketrans({"A": a, "I": i, "Q": q, "G": g}) for h, a, i, q, g in (
        ("bu", "a", "ı", "q", "ğ"), ("br", "a", "u", "q", "ğ"),
        ("fu", "ə", "i", "k", "y"), ("fr", "ə", "ü", "k", "y"))},
    "kk": {h: str.maketrans({"A": a, "I": i, "Q": q, "G": g}) for h, a, i, q, g in (
        ("b", "а", "ы", "қ", "ғ"), ("f", "е", "і", "к", "г"))},
}

def _az_allomorphs(morph: str, state: str, cls: str) -> tuple[str, ...]:
    """Templates of an Azerbaijani morpheme after a segment of class ``cls`` ("V" or "C"), preferred first."""
    vowel = cls == "V"
    if morph == "DAT":
        if state == "P3":
            return ("nA",)
        if state == "KI":
            return ("nA", "yA")
        return ("yA",) if vowel else ("A",)
    if morph in ("LOC", "ABL"):
        plain = "dA" if morph == "LOC" else "dAn"
        if state == "P3":
            return ("n" + plain,)
        if state == "KI":
            return ("n" + plain, plain)
        return (plain,)
    return {
        "PL": ("lAr",), "LI": ("lI",), "LIQ": ("lIQ",), "KI": ("kI",), "COP": ("dIr",),
        "P3": ("sI",) if vowel else ("I",),
        "P1SG": ("m",) if vowel else ("Im",),
        "P1PL": ("mIz",) if vowel else ("ImIz",),
        "GEN": ("nIn",) if vowel else ("In",),
        "ACC": ("nI",) if vowel else ("I",),
        "INS": ("ylA",) if vowel else ("lA",),
    }[morph]


# Kazakh: the consonant a suffix starts with, by the class of what precedes:
# V vowel, S sonorant (р й у и), L л, N nasal (м н ң), Z voiced (ж з), K voiceless.
_KK_BY_CLASS = {
    "PL": {"V": "лAр", "S": "лAр", "L": "дAр", "N": "дAр", "Z": "дAр", "K": "тAр"},
    "LYQ": {"V": "лIQ", "S": "лIQ", "L": "дIQ", "N": "дIQ", "Z": "дIQ", "K": "тIQ"},
    "GEN": {"V": "нIң", "N": "нIң", "S": "дIң", "L": "дIң", "Z": "дIң", "K": "тIң"},
    "ACC": {"V": "нI", "N": "дI", "S": "дI", "L": "дI", "Z": "дI", "K": "тI"},
    "DAT": {"V": "GA", "N": "GA", "S": "GA", "L": "GA", "Z": "GA", "K": "QA"},
    "LOC": {"V": "дA", "N": "дA", "S": "дA", "L": "дA", "Z": "дA", "K": "тA"},
    "ABL": {"V": "дAн", "N": "нAн", "S": "дAн", "L": "дAн", "Z": "дAн", "K": "тAн"},
    "INS": {"V": "мен", "N": "мен", "S": "мен", "L": "мен", "Z": "бен", "K": "пен"},
    "ATTR": {"V": "дAGI", "N": "дAGI", "S": "дAGI", "L": "дAGI", "Z": "дAGI", "K": "тAGI"},
}
_KK_AFTER_P3 = {"ACC": "н", "DAT": "нA", "LOC": "ндA", "ABL": "нAн", "ATTR": "ндAGI"}


def _kk_allomorphs(morph: str, state: str, cls: str) -> tuple[str, ...]:
    """Templates of a Kazakh morpheme after a segment of class ``cls``."""
    vowel = cls == "V"
    if state == "P3" and morph in _KK_AFTER_P3:
        return (_KK_AFTER_P3[morph],)
    if state == "P1SG" and morph == "DAT":
        return ("A",)  # Қазақстаныма
    if morph in _KK_BY_CLASS:
        return (_KK_BY_CLASS[morph][cls],)
    return {
        "SHY": ("шI",),
        "P3": ("сI",) if vowel else ("I",),
        "P1SG": ("м",) if vowel else ("Iм",),
        "P1PL": ("мIз",) if vowel else ("IмIз",),
    }[morph]


def _cases(lang: str, ki: bool) -> dict[str, str]:
    if lang == "kk":
        table = dict.fromkeys(("GEN", "ACC", "DAT", "LOC", "ABL", "INS"), "END")
        if ki:
            table["ATTR"] = "ATTR"
        return table
    after = "CASE"
    return {"GEN": "GEN" if ki else after, "ACC": "END", "DAT": after, "LOC": "LOC" if ki else after,
            "ABL": after, "INS": after}


def _grammar(lang: str) -> dict[str, dict[str, str]]:
    """state -> {morpheme: next state}."""
    possessives = {"P3": "P3", "P1SG": "P1SG", "P1PL": "P1PL"}
    if lang == "az":
        cop = {"COP": "END"}
        full = {**possessives, **_cases("az", True), **cop}
        return {
            "S0": {"LI": "LI", "LIQ": "DER", "PL": "PL", **full},
            "LI": {"LIQ": "DER", "PL": "PL", **full},
            "DER": {"PL": "PL", **full},
            "PL": full,
            "P3": {**_cases("az", True), **cop},
            "P1SG": {**_cases("az", True), **cop},
            "P1PL": {**_cases("az", True), **cop},
            "LOC": {"KI": "KI", **cop},
            "GEN": {"KI": "KI", **cop},
            "CASE": cop,
            "KI": {"PL": "KIPL", **_cases("az", False), **cop},
            "KIPL": {**_cases("az", False), **cop},
            "END": {},
        }
    full = {**possessives, **_cases("kk", True)}
    return {
        "S0": {"LYQ": "DER", "SHY": "SHY", "PL": "PL", **full},
        "SHY": {"LYQ": "DER", "PL": "PL", **full},
        "DER": {"PL": "PL", **full},
        "PL": full,
        "P3": _cases("kk", True),
        "P1SG": _cases("kk", True),
        "P1PL": _cases("kk", True),
        "ATTR": {"PL": "ATTRPL", **_cases("kk", False)},
        "ATTRPL": _cases("kk", False),
        "END": {},
    }


_GRAMMAR = {"az": _grammar("az"), "kk": _grammar("kk")}
_ALLOMORPHS = {"az": _az_allomorphs, "kk": _kk_allomorphs}
_DERIVED_Q = {"LIQ", "LYQ"}  # end in q/k, which turn ğ/y (kk ғ/г) before a vowel
# Preference among parses of one string, by morpheme (lower first): a name's accusative
# is commoner than its possessive (Naxçıvanı).
_RANK = {"P3": 1}


def _suffix_class(lang: str, ch: str) -> str:
    """Sound class of the last letter of a suffix (always a native spelling)."""
    if ch in VOWELS:
        return "V"
    if lang == "az":
        return "C"
    if ch in _KK_SONORANT:
        return "S"
    if ch in _KK_LATERAL:
        return "L"
    if ch in _KK_NASAL:
        return "N"
    if ch in _KK_VOICED:
        return "Z"
    return "K"


def _harmony_key(lang: str, front: bool, rounded: bool) -> str:
    if lang == "kk":
        return "f" if front else "b"
    return ("f" if front else "b") + ("r" if rounded else "u")


@functools.cache
def _table(lang: str, state: str, classes: str) -> dict[str, tuple[tuple[str, str, str, str, bool], ...]]:
    """first letter -> (surface, morpheme, next state, class after, needs a vowel next) for every
    allomorph in every harmony variant that may follow ``state`` after a segment of any of ``classes``."""
    entries: dict[tuple[str, str, str], tuple[str, str, str, str, bool]] = {}
    fills = _FILL[lang].values()
    for morph, next_state in _GRAMMAR[lang][state].items():
        for cls in classes:
            for template in _ALLOMORPHS[lang](morph, state, cls):
                for fill in fills:
                    surface = template.translate(fill)
                    variants = [(surface, False)]
                    if morph in _DERIVED_Q:
                        variants.append((template[:-1].translate(fill) + "G".translate(fill), True))
                    for text, needs_vowel in variants:
                        key = (text, morph, next_state)
                        entries[key] = (text, morph, next_state, _suffix_class(lang, text[-1]), needs_vowel)
    table: dict[str, list] = {}
    for entry in entries.values():
        table.setdefault(entry[0][0], []).append(entry)
    return {ch: tuple(items) for ch, items in table.items()}


Parse = tuple[str, tuple[str, ...]]  # (start state, morphemes)


@functools.lru_cache(maxsize=1 << 16)
def _parses(lang: str, classes: str, starts: tuple[str, ...], rest: str) -> tuple[Parse, ...]:
    """Every reading of ``rest`` (normalised) as a morpheme chain, from each start state."""
    found: list[Parse] = []
    length = len(rest)
    for start in starts:
        stack = [(0, start, classes, (), False)]
        while stack:
            position, state, cls, morphs, needs_vowel = stack.pop()
            if position == length:
                if not needs_vowel:
                    found.append((start, morphs))
                continue
            first = rest[position]
            if needs_vowel and first not in VOWELS:
                continue
            for surface, morph, next_state, next_cls, next_needs in _table(lang, state, cls).get(first, ()):
                if rest.startswith(surface, position):
                    stack.append((position + len(surface), next_state, next_cls, morphs + (morph,), next_needs))
    return tuple(found)


def _normalise_rest(lang: str, rest: str) -> str:
    return rest.translate(_AZ_REST if lang == "az" else _KK_REST).lower()


# ---------------------------------------------------------------- stems

@functools.lru_cache(maxsize=1 << 17)
def _stem_info(lang: str, stem: str) -> tuple[str, str, bool]:
    """(classes of the last sound, harmony key, may end in a 3rd-person possessive) of a stem.

    The classes are a string of sound classes, the preferred reading first (kk "KZ": voiceless,
    or voiced; az "VC": vowel, or consonant).
    """
    words = _lower_stem(stem).split()
    last = words[-1] if words else ""
    letters = last if last.isalnum() else "".join(ch for ch in last if ch.isalnum())  # (most names: a word of letters)
    if letters and letters[-1] in "0123456789":
        digits = letters[len(letters.rstrip("0123456789")):]
        classes, harmony, _ = _stem_info(lang, _number_word(lang, digits))
        return classes, harmony, False
    if not letters.isalpha():
        letters = "".join(ch for ch in letters if ch.isalpha())
    if not letters:
        return ("VC" if lang == "az" else "VSLNZK"), ("fu" if lang == "az" else "b"), False
    possessive = letters[-1] in ("ıiuü" if lang == "az" else "ыі")
    return _last_sound(lang, letters), _stem_harmony(lang, letters), possessive


def _last_sound(lang: str, word: str) -> str:
    last = word[-1]
    before = word[-2] if len(word) > 1 else ""
    if last == "y" and before and before not in VOWELS:
        return "VC" if lang == "az" else "V"  # Almaty: a transliterated vowel
    if lang == "az":
        return "V" if last in VOWELS else "C"
    if last in "ьъ" and before:
        return _last_sound(lang, word[:-1])
    if last in "иу":
        return "S" if before in VOWELS else "SV"  # Ақтау: sonorant; Баку, Физули: either
    if last in "iu" and before not in VOWELS:
        return "VS"  # Fizuliдің: a Latin spelling takes the Cyrillic one's suffixes too; Latin forms keep the vowel's
    if last in VOWELS:
        return "V"
    for letters, cls in ((_KK_SONORANT, "S"), (_KK_LATERAL, "L"), (_KK_NASAL, "N"), (_KK_VOICED, "Z"),
                         (_KK_DEVOICED, "KZ")):
        if last in letters:
            return cls
    return "K"


# Kazakh harmony of names whose usage goes against their letters, by the lowercased last word
# (Cyrillic and Latin): counts of what outlets write in glossary/data/NOTES.md.
_KK_HARMONY_BY_USAGE = {"баку": "f", "baku": "f"}


def _stem_harmony(lang: str, word: str) -> str:
    if lang == "kk" and word in _KK_HARMONY_BY_USAGE:
        return _KK_HARMONY_BY_USAGE[word]
    if lang == "kk" and len(word) > 3 and word[-2:] in ("ов", "ев", "ov", "ev"):
        root = _decisive_vowel(lang, word[:-2])  # Тоқаев: the root Тоқа- decides
        if root is not None:
            return _harmony_key(lang, *root)
    vowel = _decisive_vowel(lang, word)
    if vowel is None:
        if lang == "kk":
            transparent = [ch for ch in word if ch in "иу"]
            return "f" if transparent and transparent[-1] == "и" else "b"
        return "fu"
    return _harmony_key(lang, *vowel)


def _decisive_vowel(lang: str, word: str) -> tuple[bool, bool] | None:
    for position in range(len(word) - 1, -1, -1):
        ch = word[position]
        if lang == "kk" and ch in "иу":
            continue  # и and у follow the nearest other vowel
        if ch == "y" and position == len(word) - 1 and position and word[position - 1] not in VOWELS:
            return (False, False)  # Almaty
        if ch in VOWELS:
            return _VOWEL_HARMONY[ch]
    return None


def _number_word(lang: str, digits: str) -> str:
    """The last spoken word of a number: 29 -> doqquz, 2020 -> iyirmi, 300 -> yüz."""
    units, tens, powers = _NUMBER_WORDS[lang]
    number = int(digits[-12:])
    if number == 0:
        return units[0]
    if number % 10:
        return units[number % 10]
    if number % 100:
        return tens[number // 10 % 10]
    for power, word in zip((1000, 10**6, 10**9), powers):
        if number % power:
            return word
    return powers[-1]


# ---------------------------------------------------------------- public functions

# ---------------------------------------------------------------- Kazakh in Latin script

# kk-Latn is read as Kazakh: stem and suffixes are spelled in Cyrillic, parsed, and a suffix built for
# a suggestion is spelled back. Two alphabets are in print: the 2018 one with acute accents (Kazinform's
# and Egemen's Latin editions: Aqtaýda, Ázerbaıjanǵa, Qazaqstannyń) and the 2021 one (Aqtauda,
# Äzerbaijanğa). They disagree on i, ı and u (2018: і, и/й, ұ; 2021: и/й, і, у): a word is read in
# the alphabet whose own letters it has, in the 2018 one (the one agencies print) when it has none.
_LATIN_2018_LETTERS = frozenset("áǵńóúý")
_LATIN_2021_LETTERS = frozenset("äğñöüūş")
_LATIN_ALPHABET_LETTERS = _LATIN_2018_LETTERS | _LATIN_2021_LETTERS  # letters that tell the alphabet
_FROM_LATIN = {
    2018: {"a": "а", "á": "ә", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "ǵ": "ғ", "h": "х", "i": "і",
           "ı": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ń": "ң", "o": "о", "ó": "ө", "p": "п",
           "q": "қ", "r": "р", "s": "с", "t": "т", "u": "ұ", "ú": "ү", "v": "в", "y": "ы", "ý": "у", "z": "з"},
    2021: {"a": "а", "ä": "ә", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "ğ": "ғ", "h": "х", "ı": "і",
           "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ñ": "ң", "o": "о", "ö": "ө", "p": "п",
           "q": "қ", "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у", "ū": "ұ", "ü": "ү", "v": "в", "y": "ы",
           "z": "з"},
}
_TO_LATIN = {year: {cyrillic: latin for latin, cyrillic in table.items() if cyrillic not in "иу"}
             for year, table in _FROM_LATIN.items()}
_TO_LATIN[2018]["ш"] = "sh"


# A whole Kazakh name in Latin letters (Назарбаев: Nazarbaev), where a suffix needs only the letters above.
_NAME_TO_LATIN = {
    2018: {**_TO_LATIN[2018], "и": "ı", "й": "ı", "у": "ý", "ё": "ıo", "ю": "ıý", "я": "ıa", "ц": "ts", "ч": "ch",
           "щ": "shch", "ъ": "", "ь": "", "э": "e", "һ": "h"},
    2021: {**_TO_LATIN[2021], "и": "i", "й": "i", "у": "u", "ё": "io", "ю": "iu", "я": "ia", "ц": "ts", "ч": "ch", "щ": "şş",
           "ъ": "", "ь": "", "э": "e", "һ": "h"},
}


def kazakh_name_in_latin(name: str, alphabet: int) -> str:
    """A Kazakh name in Cyrillic written in the Latin ``alphabet`` (2018, 2021), lowercase:
    Нұрсұлтан Назарбаев -> nursultan nazarbaev; letters it has no reading for kept."""
    table = _NAME_TO_LATIN[alphabet]
    return "".join(table.get(ch, ch) for ch in name.lower())


# Letters of Kazakh Latin (either alphabet) that English does not have.
_KAZAKH_LATIN_LETTER = re.compile("[áǵńóúýıäğñöüūşÁǴŃÓÚÝÄĞÑÖÜŪŞ]")


def is_kazakh_latin_word(word: str, first_words: frozenset[str]) -> bool:
    """Whether a word of Kazakh Latin text is Kazakh rather than a word of a Latin brand name: it has a
    letter of a Kazakh Latin alphabet that English does not have (Astanaǵa, Ázerbaıjan), or it is one
    of ``first_words`` (the match keys of the first words of the glossary's Kazakh Latin names), bare
    or with Kazakh suffixes (Qazaqstan, Qazaqstanda)."""
    if _KAZAKH_LATIN_LETTER.search(word):
        return True
    word = word.replace("\uffff", "")
    key = match_key(word)
    return any(key.startswith(first) and (key == first or is_suffix_chain("kk-Latn", word[:len(first)], word[len(first):]))
               for first in first_words if key[:1] == first[:1])


def _latin_alphabet(*texts: str) -> int:
    letters = set("".join(texts).lower())
    return 2021 if letters & _LATIN_2021_LETTERS and not letters & _LATIN_2018_LETTERS else 2018


def latin_alphabet_of(text: str) -> int | None:
    """The Kazakh Latin alphabet ``text`` is written in, 2018 or 2021, by the letters only one of them
    has (the one with more of them); None when it has none of either."""
    lowered = text.lower()
    old = sum(lowered.count(letter) for letter in _LATIN_2018_LETTERS)
    new = sum(lowered.count(letter) for letter in _LATIN_2021_LETTERS)
    return None if old == new == 0 else 2018 if old >= new else 2021


# Each alphabet's consonant letters: Kazakh prose has them in most sentences (the genitive -dyń, -nıñ; the
# dative -ǵa, -ğa), and the home-made transliterations of some sites write digraphs for them (gh, ng, sh)
# beside acute vowels of their own (abai.kz's Latin: Qúryq, kýsheytu, portynyng).
_LATIN_CONSONANTS = {2018: frozenset("ǵń"), 2021: frozenset("ğñş")}


def writes_digraphs(text: str) -> bool:
    """Whether Kazakh Latin ``text`` writes ғ as gh (abai.kz's shyghys, tabighy), which neither alphabet does
    (2018 ǵ, 2021 ğ): a site's own transliteration, whose accented vowels are its own too (Qúryq for Құрық)."""
    lowered = text.lower()
    return "gh" in lowered and "ǵ" not in lowered and "ğ" not in lowered


def prose_latin_alphabet_of(text: str) -> int | None:
    """``latin_alphabet_of`` prose, only where it has a consonant letter of that alphabet too, so that a
    paragraph in another transliteration with acute vowels is not taken for 2018 copy."""
    alphabet = latin_alphabet_of(text)
    return alphabet if alphabet is not None and not _LATIN_CONSONANTS[alphabet].isdisjoint(text.lower()) else None


def form_alphabet(text: str) -> int | None:
    """The Kazakh Latin alphabet a form is spelled in: 2021 by its own letters, 2018 by its acute
    letters or by ı without 2021 letters (Semeı, 2021 Semei); None when it reads the same in both
    (Astana, Qazaqstan) or, with no telling letter, may be either (Aqtau, 2018 Aqtaý)."""
    letters = set(text.lower())
    if letters & _LATIN_2021_LETTERS:
        return 2021
    if letters & _LATIN_2018_LETTERS or "ı" in letters:
        return 2018
    return None


def _kazakh_from_latin(text: str, alphabet: int) -> str:
    """A kk-Latn word in Cyrillic letters, as far as suffixes need it (letters it has no reading for kept)."""
    table = _FROM_LATIN[alphabet]
    lowered = _lower_stem(text).replace("sh", "ш").replace("ch", "ч")
    out = []
    for ch in lowered:
        letter = table.get(ch, ch)
        if letter == "и" and out and out[-1] in VOWELS:
            letter = "й"  # Ázerbaıjan: ı after a vowel is й
        out.append(letter)
    return "".join(out)


def _latin_from_kazakh(suffix: str, alphabet: int) -> str:
    table = _TO_LATIN[alphabet]
    return "".join(table.get(ch, ch) for ch in suffix)


def is_suffix_chain(lang: str, stem: str, rest: str) -> bool:
    """Whether ``rest`` is a chain of nominal suffixes that ``stem`` can take in ``lang``.

    ``lang``: one of ``glossary.languages.SUFFIXING_LANGUAGES`` (others: always False). ``stem``: the name as
    written in the text (any case, any script: a Latin name in Kazakh text or a
    Cyrillic one in Azerbaijani text is possible). ``rest``: the rest of the word
    as written (any case), non-empty. Any harmony variant is accepted (the stem
    may be misspelled or foreign), buffer consonants as the stem's last letter allows.
    """
    if lang == "kk-Latn":
        alphabet = _latin_alphabet(stem, rest)
        return is_suffix_chain("kk", _kazakh_from_latin(stem, alphabet), _kazakh_from_latin(rest, alphabet))
    if lang != "az" and lang != "kk":
        return False
    classes, _, possessive = _stem_info(lang, stem)
    return bool(_parses(lang, classes, ("S0", "P3") if possessive else ("S0",), _normalise_rest(lang, rest)))


def carry_suffix(lang: str, found_stem: str, rest: str, new_stem: str) -> str | None:
    """``rest`` rewritten for ``new_stem``: the same suffixes in the forms ``new_stem`` takes.

    Lowercase result (the engine applies the found word's letter case), or None
    when ``rest`` is not a suffix chain.
    """
    if lang == "kk-Latn":  # the suffixes in the new name's alphabet, else in the one the text was written in
        found_alphabet = _latin_alphabet(found_stem, rest)
        alphabet = _latin_alphabet(new_stem) if set(new_stem.lower()) & _LATIN_ALPHABET_LETTERS else found_alphabet
        carried = carry_suffix("kk", _kazakh_from_latin(found_stem, found_alphabet),
                               _kazakh_from_latin(rest, found_alphabet), _kazakh_from_latin(new_stem, alphabet))
        return None if carried is None else _latin_from_kazakh(carried, alphabet)
    if lang != "az" and lang != "kk":
        return None
    classes, _, found_possessive = _stem_info(lang, found_stem)
    parses = _parses(lang, classes, ("S0", "P3") if found_possessive else ("S0",), _normalise_rest(lang, rest))
    if not parses:
        return None
    start, morphs = min(parses, key=lambda p: (len(p[1]), [_RANK.get(m, 0) for m in p[1]], p[0] != "P3"))
    new_classes, harmony, new_possessive = _stem_info(lang, new_stem)
    if not (new_possessive and len(new_stem.split()) > 1):
        start = "S0"
    elif not (found_possessive and len(found_stem.split()) > 1):
        start = "P3" if _looks_like_izafet(lang, new_stem) else "S0"
    if start == "P3" and morphs and morphs[0] not in _GRAMMAR[lang]["P3"]:
        start = "S0"  # Zangezurlar: a plural or possessive cannot follow the izafet's possessive
    return _generate(lang, start, new_classes[0], harmony, morphs)


def _looks_like_izafet(lang: str, name: str) -> bool:
    """Whether a multi-word name ending in a possessive-shaped vowel is a noun phrase (Zəngəzur
    dəhlizi, Qazaxıstan Respublikası) rather than a person's name (Məhəmməd Füzuli)."""
    words = name.split()
    last = _lower_stem(words[-1])
    return words[-1][:1].islower() or len(words) >= 3 or (len(last) > 1 and last[-2] in "sс")


def _generate(lang: str, state: str, cls: str, harmony: str, morphs: tuple[str, ...]) -> str:
    fills = _FILL[lang]
    grammar = _GRAMMAR[lang]
    surfaces: list[str] = []
    harmonies: list[str] = []
    for morph in morphs:
        next_state = grammar[state][morph]  # valid: S0 allows all P3 allows, then states agree
        surface = _ALLOMORPHS[lang](morph, state, cls)[0].translate(fills[harmony])
        harmonies.append(harmony)
        surfaces.append(surface)
        for ch in reversed(surface):
            if ch in VOWELS:
                harmony = _harmony_key(lang, *_VOWEL_HARMONY[ch])
                break
        cls = _suffix_class(lang, surface[-1])
        state = next_state
    for i, morph in enumerate(morphs[:-1]):
        if morph in _DERIVED_Q and surfaces[i + 1][0] in VOWELS:  # Qarabağlığı, қазақстандығы
            surfaces[i] = surfaces[i][:-1] + "G".translate(fills[harmonies[i]])
    return "".join(surfaces)

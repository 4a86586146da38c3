"""Russian declension of glossary terms: matching inflected forms, building suggestions.

Matching needs no dictionary: every word of a Russian term is a stem plus one
of the endings of its declension class (Кемелевич: кемелевич + {"", а, у, ем, ом, е,
и, ей, ам, ами, ах}; Зангезурский: зангезурск + adjective endings; Баку, Физули:
indeclinable). The engine matches stem + any ending of the class, word by word.

Suggestions build the canonical term in the grammatical form that was found:
by carrying the endings over where both terms decline alike (Кемеловича ->
Кемелевича), else by reading case and number off the endings (narrowed by
the preposition before the name) and inflecting the canonical term with
pymorphy3 (Нахичевани after "в" -> Нахчыване). Where no single form can be
built, None: the engine then suggests the base form and does not auto-fix.

The paradigm tables below are the single source of truth: they give the
endings a word may take (matching), the cases an ending can express (reading
the found form) and the ending of a case (building the suggestion). Where a
table cell offers several endings (Кемелевичем/Балхашом, Кремля/Нахичевани,
stressed or not), pymorphy3 picks one, and only among those: its guesses for
unknown names (Токаев as the genitive plural of "токай") cannot leak in.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from glossary.lint.text import DASHES, words

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

Key = tuple[str, str, str | None]  # (case, number, gender): gender only for adjectives in the singular
Table = Mapping[Key, tuple[str, ...]]


@dataclass(frozen=True)
class WordForms:
    """A Russian word as a stem and the endings it takes (all lowercase, ё kept)."""

    stem: str
    endings: frozenset[str]
    # The ending of the word as given (the nominative, usually): word == stem + base_ending.
    base_ending: str


# --- paradigm tables --------------------------------------------------------------------------
# A row lists the six cases (nomn gent datv accs ablt loct); "0" is the empty ending, "a,b"
# alternatives (the first one is the default when pymorphy3 cannot choose). Accusatives are the
# inanimate ones; an animate masculine or plural accusative is built as the genitive.


def _row(spec: str, number: str, gender: str | None) -> dict[Key, tuple[str, ...]]:
    cells = spec.split()
    assert len(cells) == 6, spec
    return {
        (case, number, gender): tuple("" if e == "0" else e for e in cell.split(","))
        for case, cell in zip(CASES, cells)
    }


def _noun(sing: str | None, plur: str) -> dict[Key, tuple[str, ...]]:
    return {**(_row(sing, "sing", None) if sing else {}), **_row(plur, "plur", None)}


def _adj(masc: str, neut: str, femn: str, plur: str) -> dict[Key, tuple[str, ...]]:
    return {
        **_row(masc, "sing", "masc"),
        **_row(neut, "sing", "neut"),
        **_row(femn, "sing", "femn"),
        **_row(plur, "plur", None),
    }


def _union(*tables: Table) -> dict[Key, tuple[str, ...]]:
    out: dict[Key, tuple[str, ...]] = {}
    for table in tables:
        for key, ends in table.items():
            out[key] = tuple(dict.fromkeys(out.get(key, ()) + ends))
    return out


# Paradigm name -> table. The declension class ("family") is the name before "/": the part
# after it is a spelling variant (ы/и after к г х ж ш ч щ, ом/ем after ж ш ч щ ц, ...).
_NOUNS: dict[str, dict[Key, tuple[str, ...]]] = {
    # masculine, consonant: коридор, Нахчыван, Шымкент, Жомарт
    "masc": _noun("0 а у 0 ом е", "ы ов ам ы ами ах"),
    "masc/velar": _noun("0 а у 0 ом е", "и ов ам и ами ах"),  # Бишкек
    "masc/sibil": _noun("0 а у 0 ем,ом е", "и ей ам и ами ах"),  # Кемелевич, Балхаш
    "masc/ts": _noun("0 а у 0 ем,ом е", "ы ев,ов ам ы ами ах"),
    # -ец: Дворец -> Дворца but Кузнец -> Кузнеца (stem "двор", "кузн"): pymorphy3 picks
    "ets": _noun(
        "ец ца,еца цу,ецу ец цом,цем,ецом,ецем це,еце",
        "цы,ецы цов,цев,ецов,ецев цам,ецам цы,ецы цами,ецами цах,ецах",
    ),
    # vowel + й: Китай, Костанай, Семей, Сергей
    "masc_y": _noun("й я ю й ем,ём е", "и ев,ёв ям и ями ях"),
    # -ий nouns: Юрий, Дмитрий, Георгий, комментарий (stem with и: юри + й)
    "iy": _noun("й я ю й ем и", "и ев ям и ями ях"),
    # surnames in -ов/-ев/-ёв/-ин/-ын (Токаев, Путин: -ым); towns in -ов/-ин take -ом (Лачином)
    "surname": _noun("0 а у 0 ым,ом е", "ы ых ым ы ыми ых"),
    # -ь: feminine (Нахичевань: и ью) and masculine (Кремль: я ю ем) in one class
    "soft": _noun("ь я,и ю,и ь ем,ью,ём е,и", "и ей ям и ями ях"),
    "soft/sibil": _noun("ь и и ь ью и", "и ей ам и ами ах"),  # feminine only: Керчь, ночь
    # -а: Астана, Габала, Шуша; also masculine Никита
    "a": _noun("а ы е у ой,ою е", "ы 0 ам ы ами ах"),
    "a/velar": _noun("а и е у ой,ою е", "и 0 ам и ами ах"),
    "a/sibil": _noun("а и е у ой,ей,ою,ею е", "и 0 ам и ами ах"),
    "a/ts": _noun("а ы е у ей,ой,ею,ою е", "ы 0 ам ы ами ах"),
    # -я: Земля, Корея; -ия: Организация, Россия (stem with и: организаци + я); -ья: статья, Илья
    "ya": _noun("я и е ю ей,ёй,ею,ёю е", "и ь,ей,й ям и ями ях"),
    "iya": _noun("я и и ю ей,ею и", "и й ям и ями ях"),
    "ya_soft": _noun("ья ьи ье ью ьей,ьёй,ьею,ьёю ье", "ьи ей,ий ьям ьи ьями ьях"),
    # neuter: государство, море, солнце, соглашение, побережье
    "o": _noun("о а у о ом е", "а 0 ам а ами ах"),
    "e": _noun("е я ю е ем е", "я ей ям я ями ях"),
    "e/sibil": _noun("е а у е ем е", "а 0 ам а ами ах"),
    "ie": _noun("е я ю е ем и", "я й ям я ями ях"),  # соглашени + е
    "ye": _noun("ье ья ью ье ьем ье", "ья ий ьям ья ьями ьях"),
    # plural-only: Эмираты, Штаты; lowercase plurals
    "plur": _noun(None, "ы ов,0 ам ы ами ах"),
    "plur/velar": _noun(None, "и ов,ей,0 ам и ами ах"),
    "plur/vowel": _noun(None, "и ев,й ям и ями ях"),
    "plur/soft": _noun(None, "и ей,ь ям и ями ях"),
}

_HARD_REST = ("ое ого ому ое ым ом", "ая ой ой ую ой,ою ой", "ые ых ым ые ыми ых")
_VELAR_REST = ("ое ого ому ое им ом", "ая ой ой ую ой,ою ой", "ие их им ие ими их")
_SIBIL_E = ("ий его ему ий им ем", "ее его ему ее им ем", "ая ей ей ую ей,ею ей", "ие их им ие ими их")
_SIBIL_O = ("ой ого ому ой им ом", "ое ого ому ое им ом", "ая ой ой ую ой,ою ой", "ие их им ие ими их")

_ADJECTIVES: dict[str, dict[Key, tuple[str, ...]]] = {
    "hard": _adj("ый ого ому ый ым ом", *_HARD_REST),  # красный, Объединённые
    "hard_o": _adj("ой ого ому ой ым ом", *_HARD_REST),  # Золотой, молодой
    "velar": _adj("ий ого ому ий им ом", *_VELAR_REST),  # Зангезурский, тюркский
    "velar_o": _adj("ой ого ому ой им ом", *_VELAR_REST),  # морской
    "sibil": _adj(*_SIBIL_E),  # хороший, будущий
    "sibil_o": _adj(*_SIBIL_O),  # большой
    "soft": _adj("ий его ему ий им ем", "ее его ему ее им ем", "яя ей ей юю ей,ею ей", "ие их им ие ими их"),
}
# The masculine nominative is unknown when the word is given in another form (Каспийская, -ские).
_ADJECTIVES["hard?"] = _union(_ADJECTIVES["hard"], _ADJECTIVES["hard_o"])
_ADJECTIVES["velar?"] = _union(_ADJECTIVES["velar"], _ADJECTIVES["velar_o"])
_ADJECTIVES["sibil?"] = _union(_ADJECTIVES["sibil"], _ADJECTIVES["sibil_o"])

_TABLES: dict[str, Table] = {**_NOUNS, **{"adj/" + name: t for name, t in _ADJECTIVES.items()}}
# Endings matched but not read as a case: the feminine of a surname (Токаевой, as pymorphy3 lists it).
_EXTRA_ENDINGS = {"surname": ("ой",)}
_TABLE_ENDINGS: dict[str, frozenset[str]] = {
    name: frozenset(e for ends in table.values() for e in ends) | frozenset(_EXTRA_ENDINGS.get(name, ()))
    for name, table in _TABLES.items()
}
# Classes where no ending of an ambiguous cell is a safe default without pymorphy3.
_NO_DEFAULT = frozenset({"soft"})
# Classes whose animate accusative is the genitive (singular; every class in the plural).
_MASCULINE = frozenset({"masc", "ets", "masc_y", "iy", "surname", "soft"})

# --- spelling rules ----------------------------------------------------------------------------

# Kazakh and Azerbaijani Cyrillic letters decline like Russian ones in Russian text (Тоқаева).
_CYRILLIC = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя" "әғқңөұүһі" "ҹҝј")
_VOWELS = frozenset("аеёиоуыэюя" "әөұүі")
_VELAR = frozenset("кгх" "ғқҝ")
_SIBIL = frozenset("жшчщ" "ҹ")

# Lowercase loanwords that do not decline although the spelling says they do.
_INDECLINABLE = frozenset(
    "бюро метро радио кино кафе кофе коммюнике резюме евро эмбарго вето депо пальто табло досье "
    "фойе кредо казино лото сальдо гетто шоссе турне ателье портмоне пенсне кашне жюри такси "
    "ралли хобби лобби пенальти регби оглы оглу кызы гызы улы".split()
)
# Proper names that are plurals (Соединённые Штаты: Соединённых Штатов), unlike Алматы or Ходжалы.
_PLURAL_NAMES = frozenset(
    "штаты эмираты нидерланды филиппины мальдивы сейшелы альпы карпаты анды балканы курилы "
    "гималаи дарданеллы афины".split()
)
# Lowercase function words inside names (besides the prepositions below): they never decline.
_PARTICLES = frozenset("и или а но де ди да дель ла ле фон ван ибн бин аль эль".split())
# Abbreviations that decline as masculine nouns (МИДа, в МИДе); all others stay as they are.
_DECLINABLE_ABBREVIATIONS = frozenset({"мид"})
_PATRONYMIC = ("вич", "вна", "чна")
# Turkic patronymics: Ильхам Гейдар оглы Алиев -> Ильхама Гейдар оглы Алиева (Гейдар оглы stays).
_PATRONYMIC_PARTICLES = frozenset({"оглы", "оглу", "кызы", "гызы", "улы", "қызы"})


@dataclass(frozen=True, eq=False)
class _Word:
    family: str  # declension class: "masc", "a", "surname", "adj:masc", ... or "indecl"
    paradigm: str  # key of _TABLES ("" when indeclinable)
    stem: str
    base: str

    @property
    def table(self) -> Table:
        return _TABLES.get(self.paradigm, {})

    @property
    def endings(self) -> frozenset[str]:
        return _endings(self.paradigm, self.base)

    @property
    def is_adj(self) -> bool:
        return self.paradigm.startswith("adj/")

    @property
    def declinable(self) -> bool:
        return bool(self.paradigm)

    @functools.cached_property
    def nominative(self) -> list[Key]:
        """The (case, number, gender) keys of the base ending in the nominative: [] for a complement (тюркских)."""
        return [key for key, ends in self.table.items() if key[0] == "nomn" and self.base in ends]

    @property
    def numbers(self) -> set[str]:
        return {key[1] for key in self.nominative}

    @property
    def gender(self) -> str | None:
        genders = {key[2] for key in self.nominative if key[2]}
        return genders.pop() if len(genders) == 1 else None


@functools.lru_cache(maxsize=None)
def _endings(paradigm: str, base: str) -> frozenset[str]:
    """The endings of a word of ``paradigm`` given with the ending ``base``: one set for all such words."""
    return _TABLE_ENDINGS[paradigm] | {base} if paradigm else frozenset({""})


@functools.lru_cache(maxsize=None)
def _adjective_family(paradigm: str, base: str) -> str:
    """The class of an adjective: its paradigm and the gender of its base form (Бакинский and
    Бакинская do not carry endings over)."""
    word = _Word("adj", paradigm, "", base)
    return "adj:" + (word.gender or ("plur" if word.numbers == {"plur"} else "?"))


def declines(word: str) -> bool:
    """Whether a Russian word, written as given (capitals tell names), changes its ending by case:
    Акорда and Токаев do, Баку, Физули and ОТГ do not."""
    return _analyze(word).declinable


@functools.lru_cache(maxsize=None)
def _analyze(word: str) -> _Word:
    lw = word.lower()
    if len(lw) < 2 or not _CYRILLIC.issuperset(lw):  # Latin letters, digits: as is
        return _Word("indecl", "", lw, "")
    if word.isupper():  # abbreviation: ООН, ОТГ
        if lw in _DECLINABLE_ABBREVIATIONS:
            return _Word("masc", "masc", lw, "")
        return _Word("indecl", "", lw, "")
    if lw in _INDECLINABLE or (word == lw and (lw in _PREPOSITIONS or lw in _PARTICLES)):
        return _Word("indecl", "", lw, "")  # бюро; на and де in Ростов-на-Дону, Рио-де-Жанейро
    return _adjective(lw) or _noun_word(lw, word[0].isupper())


def _adjective(w: str) -> _Word | None:
    n = len(w)
    if n < 4:
        return None
    c3, c4 = w[-3], w[-4]
    end2, end3 = w[-2:], w[-3:]
    if n >= 5 and (
        (end3 in ("ого", "ому", "ыми", "ими") and c4 not in _VOWELS)
        or (end3 in ("его", "ему") and c4 in "нжшчщ")
    ):
        base, before = end3, c4
    elif end2 in ("ый", "ые", "ых", "яя", "юю") and c3 not in _VOWELS:
        base, before = end2, c3
    elif end2 == "ий" and (
        c3 in "кхжшчщ" or (c3 == "г" and c4 != "р") or (c3 == "н" and c4 not in _VOWELS)
    ):  # Бакинский, будущий, последний; not Георгий, Евгений, Юрий
        base, before = end2, c3
    elif end2 in ("ие", "их") and (
        c3 in "кгхжшщ" or (c3 == "ч" and c4 != "и") or (c3 == "н" and c4 not in _VOWELS)
    ):  # тюркские, последних; not соглашение, величие, Цюрих
        base, before = end2, c3
    elif end2 == "ой" and c3 not in _VOWELS and sum(ch in _VOWELS for ch in w) >= 2:  # морской; not бой
        base, before = end2, c3
    elif end2 in ("ая", "ую") and n >= 5 and c3 not in _VOWELS:  # Нахчыванская; not стая
        base, before = end2, c3
    elif end2 == "ое" and c3 not in _VOWELS:
        base, before = end2, c3
    elif end2 in ("ее", "ей") and n >= 5 and (c3 in _SIBIL or (c3 == "н" and c4 not in _VOWELS)):
        base, before = end2, c3  # Среднее, Средней; not Семей, Сергей
    else:
        return None
    if before in _VELAR:
        kind = {"ий": "velar", "ой": "velar_o"}.get(base, "velar?")
    elif before in _SIBIL:
        kind = "sibil_o" if base[0] == "о" else "sibil" if base in ("ий", "ее", "его", "ему", "ей") else "sibil?"
    elif base[0] in "яю" or base in ("ий", "ее", "его", "ему", "ей", "ие", "их", "им", "ими"):
        kind = "soft"
    else:
        kind = {"ый": "hard", "ой": "hard_o"}.get(base, "hard?")
    paradigm = "adj/" + kind
    return _Word(_adjective_family(paradigm, base), paradigm, w[: -len(base)], base)


def _variant(prev: str) -> str:
    if prev in _VELAR:
        return "/velar"
    if prev in _SIBIL:
        return "/sibil"
    return "/ts" if prev == "ц" else ""


def _noun_word(w: str, capitalized: bool) -> _Word:
    last, prev = w[-1], w[-2]

    def make(paradigm: str, base: str) -> _Word:
        return _Word(paradigm.split("/")[0], paradigm, w[: len(w) - len(base)], base)

    if last == "ь":
        return make("soft/sibil" if prev in _SIBIL else "soft", "ь")
    if last == "й":
        return make("iy" if prev == "и" else "masc_y", "й")
    if last == "я":
        if prev == "и":
            return make("iya", "я")
        return make("ya_soft", "ья") if prev == "ь" else make("ya", "я")
    if last == "а":
        if prev in _VOWELS:  # Никарагуа, Гоа
            return _Word("indecl", "", w, "")
        return make("a" + _variant(prev), "а")
    if last == "о":
        if w.endswith("ство") or (not capitalized and prev not in _VOWELS):  # Министерство, государство
            return make("o", "о")
        return _Word("indecl", "", w, "")  # Токио, Осло, Бюро
    if last == "е":
        if prev == "и":
            return make("ie", "е")  # Соглашение
        if prev == "ь":
            return make("ye", "ье")  # побережье
        if not capitalized and prev not in _VOWELS:
            return make("e/sibil" if prev in _SIBIL or prev == "ц" else "e", "е")  # море, солнце
        return _Word("indecl", "", w, "")  # Актобе, Кале
    if last in "ыи":
        if capitalized and w not in _PLURAL_NAMES:  # Алматы, Физули, Тбилиси
            return _Word("indecl", "", w, "")
        if last == "ы":
            return make("plur", "ы")
        if prev in _VELAR or prev in _SIBIL:
            return make("plur/velar", "и")
        return make("plur/vowel" if prev in _VOWELS else "plur/soft", "и")
    if last in _VOWELS or last == "ъ":  # Баку, Актау, интервью
        return _Word("indecl", "", w, "")
    if len(w) >= 4 and w.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return make("surname", "")
    if len(w) >= 4 and w.endswith("ец") and w[-3] not in _VOWELS:
        return make("ets", "ец")
    return make("masc" + _variant(last), "")


def word_forms(word: str) -> WordForms:
    """The stem and endings of one word of a Russian term, from its spelling alone (fast: no dictionary).

    ``word``: letters only (the engine splits terms at spaces and hyphens), any case.
    """
    return _word_forms(word)


@functools.lru_cache(maxsize=None)
def _word_forms(word: str) -> WordForms:
    return WordForms(*stem_and_endings(word))


def stem_and_endings(word: str) -> tuple[str, frozenset[str], str]:
    """``word_forms`` as a plain tuple, not kept: what compiling a glossary asks once for each of its words."""
    analysis = _analyze(word)
    return analysis.stem, analysis.endings, analysis.base


# --- suggestions -------------------------------------------------------------------------------

# Preposition -> the cases it governs, in order of preference (в/на: location before motion).
_PREPOSITIONS: dict[str, tuple[frozenset[str], ...]] = {}
for _preps, _cases in (
    ("в во на", ("loct", "accs")),
    ("о об обо при", ("loct",)),
    ("из изо от ото до для у около без после возле вокруг против среди кроме вместо мимо вдоль "
     "внутри вне близ напротив ради", ("gent",)),
    ("с со", ("gent ablt",)),
    ("к ко по благодаря согласно вопреки навстречу", ("datv",)),
    ("за под подо", ("ablt", "accs")),
    ("над надо перед передо между", ("ablt",)),
    ("про через сквозь", ("accs",)),
):
    for _prep in _preps.split():
        _PREPOSITIONS[_prep] = tuple(frozenset(c.split()) for c in _cases)

_RESPELL = {  # the same ending after another stem-final letter (Бишкеки / Пишпеки)
    "ы": "и", "ым": "им", "ых": "их", "ыми": "ими", "ый": "ий", "ые": "ие",
    "ого": "его", "ому": "ему", "ом": "ем", "ой": "ей", "ою": "ею", "ое": "ее", "ов": "ев",
    "ая": "яя", "ую": "юю", "а": "я", "у": "ю", "ам": "ям", "ами": "ями", "ах": "ях",
}  # fmt: skip
_RESPELL.update({v: k for k, v in list(_RESPELL.items())})


def inflect_like(found_term: str, found_endings: list[str], canonical: str, previous_word: str | None) -> str | None:
    """``canonical`` in the grammatical form in which ``found_term`` was found.

    ``found_term``: the glossary term that matched (its words as in the glossary);
    ``found_endings``: the ending each of its words had in the text, in order
    (words as split by ``glossary.lint.text.words``); ``canonical``: the term to
    suggest, in its base form; ``previous_word``: the word before the match in
    the text (a preposition narrows the case), or None. Returns the canonical
    term in that form (letter case as in ``canonical``), or None if no single
    form can be built.
    """
    found_words = [found_term[s:e] for s, e in words(found_term)]
    if len(found_words) != len(found_endings):
        return None
    endings = [e.lower() for e in found_endings]
    found = [_analyze(w) for w in found_words]
    if all(e == a.base for e, a in zip(endings, found)):
        return canonical
    spans = words(canonical)
    canonical_words = [canonical[s:e] for s, e in spans]
    carried = _carry(found_words, found, endings, canonical_words)
    if carried is None:
        cases = _cases(found, endings, previous_word)
        if not cases:
            return None
        term = _Term(canonical, spans)
        forms = {term.build(case, number) for case, number in cases}
        if len(forms) != 1 or None in forms:
            return None
        carried = forms.pop()
    return _join(canonical, spans, carried)


def _join(text: str, spans: list[tuple[int, int]], new_words: list[str] | tuple[str, ...]) -> str:
    out, pos = [], 0
    for (start, end), new in zip(spans, new_words):
        out += [text[pos:start], new]
        pos = end
    return "".join(out) + text[pos:]


def _carry(
    found_words: list[str], found: list[_Word], endings: list[str], canonical_words: list[str]
) -> list[str] | None:
    """Step 2: the found endings on the canonical words, where each pair declines alike; else None."""
    if len(canonical_words) != len(found_words):
        return None
    out = []
    for fw, fa, ending, cw in zip(found_words, found, endings, canonical_words):
        ca = _analyze(cw)
        if fw.lower() == cw.lower():
            new_ending = ending
        elif fa.family != ca.family or fa.family in _NO_DEFAULT or (fa.paradigm == "") != (ca.paradigm == ""):
            return None
        elif ending == fa.base:
            new_ending = ca.base
        elif ending in ca.endings:
            new_ending = ending
        elif _RESPELL.get(ending) in ca.endings:
            new_ending = _RESPELL[ending]
        else:
            return None
        out.append(_with_ending(cw, ca, new_ending))
    return out


def _with_ending(word: str, analysis: _Word, ending: str, fold: bool = False) -> str:
    """``word``'s stem in its own letter case + ``ending`` (``fold``: ё only where the term writes ё)."""
    if fold and "ё" not in word.lower():
        ending = ending.replace("ё", "е")
    return word[: len(analysis.stem)] + ending


def _readings(analysis: _Word, ending: str) -> set[tuple[str, str]]:
    """The (case, number) that ``ending`` can express on this word, in the word's own number and gender."""
    gender, numbers = analysis.gender, analysis.numbers
    return {
        (case, number)
        for (case, number, g), ends in analysis.table.items()
        if ending in ends and (g is None or gender is None or g == gender) and (not numbers or number in numbers)
    }


def _cases(found: list[_Word], endings: list[str], previous_word: str | None) -> set[tuple[str, str]]:
    """Step 3: the (case, number) the found endings agree on, narrowed by the preposition."""
    candidates: set[tuple[str, str]] | None = None
    for analysis, ending in zip(found, endings):
        if ending == analysis.base:  # unchanged: a complement, the first part of Алма-Ата, an indeclinable
            continue
        readings = _readings(analysis, ending)
        candidates = readings if candidates is None else candidates & readings
    if not candidates:
        return set()
    governed = _PREPOSITIONS.get((previous_word or "").lower())
    if governed:
        for cases in governed:
            narrowed = {c for c in candidates if c[0] in cases}
            if narrowed:
                return narrowed
        return set()
    return candidates


class _Term:
    """The canonical term, read for building its forms: each word's role, the term's number, animacy."""

    def __init__(self, text: str, spans: list[tuple[int, int]]):
        self.words = [text[s:e] for s, e in spans]
        self.analyses = [_analyze(w) for w in self.words]
        compound = _compound_parts(text, spans)
        self.roles, self.head = _roles(self.words, self.analyses, compound)
        # The head with the parts hyphenated to it: Нур-Султан, Касым-Жомарт (pymorphy3 knows many).
        first = self.head if self.head is not None else 0
        while first - 1 in compound:
            first -= 1
        self.head_unit = "-".join(self.words[first : (self.head or 0) + 1]).lower()
        if "after" in self.roles:
            person = self.is_person
            self.roles = [
                ("agree" if person and self.analyses[i].nominative else "stay") if role == "after" else role
                for i, role in enumerate(self.roles)
            ]
        numbers = [
            a.numbers for a, r in zip(self.analyses, self.roles) if r in ("head", "agree") and len(a.numbers) == 1
        ]
        self.number = next(iter(numbers[0])) if numbers else None

    @functools.cached_property
    def is_person(self) -> bool:
        """A person's name (Касым-Жомарт Кемелевич Токаев), not Республика Казахстан or Кабинет Министров."""
        lowered = [w.lower() for w in self.words]
        names = [w for w in self.words if w.lower() not in _PATRONYMIC_PARTICLES]
        if self.head is None or not all(w[:1].isupper() and not w.isupper() for w in names):
            return False
        if len(names) < len(self.words) or any(w.endswith(_PATRONYMIC) for w in lowered):
            return True
        if self.analyses[self.head].family == "surname" or _has_tag(self.head_unit, ("Name", "Patr")):
            return True
        return any(_has_tag(w, ("Surn", "Patr")) for w in lowered[self.head + 1 :])

    @functools.cached_property
    def is_animate(self) -> bool:
        if self.head is None:
            return False
        if self.is_person:
            return True
        parses = [p for p in _parse(self.head_unit) if p.tag.POS == "NOUN" and p.tag.case == "nomn"]
        if any("Geox" in p.tag for p in parses):  # Нур-Султан: its Султан is a Name
            return False
        # Names and surnames were the person test's business: Шымкент is no Surn here.
        common = [p for p in parses if not {"Name", "Surn", "Patr"} & p.tag.grammemes]
        return bool(common) and "anim" in common[0].tag

    def build(self, case: str, number: str) -> tuple[str, ...] | None:
        """The words in ``case`` (number: the term's own where it has one, else ``number``)."""
        number = self.number or number
        anim = case == "accs" and self.is_animate
        out = []
        for word, analysis, role in zip(self.words, self.analyses, self.roles):
            if role == "stay":
                out.append(word)
                continue
            gender = analysis.gender if analysis.is_adj else None
            ending = _ending(word, analysis, case, number, gender, anim)
            if ending is None:
                return None
            out.append(_with_ending(word, analysis, ending, fold=True))
        return tuple(out)


def _roles(canonical_words: list[str], analyses: list[_Word], compound: set[int]) -> tuple[list[str], int | None]:
    """"head" (the noun), "agree" (adjectives), "stay" or "after" (after the head) for each word; the head.

    Adjectives before the head agree with it; of a hyphenated compound only the last part
    declines (Нур-Султане, Алма-Аты) or the one before a preposition (Ростове-на-Дону);
    after the head everything stays (тюркских государств,
    Республики Казахстан) except in a person's name (Касым-Жомарта Кемелевича Токаева).
    """
    roles, head, frozen = [], None, False
    lowered = [w.lower() for w in canonical_words] + [""]
    for i, a in enumerate(analyses):
        frozen = frozen or (canonical_words[i] == lowered[i] and lowered[i] in _PREPOSITIONS)  # Ростов-на-Дону
        compound_part = i in compound and lowered[i + 1] not in _PREPOSITIONS
        if frozen or not a.declinable or compound_part or lowered[i + 1] in _PATRONYMIC_PARTICLES:
            roles.append("stay")
        elif head is None and a.is_adj:
            roles.append("agree" if a.nominative else "stay")
        elif head is None:
            head = i
            roles.append("head")
        else:
            roles.append("after")
    return roles, head


def _compound_parts(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of the words followed by a hyphen in the term (Нур in Нур-Султан)."""
    return {
        i
        for i, ((_, end), (start, _)) in enumerate(zip(spans, spans[1:]))
        if text[end:start] and all(ch in DASHES for ch in text[end:start])
    }


def _ending(word: str, analysis: _Word, case: str, number: str, gender: str | None, anim: bool) -> str | None:
    if case == "accs" and anim and (number == "plur" or gender == "masc" or analysis.family in _MASCULINE):
        case = "gent"
    ends = analysis.table.get((case, number, gender if number == "sing" else None))
    if not ends:
        return None
    if len(ends) == 1:
        return ends[0]
    chosen = _morph_choice(word.lower(), analysis, case, number, gender, ends)
    if chosen is not None:
        return chosen
    return None if analysis.family in _NO_DEFAULT else ends[0]


def _fold(s: str) -> str:
    return s.replace("ё", "е")


def _morph_choice(
    lw: str, analysis: _Word, case: str, number: str, gender: str | None, ends: tuple[str, ...]
) -> str | None:
    """The ending among ``ends`` that pymorphy3 gives the word in that form (None: it gives none of them)."""
    stem = _fold(analysis.stem)
    for parse in _nominative_parses(lw, analysis):
        grammemes = {case, number} | ({gender} if gender and number == "sing" else set())
        try:
            form = parse.inflect(grammemes)
        except ValueError:
            form = None
        if form is None:
            continue
        got = form.word
        if not _fold(got).startswith(stem):
            continue
        rest = got[len(stem) :]
        if rest in ends:
            return rest
        folded = [e for e in ends if _fold(e) == _fold(rest)]
        if folded:
            return folded[0]
    return None


def _nominative_parses(lw: str, analysis: _Word) -> list:
    """pymorphy3's parses of the word as the nominative it is in the term, best first."""
    pos = "ADJF" if analysis.is_adj else "NOUN"
    numbers = analysis.numbers
    return [
        p
        for p in _parse(lw)
        if p.tag.POS == pos and p.tag.case == "nomn" and (not numbers or p.tag.number in numbers)
        and (not analysis.is_adj or analysis.gender is None or p.tag.gender in (None, analysis.gender))
    ]


def _has_tag(lw: str, grammemes: tuple[str, ...]) -> bool:
    return any(p.tag.case == "nomn" and any(g in p.tag for g in grammemes) for p in _parse(lw))


@functools.lru_cache(maxsize=4096)
def _parse(lw: str) -> tuple:
    morph = _morph()
    return tuple(morph.parse(lw)) if morph is not None else ()


@functools.cache
def _morph():
    """The pymorphy3 analyzer, created on first use (None when pymorphy3 is not installed)."""
    try:
        import pymorphy3
    except ImportError:
        return None
    return pymorphy3.MorphAnalyzer()

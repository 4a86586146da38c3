"""Azerbaijani and Kazakh suffixes on names: which letter strings are suffix chains, and how a
chain is rewritten for the canonical stem. Every expected value follows from the grammar
(harmony from the stem's last vowel, buffer consonants and Kazakh assimilation from its last sound)."""


import pytest

from glossary.lint.turkic import (carry_suffix, form_alphabet, is_kazakh_latin_word, is_suffix_chain, kazakh_name_in_latin,
                                  latin_alphabet_of, prose_latin_alphabet_of)


@pytest.mark.parametrize(
    ("lang", "stem", "rest"),
    [
        # Azerbaijani
        pytest.param("az", "Füzuli", "də", id="az-locative-front-harmony"),
        pytest.param("az", "Qəbələ", "dəki", id="az-attributive"),
        pytest.param("az", "Qəbələ", "dəkilər", id="az-attributive-plural"),
        pytest.param("az", "Füzuli", "dəkilərdən", id="az-attributive-plural-ablative"),
        pytest.param("az", "Füzuli", "dədir", id="az-copula-after-locative"),
        pytest.param("az", "Bakı", "nın", id="az-genitive-buffer-n-after-vowel"),
        pytest.param("az", "Naxçıvan", "ın", id="az-genitive-after-consonant"),
        pytest.param("az", "Zəngəzur", "un", id="az-genitive-rounded-harmony"),
        pytest.param("az", "Qazaxıstan", "ı", id="az-accusative-after-consonant"),
        pytest.param("az", "Şuşa", "ya", id="az-dative-buffer-y-after-vowel"),
        pytest.param("az", "Naxçıvan", "ında", id="az-possessive-then-pronominal-locative"),
        pytest.param("az", "Bakı", "sından", id="az-possessive-buffer-s-then-ablative"),
        pytest.param("az", "Gəncə", "ylə", id="az-instrumental-after-vowel"),
        pytest.param("az", "Qarabağ", "la", id="az-instrumental-after-consonant"),
        pytest.param("az", "Şəki", "lilər", id="az-derivational-li-plural"),
        pytest.param("az", "Azərbaycan", "lılığı", id="az-derivational-liq-q-to-gh-before-vowel"),
        pytest.param("az", "Qarabağ", "ımızın", id="az-first-plural-possessive-genitive"),
        pytest.param("az", "Qabala", "də", id="az-disharmonic-suffix-accepted"),
        pytest.param("az", "FÜZULİ", "DƏKİ", id="az-capitals-dotted-i"),
        pytest.param("az", "NAXÇIVAN", "INDA", id="az-capitals-dotless-i"),
        pytest.param("az", "Füzuli", "də\u00adki", id="az-soft-hyphen-inside-suffix"),
        pytest.param("az", "Zəngəzur dəhlizi", "ndə", id="az-izafet-name-pronominal-locative"),
        pytest.param("az", "dəhlizi", "ndən", id="az-izafet-last-word-alone"),
        # Kazakh
        pytest.param("kk", "Тоқаев", "тың", id="kk-genitive-after-voiceless-russian-spelling"),
        pytest.param("kk", "Ақтау", "да", id="kk-locative-after-sonorant-u"),
        pytest.param("kk", "Астана", "дағы", id="kk-attributive-after-vowel"),
        pytest.param("kk", "Астана", "сындағы", id="kk-possessive-then-pronominal-attributive"),
        pytest.param("kk", "Астана", "дағылар", id="kk-attributive-plural"),
        pytest.param("kk", "Қазақстан", "ның", id="kk-genitive-after-nasal"),
        pytest.param("kk", "Қазақстан", "нан", id="kk-ablative-after-nasal"),
        pytest.param("kk", "Қазақстан", "ды", id="kk-accusative-after-nasal"),
        pytest.param("kk", "Жамбыл", "дың", id="kk-genitive-after-l"),
        pytest.param("kk", "Орал", "дар", id="kk-plural-after-l-takes-d"),
        pytest.param("kk", "Ақтау", "лық", id="kk-derivational-lyq-after-u"),
        pytest.param("kk", "Қазақстан", "дықтардың", id="kk-derivational-plural-genitive"),
        pytest.param("kk", "Тоқаев", "пен", id="kk-instrumental-after-voiceless"),
        pytest.param("kk", "Тараз", "бен", id="kk-instrumental-after-voiced-z"),
        pytest.param("kk", "Шымкент", "ке", id="kk-dative-voiceless-front"),
        pytest.param("kk", "Қазақстан", "ыма", id="kk-first-singular-possessive-dative-a"),
        pytest.param("kk", "Астана", "мызда", id="kk-first-plural-possessive-locative"),
        pytest.param("kk", "Алматы", "лықтарға", id="kk-three-morphemes"),
        pytest.param("kk", "ТОҚАЕВ", "ТЫҢ", id="kk-capitals"),
        pytest.param("kk", "Тоқаев", "ке", id="kk-disharmonic-suffix-accepted"),
        pytest.param("kk", "Тоқаев", "дың", id="kk-voiced-variant-after-final-v-accepted"),
        pytest.param("kk", "Баку", "ның", id="kk-final-u-after-consonant-read-as-vowel-accepted"),
        pytest.param("kk", "Баку", "дың", id="kk-final-u-after-consonant-read-as-sonorant"),
        pytest.param("kk", "Тоқаев", "тiң", id="kk-latin-i-lookalike-in-suffix"),
        pytest.param("kk", "Түркі мемлекеттері ұйымы", "на", id="kk-izafet-name-pronominal-dative"),
        # Kazakh in Latin script, read as Kazakh: the 2018 alphabet (Kazinform, Egemen) and the 2021 one
        pytest.param("kk-Latn", "Qazaqstan", "da", id="kk-latn-locative-kazinform"),
        pytest.param("kk-Latn", "Ázirbaıjan", "da", id="kk-latn-locative-after-y-read-as-i-short"),
        pytest.param("kk-Latn", "Qazaqstan", "nyń", id="kk-latn-2018-genitive"),
        pytest.param("kk-Latn", "Aqtaý", "dyń", id="kk-latn-2018-u-acute-is-sonorant"),
        pytest.param("kk-Latn", "Äzerbaijan", "ğa", id="kk-latn-2021-dative"),
        pytest.param("kk-Latn", "QAZAQSTAN", "DA", id="kk-latn-capitals"),
    ],
)
def test_suffix_chains_are_accepted(lang, stem, rest):
    assert is_suffix_chain(lang, stem, rest)


@pytest.mark.parametrize(
    ("lang", "stem", "rest"),
    [
        pytest.param("az", "Alat", "au", id="az-alatau-is-not-alat"),
        pytest.param("az", "Astana", "xyz", id="az-letters-that-are-no-suffix"),
        pytest.param("az", "Baku", "vian", id="az-bakuvian"),
        pytest.param("az", "Qazax", "ıstan", id="az-qazaxistan-is-not-qazax"),
        pytest.param("az", "Gəncə", "vi", id="az-gencevi-is-not-gence"),
        pytest.param("az", "Bakı", "xanov", id="az-bakixanov-is-not-baki"),
        pytest.param("az", "Bakı", "a", id="az-dative-needs-y-after-vowel"),
        pytest.param("az", "Naxçıvan", "nın", id="az-no-buffer-n-after-consonant"),
        pytest.param("kk-Latn", "Aqtaý", "ny", id="kk-latn-no-n-after-sonorant-u-acute"),
        pytest.param("kk-Latn", "Alma", "ty", id="kk-latn-almaty-is-not-alma"),
        pytest.param("az", "Şuşa", "nda", id="az-pronominal-n-needs-a-possessive"),
        pytest.param("az", "Bakı", "nıda", id="az-accusative-ends-the-chain"),
        pytest.param("az", "Bakı", "larlar", id="az-double-plural"),
        pytest.param("az", "Gəncə", "dirdir", id="az-double-copula"),
        pytest.param("az", "Azərbaycan", "lığ", id="az-gh-form-only-before-vowel"),
        pytest.param("kk", "Алма", "ты", id="kk-almaty-is-not-alma-plus-accusative"),
        pytest.param("kk", "Ақ", "тау", id="kk-aktau-is-not-ak"),
        pytest.param("kk", "Қазақ", "стан", id="kk-kazakhstan-is-not-kazakh"),
        pytest.param("kk", "Ақтау", "сы", id="kk-possessive-s-only-after-vowel"),
        pytest.param("kk", "Қазақстан", "дың", id="kk-genitive-after-nasal-is-not-d"),
        pytest.param("kk", "Астана", "та", id="kk-voiceless-locative-not-after-vowel"),
        pytest.param("kk", "Астана", "сыда", id="kk-case-after-possessive-needs-n"),
        pytest.param("kk", "Тоқаев", "тыңтың", id="kk-double-genitive"),
        pytest.param("en", "Kazakhstan", "i", id="en-never-takes-suffixes"),
        pytest.param("ru", "Актау", "да", id="ru-is-not-handled-here"),
    ],
)
def test_other_letters_are_rejected(lang, stem, rest):
    assert not is_suffix_chain(lang, stem, rest)


@pytest.mark.parametrize(
    ("lang", "found", "rest", "new", "expected"),
    [
        # Azerbaijani
        pytest.param("az", "Qabala", "da", "Qəbələ", "də", id="az-locative-takes-new-front-harmony"),
        pytest.param("az", "Fizuli", "də", "Füzuli", "də", id="az-locative-unchanged"),
        pytest.param("az", "Fizuli", "nin", "Füzuli", "nin", id="az-genitive-unchanged"),
        pytest.param("az", "Zangazur", "un", "Zəngəzur", "un", id="az-genitive-rounded"),
        pytest.param("az", "Naxçivan", "a", "Naxçıvan", "a", id="az-dative-after-consonant"),
        pytest.param("az", "Gabala", "ya", "Qəbələ", "yə", id="az-dative-buffer-y-front"),
        pytest.param("az", "Bakı", "dan", "Şuşa", "dan", id="az-ablative-back"),
        pytest.param("az", "Şəki", "nin", "Gəncə", "nin", id="az-genitive-front-unrounded"),
        pytest.param("az", "Stepanakert", "ə", "Xankəndi", "yə", id="az-dative-gains-buffer-y"),
        pytest.param("az", "Xankəndi", "nin", "Stepanakert", "in", id="az-genitive-loses-buffer-n"),
        pytest.param("az", "Stepanakert", "ində", "Xankəndi", "sində", id="az-possessive-gains-buffer-s"),
        pytest.param("az", "Qabala", "dakılardan", "Qəbələ", "dəkilərdən", id="az-four-morphemes-reharmonised"),
        pytest.param("az", "Qabala", "dadır", "Qəbələ", "dədir", id="az-copula-reharmonised"),
        pytest.param("az", "Qabala", "lılar", "Qəbələ", "lilər", id="az-derivational-reharmonised"),
        pytest.param("az", "Turk", "luğu", "Türk", "lüyü", id="az-luq-becomes-luy-on-front-rounded-stem"),
        pytest.param("az", "FIZULI", "NIN", "Füzuli", "nin", id="az-capitals-read-with-dotless-i"),
        pytest.param("az", "Zangezur koridoru", "nda", "Zəngəzur dəhlizi", "ndə", id="az-izafet-to-izafet"),
        pytest.param("az", "Zangezur", "da", "Zəngəzur dəhlizi", "ndə", id="az-noun-phrase-takes-pronominal-n"),
        pytest.param("az", "Fizuli", "də", "Məhəmməd Füzuli", "də", id="az-person-name-is-no-izafet"),
        # Kazakh
        pytest.param("kk", "Токаев", "тың", "Тоқаев", "тың", id="kk-genitive-voiceless-back-root"),
        pytest.param("kk", "Токаев", "қа", "Тоқаев", "қа", id="kk-dative-voiceless-back-root"),
        pytest.param("kk", "Токаев", "дың", "Тоқаев", "тың", id="kk-voiced-variant-made-voiceless"),
        pytest.param("kk", "Токаев", "тiң", "Тоқаев", "тың", id="kk-latin-i-and-harmony-corrected"),
        pytest.param("kk", "Актау", "да", "Ақтау", "да", id="kk-locative-after-u"),
        pytest.param("kk", "Алма-Ата", "да", "Алматы", "да", id="kk-locative-after-vowel"),
        pytest.param("kk", "Нұр-Сұлтан", "ға", "Астана", "ға", id="kk-dative-nasal-to-vowel"),
        pytest.param("kk", "Казахстан", "ның", "Қазақстан", "ның", id="kk-genitive-after-nasal-is-n"),
        pytest.param("kk", "Астана", "дағы", "Алматы", "дағы", id="kk-attributive"),
        pytest.param("kk", "Нұр-Сұлтан", "нан", "Астана", "дан", id="kk-ablative-nasal-to-vowel"),
        pytest.param("kk", "Астана", "ны", "Нұр-Сұлтан", "ды", id="kk-accusative-vowel-to-nasal"),
        pytest.param("kk", "Семипалатинск", "ке", "Семей", "ге", id="kk-dative-voiceless-to-sonorant-front"),
        pytest.param("kk", "Алматы", "лықтар", "Қазақстан", "дықтар", id="kk-derivational-plural-after-nasal"),
        pytest.param("kk", "Алма-Ата", "лығы", "Шымкент", "тігі", id="kk-lyq-voicing-and-harmony"),
        pytest.param("kk", "Қазақстан", "ыма", "Алматы", "ма", id="kk-first-singular-possessive-after-vowel"),
        pytest.param("kk", "Астана", "сында", "Қазақстан", "ында", id="kk-possessive-after-consonant"),
        pytest.param("kk", "ТОКАЕВ", "ТЫҢ", "Тоқаев", "тың", id="kk-capitals-give-lowercase"),
        pytest.param("kk", "COP", "та", "COP29", "да", id="kk-number-read-as-spoken-word"),
        pytest.param("kk", "Астана", "да", "Баку", "де", id="kk-baku-takes-front-suffixes-as-outlets-write"),
        pytest.param("kk", "Астана", "дағы", "Баку", "дегі", id="kk-baku-attributive-front"),
        pytest.param("kk", "Астана", "да", "Ақсу", "да", id="kk-native-word-in-consonant-u-keeps-back"),
        pytest.param("kk-Latn", "Ázirbaıjan", "da", "Ázerbaıjan", "da", id="kk-latn-2018-locative"),
        pytest.param("kk-Latn", "Aqtaý", "dan", "Qazaqstan", "nan", id="kk-latn-ablative-sonorant-to-nasal"),
        pytest.param("kk-Latn", "Astana", "ǵa", "Aqtaý", "ǵa", id="kk-latn-2018-dative-keeps-its-letters"),
        pytest.param("kk-Latn", "Ázerbaıjan", "nyń", "Äzerbaijan", "nyñ", id="kk-latn-2021-name-takes-2021-suffix"),
        pytest.param("kk-Latn", "Qazaqstan", "ǵa", "Astana", "ǵa", id="kk-latn-dative-nasal-to-vowel"),
    ],
)
def test_carry_suffix(lang, found, rest, new, expected):
    assert carry_suffix(lang, found, rest, new) == expected


@pytest.mark.parametrize(
    ("lang", "found", "rest", "new"),
    [
        pytest.param("az", "Alat", "au", "Ələt", id="az-not-a-chain"),
        pytest.param("kk", "Алма", "ты", "Алматы", id="kk-not-a-chain"),
        pytest.param("en", "Fizuli", "s", "Fuzuli", id="en-not-handled"),
    ],
)
def test_carry_suffix_of_a_non_chain_is_none(lang, found, rest, new):
    assert carry_suffix(lang, found, rest, new) is None



@pytest.mark.parametrize(
    ("text", "alphabet"),
    [
        pytest.param("Qazaqstan men Ázerbaıjan kelisimge qol qoıdy.", 2018, id="2018-acute-letters"),
        pytest.param("Qazaqstan men Äzerbaijan kelisimge qol qoidy.", 2021, id="2021-letters"),
        pytest.param("Qazaqstan men Astana", None, id="neither"),
        pytest.param("Bakýde Öner", 2018, id="a-tie-is-read-as-2018-the-one-agencies-print"),
    ],
)
def test_latin_alphabet_of_a_text(text, alphabet):
    assert latin_alphabet_of(text) == alphabet


@pytest.mark.parametrize(
    ("form", "alphabet"),
    [
        pytest.param("Aqtaý", 2018, id="acute"),
        pytest.param("Semeı", 2018, id="dotless-i-alone"),
        pytest.param("Äzerbaijan", 2021, id="umlaut"),
        pytest.param("Türkıstan", 2021, id="2021-letter-beside-dotless-i"),
        pytest.param("Aqtau", None, id="no-telling-letter"),
        pytest.param("Astana", None, id="same-in-both"),
    ],
)
def test_form_alphabet(form, alphabet):
    assert form_alphabet(form) == alphabet


@pytest.mark.parametrize(
    ("name", "alphabet", "latin"),
    [
        pytest.param("Нұрсұлтан Назарбаев", 2018, "nursultan nazarbaev", id="2018-u-bar"),
        pytest.param("Гейдар Әлиев", 2018, "geıdar álıev", id="2018-short-i-and-schwa"),
        pytest.param("Ильхам Әлиев", 2021, "ilham äliev", id="2021-soft-sign-dropped"),
        pytest.param("Маңғыстау", 2021, "mañğystau", id="2021-u-is-u"),
        pytest.param("Маңғыстау", 2018, "mańǵystaý", id="2018-u-is-u-acute"),
    ],
)
def test_kazakh_name_in_latin(name, alphabet, latin):
    assert kazakh_name_in_latin(name, alphabet) == latin


KAZAKH_FIRST_WORDS = frozenset({"qazaqstan", "astana", "baku"})


@pytest.mark.parametrize(
    ("word", "kazakh"),
    [
        pytest.param("Astanaǵa", True, id="2018-letter"),
        pytest.param("Äzerbaijanğa", True, id="2021-letters"),
        pytest.param("Prezıdentimen", True, id="dotless-i"),
        pytest.param("Qazaqstan", True, id="a-kazakh-latin-name"),
        pytest.param("Qazaqstanda", True, id="a-kazakh-latin-name-with-a-suffix"),
        pytest.param("Foundation", False, id="english-word"),
        pytest.param("Shipyard", False, id="english-word-no-name"),
        pytest.param("Astanax", False, id="a-name-and-no-suffix"),
    ],
)
def test_is_kazakh_latin_word(word, kazakh):
    assert is_kazakh_latin_word(word, KAZAKH_FIRST_WORDS) is kazakh


@pytest.mark.parametrize(
    ("text", "alphabet"),
    [
        pytest.param("Qazaqstannyń ekonomıkasy ósti.", 2018, id="2018-with-its-n-acute"),
        pytest.param("Jük Astanağa jetti.", 2021, id="2021-with-its-g-breve"),
        pytest.param("Kezdesý ótti.", None, id="acute-vowels-alone"),
        pytest.param("Memleket basshysynyng bastamasy kýsheytu ýshin.", None, id="abai-kz-latin-digraphs"),
        pytest.param("Qazaqstan men Astana.", None, id="no-telling-letter"),
    ],
)
def test_prose_latin_alphabet_of(text, alphabet):
    assert prose_latin_alphabet_of(text) == alphabet

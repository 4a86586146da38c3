"""A finding's "why" in the UI's language.

The library's finding messages are English (the CLI's, and the JSON contract's ``message``) and
know no gettext. Each is a ``glossary.lint.messages.Message`` made of parts, a stable id and its
arguments; here every id has its sentence for the UI, through gettext, and the arguments are said
in the UI's language too: language names ("на русском", "rus dilində"), lists, dates, periods.
tests/web/test_why.py checks that every id of ``TEMPLATES`` has a sentence here.
"""

from __future__ import annotations

import datetime
import unicodedata

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

# one entry per id of glossary.lint.messages.TEMPLATES; a part's text follows the one before it
WHY = {
    "deprecated": _l("“%(form)s” is a deprecated form"),
    "former": _l("“%(form)s” is a former name"),
    "former.dated": _l("“%(form)s” is a former name, in use %(periods)s"),
    "anachronism": _l("“%(form)s” was not yet the name on %(date)s; the glossary has it in use %(periods)s"),
    "wrong-language": _l("“%(form)s” is how it is written %(langs)s"),
    "wrong-language.deprecated": _l("“%(form)s” is a deprecated form %(langs)s"),
    "wrong-language.superseded": _l("“%(form)s” is a superseded form %(langs)s"),
    "use.preferred": _l("; %(lang)s it is written “%(target)s”"),
    "use.admitted": _l("; write “%(target)s”"),
    "use.none": _l("; the glossary has no preferred form %(lang)s"),
    "use.at-date": _l("; at that date the name %(lang)s was “%(target)s”"),
    "use.none-at-date": _l("; the glossary has no name %(lang)s for that date"),
    "note": _l(" (%(note)s)"),
    "note.dashed": _l(" – %(note)s"),
    "note.style": _l(" (preferred in the house style %(styles)s: %(note)s)"),
    "note.style.dashed": _l(" – preferred in the house style %(styles)s: %(note)s"),
    "inconsistent": _l("this text writes one name both as “%(form)s” and as “%(reference)s”; choose one form"),
    "inconsistent.alphabet": _l("“%(form)s” is not how the %(alphabet)s Kazakh Latin alphabet of this text writes the name; "
                                "write “%(target)s”"),
    "mixed-script": _l("this word mixes Latin and Cyrillic letters: %(letters)s"),
    "unknown-variant": _l("this word is not in the glossary, but it is one letter away from “%(written)s”"),
    "unknown-variant.in-name": _l("this word is not in the glossary, but it is one letter away from “%(written)s” "
                                  "in the name “%(name)s”"),
    "qa.missing-name": _l("the source names “%(found)s”, and the translation does not name it in any form; "
                          "%(lang)s it is written “%(rendering)s”"),
    "qa.number-differs": _l("“%(found)s” where the source has “%(expected)s”"),
    "qa.number-extra": _l("“%(found)s” is not in the source"),
    "qa.number-missing": _l("the source's “%(number)s” is not in the translation (%(lang)s it is written %(written)s)"),
    "qa.placeholder-missing": _l("the source's placeholder “%(placeholder)s” is missing"),
    "qa.placeholder-extra": _l("the placeholder “%(placeholder)s” is not in the source"),
    "qa.placeholder-order": _l("unnamed placeholders are filled in order: the source has “%(expected)s” here; "
                               "keep the order or number them (%%1$s, {0})"),
    "qa.tag-missing": _l("the source's tag “%(tag)s” is missing"),
    "qa.tag-extra": _l("the tag “%(tag)s” is not in the source"),
    "qa.tag-unclosed": _l("the tag “%(tag)s” is opened and never closed"),
    "qa.tag-stray": _l("the closing tag “%(tag)s” closes nothing that is open"),
    "version.missing-name": _l("the %(version)s version names “%(written)s” here, and this version does not name it "
                               "in any form; %(lang)s it is written “%(expected)s”"),
    "version.missing-name.anywhere": _l("the %(version)s version names “%(written)s” here, and this version does not "
                                        "name it in any form, here or anywhere else; %(lang)s it is written "
                                        "“%(expected)s”"),
    "versions.missing-name": _l("the %(versions)s versions name “%(written)s” here, and this version does not name it "
                                "in any form; %(lang)s it is written “%(expected)s”"),
    "versions.missing-name.anywhere": _l("the %(versions)s versions name “%(written)s” here, and this version does not "
                                         "name it in any form, here or anywhere else; %(lang)s it is written "
                                         "“%(expected)s”"),
    "version.number-differs": _l("“%(found)s” where the other version has “%(expected)s”"),
    "versions.number-differs": _l("“%(found)s” where the other versions have “%(expected)s”"),
    "version.number-extra": _l("“%(found)s” is in no other version here"),
    "version.number-missing": _l("the other version has “%(written)s” here, and this one does not"),
    "versions.number-missing": _l("the other versions have “%(written)s” here, and this one does not"),
}

# a language inside a sentence, as "in Russian" is said: each UI language has one such form for all the sentences
IN_LANGUAGE = {
    "en": _l("in English"),
    "az": _l("in Azerbaijani"),
    "kk": _l("in Kazakh"),
    "ru": _l("in Russian"),
    "kk-Latn": _l("in Kazakh (Latin script)"),
}
IN_OTHER_LANGUAGE = _l("in %(language)s")  # a language the UI has no sentence for: its name from CLDR

SCRIPTS = {"CYRILLIC": _l("Cyrillic"), "LATIN": _l("Latin")}
LETTER = _l("“%(letter)s” (%(script)s, U+%(code)s)")

PERIOD = _l("from %(start)s to %(end)s")
UNTIL = _l("until %(end)s")
SINCE = _l("since %(start)s")


def why(message: str, locale: Locale | None = None) -> str | None:
    """``message`` (a finding's) in ``locale``, by default the request's language; None in English (the
    message itself says it), or for a message that is not made of parts. A response of many findings
    passes the request's locale (``ui_locale``), found once."""
    parts = getattr(message, "parts", None)
    if locale is None:
        locale = get_locale()
    if parts is None or locale is None or locale.language == "en":
        return None
    try:
        return "".join(str(WHY[id]) % _arguments(args, locale) for id, args in parts)
    except KeyError:  # an id that this version of the web app has no sentence for: the English one stays
        return None


def ui_locale() -> Locale | None:
    """The request's language when a finding's message is to be said in it; None in English."""
    locale = get_locale()
    return None if locale is None or locale.language == "en" else locale


def _arguments(args: dict, locale: Locale) -> dict:
    said = dict(args)
    for key, value in args.items():
        if key == "lang":
            said[key] = in_language(value, locale)
        elif key == "langs":
            said[key] = format_list([in_language(code, locale) for code in value], locale=locale)
        elif key in ("versions", "styles"):
            said[key] = format_list(list(value), locale=locale)
        elif key == "periods":
            said[key] = format_list([_period(p) for p in value], locale=locale)
        elif key == "date" and isinstance(value, datetime.date):
            said[key] = format_date(value, "long", locale=locale)
        elif key == "odd":
            said["letters"] = format_list([_letter(ch) for ch in value], locale=locale)
    return said


def in_language(code: str, locale: Locale) -> str:
    """'in Russian' in the UI's language: на русском, rus dilində, орыс тілінде."""
    if code in IN_LANGUAGE:
        return str(IN_LANGUAGE[code])
    try:
        name = Locale.parse(code, sep="-").get_language_name(locale)
    except (ValueError, TypeError, LookupError):
        name = None
    return str(IN_OTHER_LANGUAGE) % {"language": name or code}


def _period(period) -> str:
    """A validity period with the dates as the glossary writes them (1935, 1997-11, 2019-03-20)."""
    start, _, end = str(period).partition("/")
    if start and end:
        return str(PERIOD) % {"start": start, "end": end}
    return str(UNTIL) % {"end": end} if end else str(SINCE) % {"start": start}


def _letter(ch: str) -> str:
    script = next((name for key, name in SCRIPTS.items() if key in unicodedata.name(ch, "")), "")
    return str(LETTER) % {"letter": ch, "script": script, "code": f"{ord(ch):04X}"}

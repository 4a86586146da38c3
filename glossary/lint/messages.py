"""The words of a finding's message: which languages write a form, and what the finding says.

A message is a ``Message``: the English text the CLI prints and the JSON's ``message`` carries,
made of parts, each a stable id from ``TEMPLATES`` and its arguments. The library knows no
gettext; the web app says the same parts in the UI's language (webapp/why.py has a translation
for every id here, and tests/web/test_why.py checks that).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from ..records import ACCEPTED_STATUSES, TermStatus
from .matcher import Form, Matcher

_LANGUAGE_NAMES = {"en": "English", "az": "Azerbaijani", "kk": "Kazakh", "ru": "Russian", "kk-Latn": "Kazakh Latin"}
_BRACKETS = re.compile(r"[()\[\]]")


# Every finding message's parts, in English: the id, then the template its arguments fill. A message's
# text is its parts' texts one after the other. Arguments: texts as written (``{form!r}`` quotes them as
# Python does), ``lang`` a language code and ``langs`` a tuple of them (named by the message's
# ``names``), ``versions`` a tuple of codes (written as codes), ``periods`` a tuple of ValidityPeriod,
# ``date`` a datetime.date, ``styles`` a tuple of house style names.
TEMPLATES = {
    # the lint's term rules (``Wording.message``): what the form is ...
    "deprecated": "{form!r} is a deprecated form",
    "former": "{form!r} is a former name",
    "former.dated": "{form!r} is a former name, dated {periods}",
    "anachronism": "{form!r} was not yet the name on {date}; the glossary dates it {periods}",
    "wrong-language": "{form!r} is the {langs} form",
    "wrong-language.deprecated": "{form!r} is a deprecated form in {langs}",
    "wrong-language.superseded": "{form!r} is a superseded form in {langs}",
    # ... what to write instead ...
    "use.preferred": "; the {lang} form is {target!r}",
    "use.admitted": "; write {target!r}",
    "use.none": "; the glossary has no preferred {lang} form",
    "use.at-date": "; at that date the {lang} name was {target!r}",
    "use.none-at-date": "; the glossary has no {lang} name for that date",
    # ... and why: the form's note (in brackets, unless it has brackets of its own: then after a dash)
    "note": " ({note})",
    "note.dashed": " - {note}",
    "note.style": " (preferred in house style {styles}: {note})",
    "note.style.dashed": " - preferred in house style {styles}: {note}",
    # the lint's other rules
    "inconsistent": "this document writes one name as {form!r} and as {reference!r}; use one form",
    "inconsistent.alphabet": "{form!r} is not how the {alphabet} Kazakh Latin alphabet of this text writes the name; "
                             "write {target!r}",
    "mixed-script": "this word mixes Latin and Cyrillic letters: {letters}",
    "unknown-variant": "not in the glossary, but one letter from {written!r}",
    "unknown-variant.in-name": "not in the glossary, but one letter from {written!r}, a word of {name!r}",
    # tilmash qa on a source and its translation
    "qa.missing-name": "the source names {found!r}; the translation does not name it in any form: "
                       "the {lang} form is {rendering!r}",
    "qa.number-differs": "{found!r} where the source has {expected!r}",
    "qa.number-extra": "{found!r} is not in the source",
    "qa.number-missing": "the source's {number!r} is not in the translation ({written} in {lang} notation)",
    "qa.placeholder-missing": "the source's placeholder {placeholder!r} is missing",
    "qa.placeholder-extra": "placeholder {placeholder!r} is not in the source",
    "qa.placeholder-order": "unnamed placeholders are filled in order: {expected!r} comes here in the source; "
                            "keep the order or number them (%1$s, {{0}})",
    "qa.tag-missing": "the source's tag {tag!r} is missing",
    "qa.tag-extra": "tag {tag!r} is not in the source",
    "qa.tag-unclosed": "tag {tag!r} is opened and never closed",
    "qa.tag-stray": "closing tag {tag!r} closes nothing that is open",
    # tilmash qa --versions
    "version.missing-name": "the {version} version names {written!r} here; this version does not name it in any form: "
                            "the {lang} form is {expected!r}",
    "version.missing-name.anywhere": "the {version} version names {written!r} here; this version does not name it in "
                                     "any form, nor anywhere else in this version: the {lang} form is {expected!r}",
    "versions.missing-name": "the {versions} versions name {written!r} here; this version does not name it in any "
                             "form: the {lang} form is {expected!r}",
    "versions.missing-name.anywhere": "the {versions} versions name {written!r} here; this version does not name it "
                                      "in any form, nor anywhere else in this version: the {lang} form is {expected!r}",
    "version.number-differs": "{found!r} where the other version has '{expected}'",
    "versions.number-differs": "{found!r} where the other versions have '{expected}'",
    "version.number-extra": "{found!r} is in no other version here",
    "version.number-missing": "the other version gives '{written}' here; this version does not",
    "versions.number-missing": "the other versions give '{written}' here; this version does not",
}


class Message(str):
    """A finding's message: the English text (a str, so that every output uses it as before), and
    ``parts``, the ``(id, arguments)`` pairs it was made of, for saying it in another language."""

    parts: tuple[tuple[str, dict], ...]

    def __new__(cls, parts: tuple[tuple[str, dict], ...], names: Callable[[str], str] | None = None) -> Message:
        """The message of ``parts``; ``names`` names a language in English (the lint's own names by default)."""
        names = names or _language_name
        self = super().__new__(cls, "".join(TEMPLATES[id].format(**_english(args, names)) for id, args in parts))
        self.parts = parts
        return self

    @classmethod
    def of(cls, id: str, names: Callable[[str], str] | None = None, **args) -> Message:
        """A message of one part."""
        return cls(((id, args),), names)

    def __reduce__(self):  # a finding made in a forked worker travels pickled; the text is made again from the parts
        return _rebuilt, (str(self), self.parts)


def _rebuilt(text: str, parts: tuple) -> Message:
    self = str.__new__(Message, text)
    self.parts = parts
    return self


def _english(args: dict, names: Callable[[str], str]) -> dict:
    english = dict(args)
    if "lang" in args:
        english["lang"] = names(args["lang"])
    if "langs" in args:
        english["langs"] = _names(args["langs"])
    if "periods" in args:
        english["periods"] = " and ".join(p.describe() for p in args["periods"])
    if "date" in args:
        english["date"] = args["date"].isoformat()
    if "versions" in args:  # language codes, as tilmash qa --versions names the versions
        english["versions"] = ", ".join(args["versions"][:-1]) + " and " + args["versions"][-1]
    if "styles" in args:
        english["styles"] = " and ".join(args["styles"])
    return english


class Wording:
    """Messages for one compiled glossary (and what they need to know of it)."""

    def __init__(self, matcher: Matcher):
        self.matcher = matcher
        self._languages_of: dict[tuple[int, bool], list[str]] = {}
        # one Message for every finding of a form that says the same: a name written many times holds one
        # message and its parts (about 1 kB), not one each
        self._messages: dict[tuple, Message] = {}

    def languages_writing(self, form: Form, accepted: bool = False) -> list[str]:
        """The languages whose column of its concept has ``form``'s text (accepted there, if ``accepted``),
        in the glossary's order."""
        key = (id(form), accepted)
        if key not in self._languages_of:
            text = form.compact.casefold()
            self._languages_of[key] = list(dict.fromkeys(
                f.language for f in self.matcher.concepts[form.concept].forms
                if f.compact.casefold() == text and (not accepted or f.status in ACCEPTED_STATUSES)))
        return self._languages_of[key]

    def message(self, rule: str, form: Form, target: Form | None, language: str, date: datetime.date) -> Message:
        """The finding's message: what ``form`` is, what to write instead (``target``), and why."""
        key = (rule, id(form), id(target), language, date)
        said = self._messages.get(key)
        if said is None:
            said = self._messages[key] = self._message(rule, form, target, language, date)
        return said

    def _message(self, rule: str, form: Form, target: Form | None, language: str, date: datetime.date) -> Message:
        # A term's note explains its default status; a house style that changed the status makes it beside the point.
        # The whole note: its clauses after a semicolon are often the reason itself ("Russian spelling leaking
        # into Kazakh text; Akorda writes Әлиев").
        note = "" if form.restyled else (form.note or "").strip()
        reason: list[tuple[str, dict]] = []
        if note.lower().startswith("uncertain") or rule in ("term.wrong-language", "term.anachronism"):
            pass
        elif form.preferred_in:  # the note says why a house style prefers it: say whose, or it reads as a reason to use it
            styles = tuple(form.preferred_in)
            # in brackets, unless it has brackets of its own: then after a dash (no brackets in brackets)
            dashed = _BRACKETS.search(f"preferred in house style {' and '.join(styles)}: {note}")
            reason.append(("note.style.dashed" if dashed else "note.style", {"styles": styles, "note": note}))
        elif note:
            reason.append(("note.dashed" if _BRACKETS.search(note) else "note", {"note": note}))
        parts: list[tuple[str, dict]] = []
        if rule == "term.wrong-language":
            accepted = self.languages_writing(form, accepted=True)
            if accepted:
                parts.append(("wrong-language", {"form": form.text, "langs": tuple(accepted)}))
            else:
                parts.append((f"wrong-language.{form.status.value}",
                              {"form": form.text, "langs": tuple(self.languages_writing(form))}))
        elif rule == "term.anachronism":
            parts.append(("anachronism", {"form": form.text, "date": date, "periods": tuple(form.periods)}))
        elif rule == "term.superseded":
            # the note is the former name's ("the city's name 1935–1989"): right after it, not after the
            # name to write, where it would read as that name's
            parts.append(("former.dated", {"form": form.text, "periods": tuple(form.periods)}) if form.periods
                         else ("former", {"form": form.text}))
            parts.extend(reason)
            reason = []
        else:
            parts.append(("deprecated", {"form": form.text}))
        if rule == "term.anachronism" and target is None:
            parts.append(("use.none-at-date", {"lang": language}))
        elif target is None:
            parts.append(("use.none", {"lang": language}))
        elif rule == "term.anachronism":
            parts.append(("use.at-date", {"lang": language, "target": target.text}))
        elif target.status is TermStatus.PREFERRED:
            parts.append(("use.preferred", {"lang": language, "target": target.text}))
        else:
            parts.append(("use.admitted", {"target": target.text}))
        return Message(tuple(parts + reason))


def _language_name(language: str) -> str:
    return _LANGUAGE_NAMES.get(language, language)


def _names(languages: list[str]) -> str:
    """'Kazakh', 'Kazakh and Russian', 'English, Kazakh and Russian'."""
    names = [_language_name(language) for language in languages]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

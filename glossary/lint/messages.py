"""The words of a finding's message: which languages write a form, and what the finding says."""

from __future__ import annotations

import datetime
import re

from ..records import ACCEPTED_STATUSES, TermStatus
from .matcher import Form, Matcher

_LANGUAGE_NAMES = {"en": "English", "az": "Azerbaijani", "kk": "Kazakh", "ru": "Russian", "kk-Latn": "Kazakh Latin"}
_BRACKETS = re.compile(r"[()\[\]]")


class Wording:
    """Messages for one compiled glossary (and what they need to know of it)."""

    def __init__(self, matcher: Matcher):
        self.matcher = matcher
        self._languages_of: dict[tuple[int, bool], list[str]] = {}

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

    def message(self, rule: str, form: Form, target: Form | None, language: str, date: datetime.date) -> str:
        """The finding's message: what ``form`` is, what to write instead (``target``), and why."""
        name = _language_name(language)
        periods = " and ".join(p.describe() for p in form.periods)
        # A term's note explains its default status; a house style that changed the status makes it beside the point.
        reason = "" if form.restyled else (form.note or "").split(";")[0].strip()
        if reason.lower().startswith("uncertain") or rule in ("term.wrong-language", "term.anachronism"):
            reason = ""
        elif form.preferred_in:  # the note says why a house style prefers it: say whose, or it reads as a reason to use it
            reason = f"preferred in house style {' and '.join(form.preferred_in)}: {reason}"
        # in brackets, unless it has brackets of its own: then after a dash (no brackets in brackets)
        reason = "" if not reason else f" ({reason})" if not _BRACKETS.search(reason) else f" - {reason}"
        if rule == "term.wrong-language":
            accepted = self.languages_writing(form, accepted=True)
            if accepted:
                text = f"{form.text!r} is the {_names(accepted)} form"
            else:
                text = f"{form.text!r} is a {form.status.value} form in {_names(self.languages_writing(form))}"
        elif rule == "term.anachronism":
            text = f"{form.text!r} was not yet the name on {date.isoformat()}; the glossary dates it {periods}"
        elif rule == "term.superseded":
            # the note is the former name's ("the city's name 1935–1989"): right after it, not after the
            # name to write, where it would read as that name's
            text = f"{form.text!r} is a former name" + (f", dated {periods}" if periods else "") + reason.rstrip()
            reason = ""
        else:
            text = f"{form.text!r} is a deprecated form"
        if rule == "term.anachronism" and target is None:
            text += f"; the glossary has no {name} name for that date"
        elif target is None:
            text += f"; the glossary has no preferred {name} form"
        elif rule == "term.anachronism":
            text += f"; at that date the {name} name was {target.text!r}"
        elif target.status is TermStatus.PREFERRED:
            text += f"; the {name} form is {target.text!r}"
        else:
            text += f"; write {target.text!r}"
        return text + reason


def _language_name(language: str) -> str:
    return _LANGUAGE_NAMES.get(language, language)


def _names(languages: list[str]) -> str:
    """'Kazakh', 'Kazakh and Russian', 'English, Kazakh and Russian'."""
    names = [_language_name(language) for language in languages]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

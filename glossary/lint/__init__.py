"""The lint engine: finds every name that is not in its canonical form for the
text's language and house style, and says what to write instead.

Modules: ``text`` (folding with offsets kept, words, letter case), ``markup``
(what of a plain, Markdown or HTML file is prose), ``language`` (which language a
paragraph is in), ``turkic`` and ``russian`` (inflection), ``matcher`` (the
compiled glossary), ``engine`` (findings), ``rules`` (their ids and docs),
``formatters`` (text, JSON, SARIF).
"""

"""Bilingual QA: translations checked against their sources, versions of one story against each other.

Modules: ``po`` and ``tmx`` (catalogues and memories read as units, each translation located in
the file; ``files`` picks the reader by extension), ``places`` (findings put at their place in a
file), ``pairs`` (the checks of one unit: names, numbers, placeholders, tags, the lint),
``names``, ``placeholders``, ``tags`` (what each check compares; numbers are read by
``tm.numbers``), ``segment`` (sentences), ``align`` (Gale–Church with anchors), ``versions`` (the
versions of one story). Findings are the lint's (``glossary.lint.findings``), with the
rules of ``glossary.lint.rules`` whose command is ``qa`` or ``versions``.

For the web app: ``pairs.check_pair`` (a source and its translation as texts: POST /api/qa),
``pairs.check_translation`` (the same with the source's names and the numbers that differ:
translate mode's live checks) and ``versions.check_texts`` (versions as texts).
"""

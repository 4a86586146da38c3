"""Tilmash: one glossary of names in English, Azerbaijani, Kazakh and Russian.

The library lives in ``glossary`` (termbase, matching, lint, file formats) and
``tm`` (translation memory); this package is the application shell around them:
the version and the ``tilmash`` command line.
"""

__version__ = "0.1.0"

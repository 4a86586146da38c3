"""Typed errors of the translation memory; the CLI and the web app turn them into messages."""

from __future__ import annotations

from glossary.errors import GlossaryError


class BadQuery(GlossaryError):
    """A search, concordance or export that cannot be made as asked (nothing to look for, a bad score...)."""

"""The archive audit: how a whole archive writes each name, per concept and language, and since when.

Modules: ``dates`` (the day a document is filed under), ``documents`` (one
document's names counted, with the lint engine), ``cache`` (those counts kept
on disk, keyed by content and glossary), ``ledger`` (the archive's totals
kept in columns, changed only where the archive changed), ``runner`` (many
documents, in parallel, cached), ``report`` (the counts of the whole archive, and the plain
dict every output is made from), ``candidates`` (unknown variants to add to the
glossary), ``formatters`` and ``html`` (text, JSON, CSV, HTML).
"""

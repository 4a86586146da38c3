"""The translation memory: units shaped like TMX, in the termbase's database.

Entry points for the command line, the web app and other tools (each module's
docstring says more):

- ``tm.formats.tmx.read_units(stream, path)``: a TMX file's units, streamed;
  ``tm.formats.tmx.write_units(units, stream, header)``: TMX 1.4b, streamed.
- ``tm.importing.import_files(session, paths, actor=...)``: files into the memory, all or nothing.
- ``tm.export.export_units(session, stream, source=..., target=..., origin=..., since=...)``;
  ``tm.export.export_chunks(session, ...)``: the same TMX as pieces of bytes, for a streamed download.
- ``tm.destinations.plan_import(paths, into)`` and ``run_import(session, plan, ...)``: which store each
  file goes to (glossary or memory), and the import of them all in one transaction.
- ``tm.search.search(session, text, source, target, min_score, limit) -> list[Match]``:
  fuzzy matches, scored 0-100, with what differs and, where names or numbers
  differ, the target repaired (``tm.repair``).
- ``tm.concordance.concordance(session, phrase, lang=None, limit=...)``.
- ``tm.stats.memory_stats(session)``.

``tm`` imports neither Flask nor click.
"""

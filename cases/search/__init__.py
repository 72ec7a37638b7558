"""Search as people type it: *Yilmaz* finds *Yılmaz*, *Ozturk* finds *Öztürk*, *Idrissi*,
*el idrissi* and *elidrissi* find *el Idrissi*, and *pga 2026 12* or *2026-0012* finds case
PGA-2026-0012. Case and accents never matter, on PostgreSQL and SQLite alike.

How: one function, ``keys.search_key``, folds a text to lower-case ASCII-like letters and
digits (accents and dotless ı folded, spaces, hyphens and apostrophes dropped). A youth
keeps the key of their whole name in ``Youth.search_name``; a search word is folded the same
way and must be *contained* in that key or in the case number's key.

Why a kept column and not PostgreSQL's ``unaccent``:

- The same Python function folds both sides, so SQLite (tests, demo) and PostgreSQL
  (production, CI) give the same answers by construction; with ``unaccent`` SQLite would
  need a look-alike function registered on every connection, and the two could drift
  (``unaccent`` leaves some letters alone, ``lower()`` follows the database's locale).
- No extension to create: a municipality's database account may not be allowed to.
- The key is computed when a name is written, not for every row of every search.

It is kept in step in ``Youth.save()`` (every form, service, the admin, the demo and the
test factories save through it: a writer cannot forget it) and, for the one bulk path that
skips ``save()``, in ``bench/seed.py``. Migration 0024 filled the rows that existed. The
column is derived, so its history is not kept (``excluded_fields``) and the Historie tab
does not show it.

The case number needs no column: it is ASCII in one fixed format (PGA-<year>-<n>), so its
key is a plain SQL expression (lower case, dashes removed) that both databases compute alike.

Performance: a *contains* search cannot use a B-tree index, so it reads the youth table.
At 10× the benchmark (30,000 youths) that is a scan of one short column: 6 ms on PostgreSQL
on the development machine, against 11 ms for the former ``UPPER(..) LIKE`` on two columns. A
trigram index (``pg_trgm``) would need an extension and does not help words of one or two
letters, so it is left until a measurement asks for it (issue 22).
"""

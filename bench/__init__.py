"""The city-scale benchmark (``make bench``): seed, measure, load-test, report.

It runs against its own database, never the one ``make run`` or the tests use:
PostgreSQL (``BENCH_DATABASE_NAME``, default ``pga_bench``, on the server of ``DATABASE_URL``)
when ``DATABASE_URL`` is set, else ``bench/bench.sqlite3``. Speed goals live here and only
here, never in timed unit tests.
"""

"""Production settings pointed at the benchmark's own database, served over plain HTTP on
loopback. Everything that costs time in production (two-factor check, access log, session
limits, password hashing) stays on."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
os.environ["DEBUG"] = "false"  # DEBUG keeps every query in memory and would skew timings

import dj_database_url  # noqa: E402

from bench.database import BENCH_DIR, bench_database_url  # noqa: E402
from pga.settings import *  # noqa: E402,F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES = {
    "default": with_session_options(  # noqa: F405
        dj_database_url.parse(bench_database_url(), conn_max_age=600)
    )
}

# Loopback speaks plain HTTP; in production the proxy does TLS.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

MEDIA_ROOT = BENCH_DIR / "media"
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")  # noqa: F405

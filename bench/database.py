"""Which database the benchmark uses, and how to (re)create it."""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
SQLITE_PATH = BENCH_DIR / "bench.sqlite3"


def scale() -> int:
    """How many times the city (``--scale``, passed on as BENCH_SCALE): 1 by default."""
    return int(os.environ.get("BENCH_SCALE", "1"))


def scale_suffix() -> str:
    """'' at 1×, '_x10' at 10×: each scale keeps its own database, state and results."""
    return "" if scale() == 1 else f"_x{scale()}"


def sqlite_path() -> Path:
    return SQLITE_PATH.with_name(f"bench{scale_suffix()}.sqlite3")


def bench_database_url() -> str:
    """The benchmark's own database: same PostgreSQL server as DATABASE_URL, other name."""
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{sqlite_path()}"
    parts = urlsplit(source)
    name = os.environ.get("BENCH_DATABASE_NAME", "pga_bench") + scale_suffix()
    return urlunsplit(parts._replace(path="/" + name))


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def recreate(url: str) -> None:
    """Start from an empty database, so every run seeds and measures the same thing."""
    if not is_postgres(url):
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{sqlite_path()}{suffix}").unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def exists(url: str) -> bool:
    if not is_postgres(url):
        return sqlite_path().exists()
    import psycopg

    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        row = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [parts.path.lstrip("/")]
        ).fetchone()
    return row is not None

"""Settings come from the environment; production refuses to start without a key."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    code = (
        "import json, pga.settings as s; "
        "print(json.dumps([s.DATABASES['default']['ENGINE'], str(s.DATABASES['default']['NAME']),"
        " s.DEBUG, s.ALLOWED_HOSTS]))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_without_a_secret_key_and_debug_off_the_start_stops_with_a_clear_message():
    result = load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_without_database_url_it_uses_sqlite_in_the_project_folder():
    result = load_settings(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert '"django.db.backends.sqlite3"' in result.stdout
    assert str(ROOT / "db.sqlite3") in result.stdout


def test_database_url_selects_postgresql():
    result = load_settings(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://pga:geheim@db.example:5432/pga",
        ALLOWED_HOSTS="pga.example.nl, www.pga.example.nl",
    )
    assert result.returncode == 0, result.stderr
    assert '"django.db.backends.postgresql"' in result.stdout
    assert '["pga.example.nl", "www.pga.example.nl"]' in result.stdout
    assert "false" in result.stdout  # DEBUG is off unless asked for


def test_language_and_time_zone_are_dutch():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ

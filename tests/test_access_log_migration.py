"""The one-off that brings old access-log rows under the current rule: no search words and no
unknown typed usernames as text (pga/migrations/0003)."""

import pytest
from django.db import connection

from pga.access_log import fingerprint
from tests.base import migrate, migrate_to_latest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    yield
    migrate_to_latest()


BEFORE = ("pga", "0002_access_log_append_only_trigger")
AFTER = ("pga", "0003_access_log_search_fingerprints")


def test_old_search_words_and_unknown_names_are_rewritten():
    UserFactory(username="petra")
    migrate(BEFORE)
    rows = [
        ("list", "q=Bakker 123.456.782; status=alle"),
        ("login_failed", "gebruikersnaam: Welkom2024!"),
        ("login_failed", "gebruikersnaam: petra"),
        ("view", "tab=partners"),
    ]
    with connection.cursor() as cursor:
        for action, detail in rows:
            cursor.execute(
                "INSERT INTO pga_accesslog (at, username, organisation, action, result, route, "
                "method, object_type, object_id, detail, user_agent) "
                "VALUES (CURRENT_TIMESTAMP, '', '', %s, 'allowed', '', 'GET', '', '', %s, '')",
                [action, detail],
            )
    migrate(AFTER)
    with connection.cursor() as cursor:
        cursor.execute("SELECT detail FROM pga_accesslog ORDER BY id")
        details = [row[0] for row in cursor.fetchall()]
    assert details == [
        f"q={fingerprint('Bakker')} [9 cijfers]; status=alle",
        "onbekende gebruikersnaam",
        "gebruikersnaam: petra",
        "tab=partners",
    ]

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from guardian.shortcuts import clear_ct_cache

from cases.reference_data import load_reference_data
from tests.base import make_personas


def is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def fresh_state_after_flush(request):
    """Transactional tests (live server, worker processes) flush the tables between tests.

    Content types then get new ids, which guardian and Django cache (grants would silently
    point at stale ones), and the reference lists of the data migration are gone
    (post_migrate brings back permissions and role groups, not those). Django's
    serialized_rollback would restore them, but its snapshot lives on a connection object
    that Playwright's event loop can swap out.
    """
    if not is_transactional(request):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    clear_ct_cache()
    ContentType.objects.clear_cache()
    load_reference_data(django_apps)
    yield
    clear_ct_cache()
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The API's rate limits count in the cache: every test starts with none used (the page
    walks of other tests ask the API without a token from the same address)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def personas(db):
    return make_personas()


@pytest.fixture
def coordinator(personas):
    return personas.coordinator


@pytest.fixture
def petra(personas):
    return personas.petra


@pytest.fixture
def wim(personas):
    return personas.wim


@pytest.fixture
def beheer(personas):
    return personas.beheer


@pytest.fixture
def case_a(personas):
    return personas.case_a

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate limits count in the cache; every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def settings_api_unlimited(settings):
    """Generated requests come by the hundred: no rate limit in their way."""
    settings.API_RATE_LIMIT = "100000/minute"
    settings.API_RATE_LIMIT_REFUSED = "100000/minute"
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]  # schemathesis's WSGI client

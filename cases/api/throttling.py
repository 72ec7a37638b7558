"""Rate limits, counted in the cache (CACHE_URL): per system account (API_RATE_LIMIT), and
per address for requests without a working token (API_RATE_LIMIT_REFUSED): no token, or
one that is unknown, expired or withdrawn."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from pga.client_ip import client_ip


class PerAccount(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class RefusedPerAddress(SimpleRateThrottle):
    """Counts the requests of an address that bring no working token (asked by the
    authentication itself for a refused key, before any user is known)."""

    scope = "api_refused"

    def get_rate(self):
        return settings.API_RATE_LIMIT_REFUSED

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request._request)}


class PerAddressWithoutToken(RefusedPerAddress):
    def get_cache_key(self, request, view):
        if request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)

"""Rate limits, counted in the cache (CACHE_URL): per system account (API_RATE_LIMIT), and
per address for requests without a working token (API_RATE_LIMIT_REFUSED): no token, a
malformed header, or a key that is unknown, expired or withdrawn."""

from django.conf import settings
from rest_framework.exceptions import Throttled
from rest_framework.permissions import BasePermission
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


class CountRefused(BasePermission):
    """Listed before IsAuthenticated: a request without a token is counted per address
    before it is answered with a 401 (DRF checks throttles only after the permissions), so
    neither the server nor the access log can be flooded with them."""

    def has_permission(self, request, view):
        if request.user.is_authenticated:
            return True
        limit = RefusedPerAddress()
        if not limit.allow_request(request, view):
            raise Throttled(limit.wait())
        return True

"""The client's address, for the lock-out and the access log alike.

Behind TRUSTED_PROXY_COUNT proxies, each appends the address it received the request from to
X-Forwarded-For, so the client is the N-th entry from the right; anything left of it is what
the client itself claimed and is ignored. With 0 proxies: REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        return remote
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if len(addresses) < count:
        return remote
    candidate = addresses[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote

"""Rate limits per client: a token's own count, or the client's address for anonymous
reads (csx/serving/client_address.py: behind a proxy, the address the proxy reports, never what
the client wrote in X-Forwarded-For). Counted in the "ratelimit" cache (Redis in
production, shared by every app server); over the limit, 429 with Retry-After."""

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from csx.serving.client_address import client_key


class ClientThrottle(SimpleRateThrottle):
    scope = "client"

    def get_rate(self):
        # Read at each request, not once at import: settings.REST_FRAMEWORK as it is now.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    @property
    def cache(self):
        return caches["ratelimit"]

    def get_cache_key(self, request, view):
        token = request.auth
        ident = f"token-{token.pk}" if token is not None else client_key(self.scope, request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class WriteThrottle(ClientThrottle):
    scope = "write"

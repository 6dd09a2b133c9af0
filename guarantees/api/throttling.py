from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle

from ..clients import client_address


class AnonymousRateThrottle(AnonRateThrottle):
    """Anonymous clients, per address, counted in the `limits` cache that every worker shares.

    The address is `clients.client_address` (TRUSTED_PROXY_COUNT), the one every limit uses; the rate is read
    from settings at each request, so tests can set it.
    """

    cache = caches["limits"]

    def get_rate(self):
        return settings.API_ANONYMOUS_RATE

    def get_ident(self, request):
        return client_address(request)

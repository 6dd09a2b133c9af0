from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """Anonymous clients, per address; the rate is read from settings at each request, so tests can set it."""

    def get_rate(self):
        return settings.API_ANONYMOUS_RATE

"""API throttles beyond DRF's own per-user and anonymous ones (settings REST_FRAMEWORK)."""

from rest_framework.throttling import SimpleRateThrottle


class ClientAddressRateThrottle(SimpleRateThrottle):
    """Every API call from one client address, signed in or not (rate `ip`): many accounts or many bad
    tokens from one address share one budget."""

    scope = "ip"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

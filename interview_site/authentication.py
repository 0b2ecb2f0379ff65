"""API token authentication with the login lockout: guessing tokens counts as failed logins (django-axes)."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .lockout import LOCKED_CODE, lockout_message, lockout_seconds

# Bad tokens have no username: they are counted under this one, per client address.
BAD_TOKEN_USERNAME = "(api token)"  # noqa: S105 - a label, not a secret


class LockedOut(exceptions.Throttled):
    default_code = LOCKED_CODE


class LockoutTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, refused (429 login_locked) once an address has sent
    AXES_FAILURE_LIMIT bad tokens; each bad token is a failed login for axes to count."""

    def authenticate(self, request):
        if not self._is_token_header(request):
            return super().authenticate(request)  # no token: nothing to count
        credentials = {"username": BAD_TOKEN_USERNAME}
        if not AxesProxyHandler.is_allowed(request._request, credentials):
            raise self._locked(request)
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request._request)
            if not AxesProxyHandler.is_allowed(request._request, credentials):
                raise self._locked(request) from None
            raise

    def _is_token_header(self, request) -> bool:
        parts = (request.META.get("HTTP_AUTHORIZATION") or "").split()
        return len(parts) == 2 and parts[0].lower() == self.keyword.lower()

    @staticmethod
    def _locked(request) -> LockedOut:
        seconds = lockout_seconds(request._request)
        error = LockedOut(wait=seconds)
        error.detail = lockout_message(max(1, round(seconds / 60)))
        return error

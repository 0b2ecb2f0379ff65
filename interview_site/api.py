"""The contract's error shape for every API failure: `{"error": {"code": ..., "message": ...}}`."""

import math

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class ApiError(exceptions.APIException):
    """An error with a specific, documented code. Raise it from API views and services."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, code: str, message: str, *, status_code: int | None = None, extra: dict | None = None):
        super().__init__(detail=message, code=code)
        self.code = code
        self.message = message
        self.extra = extra or {}
        if status_code is not None:
            self.status_code = status_code


class StrictCharField(serializers.CharField):
    """A string input that is a string: DRF's CharField also takes a JSON number, which `type: string` refuses."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


_DEFAULT_CODES = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.ParseError: "malformed_request",
    exceptions.Throttled: "rate_limited",
}


def _flatten(detail, prefix: str = "") -> list[str]:
    if isinstance(detail, dict):
        out: list[str] = []
        for key, value in detail.items():
            out += _flatten(value, f"{prefix}{key}: " if key != "non_field_errors" else prefix)
        return out
    if isinstance(detail, list):
        return [m for item in detail for m in _flatten(item, prefix)]
    return [f"{prefix}{detail}"]


def _refused_request(exc: SuspiciousOperation) -> ApiError:
    """Django's own refusals of a request body (raised while DRF parses it), in the contract's shape."""
    if isinstance(exc, RequestDataTooBig):
        return ApiError("too_large", "The request body is over the size limit.", status_code=413)
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return ApiError("too_many_fields", "The form has more fields or files than the server reads.")
    return ApiError("bad_request", "The request was refused as malformed.")


def exception_handler(exc, context) -> Response | None:
    if isinstance(exc, SuspiciousOperation):
        exc = _refused_request(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's 500 handler answers in the same shape
    if isinstance(exc, ApiError):
        error = {"code": exc.code, "message": exc.message, **exc.extra}
    elif isinstance(exc, exceptions.ValidationError):
        error = {"code": "invalid", "message": "; ".join(_flatten(exc.detail)), "fields": exc.detail}
    else:
        code = _DEFAULT_CODES.get(type(exc)) or getattr(exc, "default_code", "error")
        error = {"code": code, "message": str(exc.detail) if hasattr(exc, "detail") else str(exc)}
        if isinstance(exc, exceptions.Throttled):
            error.update(_throttled(exc))
    response.data = {"error": error}
    return response


def _throttled(exc: exceptions.Throttled) -> dict:
    """A throttled call says in words when to try again; the Retry-After header says it in seconds."""
    seconds = max(1, math.ceil(exc.wait)) if exc.wait else None
    if type(exc) is exceptions.Throttled:
        later = f" Try again in {seconds} s." if seconds else " Try again later."
        return {"message": "Too many requests." + later, "retry_after_s": seconds}
    return {"retry_after_s": seconds}


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"error": {"code": "not_found", "message": "No such resource."}}, status=404)
    return render(request, "404.html", status=404)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    """Requests Django refuses before any view runs (e.g. an unknown Host, a body over the size limit)."""
    if _wants_json(request):
        error = _refused_request(exception if isinstance(exception, SuspiciousOperation) else SuspiciousOperation())
        return JsonResponse({"error": {"code": error.code, "message": error.message}}, status=error.status_code)
    from django.views.defaults import bad_request as django_bad_request

    return django_bad_request(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            {"error": {"code": "server_error", "message": "Something went wrong on our side; nothing was lost."}},
            status=500,
        )
    return render(request, "500.html", status=500)

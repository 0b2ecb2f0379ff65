"""What a locked-out login gets (django-axes calls `lockout_response`): 429 with Retry-After, in the
contract's error shape for the API and as the login page with the reason for people."""

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

LOCKED_CODE = "login_locked"


def lockout_message(minutes: int) -> str:
    return (
        "Too many failed sign-in attempts: sign-in is locked for this account from your address "
        f"for {minutes} minute{'s' if minutes != 1 else ''}."
    )


def lockout_seconds(request: HttpRequest | None = None) -> int:
    cool_off = get_cool_off(request)
    return max(1, int(cool_off.total_seconds())) if cool_off else 3600


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    seconds = lockout_seconds(request)
    message = lockout_message(max(1, round(seconds / 60)))
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": {"code": LOCKED_CODE, "message": message, "retry_after_s": seconds}},
                                status=429)
    else:
        response = render(request, "registration/locked.html", {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response

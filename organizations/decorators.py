"""The access check of every recruiter HTML page, in one decorator."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .access import Action, RoleForbidden, is_member, require


def role_forbidden_page(request: HttpRequest, error: RoleForbidden) -> HttpResponse:
    return render(request, "403.html", {"code": error.code, "message": error.message}, status=403)


def member_required(view: Callable | None = None, *, action: Action | None = None) -> Callable:
    """Log in first; a signed-in user who is no member gets a 404 (no hint that the page exists); a
    member whose role lacks `action` (checked here, or raised later by a selector) gets a 403 page
    with the code `role_forbidden`."""

    def decorate(func: Callable) -> Callable:
        @wraps(func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_member(request.user):
                raise Http404
            try:
                if action is not None:
                    require(request.user, action)
                return func(request, *args, **kwargs)
            except RoleForbidden as error:
                return role_forbidden_page(request, error)

        return wrapper

    return decorate(view) if view is not None else decorate

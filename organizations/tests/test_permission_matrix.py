"""Every route, requested as each kind of caller, against the table below.

The routes come from the URLconf and the WebSocket router themselves, so a new endpoint without a row
here fails `test_every_route_has_a_row`: whoever adds one decides, in this table, who may use it.

Callers: anonymous; the default organisation's admin, recruiter and reviewer; and `outsider`, a
recruiter of another organisation (another organisation's object answers 404, like a missing one).
"""

import json
import re

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient
from rest_framework.views import APIView

from interview_site.asgi import application
from interviews.routing import websocket_urlpatterns

from .world import ROLES

LOGIN = "login"  # 302 to the login page
ADMIN_LOGIN = "admin login"  # 302 to the admin's login page (the admin is for operators: superusers)
FORBIDDEN = "role_forbidden"  # 403 with the error code role_forbidden


def row(anonymous, admin, recruiter, reviewer, outsider) -> dict:
    return dict(zip(ROLES, (anonymous, admin, recruiter, reviewer, outsider), strict=True))


def everyone(expected) -> dict:
    return dict.fromkeys(ROLES, expected)


def api_read(ok=200) -> dict:
    """An object of the default organisation, read through the API."""
    return row(401, ok, ok, ok, 404)


def api_change(ok) -> dict:
    """A change to an object of the default organisation through the API."""
    return row(401, ok, ok, FORBIDDEN, 404)


def page_read(ok=200) -> dict:
    return row(LOGIN, ok, ok, ok, 404)


def page_change(ok) -> dict:
    return row(LOGIN, ok, ok, FORBIDDEN, 404)


# (route name, method) -> (how the request is made, expected answer per caller). Bodies are chosen so
# that an allowed caller gets past access and validation answers (400) or the change is harmless.
EXPECTED = {
    ("healthz", "get"): everyone(200),
    ("login", "get"): everyone(200),
    ("logout", "post"): everyone(302),
    ("password_change", "get"): row(LOGIN, 200, 200, 200, 200),
    ("password_change_done", "get"): row(LOGIN, 200, 200, 200, 200),
    ("password_reset", "get"): everyone(200),
    ("password_reset_done", "get"): everyone(200),
    ("password_reset_confirm", "get"): everyone(200),
    ("password_reset_complete", "get"): everyone(200),
    ("api-schema", "get"): everyone(200),
    # Uploads and starts name no object: every member whose role may change can use them in their own
    # organisation (the outsider too); a JD of another organisation is then as unknown as a missing one.
    ("api-documents-upload-jd", "post"): row(401, 400, 400, FORBIDDEN, 400),
    ("api-documents-upload-resume", "post"): row(401, 400, 400, FORBIDDEN, 400),
    ("api-document-detail", "get"): api_read(),
    # Erasing and exporting a candidate: an organisation's admins (the route's document is a JD: 400 not_a_resume).
    ("api-document-erase", "post"): row(401, 400, FORBIDDEN, FORBIDDEN, 404),
    ("api-document-export", "get"): row(401, 400, FORBIDDEN, FORBIDDEN, 404),
    ("api-interview-start", "post"): row(401, 201, 201, FORBIDDEN, 404),
    ("api-interview-detail", "get"): api_read(),
    ("api-transcripts", "post"): row(401, 202, 202, FORBIDDEN, 404),
    ("api-interview-report", "get"): api_read(),
    ("api-interview-report-regenerate", "post"): api_change(202),
    ("api-interview-report-overrides", "get"): api_read(),
    ("api-interview-report-overrides", "post"): api_change(400),
    ("api-interview-decision", "get"): api_read(),
    ("api-interview-decision", "post"): api_change(400),
    # Comments: every role of the organisation may comment (an empty body: 400 comment_required / a 302 back).
    ("api-interview-comments", "get"): api_read(),
    ("api-interview-comments", "post"): row(401, 400, 400, 400, 404),
    ("api-interview-plan", "get"): api_read(),
    ("api-interview-plan", "put"): api_change(400),
    ("api-jd-candidates-ranked", "get"): api_read(),
    ("documents-upload", "get"): row(LOGIN, 200, 200, FORBIDDEN, 200),
    ("documents-upload", "post"): row(LOGIN, 400, 400, FORBIDDEN, 400),
    ("documents-detail", "get"): page_read(),
    ("documents-file", "get"): page_read(),
    ("interview-report", "get"): page_read(),
    ("interview-report-regenerate", "post"): page_change(302),
    ("interview-report-override", "post"): page_change(302),
    ("interview-decision", "post"): page_change(302),
    ("interview-comment", "post"): row(LOGIN, 302, 302, 302, 404),
    ("interviews-dashboard", "get"): row(LOGIN, 200, 200, 200, 200),
    ("interviews-candidate", "get"): everyone(200),  # the invite token is the credential
    ("interviews-start", "post"): row(LOGIN, 302, 302, FORBIDDEN, 302),
    ("interviews-detail", "get"): page_read(),
    ("interviews-plan", "post"): page_change(400),
    ("interviews-new-link", "post"): page_change(302),
    # The audit log: an organisation's admins only (the outsider is a recruiter of their own organisation).
    ("audit-log", "get"): row(LOGIN, 200, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    ("audit-export", "get"): row(LOGIN, 200, FORBIDDEN, FORBIDDEN, FORBIDDEN),
}
# Every route of the Django admin: operators (superusers) only, so every member is sent to its login.
ADMIN_ROUTES = {
    "admin:login": {"get": everyone(200)},
    "admin:logout": {"post": everyone(302)},  # logs out whoever asks, and goes back to the admin
}
ADMIN_DEFAULT = {"get": everyone(ADMIN_LOGIN)}
# The candidate's socket opens with its invite token (or the candidate page's session), never with a
# recruiter's login: every caller without the token is refused with 4401.
WEBSOCKET_EXPECTED = {
    r"^api/v1/interview/(?P<interview_id>\d+)/chat/?$": {"without token": everyone(4401), "with token": "session"},
}


def _routes(resolver=None, prefix="", namespace=None):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, prefix + str(pattern.pattern), pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            # The admin's few unnamed routes (redirects to the named ones) are admin routes all the same.
            name = f"{namespace}:{pattern.name or prefix + str(pattern.pattern)}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern), pattern


def _api_methods(pattern: URLPattern) -> set[str] | None:
    view = getattr(pattern.callback, "cls", None)
    if view is None or not issubclass(view, APIView):
        return None
    return {m for m in ("get", "post", "put", "patch", "delete") if hasattr(view, m)}


def _rows_for(name: str | None) -> dict:
    if name is None:
        return {}
    if name.startswith("admin:"):
        return ADMIN_ROUTES.get(name, ADMIN_DEFAULT)
    return {method: expected for (route, method), expected in EXPECTED.items() if route == name}


def test_every_route_has_a_row():
    missing, unnamed, methods = [], [], []
    for name, route, pattern in _routes():
        if not name:
            unnamed.append(route)
            continue
        rows = _rows_for(name)
        if not rows:
            missing.append(f"{name} ({route})")
        implemented = _api_methods(pattern)
        if implemented is not None and implemented != set(rows):
            methods.append(f"{name}: the view answers {sorted(implemented)}, the table has {sorted(rows)}")
    assert not unnamed, f"routes without a name cannot have a row: {unnamed}"
    assert not missing, f"routes with no row in the permission table: {missing}"
    assert not methods, methods
    known = {name for name, _, _ in _routes()}
    stale = {name for name, _ in EXPECTED} - known
    assert not stale, f"rows for routes that no longer exist: {stale}"
    ws = {str(p.pattern) for p in websocket_urlpatterns}
    assert ws == set(WEBSOCKET_EXPECTED), f"WebSocket routes and the table differ: {ws ^ set(WEBSOCKET_EXPECTED)}"


def _url(world, name: str, route: str) -> str:
    """The route with a real object of the default organisation for each parameter."""
    interview = world.scheduled if name in ("interviews-plan", "interviews-new-link", "api-interview-plan") \
        else world.ended
    values = {
        "interview_id": interview.pk, "document_id": world.jd.pk, "jd_id": world.jd.pk,
        "token": world.candidate_token, "uidb64": "MQ", "app_label": "documents", "object_id": world.jd.pk,
        "content_type_id": 1, "url": "nowhere/",
        "id": world.users["admin"].pk,
    }

    def value(match: re.Match) -> str:
        key = match.group("name")
        assert key in values, f"no object for the URL parameter {key!r} of {route}: add one to the world"
        return str(values[key])

    url = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, route)
    url = re.sub(r"\(\?P<(?P<name>\w+)>(?:[^()]|\([^()]*\))*\)", value, url)
    return "/" + url.lstrip("^").rstrip("$")


def _body(world, name: str):
    if name == "api-interview-start":
        return {"jd_id": world.jd.pk, "resume_id": world.ended.resume.pk, "duration_minutes": 15}
    if name == "api-transcripts":
        return {"jd_id": world.jd.pk, "text": "Interviewer: How would you design a booking API?\n"
                                              "Candidate: Resources for rooms and reservations, with idempotency keys."}
    return {}


def _format(name: str) -> str:
    return "multipart" if name.startswith("api-documents-upload") else "json"


def _client(world, who: str) -> APIClient:
    client = APIClient()
    if who != "anonymous":
        client.force_login(world.users[who])
    return client


def _check(response, expected, where: str) -> str | None:
    status = response.status_code
    location = response.get("Location", "")
    if expected == LOGIN:
        ok = status == 302 and location.startswith(django_settings.LOGIN_URL)
    elif expected == ADMIN_LOGIN:
        ok = status == 302 and "/admin/login/" in location
    elif expected == FORBIDDEN:
        ok = status == 403 and b"role_forbidden" in response.content
    else:
        ok = status == expected
    return None if ok else f"{where}: expected {expected}, got {status} {location}"


@pytest.mark.django_db
def test_every_route_answers_each_caller_as_the_table_says(world):
    wrong = []
    for name, route, _pattern in _routes():
        for method, expected in _rows_for(name).items():
            url = _url(world, name, route)
            for who in ROLES:
                client = _client(world, who)
                body = _body(world, name)
                send = getattr(client, method)
                response = send(url, body, format=_format(name)) if name.startswith("api-") else send(url, body)
                problem = _check(response, expected[who], f"{method.upper()} {url} as {who}")
                if problem:
                    wrong.append(problem)
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db(transaction=True)
async def test_every_websocket_route_answers_each_caller_as_the_table_says(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    from interviews.tests.factories import make_interview
    from organizations.models import Membership, Organization, default_organization_id

    interview, token = await sync_to_async(make_interview)()

    def session_cookie(who: str) -> list:
        if who == "anonymous":
            return []
        org_id = default_organization_id() if who != "outsider" else Organization.objects.create(slug="else").pk
        user = get_user_model().objects.create_user(f"ws-{who}", password="x-pass-123")
        Membership.objects.create(user=user, organization_id=org_id, role="recruiter" if who == "outsider" else who)
        from django.test import Client

        client = Client()
        client.force_login(user)
        return [(b"cookie", f"{django_settings.SESSION_COOKIE_NAME}={client.session.session_key}".encode())]

    origin = (b"origin", b"http://testserver")
    for pattern, expected in WEBSOCKET_EXPECTED.items():
        assert "interview_id" in pattern
        path = f"/api/v1/interview/{interview.pk}/chat"
        for who in ROLES:
            headers = await sync_to_async(session_cookie)(who)
            ws = WebsocketCommunicator(application, path, headers=[origin, *headers])
            connected, _ = await ws.connect()
            assert connected
            output = await ws.receive_output(5)
            assert output["type"] == "websocket.close" and output.get("code") == expected["without token"][who], who
            await ws.disconnect()
        ws = WebsocketCommunicator(application, f"{path}?token={token}", headers=[origin])
        connected, _ = await ws.connect()
        assert connected
        await ws.send_to(text_data=json.dumps({"type": "hello", "last_seq": 0}))
        assert (await ws.receive_json_from(5))["type"] == expected["with token"]
        await ws.disconnect()

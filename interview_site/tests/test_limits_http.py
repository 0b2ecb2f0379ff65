"""HTTP abuse limits in the process: the body limit around the real ASGI app, API throttles per user and
per address, and the login lockout (django-axes) for the login form and API tokens. The 413 through a
real Daphne process is in tests/test_limits_live.py."""

import asyncio
import json
import os
import uuid

import pytest
from asgiref.sync import async_to_sync
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from interview_site.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)


def call_asgi(headers: list[tuple[bytes, bytes]], chunks: list[bytes], path: str = "/api/v1/interview/start"):
    """POST through the ASGI application; returns (status, json body, how many body chunks it read)."""
    read = 0
    sent: list[dict] = []

    async def receive():
        nonlocal read
        if read < len(chunks):
            read += 1
            return {"type": "http.request", "body": chunks[read - 1], "more_body": read < len(chunks)}
        await asyncio.Event().wait()  # the client stays connected until the answer

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"host", b"localhost"), *headers], "client": ("127.0.0.1", 5000), "server": ("localhost", 80),
    }
    async_to_sync(application)(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], json.loads(body), read


# --- Bodies over the limit ---------------------------------------------------------------------------


def test_a_declared_body_over_the_limit_is_refused_before_one_byte_is_read(settings):
    settings.HTTP_MAX_BODY_BYTES = 4096
    status, body, read = call_asgi([(b"content-type", b"application/json"), (b"content-length", b"300000000")],
                                   [b"x" * 1024] * 10)
    assert (status, read) == (413, 0)
    assert body["error"]["code"] == "payload_too_large" and body["error"]["limit_bytes"] == 4096


def test_a_streamed_body_without_a_length_is_refused_once_it_passes_the_limit(settings):
    settings.HTTP_MAX_BODY_BYTES = 4096
    status, body, read = call_asgi([(b"content-type", b"application/json")], [b"x" * 1024] * 100)
    assert (status, read) == (413, 5)  # the fifth KiB passes 4096 bytes; the other 95 are never read
    assert "4096 bytes" in body["error"]["message"]


def test_uploads_get_the_document_limit_plus_a_margin_and_small_bodies_go_through(settings):
    settings.HTTP_MAX_BODY_BYTES = 4096
    settings.HTTP_MAX_UPLOAD_BODY_BYTES = 64 * 1024
    multipart = (b"content-type", b"multipart/form-data; boundary=xyz")
    status, body, _ = call_asgi([multipart, (b"content-length", b"70000")], [b"x" * 70000])
    assert (status, body["error"]["limit_bytes"]) == (413, 64 * 1024)
    # Under the limit the request reaches Django, which answers as before (nobody signed in: 401).
    status, body, read = call_asgi([multipart, (b"content-length", b"8000")], [b"x" * 8000],
                                   path="/api/v1/documents/upload/resume")
    assert (status, body["error"]["code"], read) == (401, "not_authenticated", 1)
    status, body, _ = call_asgi([(b"content-type", b"application/json")], [b"{}"])
    assert (status, body["error"]["code"]) == (401, "not_authenticated")


# --- API throttles ---------------------------------------------------------------------------------------


@pytest.fixture(params=["memory", "redis"])
def throttle_cache(request, settings):
    """The throttles' counters in the process's memory and, when REDIS_URL is set, in Redis as deployed."""
    if request.param == "redis":
        if not os.environ.get("REDIS_URL"):
            pytest.skip("needs REDIS_URL")
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                       "LOCATION": os.environ["REDIS_URL"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}
    return request.param


@pytest.fixture
def rates(monkeypatch):
    """Set the throttle rates (DRF reads them once, into the class)."""

    def set_rates(**rates):
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100/min", "user": "100/min",
                                                                   "ip": "100/min", **rates})

    return set_rates


def staff_client(make_member, name: str, address: str = "127.0.0.1") -> APIClient:
    """A recruiter of the default organisation, calling from `address`."""
    user = make_member(name)
    client = APIClient(REMOTE_ADDR=address)
    client.force_authenticate(user)
    return client


def test_api_calls_are_throttled_per_user_with_the_contract_shape(throttle_cache, rates, make_member):
    rates(user="3/min")
    alice, bob = staff_client(make_member, "alice"), staff_client(make_member, "bob")
    assert [alice.get("/api/v1/interview/999999").status_code for _ in range(3)] == [404, 404, 404]
    response = alice.get("/api/v1/interview/999999")
    error = response.json()["error"]
    assert response.status_code == 429 and error["code"] == "rate_limited"
    assert 1 <= error["retry_after_s"] <= 60 and response["Retry-After"] == str(error["retry_after_s"])
    assert f"Try again in {error['retry_after_s']} s" in error["message"]
    assert bob.get("/api/v1/interview/999999").status_code == 404  # another user has a budget of their own


def test_api_calls_are_throttled_per_address_across_users(throttle_cache, rates, make_member):
    rates(ip="3/min")
    alice, bob = staff_client(make_member, "alice"), staff_client(make_member, "bob")
    carol = staff_client(make_member, "carol", address="10.1.2.3")
    assert [c.get("/api/v1/interview/999999").status_code for c in (alice, alice, bob, bob)] == [404, 404, 404, 429]
    assert carol.get("/api/v1/interview/999999").status_code == 404


# --- Login lockout ----------------------------------------------------------------------------------------


def test_the_login_form_locks_a_username_after_repeated_failures(client, settings, django_user_model):
    settings.AXES_FAILURE_LIMIT = 3
    django_user_model.objects.create_user(username="rita", password="right-pass-123", is_staff=True)
    django_user_model.objects.create_user(username="sam", password="right-pass-456", is_staff=True)
    login = "/accounts/login/"
    assert [client.post(login, {"username": "rita", "password": "wrong"}).status_code for _ in range(2)] == [200, 200]
    locked = client.post(login, {"username": "rita", "password": "wrong"})
    assert locked.status_code == 429 and int(locked["Retry-After"]) == 15 * 60
    assert "Too many failed sign-in attempts" in locked.content.decode()
    # Locked means locked: the right password does not get in either, until the cool-off ends.
    assert client.post(login, {"username": "rita", "password": "right-pass-123"}).status_code == 429
    # Another account from the same address is not locked out by rita's failures.
    assert client.post(login, {"username": "sam", "password": "right-pass-456"}).status_code == 302


def test_guessing_api_tokens_locks_the_address_out(settings, recruiter):
    settings.AXES_FAILURE_LIMIT = 3
    token = Token.objects.create(user=recruiter)
    guesser = APIClient(REMOTE_ADDR="10.9.9.9")
    codes = []
    for _ in range(3):
        guesser.credentials(HTTP_AUTHORIZATION=f"Token {uuid.uuid4().hex}")
        codes.append(guesser.get("/api/v1/interview/999999").json()["error"]["code"])
    assert codes == ["authentication_failed", "authentication_failed", "login_locked"]
    guesser.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = guesser.get("/api/v1/interview/999999")
    assert response.status_code == 429 and response.json()["error"]["code"] == "login_locked"
    assert int(response["Retry-After"]) == response.json()["error"]["retry_after_s"] == 15 * 60
    owner = APIClient(REMOTE_ADDR="10.0.0.1")
    owner.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert owner.get("/api/v1/interview/999999").status_code == 404  # the real owner elsewhere is unaffected


def test_a_forged_forwarded_address_does_not_escape_the_address_throttle(rates, make_member):
    rates(ip="2/min")
    alice = staff_client(make_member, "alice")
    codes = [alice.get("/api/v1/interview/999999", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code for i in range(3)]
    assert codes == [404, 404, 429]

"""Shared fixtures: a recruiter (a recruiter member of the default organisation, not staff), members with
other roles, authenticated API clients, an isolated media dir, and Claude answered from recordings."""

import anthropic
import pytest
from rest_framework.test import APIClient

from llm.providers import anthropic as anthropic_provider
from llm.tests.recordings import FakeServer


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def organization(db):
    """The default organisation: where rows made without naming one (the factories) belong."""
    from organizations.models import Organization, default_organization_id

    return Organization.objects.get(pk=default_organization_id())


@pytest.fixture
def make_member(db, django_user_model, organization):
    """A user with a role in an organisation (the default one unless given)."""
    from organizations.models import Membership

    def make(username: str, role: str = "recruiter", org=None):
        user = django_user_model.objects.create_user(
            username=username, email=f"{username}@example.com", password="s3cret-pass!"
        )
        Membership.objects.create(user=user, organization=org or organization, role=role)
        return user

    return make


@pytest.fixture
def recruiter(make_member):
    return make_member("recruiter", "recruiter")


@pytest.fixture
def api_client(recruiter) -> APIClient:
    client = APIClient()
    client.force_authenticate(recruiter)
    return client


@pytest.fixture
def recruiter_client(client, recruiter):
    """Django's test client, logged in as a recruiter, for HTML pages."""
    client.force_login(recruiter)
    return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 at production strength costs ~0.3 s a user; tests create many.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _no_session_outlives_the_tests(django_db_setup):
    """Async tests run their synchronous setup through asgiref's one shared thread, whose database
    connection would otherwise stay open and keep the test database from being dropped at the end."""
    yield
    from asgiref.sync import SyncToAsync
    from django.db import connections

    SyncToAsync.single_thread_executor.submit(connections.close_all).result(timeout=10)


@pytest.fixture
def sandbox_worker(db):
    """A sandbox worker has reported in, at the level this machine really offers (probed, not assumed):
    new plans may then carry a coding task when that level meets the minimum."""
    from analysis.code.execution import worker_status
    from analysis.code.services import sandbox_heartbeat_record

    return sandbox_heartbeat_record(status=worker_status("test-sandbox"))


@pytest.fixture
def claude_server(monkeypatch, settings) -> FakeServer:
    """Claude answered from recordings (llm/tests/recordings.py) under the real AsyncAnthropic client: the
    gateway's own code runs, only the network is replaced."""
    server = FakeServer()
    monkeypatch.setattr(
        anthropic_provider, "http_client_factory",
        lambda: anthropic.DefaultAsyncHttpxClient(transport=server.transport()),
    )
    settings.ANTHROPIC_API_KEY = "sk-ant-test"
    settings.ANTHROPIC_BASE_URL = ""
    settings.LLM_MAIN = settings.LLM_MINI = "anthropic:claude-sonnet-5-5"
    settings.LLM_FALLBACK = ""
    return server


@pytest.fixture(autouse=True)
def _fresh_cache():
    """API throttles count in the cache (the test process's memory): each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
@pytest.fixture
def world(db, make_member, organization, settings):
    """Two organisations, members of every role and real objects (organizations/tests/world.py), for the
    access and audit tests."""
    from organizations.tests.world import make_world

    settings.INTERVIEW_CODING_TASKS = False
    settings.LLM_MAIN = settings.LLM_MINI = "offline"
    return make_world(make_member, organization)
